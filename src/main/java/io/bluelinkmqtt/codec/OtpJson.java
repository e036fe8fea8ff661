package io.bluelinkmqtt.codec;

import io.bluelinkmqtt.bus.BridgeException;
import io.bluelinkmqtt.bus.Failure;
import io.bluelinkmqtt.bus.Replies;
import io.bluelinkmqtt.config.Secret;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * Bodies of the one-time-code dialogue: {@code bluelink.api.otp} (the owner's validated answer) and
 * {@code bluelink.api.otp-changed} (the state of the dialogue).
 */
public final class OtpJson {

  /** The dialogue's states on the bus and on {@code bridge/otp}. */
  public static final String REQUIRED = "required";
  public static final String REJECTED = "rejected";
  public static final String ACCEPTED = "accepted";
  public static final String EXPIRED = "expired";

  /**
   * One state of the dialogue. {@code required} and {@code rejected} mean a code is awaited; {@code accepted} and
   * {@code expired} end it.
   *
   * @param triesLeft for {@code rejected}: how many more codes the cloud takes; -1 otherwise
   * @param sentVia the channel the code was sent by, once it was; null before
   */
  public record OtpState(String state, List<String> channels, String destinationHint, Instant expiresAt,
                         int triesLeft, String sentVia) {

    public static OtpState over(String state) {
      return new OtpState(state, List.of(), null, null, -1, null);
    }

    /** True while the owner's code is awaited. */
    public boolean awaitsCode() {
      return REQUIRED.equals(state) || REJECTED.equals(state);
    }
  }

  /** The owner's answer: a channel to send the code by, or the code (exactly one of the two). */
  public record OtpAnswer(String send, Secret code) {

    @Override
    public String toString() {
      return send != null ? "OtpAnswer[send=" + send + "]" : "OtpAnswer[code=***]";
    }
  }

  private OtpJson() {
  }

  public static JsonObject stateToJson(OtpState s) {
    JsonObject json = Envelope.versioned().put("state", s.state());
    if (!s.channels().isEmpty()) {
      json.put("channels", new JsonArray(List.copyOf(s.channels())));
    }
    putIfPresent(json, "destinationHint", s.destinationHint());
    putIfPresent(json, "expiresAt", s.expiresAt() == null ? null : s.expiresAt().toString());
    if (s.triesLeft() >= 0) {
      json.put("triesLeft", s.triesLeft());
    }
    putIfPresent(json, "sentVia", s.sentVia());
    return json;
  }

  public static OtpState stateFromJson(JsonObject json) {
    Replies.requireSchema(json);
    JsonArray channels = json.getJsonArray("channels", new JsonArray());
    String expires = json.getString("expiresAt");
    return new OtpState(json.getString("state"), channels.stream().map(String::valueOf).toList(),
        json.getString("destinationHint"), expires == null ? null : Instant.parse(expires),
        json.getInteger("triesLeft", -1), json.getString("sentVia"));
  }

  public static JsonObject answerToJson(OtpAnswer answer) {
    return answer.send() != null ? Envelope.versioned().put("send", answer.send())
        : Envelope.versioned().put("code", answer.code().reveal());
  }

  public static OtpAnswer answerFromJson(JsonObject json) {
    Replies.requireSchema(json);
    String send = json.getString("send");
    String code = json.getString("code");
    if ((send == null) == (code == null)) {
      throw new BridgeException(Failure.INVALID, "an answer names either a channel or a code");
    }
    return new OtpAnswer(send, code == null ? null : Secret.of(code));
  }

  /** The reply to an answer: whether a code is still awaited. */
  public static JsonObject answerReply(boolean pending) {
    return Envelope.versioned().put("pending", pending);
  }

  private static void putIfPresent(JsonObject json, String key, String value) {
    if (value != null) {
      json.put(key, value);
    }
  }
}
