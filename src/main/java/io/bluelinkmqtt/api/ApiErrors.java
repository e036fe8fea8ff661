package io.bluelinkmqtt.api;

import io.bluelinkmqtt.api.ApiException.Kind;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * The one classification of upstream outcomes (bluelink-protocol.md §8.1, reliability.md §0.10):
 * the EU cloud reports errors inside HTTP 200 bodies, so the body is checked before the status.
 *
 * <table>
 *   <caption>classification</caption>
 *   <tr><th>upstream</th><th>kind</th></tr>
 *   <tr><td>{@code {"error":"Key not authorized…"}}, HTTP 401, resCode 7501</td><td>TOKEN_EXPIRED</td></tr>
 *   <tr><td>resCode 4017</td><td>AUTH_FAILED (the message names a wrong clock when the Date header shows one)</td></tr>
 *   <tr><td>resCode 5091, HTTP 509</td><td>RATE_LIMITED</td></tr>
 *   <tr><td>HTTP 429</td><td>RETRY_AFTER</td></tr>
 *   <tr><td>resCode 4004</td><td>DUPLICATE</td></tr>
 *   <tr><td>resCode 4002</td><td>DEVICE_INVALID</td></tr>
 *   <tr><td>resCode 4081, 5031, 9999</td><td>CAR_UNREACHABLE</td></tr>
 *   <tr><td>other HTTP 5xx</td><td>SERVER_ERROR</td></tr>
 *   <tr><td>not a JSON object</td><td>BAD_RESPONSE</td></tr>
 *   <tr><td>other resCode, other 4xx</td><td>OTHER</td></tr>
 * </table>
 */
public final class ApiErrors {

  /** Used when a 429 carries no usable Retry-After. */
  static final long DEFAULT_RETRY_AFTER_MS = 60_000;

  private ApiErrors() {
  }

  /**
   * Checks a CCAPI response and returns its JSON body, or throws the classified failure.
   *
   * @throws ApiException for every failure
   */
  public static JsonObject checkEnvelope(UpstreamResponse response, Clock clock) {
    int status = response.status();
    if (status == 429) {
      long wait = retryAfterMs(response.header("Retry-After"), clock);
      throw new ApiException(Kind.RETRY_AFTER, "the cloud asked to retry after " + wait + " ms", null, wait);
    }
    JsonObject body = parseObject(response);
    if (body != null) {
      Object error = body.getValue("error");
      if (error instanceof String text && text.toLowerCase(Locale.ROOT).contains("key not authorized")) {
        throw new ApiException(Kind.TOKEN_EXPIRED, "access token expired");
      }
      if ("F".equals(stringOf(body.getValue("retCode")))) {
        ApiException failure = fromResCode(stringOf(body.getValue("resCode")));
        throw "4017".equals(failure.resCode()) ? withClockHint(failure, response, clock) : failure;
      }
    }
    if (status == 401) {
      throw new ApiException(Kind.TOKEN_EXPIRED, "access token refused (HTTP 401)");
    }
    if (status == 509) {
      throw new ApiException(Kind.RATE_LIMITED, "daily request quota exhausted (HTTP 509)", "5091", 0);
    }
    if (status >= 500) {
      throw new ApiException(Kind.SERVER_ERROR, "cloud error HTTP " + status);
    }
    if (status >= 300) {
      throw new ApiException(Kind.OTHER, "cloud refused the request (HTTP " + status + ")");
    }
    if (body == null) {
      throw new ApiException(Kind.BAD_RESPONSE, "response is not a JSON object");
    }
    return body;
  }

  /** 4017 is also what a wrong clock gets (the Stamp carries the time): say so when the cloud's Date disagrees. */
  private static ApiException withClockHint(ApiException failure, UpstreamResponse response, Clock clock) {
    return ClockSkew.explain(response.header("Date"), clock)
        .map(hint -> failure.as(failure.kind(), failure.getMessage() + ": " + hint))
        .orElse(failure);
  }

  /** Maps an envelope's failure code to its kind. */
  public static ApiException fromResCode(String resCode) {
    String code = resCode == null ? "" : resCode;
    return switch (code) {
      case "4002" -> new ApiException(Kind.DEVICE_INVALID, "device id invalidated (4002)", code, 0);
      case "4004" -> new ApiException(Kind.DUPLICATE, "duplicate request, one is still in progress (4004)", code, 0);
      case "4017" -> new ApiException(Kind.AUTH_FAILED, "invalid application id or stamp (4017)", code, 0);
      case "4081", "5031", "9999" -> new ApiException(Kind.CAR_UNREACHABLE, "the car did not answer (" + code + ")", code, 0);
      case "5091" -> new ApiException(Kind.RATE_LIMITED, "daily request quota exhausted (5091)", code, 0);
      case "7501" -> new ApiException(Kind.TOKEN_EXPIRED, "access token refused (7501)", code, 0);
      default -> new ApiException(Kind.OTHER, "cloud returned error " + sanitize(code), code, 0);
    };
  }

  /** Parses the body as a JSON object; null when it is empty or anything else (never throws). */
  public static JsonObject parseObject(UpstreamResponse response) {
    if (response.body().length() == 0) {
      return null;
    }
    try {
      Object value = io.vertx.core.json.Json.decodeValue(response.body());
      return value instanceof JsonObject object ? object : null;
    } catch (RuntimeException | StackOverflowError e) {
      return null;
    }
  }

  /** Maps a transport failure, a breaker failure or anything unexpected to an {@link ApiException}. */
  public static ApiException from(Throwable error) {
    if (error instanceof ApiException api) {
      return api;
    }
    if (error instanceof OpenCircuitException) {
      return new ApiException(Kind.BREAKER_OPEN, "the cloud is failing; circuit open, call not sent");
    }
    if (error instanceof TimeoutException) {
      return new ApiException(Kind.TIMEOUT, "no complete answer in time");
    }
    if (error instanceof ConnectException || error instanceof HttpClosedException || error instanceof IOException) {
      return new ApiException(Kind.NETWORK, "network error (" + error.getClass().getSimpleName() + ")");
    }
    if (error instanceof ConnectionPoolTooBusyException) {
      return new ApiException(Kind.POOL_BUSY, "too many calls waiting for a connection; not sent");
    }
    if (error instanceof io.vertx.core.VertxException) {
      String message = String.valueOf(error.getMessage()).toLowerCase(Locale.ROOT);
      if (message.contains("timeout") || message.contains("timed out")) {
        return new ApiException(Kind.TIMEOUT, "no answer in time");
      }
      return new ApiException(Kind.NETWORK, "network error (" + error.getClass().getSimpleName() + ")");
    }
    if (error instanceof ClassCastException || error instanceof IllegalArgumentException
        || error instanceof NullPointerException) {
      return new ApiException(Kind.BAD_RESPONSE, "unexpected response shape");
    }
    return new ApiException(Kind.OTHER, "unexpected upstream error (" + error.getClass().getSimpleName() + ")");
  }

  /** True when {@code error} means "the service is down": the circuit breaker's failure policy. */
  public static boolean isOutage(Throwable error) {
    return from(error).kind().outage();
  }

  /** Retry-After as delta seconds or an HTTP date; {@link #DEFAULT_RETRY_AFTER_MS} when absent or unreadable. */
  static long retryAfterMs(String value, Clock clock) {
    if (value == null || value.isBlank()) {
      return DEFAULT_RETRY_AFTER_MS;
    }
    try {
      return Math.max(0, Long.parseLong(value.trim()) * 1000);
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
        return Math.max(0, at.toInstant().toEpochMilli() - clock.millis());
      } catch (DateTimeParseException notDate) {
        return DEFAULT_RETRY_AFTER_MS;
      }
    }
  }

  static String stringOf(Object value) {
    return value == null ? null : String.valueOf(value);
  }

  /** Keeps codes printable and short before they reach a message. */
  static String sanitize(String code) {
    String clean = code.replaceAll("[^A-Za-z0-9_-]", "");
    return clean.length() > 16 ? clean.substring(0, 16) : clean;
  }
}
