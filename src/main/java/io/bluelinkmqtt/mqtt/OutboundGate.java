package io.bluelinkmqtt.mqtt;

import io.bluelinkmqtt.codec.MqttPublishJson;
import io.bluelinkmqtt.codec.MqttPublishJson.MqttMessageOut;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way out for {@code bluelink.mqtt.publish} requests: refuses topics outside the bridge's scope,
 * remembers retained values for republishing, publishes only while connected, and counts the
 * non-retained messages it had to drop (nothing is queued while the broker is away). After each connect it
 * republishes every remembered retained value: the broker may have lost them, or never seen them.
 */
final class OutboundGate {

  private static final Logger LOG = LoggerFactory.getLogger(OutboundGate.class);

  private final CommandRouter router;
  private final RetainedState retained;
  private final AtomicLong dropped = new AtomicLong();

  OutboundGate(CommandRouter router, RetainedState retained) {
    this.router = router;
    this.retained = retained;
  }

  long dropped() {
    return dropped.get();
  }

  /** Every remembered retained value again, in first-published order (call it after each connect). */
  void republishRetained(BrokerConnection broker) {
    retained.entries().forEach(e -> broker.publish(e.topic(), Buffer.buffer(e.payload()), e.qos(), true));
  }

  void accept(JsonObject body, BrokerConnection broker) {
    List<MqttMessageOut> messages;
    try {
      messages = MqttPublishJson.allFromJson(body);
    } catch (RuntimeException e) {
      LOG.warn("dropping an unreadable publish request: {}", e.getMessage());
      return;
    }
    messages.forEach(out -> acceptOne(out, broker));
  }

  private void acceptOne(MqttMessageOut out, BrokerConnection broker) {
    if (out.topic() == null || !router.mayPublish(out.topic()) || out.qos() < 0 || out.qos() > 2) {
      LOG.warn("refusing to publish outside the bridge's topics or with an invalid QoS: {}", out.topic());
      return;
    }
    if (out.retain()) {
      retained.remember(out.topic(), out.payload(), out.qos());
    }
    if (broker == null || !broker.isConnected()) {
      if (!out.retain()) {
        LOG.debug("not connected: dropping a non-retained message for {} ({} dropped so far)", out.topic(), dropped.incrementAndGet());
      }
      return;
    }
    broker.publish(out.topic(), Buffer.buffer(out.payload()), out.qos(), out.retain()).onFailure(e -> {
      long count = out.retain() ? dropped.get() : dropped.incrementAndGet();
      LOG.debug("publish to {} failed ({}); retained values go out again after the next connect, {} dropped so far",
          out.topic(), e.getMessage(), count);
    });
  }
}
