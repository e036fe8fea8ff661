package io.bluelinkmqtt.http;

import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.codec.InboundCommandJson;
import io.bluelinkmqtt.config.HttpConfig;
import io.bluelinkmqtt.publish.Topics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The routes: {@code /health} (open), then behind the optional token {@code /ready}, {@code /metrics},
 * {@code /api/status}, {@code /events} (server-sent snapshots), {@code POST /api/vehicles/{id}/refresh} and the page
 * itself, served from the jar.
 */
final class HttpRoutes {

  /** A loop that has not beaten for this long does not answer: /health says down. */
  static final Duration LOOP_SILENCE = Duration.ofSeconds(5);
  static final String WEB_ROOT = "io/bluelinkmqtt/http/web";
  private static final List<String> MODES = List.of("cached", "smart", "force");
  private static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
      + "frame-ancestors 'none'";

  private final Vertx vertx;
  private final StatusBoard board;
  private final LiveEvents events;
  private final LoopProbe.Heartbeats heartbeats;
  private final Topics topics;
  private final long smartMaxAgeSeconds;
  private final Clock clock;

  HttpRoutes(Vertx vertx, StatusBoard board, LiveEvents events, LoopProbe.Heartbeats heartbeats, Topics topics,
             long smartMaxAgeSeconds, Clock clock) {
    this.vertx = vertx;
    this.board = board;
    this.events = events;
    this.heartbeats = heartbeats;
    this.topics = topics;
    this.smartMaxAgeSeconds = smartMaxAgeSeconds;
    this.clock = clock;
  }

  Router router(HttpConfig config, PrometheusMeterRegistry registry) {
    Router router = Router.router(vertx);
    router.route().handler(ctx -> {
      ctx.response().putHeader("Content-Security-Policy", CSP).putHeader("X-Content-Type-Options", "nosniff")
          .putHeader("Referrer-Policy", "no-referrer");
      ctx.next();
    });
    router.get("/health").handler(this::health);
    router.route().handler(new BearerAuth(config.authToken()));
    router.get("/ready").handler(this::ready);
    router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
    router.get("/api/status").handler(ctx -> json(ctx, 200, board.snapshot()));
    router.get("/events").handler(ctx -> events.open(ctx.response(), board.snapshot()));
    router.post("/api/vehicles/:id/refresh").handler(BodyHandler.create().setBodyLimit(1024)).handler(this::refresh);
    router.get().handler(StaticHandler.create(WEB_ROOT).setDefaultContentEncoding("UTF-8").setCachingEnabled(false));
    return router;
  }

  private void health(RoutingContext ctx) {
    int stalled = heartbeats.stalled(LOOP_SILENCE);
    JsonObject body = new JsonObject().put("status", stalled == 0 ? "up" : "down")
        .put("eventLoops", heartbeats.loops()).put("stalledEventLoops", stalled);
    json(ctx, stalled == 0 ? 200 : 503, body);
  }

  private void ready(RoutingContext ctx) {
    List<String> reasons = board.notReady();
    json(ctx, reasons.isEmpty() ? 200 : 503,
        new JsonObject().put("ready", reasons.isEmpty()).put("reasons", new JsonArray(reasons)));
  }

  /**
   * A button: the same raw command the MQTT bridge would send for {@code {base}/{id}/commands/refresh}, so parsing,
   * throttling and every wake rule apply; the outcome arrives like any other (page and MQTT). A JSON content type
   * is required, which a cross-site form cannot send without the browser's preflight.
   */
  private void refresh(RoutingContext ctx) {
    String vehicleId = ctx.pathParam("id");
    String type = ctx.request().getHeader("Content-Type");
    if (type == null || !type.startsWith("application/json")) {
      json(ctx, 415, new JsonObject().put("error", "send application/json"));
      return;
    }
    if (!Topics.isVehicleId(vehicleId) || !board.knows(vehicleId)) {
      json(ctx, 404, new JsonObject().put("error", "unknown_vehicle"));
      return;
    }
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      body = null;
    }
    String mode = body == null ? null : body.getValue("mode") instanceof String m ? m : null;
    if (mode == null || !MODES.contains(mode)) {
      json(ctx, 400, new JsonObject().put("error", "mode must be one of " + MODES));
      return;
    }
    String commandId = "web-" + UUID.randomUUID().toString().substring(0, 12);
    JsonObject command = new JsonObject().put("mode", mode).put("id", commandId);
    if (mode.equals("smart")) {
      command.put("max_age", smartMaxAgeSeconds);
    }
    vertx.eventBus().send(Addresses.COMMAND_RECEIVED, InboundCommandJson.toJson(
        topics.vehicle(vehicleId, Topics.COMMAND_REFRESH), Buffer.buffer(command.encode()), 1, false, clock.millis()));
    json(ctx, 202, new JsonObject().put("id", commandId));
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").putHeader("Cache-Control",
        "no-store").end(body.encode());
  }
}
