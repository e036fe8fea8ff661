package io.bluelinkmqtt.sim.ushyundai;

import io.bluelinkmqtt.sim.ushyundai.UsSimCalls.Endpoint;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/** How the US simulator answers (§2.6, §8.3): the flat error JSON, empty 200s with an action id; each one logged. */
final class UsSimAnswers {

  private final UsSimCalls calls;

  UsSimAnswers(UsSimCalls calls) {
    this.calls = calls;
  }

  /** The error of a missing or wrong PIN, in the shape the real cloud sends (uvo#1546). */
  void pinError(RoutingContext ctx, Endpoint endpoint, String subCode, String subMessage) {
    JsonObject body = new JsonObject().put("errorCode", 400).put("errorSubCode", subCode).put("systemName", "IDM")
        .put("functionName", "validatePIN").put("serviceName", "CheckCustomerUserPin")
        .put("errorMessage", "Please check to see that all required fields are populated and try again.")
        .put("errorSubMessage", subMessage);
    send(ctx, endpoint, 400, body, null);
  }

  void error(RoutingContext ctx, Endpoint endpoint, int http, int code, String subCode, String system,
             String message) {
    send(ctx, endpoint, http, new JsonObject().put("errorCode", code).put("errorSubCode", subCode)
        .put("systemName", system).put("errorMessage", message)
        .put("functionName", endpoint.name().toLowerCase(Locale.ROOT)).put("serviceName", "remoteVehicleStatus"), null);
  }

  /** @param tid the action id for the {@code tmsTid} header, or null */
  void send(RoutingContext ctx, Endpoint endpoint, int status, JsonObject body, String tid) {
    String received = ctx.body() == null ? null : ctx.body().asString();
    calls.record(new UsSimCalls.Call(endpoint, ctx.request().uri(),
        MultiMap.caseInsensitiveMultiMap().addAll(ctx.request().headers()), received, status));
    ctx.response().setStatusCode(status);
    if (tid != null) {
      ctx.response().putHeader("tmsTid", tid);
    }
    if (body == null) {
      ctx.response().end();
    } else {
      ctx.response().putHeader("Content-Type", "application/json").end(body.encode());
    }
  }

  /** The request's JSON object body; null when absent or not an object. */
  static JsonObject json(RoutingContext ctx) {
    try {
      String text = ctx.body() == null ? null : ctx.body().asString();
      return text == null || text.isBlank() ? null : new JsonObject(text);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
