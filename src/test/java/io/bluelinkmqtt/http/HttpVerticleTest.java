package io.bluelinkmqtt.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.codec.Envelope;
import io.bluelinkmqtt.codec.InboundCommandJson;
import io.bluelinkmqtt.codec.InboundCommandJson.InboundCommand;
import io.bluelinkmqtt.config.HttpConfig;
import io.bluelinkmqtt.config.Secret;
import io.bluelinkmqtt.testsupport.Await;
import io.bluelinkmqtt.testsupport.BusRecorder;
import io.bluelinkmqtt.testsupport.LogCapture;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The HTTP verticle on its own, with the API's vehicle list and the command intake played on the bus. */
@ExtendWith(VertxExtension.class)
class HttpVerticleTest {

  private static final String TOKEN = "unit-token-5e1";
  private static final Duration WAIT = Duration.ofSeconds(5);

  private WebClient client;
  private BusRecorder commands;
  private int port;

  @BeforeEach
  void start(Vertx vertx) {
    vertx.eventBus().<JsonObject>localConsumer(Addresses.API_VEHICLES, msg -> msg.reply(Envelope.versioned()
        .put("vehicles", new JsonArray().add(new JsonObject().put("id", "car-1").put("name", "Kona")))));
    commands = Await.result(BusRecorder.start(vertx, Addresses.COMMAND_RECEIVED), WAIT);
    HttpVerticle http = verticle(new HttpConfig("127.0.0.1", 0, Secret.of(TOKEN)));
    Await.result(vertx.deployVerticle(http), WAIT);
    port = http.actualPort();
    client = WebClient.create(vertx);
  }

  @Test
  @DisplayName("a button sends the raw command the MQTT bridge would send, with the id it answers")
  void buttonSendsTheMqttCommand(Vertx vertx) {
    awaitReady(vertx, "car-1");
    HttpResponse<Buffer> force = send(post("/api/vehicles/car-1/refresh"), new JsonObject().put("mode", "force"));
    assertEquals(202, force.statusCode(), force.bodyAsString());
    String id = force.bodyAsJsonObject().getString("id");
    InboundCommand sent = InboundCommandJson.fromJson(Await.result(commands.await(b -> true), WAIT));
    assertEquals("hyundai/car-1/commands/refresh", sent.topic());
    assertEquals(new JsonObject().put("mode", "force").put("id", id),
        new JsonObject(new String(sent.payload(), StandardCharsets.UTF_8)));
    assertEquals(1, sent.qos());

    commands.clear();
    send(post("/api/vehicles/car-1/refresh"), new JsonObject().put("mode", "smart"));
    InboundCommand smart = InboundCommandJson.fromJson(Await.result(commands.await(b -> true), WAIT));
    assertEquals(3600, new JsonObject(new String(smart.payload(), StandardCharsets.UTF_8)).getInteger("max_age"));
  }

  @Test
  @DisplayName("no JSON content type, an unknown car, a bad mode: refused, and nothing reaches the command path")
  void refusalsSendNothing(Vertx vertx) {
    awaitReady(vertx, "car-1");
    HttpResponse<Buffer> form = Await.result(post("/api/vehicles/car-1/refresh")
        .putHeader("Content-Type", "application/x-www-form-urlencoded").sendBuffer(Buffer.buffer("mode=force")), WAIT);
    assertEquals(415, form.statusCode());
    assertEquals(404, send(post("/api/vehicles/car-2/refresh"), new JsonObject().put("mode", "force")).statusCode());
    assertEquals(400, send(post("/api/vehicles/car-1/refresh"), new JsonObject().put("mode", "wake")).statusCode());
    assertEquals(400, Await.result(post("/api/vehicles/car-1/refresh").putHeader("Content-Type", "application/json")
        .sendBuffer(Buffer.buffer("[1,")), WAIT).statusCode());
    assertEquals(0, commands.count());
  }

  @Test
  @DisplayName("the token: /health open, the rest 401 without it; a browser gets an HttpOnly SameSite cookie")
  void token() {
    assertEquals(200, Await.result(client.get(port, "127.0.0.1", "/health").send(), WAIT).statusCode());
    HttpResponse<Buffer> denied = Await.result(client.get(port, "127.0.0.1", "/ready").send(), WAIT);
    assertEquals(401, denied.statusCode());
    assertEquals(401, Await.result(client.get(port, "127.0.0.1", "/ready").putHeader("Authorization", "Bearer nope")
        .send(), WAIT).statusCode());
    assertEquals(401, Await.result(client.get(port, "127.0.0.1", "/?token=nope").send(), WAIT).statusCode());
    HttpResponse<Buffer> login = Await.result(client.get(port, "127.0.0.1", "/?token=" + TOKEN)
        .followRedirects(false).send(), WAIT);
    assertEquals(303, login.statusCode());
    assertEquals("/", login.getHeader("Location"));
    String cookie = login.cookies().get(0);
    assertTrue(cookie.toLowerCase(java.util.Locale.ROOT).contains("httponly") && cookie.contains("SameSite=Strict"),
        cookie);
    HttpResponse<Buffer> page = Await.result(client.get(port, "127.0.0.1", "/")
        .putHeader("Cookie", cookie.split(";")[0]).send(), WAIT);
    assertEquals(200, page.statusCode());
    assertTrue(page.bodyAsString().contains("<script src=\"app.js\""), "the page from the jar");
  }

  @Test
  @DisplayName("/ready: 503 with each reason while it holds, 200 when none does")
  void readiness(Vertx vertx) {
    HttpResponse<Buffer> down = awaitReadyBody(vertx, b -> b.getJsonArray("reasons").size() == 1);
    assertEquals(new JsonArray().add("mqtt_disconnected"), down.bodyAsJsonObject().getJsonArray("reasons"));
    assertEquals(503, down.statusCode());
    vertx.eventBus().publish(Addresses.MQTT_CONNECTION_CHANGED, Envelope.versioned().put("connected", true));
    assertEquals(200, awaitReadyBody(vertx, b -> b.getBoolean("ready")).statusCode());
    vertx.eventBus().publish(Addresses.API_BREAKER_CHANGED, Envelope.versioned().put("name", "bluelink-data")
        .put("state", "open"));
    HttpResponse<Buffer> open = awaitReadyBody(vertx, b -> !b.getBoolean("ready"));
    assertEquals(503, open.statusCode());
    assertEquals(new JsonArray().add("data_breaker_open"), open.bodyAsJsonObject().getJsonArray("reasons"));
  }

  @Test
  @DisplayName("on a non-loopback address without a token the log warns that car locations are visible; never the token")
  void warnsWhenExposedWithoutToken(Vertx vertx) {
    try (LogCapture log = LogCapture.attach()) {
      Await.result(vertx.deployVerticle(verticle(new HttpConfig("0.0.0.0", 0, Secret.empty()))), WAIT);
      assertEquals(1, log.count("WARN", "anyone on the network can see the cars' locations"), log.text());
      log.clear();
      Await.result(vertx.deployVerticle(verticle(new HttpConfig("0.0.0.0", 0, Secret.of(TOKEN)))), WAIT);
      Await.result(vertx.deployVerticle(verticle(new HttpConfig("127.0.0.1", 0, Secret.empty()))), WAIT);
      assertEquals(0, log.count("WARN", "cars' locations"), log.text());
      assertFalse(log.text().contains(TOKEN), "the token is never logged");
    }
  }

  private static HttpVerticle verticle(HttpConfig config) {
    return new HttpVerticle(config, "hyundai", 3600, new JsonObject(),
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), false, Clock.systemUTC());
  }

  private void awaitReady(Vertx vertx, String car) {
    awaitReadyBody(vertx, b -> !b.getJsonArray("reasons").contains("vehicle_list_not_loaded"));
  }

  /** Asks /ready again on a 20 ms timer (no sleeping thread) until its body matches. */
  private HttpResponse<Buffer> awaitReadyBody(Vertx vertx, Predicate<JsonObject> match) {
    Promise<HttpResponse<Buffer>> matched = Promise.promise();
    pollReady(vertx, match, matched);
    try {
      return Await.result(matched.future(), WAIT);
    } finally {
      matched.tryFail("gave up");
    }
  }

  private void pollReady(Vertx vertx, Predicate<JsonObject> match, Promise<HttpResponse<Buffer>> matched) {
    authorized(client.get(port, "127.0.0.1", "/ready")).send().onComplete(ar -> {
      if (ar.succeeded() && match.test(ar.result().bodyAsJsonObject())) {
        matched.tryComplete(ar.result());
      } else if (!matched.future().isComplete()) {
        vertx.setTimer(20, id -> pollReady(vertx, match, matched));
      }
    });
  }

  private HttpRequest<Buffer> post(String path) {
    return authorized(client.post(port, "127.0.0.1", path));
  }

  private static HttpRequest<Buffer> authorized(HttpRequest<Buffer> request) {
    return request.putHeader("Authorization", "Bearer " + TOKEN);
  }

  private static HttpResponse<Buffer> send(HttpRequest<Buffer> request, JsonObject body) {
    return Await.result(request.sendJsonObject(body), WAIT);
  }
}
