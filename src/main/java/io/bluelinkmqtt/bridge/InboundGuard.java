package io.bluelinkmqtt.bridge;

import io.bluelinkmqtt.bus.Failure;
import io.bluelinkmqtt.config.Secret;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Checks one inbound bridge frame before either bridge acts on it: the shared secret (compared in constant time),
 * the allow-list, the frame's shape (a JSON-object body, bounded addresses). An admitted frame leaves without its
 * headers, so the secret never travels on the bus. What the body means is checked by the address's own consumer,
 * exactly as for a request from inside.
 */
final class InboundGuard {

  /** The header that carries the shared secret. */
  static final String SECRET_HEADER = "bluelink-secret";
  static final int MAX_ADDRESS_LENGTH = 128;
  /** Replies go to the client's own address; the official client makes UUIDs (36 characters). */
  static final int MAX_REPLY_ADDRESS_LENGTH = 64;

  /** Why a frame was refused; {@code replyTo} is the client address the refusal is answered on, if any. */
  record Refusal(Failure failure, String message, String replyTo) {

    /** The error frame both bridges send: the shape of the bridges' own reply failures. */
    JsonObject toErrFrame() {
      JsonObject frame = new JsonObject().put("type", "err").put("failureCode", failure.code())
          .put("failureType", "RECIPIENT_FAILURE").put("message", message);
      return replyTo == null ? frame : frame.put("address", replyTo);
    }
  }

  private final byte[] secretDigest;

  InboundGuard(Secret secret) {
    this.secretDigest = secret.isEmpty() ? null : digest(secret.reveal());
  }

  /**
   * @param type the frame type: send, publish, register (pings and unregisters need no check)
   * @return null when the frame may pass (its headers removed), else the refusal
   */
  Refusal check(String type, JsonObject frame) {
    String address = frame.getValue("address") instanceof String a ? a : null;
    String replyAddress = frame.getValue("replyAddress") instanceof String r && r.length() <= MAX_REPLY_ADDRESS_LENGTH
        ? r : null;
    String replyTo = "register".equals(type) ? address : replyAddress;
    if (replyTo != null && replyTo.length() > MAX_ADDRESS_LENGTH) {
      replyTo = null;
    }
    // the headers leave the frame whatever the verdict: nothing after this check sees the secret
    if (!secretMatches(frame.remove("headers"))) {
      return new Refusal(Failure.AUTH_FAILED, "missing or wrong " + SECRET_HEADER + " header", replyTo);
    }
    if (address == null || address.length() > MAX_ADDRESS_LENGTH) {
      return new Refusal(Failure.INVALID, "missing or overlong address", replyTo);
    }
    if (frame.containsKey("replyAddress") && replyAddress == null) {
      return new Refusal(Failure.INVALID, "replyAddress must be a string of at most " + MAX_REPLY_ADDRESS_LENGTH
          + " characters", null);
    }
    return switch (type) {
      case "send" -> {
        if (!BridgeAllowList.mayRequest(address)) {
          yield new Refusal(Failure.DENIED, "address not open to bridge clients", replyTo);
        }
        yield frame.getValue("body") instanceof JsonObject ? null
            : new Refusal(Failure.INVALID, "the body must be a JSON object", replyTo);
      }
      case "register" -> BridgeAllowList.maySubscribe(address) ? null
          : new Refusal(Failure.DENIED, "address not open to bridge clients", replyTo);
      case "publish" -> new Refusal(Failure.DENIED, "bridge clients send requests; they do not publish", replyTo);
      default -> new Refusal(Failure.INVALID, "unknown frame type", replyTo);
    };
  }

  private boolean secretMatches(Object headers) {
    if (secretDigest == null) {
      return true;
    }
    Object given = headers instanceof JsonObject h ? h.getValue(SECRET_HEADER) : null;
    // equal-length digests: the comparison takes the same time whatever the given value
    return given instanceof String s && MessageDigest.isEqual(secretDigest, digest(s));
  }

  private static byte[] digest(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
