package io.bluelinkmqtt.codec;

import io.bluelinkmqtt.bus.Replies;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Body of {@code bluelink.mqtt.publish}: one message, or a batch of them. */
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
    return one(json);
  }

  /** Several messages in one bus message, in order: one vehicle update is about two dozen topics. */
  public static JsonObject batchToJson(List<MqttMessageOut> messages) {
    JsonArray array = new JsonArray();
    messages.forEach(m -> array.add(new JsonObject().put("topic", m.topic()).put("payload", m.payload())
        .put("qos", m.qos()).put("retain", m.retain())));
    return Envelope.versioned().put("messages", array);
  }

  /** Reads either form: a single message or a batch ({@code messages}). */
  public static List<MqttMessageOut> allFromJson(JsonObject json) {
    Replies.requireSchema(json);
    JsonArray batch = json.getJsonArray("messages");
    if (batch == null) {
      return List.of(one(json));
    }
    List<MqttMessageOut> messages = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      messages.add(one(batch.getJsonObject(i)));
    }
    return messages;
  }

  private static MqttMessageOut one(JsonObject json) {
    return new MqttMessageOut(json.getString("topic"), json.getString("payload", ""), json.getInteger("qos", 0),
        json.getBoolean("retain", false));
  }
}
