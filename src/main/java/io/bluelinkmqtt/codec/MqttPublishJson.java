package io.bluelinkmqtt.codec;

import io.bluelinkmqtt.bus.Replies;
import io.vertx.core.json.JsonObject;

/** Body of {@code bluelink.mqtt.publish}. */
public final class MqttPublishJson {

  /** One message for the broker. The payload is text (UTF-8); an empty payload on a retained topic clears it. */
  public record MqttMessageOut(String topic, String payload, int qos, boolean retain) {
  }

  private MqttPublishJson() {
  }

  public static JsonObject toJson(MqttMessageOut m) {
    return Envelope.versioned()
        .put("topic", m.topic())
        .put("payload", m.payload())
        .put("qos", m.qos())
        .put("retain", m.retain());
  }

  public static MqttMessageOut fromJson(JsonObject json) {
    Replies.requireSchema(json);
    return new MqttMessageOut(json.getString("topic"), json.getString("payload", ""), json.getInteger("qos", 0),
        json.getBoolean("retain", false));
  }
}
