package io.bluelinkmqtt.codec;

import io.bluelinkmqtt.bus.Replies;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.Base64;

/**
 * Body of {@code bluelink.command.received}: a command exactly as it came from the broker. The
 * payload travels as base64 because it is hostile input and may not even be UTF-8.
 */
public final class InboundCommandJson {

  /** A raw inbound command. {@code receivedAtMillis} is the bridge's clock when the broker delivered it. */
  public record InboundCommand(String topic, byte[] payload, int qos, boolean dup, long receivedAtMillis) {
  }

  private InboundCommandJson() {
  }

  public static JsonObject toJson(InboundCommand c) {
    return Envelope.versioned()
        .put("topic", c.topic())
        .put("payload", Base64.getEncoder().encodeToString(c.payload()))
        .put("qos", c.qos())
        .put("dup", c.dup())
        .put("receivedAt", c.receivedAtMillis());
  }

  public static JsonObject toJson(String topic, Buffer payload, int qos, boolean dup, long receivedAtMillis) {
    return toJson(new InboundCommand(topic, payload.getBytes(), qos, dup, receivedAtMillis));
  }

  /**
   * True when the payload is empty, without decoding it: the live copy of an empty retained message,
   * i.e. someone clearing a retained command (the broker delivers it with the retain flag off).
   */
  public static boolean hasEmptyPayload(JsonObject json) {
    return json != null && "".equals(json.getValue("payload"));
  }

  public static InboundCommand fromJson(JsonObject json) {
    Replies.requireSchema(json);
    return new InboundCommand(json.getString("topic", ""), Base64.getDecoder().decode(json.getString("payload", "")),
        json.getInteger("qos", 0), json.getBoolean("dup", false), json.getLong("receivedAt", 0L));
  }
}
