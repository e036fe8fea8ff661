package io.bluelinkmqtt.api.eu;

import static io.bluelinkmqtt.api.ApiErrors.parseObject;
import static io.bluelinkmqtt.api.ApiErrors.retryAfterMs;
import static io.bluelinkmqtt.api.ApiErrors.sanitize;
import static io.bluelinkmqtt.api.ApiErrors.stringOf;

import io.bluelinkmqtt.api.ApiException;
import io.bluelinkmqtt.api.ApiException.Kind;
import io.bluelinkmqtt.api.ClockSkew;
import io.bluelinkmqtt.api.UpstreamResponse;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Locale;

/**
 * The EU cloud's error envelopes (bluelink-protocol.md §8.1): it reports errors inside HTTP 200 bodies, so the
 * body is checked before the status.
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
 *   <tr><td>resCode 4005</td><td>UNSUPPORTED</td></tr>
 *   <tr><td>resCode 4081, 5031, 9999</td><td>CAR_UNREACHABLE</td></tr>
 *   <tr><td>other HTTP 5xx</td><td>SERVER_ERROR</td></tr>
 *   <tr><td>not a JSON object</td><td>BAD_RESPONSE</td></tr>
 *   <tr><td>other resCode, other 4xx</td><td>OTHER</td></tr>
 * </table>
 */
public final class EuErrors {

  private EuErrors() {
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
        throw "4017".equals(failure.cloudCode()) ? withClockHint(failure, response, clock) : failure;
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
      case "4005" -> new ApiException(Kind.UNSUPPORTED, "the car does not support this action (4005)", code, 0);
      case "4017" -> new ApiException(Kind.AUTH_FAILED, "invalid application id or stamp (4017)", code, 0);
      case "4081", "5031", "9999" -> new ApiException(Kind.CAR_UNREACHABLE, "the car did not answer (" + code + ")", code, 0);
      case "5091" -> new ApiException(Kind.RATE_LIMITED, "daily request quota exhausted (5091)", code, 0);
      case "7501" -> new ApiException(Kind.TOKEN_EXPIRED, "access token refused (7501)", code, 0);
      default -> new ApiException(Kind.OTHER, "cloud returned error " + sanitize(code), code, 0);
    };
  }
}
