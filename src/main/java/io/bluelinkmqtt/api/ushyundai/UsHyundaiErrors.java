package io.bluelinkmqtt.api.ushyundai;

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
 * The USA Hyundai flat error JSON (bluelink-protocol.md §2.6, §8.3): {@code errorCode}, {@code errorSubCode},
 * {@code errorMessage}, {@code functionName}, … A success may have an empty body (actions): it is returned as an
 * empty object, and a read that needs fields fails on their absence.
 *
 * <table>
 *   <caption>classification</caption>
 *   <tr><th>upstream</th><th>kind</th></tr>
 *   <tr><td>subCode {@code HT_534}</td><td>RATE_LIMITED (the daily remote-request limit)</td></tr>
 *   <tr><td>{@code functionName validatePIN} / {@code CheckCustomerUserPin}</td><td>WRONG_PIN (missing or wrong PIN)</td></tr>
 *   <tr><td>errorCode 401 or HTTP 401 ({@code C401_2} "Token has expired")</td><td>TOKEN_EXPIRED</td></tr>
 *   <tr><td>HTTP 429</td><td>RETRY_AFTER</td></tr>
 *   <tr><td>errorCode 502 without HT_534, other 5xx</td><td>SERVER_ERROR (transient HATA failure)</td></tr>
 *   <tr><td>a 200 body that is not JSON</td><td>BAD_RESPONSE</td></tr>
 *   <tr><td>any other errorCode or 4xx</td><td>OTHER</td></tr>
 * </table>
 */
public final class UsHyundaiErrors {

  /** The daily remote-request limit (§7). */
  public static final String DAILY_LIMIT = "HT_534";
  /** "Token has expired" (§8.3). */
  public static final String TOKEN_EXPIRED = "C401_2";

  private UsHyundaiErrors() {
  }

  /**
   * Checks a response and returns its JSON body (an empty object for an empty 200), or throws the classified failure.
   *
   * @throws ApiException for every failure
   */
  public static JsonObject checkEnvelope(UpstreamResponse response, Clock clock) {
    int status = response.status();
    throwIfRetryAfter(response, clock);
    JsonObject body = parseObject(response);
    if (body != null && body.containsKey("errorCode")) {
      throw fromError(body, status);
    }
    throwIfHttpFailure(status);
    if (body == null && response.body().length() > 0) {
      throw new ApiException(Kind.BAD_RESPONSE, "response is not a JSON object");
    }
    return body == null ? new JsonObject() : body;
  }

  /** Maps one flat error object to its kind; the message names only codes, never the upstream text. */
  static ApiException fromError(JsonObject error, int httpStatus) {
    String code = stringOf(error.getValue("errorCode"));
    String subCode = stringOf(error.getValue("errorSubCode"));
    String function = lower(stringOf(error.getValue("functionName")));
    String service = lower(stringOf(error.getValue("serviceName")));
    String shown = sanitize(code == null ? "?" : code) + (subCode == null ? "" : "/" + sanitize(subCode));
    if (DAILY_LIMIT.equals(subCode)) {
      return new ApiException(Kind.RATE_LIMITED, "daily remote request limit exceeded (" + shown + ")", subCode, 0);
    }
    if ("validatepin".equals(function) || "checkcustomeruserpin".equals(service)) {
      return new ApiException(Kind.WRONG_PIN, "the cloud refused the PIN (" + shown + ")", subCode, 0);
    }
    if ("401".equals(code) || httpStatus == 401) {
      return new ApiException(Kind.TOKEN_EXPIRED, "access token refused (" + shown + ")", subCode, 0);
    }
    if ("502".equals(code) || httpStatus >= 500) {
      return new ApiException(Kind.SERVER_ERROR, "cloud service failed (" + shown + ")", subCode, 0);
    }
    return new ApiException(Kind.OTHER, "cloud returned error " + shown, subCode, 0);
  }

  private static String lower(String text) {
    return text == null ? "" : text.toLowerCase(Locale.ROOT);
  }
}
