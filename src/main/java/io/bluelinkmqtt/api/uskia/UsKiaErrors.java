package io.bluelinkmqtt.api.uskia;

import io.bluelinkmqtt.api.ApiException;
import io.bluelinkmqtt.api.ApiException.Kind;
import io.bluelinkmqtt.api.UpstreamResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/**
 * The USA Kia {@code status} envelope (§8.4): {@code statusCode 0} is success; {@code 1003}/{@code 1005} the session
 * is invalid or expired (→ {@link Kind#TOKEN_EXPIRED}: re-login and a new vehicle list); {@code 1001} wrong
 * credentials. The daily limit is not documented for US Kia (§7): an HTTP 429, or an answer whose message speaks of a
 * limit, is taken as the quota ({@link Kind#RATE_LIMITED}, fed to the budget like the EU 5091).
 */
public final class UsKiaErrors {

  public static final int SESSION_INVALID = 1003;
  public static final int SESSION_EXPIRED = 1005;
  public static final int BAD_CREDENTIALS = 1001;

  private UsKiaErrors() {
  }

  public static JsonObject checkEnvelope(UpstreamResponse response) {
    JsonObject body = parse(response);
    JsonObject status = body == null ? null : body.getJsonObject("status");
    int code = status == null ? 0 : status.getInteger("errorCode", 0);
    String message = status == null ? "" : status.getString("errorMessage", "");
    if (response.status() == 429 || mentionsLimit(message)) {
      throw new ApiException(Kind.RATE_LIMITED, "the daily request limit of the USA Kia cloud is reached",
          Integer.toString(code), 0);
    }
    if (code == SESSION_INVALID || code == SESSION_EXPIRED) {
      throw new ApiException(Kind.TOKEN_EXPIRED, "the session is invalid or expired (" + code + ")",
          Integer.toString(code), 0);
    }
    if (code == BAD_CREDENTIALS) {
      throw new ApiException(Kind.AUTH_FAILED, "the USA Kia cloud refused the e-mail or password (1001)", "1001", 0);
    }
    if (response.status() >= 500) {
      throw new ApiException(Kind.SERVER_ERROR, "HTTP " + response.status() + " from the USA Kia cloud");
    }
    if (response.status() == 401 || response.status() == 403) {
      throw new ApiException(Kind.AUTH_FAILED, "HTTP " + response.status() + " from the USA Kia cloud");
    }
    if (body == null) {
      throw new ApiException(Kind.BAD_RESPONSE, "the USA Kia cloud answered HTTP " + response.status()
          + " without a JSON body");
    }
    if (response.status() >= 400 || (status != null && status.getInteger("statusCode", 0) != 0)) {
      throw new ApiException(Kind.OTHER, "the USA Kia cloud refused the request (" + code + ")",
          Integer.toString(code), 0);
    }
    return body;
  }

  private static boolean mentionsLimit(String message) {
    String m = message.toLowerCase(Locale.ROOT);
    return m.contains("limit") && (m.contains("exceed") || m.contains("reached"));
  }

  private static JsonObject parse(UpstreamResponse response) {
    if (response.body().length() == 0) {
      return null;
    }
    try {
      return new JsonObject(response.body().toString());
    } catch (DecodeException | ClassCastException e) {
      return null;
    }
  }
}
