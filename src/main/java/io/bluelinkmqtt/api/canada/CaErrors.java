package io.bluelinkmqtt.api.canada;

import static io.bluelinkmqtt.api.ApiErrors.parseObject;
import static io.bluelinkmqtt.api.ApiErrors.sanitize;
import static io.bluelinkmqtt.api.ApiErrors.stringOf;
import static io.bluelinkmqtt.api.ApiErrors.throwIfHttpFailure;
import static io.bluelinkmqtt.api.ApiErrors.throwIfRetryAfter;

import io.bluelinkmqtt.api.ApiException;
import io.bluelinkmqtt.api.ApiException.Kind;
import io.bluelinkmqtt.api.UpstreamResponse;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Locale;

/**
 * Canada's envelope (§8.5): {@code responseHeader.responseCode 1} plus {@code error.errorCode}, inside HTTP 200.
 *
 * <table>
 *   <caption>classification</caption>
 *   <tr><th>upstream</th><th>kind</th></tr>
 *   <tr><td>7403 (expired), 7602 (deleted by another login), 7606 (IP validation), HTTP 401</td>
 *       <td>TOKEN_EXPIRED: log in again (no refresh endpoint)</td></tr>
 *   <tr><td>7110 (one-time code needed for this Deviceid)</td><td>AUTH_FAILED, cloud code 7110: the MFA branch</td></tr>
 *   <tr><td>7402, 7404, 7549, 7710</td><td>AUTH_FAILED</td></tr>
 *   <tr><td>an error saying the daily limit is exceeded (no code is documented, §7)</td><td>RATE_LIMITED</td></tr>
 *   <tr><td>HTTP 429</td><td>RETRY_AFTER</td></tr>
 *   <tr><td>HTTP 5xx</td><td>SERVER_ERROR</td></tr>
 *   <tr><td>not a JSON object</td><td>BAD_RESPONSE</td></tr>
 *   <tr><td>other codes, other 4xx (the Cloudflare page among them)</td><td>OTHER</td></tr>
 * </table>
 */
public final class CaErrors {

  /** The one-time code is needed: the login's answer for a new (or 90-day-old) Deviceid. */
  public static final String OTP_REQUIRED = "7110";

  private CaErrors() {
  }

  /**
   * Checks a TODS response and returns its JSON body, or throws the classified failure.
   *
   * @throws ApiException for every failure
   */
  public static JsonObject checkEnvelope(UpstreamResponse response, Clock clock) {
    int status = response.status();
    throwIfRetryAfter(response, clock);
    JsonObject body = parseObject(response);
    if (body != null && body.getValue("responseHeader") instanceof JsonObject header
        && "1".equals(stringOf(header.getValue("responseCode")))) {
      JsonObject error = body.getValue("error") instanceof JsonObject e ? e : new JsonObject();
      throw fromErrorCode(stringOf(error.getValue("errorCode")), stringOf(error.getValue("errorDesc")));
    }
    throwIfHttpFailure(status);
    if (body == null) {
      throw new ApiException(Kind.BAD_RESPONSE, "response is not a JSON object");
    }
    return body;
  }

  /** Maps an envelope's error code (and, for the undocumented quota error, its description) to its kind. */
  public static ApiException fromErrorCode(String errorCode, String description) {
    String code = errorCode == null ? "" : errorCode;
    if (quotaExceeded(description)) {
      return new ApiException(Kind.RATE_LIMITED, "daily request limit exceeded (" + sanitize(code) + ")", code, 0);
    }
    return switch (code) {
      case "7403" -> new ApiException(Kind.TOKEN_EXPIRED, "authentication expired (7403)", code, 0);
      case "7602" -> new ApiException(Kind.TOKEN_EXPIRED, "access token deleted by another login (7602)", code, 0);
      case "7606" -> new ApiException(Kind.TOKEN_EXPIRED, "access token bound to another IP address (7606)", code, 0);
      case OTP_REQUIRED -> new ApiException(Kind.AUTH_FAILED, "the cloud asks for a one-time code (7110)", code, 0);
      case "7402" -> new ApiException(Kind.AUTH_FAILED, "account locked by the cloud (7402)", code, 0);
      case "7404" -> new ApiException(Kind.AUTH_FAILED, "wrong username or password (7404)", code, 0);
      case "7549" -> new ApiException(Kind.AUTH_FAILED, "one-time code verification failed (7549)", code, 0);
      case "7710" -> new ApiException(Kind.AUTH_FAILED, "device id not accepted (7710)", code, 0);
      default -> new ApiException(Kind.OTHER, "cloud returned error " + sanitize(code), code, 0);
    };
  }

  /**
   * No code for "limit reached" is documented for Canada (§7); the apps show "The maximum number of daily vehicle
   * checks has been exceeded", so the description decides.
   */
  static boolean quotaExceeded(String description) {
    if (description == null) {
      return false;
    }
    String text = description.toLowerCase(Locale.ROOT);
    return text.contains("exceed") && (text.contains("limit") || text.contains("maximum number"));
  }
}
