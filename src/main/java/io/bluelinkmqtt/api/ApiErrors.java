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
import java.util.function.Supplier;

/**
 * The region-neutral classification of upstream outcomes (reliability.md §0.10): transport failures, breaker
 * refusals and unexpected shapes become an {@link ApiException}; the helpers every region's envelope check
 * uses (JSON body, Retry-After). A region's own error envelopes are classified in its module
 * ({@link CloudModule#checkEnvelope}).
 */
public final class ApiErrors {

  /** Used when a 429 carries no usable Retry-After. */
  public static final long DEFAULT_RETRY_AFTER_MS = 60_000;

  private ApiErrors() {
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

  /**
   * Runs a mapper over an answer already checked: its own {@link ApiException} passes, any other failure (a field of
   * a shape it did not expect) is a BAD_RESPONSE naming only the exception's class.
   */
  public static <T> T mapped(Supplier<T> mapping) {
    try {
      return mapping.get();
    } catch (ApiException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      throw new ApiException(Kind.BAD_RESPONSE, "vehicle data has an unexpected shape (" + e.getClass().getSimpleName()
          + ")");
    }
  }

  /** A 429 is the cloud's own "wait": RETRY_AFTER with its Retry-After, before any body is looked at. */
  public static void throwIfRetryAfter(UpstreamResponse response, Clock clock) {
    if (response.status() == 429) {
      long wait = retryAfterMs(response.header("Retry-After"), clock);
      throw new ApiException(Kind.RETRY_AFTER, "the cloud asked to retry after " + wait + " ms", null, wait);
    }
  }

  /** What the HTTP status alone says once the body named no error: 401 an expired token, 5xx, any other non-2xx. */
  public static void throwIfHttpFailure(int status) {
    if (status == 401) {
      throw new ApiException(Kind.TOKEN_EXPIRED, "access token refused (HTTP 401)");
    }
    if (status >= 500) {
      throw new ApiException(Kind.SERVER_ERROR, "cloud error HTTP " + status);
    }
    if (status >= 300) {
      throw new ApiException(Kind.OTHER, "cloud refused the request (HTTP " + status + ")");
    }
  }

  /** Retry-After as delta seconds or an HTTP date; {@link #DEFAULT_RETRY_AFTER_MS} when absent or unreadable. */
  public static long retryAfterMs(String value, Clock clock) {
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

  public static String stringOf(Object value) {
    return value == null ? null : String.valueOf(value);
  }

  /** Keeps codes printable and short before they reach a message. */
  public static String sanitize(String code) {
    String clean = code.replaceAll("[^A-Za-z0-9_-]", "");
    return clean.length() > 16 ? clean.substring(0, 16) : clean;
  }
}
