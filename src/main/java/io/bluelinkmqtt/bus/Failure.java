package io.bluelinkmqtt.bus;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every failure code a request consumer may answer with ({@code message.fail(code, reason)}), and
 * the short name that outcomes on MQTT carry. Codes are explicit and stable: other verticles and
 * other languages branch on them.
 */
public enum Failure {
  INVALID(400, "invalid"),
  AUTH_FAILED(401, "auth_failed"),
  DENIED(403, "denied"),
  UNKNOWN_VEHICLE(404, "unknown_vehicle"),
  BUSY(409, "busy"),
  SHUTDOWN(410, "shutdown"),
  UNSUPPORTED_SCHEMA(415, "unsupported_schema"),
  LOGIN_PENDING(423, "login_pending"),
  THROTTLED(429, "throttled"),
  INTERNAL(500, "internal"),
  BAD_RESPONSE(502, "bad_response"),
  UPSTREAM_UNAVAILABLE(503, "upstream_unavailable"),
  UPSTREAM_TIMEOUT(504, "upstream_timeout"),
  RATE_LIMITED(509, "rate_limited"),
  NETWORK(521, "network"),
  CAR_UNREACHABLE(522, "car_unreachable"),
  UPSTREAM_ERROR(530, "upstream_error");

  private final int code;
  private final String reason;

  Failure(int code, String reason) {
    this.code = code;
    this.reason = reason;
  }

  public int code() {
    return code;
  }

  /** The lower-case name used in MQTT outcomes and logs. */
  public String reason() {
    return reason;
  }

  public static Optional<Failure> fromCode(int code) {
    return Arrays.stream(values()).filter(f -> f.code == code).findFirst();
  }
}
