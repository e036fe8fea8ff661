package io.bluelinkmqtt.sim;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.UUID;

/** Writers for the response shapes of the three EU hosts (§1.2 envelope, §8 error bodies). */
final class SimResponses {

  static final String JSON = "application/json;charset=UTF-8";

  /** Typical messages of the CCAPI failure envelope per resCode (§8.1). */
  private static final Map<String, String> MESSAGES = Map.of(
      "4002", "Invalid request body - Invalid deviceId.",
      "4004", "Duplicate request - Duplicate request",
      "4017", "Invalid request value - Invalid Application Id.",
      "4081", "Request timeout",
      "5031", "Unavailable remote control - Service Temporary Unavailable",
      "5091", "Exceeds number of requests - Exceeds Number of Requests.",
      "5921", "No Data Found v2 - No Data Found v2",
      "7501", "Invalid access token.",
      "9999", "Undefined Error - Response timeout");

  private SimResponses() {
  }

  static JsonObject success(Object resMsg) {
    return new JsonObject().put("retCode", "S").put("resCode", "0000").put("resMsg", resMsg)
        .put("msgId", UUID.randomUUID().toString());
  }

  static JsonObject failure(String resCode) {
    return failure(resCode, MESSAGES.getOrDefault(resCode, "Undefined Error - " + resCode));
  }

  static JsonObject failure(String resCode, String message) {
    return new JsonObject().put("retCode", "F").put("resCode", resCode).put("resMsg", message)
        .put("msgId", UUID.randomUUID().toString());
  }

  /** IDP and CCI error body ({@code errId}, {@code errCode}, {@code errMsg}). */
  static JsonObject idpError(String errCode, String errMsg) {
    return new JsonObject().put("errId", UUID.randomUUID().toString()).put("errCode", errCode)
        .put("errMsg", errMsg);
  }

  /** The body of an expired or revoked token on CCAPI (§2.1.5). */
  static JsonObject tokenExpired() {
    return new JsonObject().put("error", "Key not authorized: Token is expired");
  }

  static void json(RoutingContext ctx, int status, JsonObject body) {
    HttpServerResponse response = ctx.response();
    if (response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(status).putHeader("Content-Type", JSON).end(body.encode());
  }

  static void redirect(RoutingContext ctx, String location) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    ctx.response().setStatusCode(302).putHeader("Location", location).putHeader("Content-Length", "0").end();
  }

  static void html(RoutingContext ctx, int status, String body) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", "text/html;charset=UTF-8").end(body);
  }
}
