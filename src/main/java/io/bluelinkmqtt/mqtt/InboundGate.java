package io.bluelinkmqtt.mqtt;

import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.codec.Envelope;
import io.bluelinkmqtt.codec.InboundCommandJson;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.mqtt.messages.MqttPublishMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way in for messages from the broker: routes each one ({@link CommandRouter}) and bounds what it may
 * cost once the client decoded it (up to {@code maxFrameBytes}). A command longer than
 * {@code maxMessageBytes} is handed on cut to {@code maxMessageBytes + 1} bytes: the command check still
 * refuses it as too large (one {@code invalid} outcome), but a large payload is never copied around or
 * held. A Home Assistant status that long is dropped. Size warnings: one a minute at most.
 */
final class InboundGate {

  private static final Logger LOG = LoggerFactory.getLogger(InboundGate.class);
  static final long WARN_INTERVAL_MS = 60_000;

  private final EventBus bus;
  private final CommandRouter router;
  private final int maxMessageBytes;
  private final Clock clock;
  private final LogEvery sizeWarnings = new LogEvery(WARN_INTERVAL_MS);

  InboundGate(EventBus bus, CommandRouter router, int maxMessageBytes, Clock clock) {
    this.bus = bus;
    this.router = router;
    this.maxMessageBytes = maxMessageBytes;
    this.clock = clock;
  }

  /** One message read from the broker (counted in {@link MqttMetrics}). */
  void accept(MqttPublishMessage m) {
    MqttMetrics.received();
    CommandRouter.Route route = router.route(m.topicName(), m.isRetain());
    switch (route.kind()) {
      case COMMAND -> bus.send(Addresses.COMMAND_RECEIVED, InboundCommandJson.toJson(m.topicName(),
          commandPayload(m.topicName(), m.payload()), m.qosLevel().value(), m.isDup(), clock.millis()));
      case HA_STATUS -> {
        if (fits(m.topicName(), m.payload())) {
          bus.publish(Addresses.HA_STATUS_RECEIVED,
              Envelope.versioned().put("payload", m.payload().toString(StandardCharsets.UTF_8)));
        }
      }
      case RETAINED_COMMAND -> {
        if (route.warnNow()) {
          LOG.warn("ignoring a retained command on {}: retained commands are never executed; clear it with an empty "
              + "retained message", m.topicName());
        }
      }
      default -> LOG.debug("ignoring a message outside our command topics");
    }
  }

  private Buffer commandPayload(String topic, Buffer payload) {
    if (payload.length() <= maxMessageBytes) {
      return payload;
    }
    warnSize(topic, payload.length(), "handed on cut, to be refused as too large");
    return payload.getBuffer(0, maxMessageBytes + 1);
  }

  private boolean fits(String topic, Buffer payload) {
    if (payload.length() <= maxMessageBytes) {
      return true;
    }
    warnSize(topic, payload.length(), "dropped");
    return false;
  }

  private void warnSize(String topic, int length, String what) {
    if (sizeWarnings.due(clock.millis())) {
      LOG.warn("a {}-byte MQTT message on {} exceeds maxMessageBytes={}: {} ({} more since the last warning); "
          + "a broker message_size_limit keeps such messages away", length, topic, maxMessageBytes, what,
          sizeWarnings.takeHeld());
    } else {
      LOG.debug("a {}-byte MQTT message on {} exceeds maxMessageBytes={}: {}", length, topic, maxMessageBytes, what);
    }
  }
}
