package io.bluelinkmqtt.homeassistant;

import io.bluelinkmqtt.codec.MqttPublishJson;
import io.bluelinkmqtt.codec.MqttPublishJson.MqttMessageOut;
import io.vertx.core.json.JsonObject;

/**
 * One Home Assistant discovery config: where it goes and what it says. Configs are retained with QoS 1 so Home
 * Assistant finds them after its own restart; an empty retained payload on the same topic removes the entity.
 *
 * @param component the Home Assistant platform ({@code sensor}, {@code binary_sensor}, {@code button}, ...)
 * @param topic {@code <prefix>/<component>/<node_id>/<object_id>/config}
 * @param payload the config (never mutated after construction)
 */
public record DiscoveryMessage(String component, String topic, JsonObject payload) {

  /** Discovery configs are sent at least once and kept by the broker. */
  public static final int QOS = 1;

  /** The bus body that asks the MQTT bridge to publish this config. */
  public JsonObject toPublish() {
    return MqttPublishJson.toJson(new MqttMessageOut(topic, payload.encode(), QOS, true));
  }

  /** The bus body that removes the entity behind {@code topic}: an empty retained payload. */
  public static JsonObject removal(String topic) {
    return MqttPublishJson.toJson(new MqttMessageOut(topic, "", QOS, true));
  }
}
