package io.bluelinkmqtt.evcc;

import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.codec.MqttPublishJson;
import io.bluelinkmqtt.codec.MqttPublishJson.MqttMessageOut;
import io.bluelinkmqtt.codec.StatusUpdateJson;
import io.bluelinkmqtt.publish.Topics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes {@code bluelink.vehicle.status-updated} and sends the {@link EvccValues} of each update to
 * {@code bluelink.mqtt.publish} as one batch. Config: the base topic only. An unreadable body is logged and
 * dropped: it is an event, nobody waits for a reply.
 */
public class EvccVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(EvccVerticle.class);

  private final String baseTopic;
  private EvccValues values;

  public EvccVerticle(String baseTopic) {
    this.baseTopic = baseTopic;
  }

  @Override
  public Future<?> start() {
    values = new EvccValues(new Topics(baseTopic));
    return vertx.eventBus().<JsonObject>localConsumer(Addresses.VEHICLE_STATUS_UPDATED, msg -> {
      try {
        send(values.map(StatusUpdateJson.fromJson(msg.body())));
      } catch (RuntimeException e) {
        LOG.warn("unreadable status update dropped: {}", e.getClass().getSimpleName());
      }
    }).completion();
  }

  private void send(List<MqttMessageOut> messages) {
    if (!messages.isEmpty()) {
      vertx.eventBus().send(Addresses.MQTT_PUBLISH, MqttPublishJson.batchToJson(messages));
    }
  }
}
