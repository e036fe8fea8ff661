package io.bluelinkmqtt.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.cloud.CarCloud;
import io.bluelinkmqtt.cloud.CloudModules;
import io.bluelinkmqtt.config.AppConfig;
import io.bluelinkmqtt.config.ConfigParser;
import io.bluelinkmqtt.config.EventBusBridgeConfig;
import io.bluelinkmqtt.config.EventBusBridgeConfig.Limits;
import io.bluelinkmqtt.config.EventBusBridgeConfig.Listener;
import io.bluelinkmqtt.config.Secret;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.sim.EuSimulator;
import io.bluelinkmqtt.sim.SimCar;
import io.bluelinkmqtt.sim.SimEndpoint;
import io.bluelinkmqtt.sim.SimulatorSettings;
import io.bluelinkmqtt.testsupport.Await;
import io.bluelinkmqtt.testsupport.LogCapture;
import io.bluelinkmqtt.testsupport.SimulatedAccount;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * The EU simulator, the car-cloud verticle against it and the bridges in front: what a program in another language
 * meets. Blocks only the JUnit thread.
 */
final class BridgeHarness {

  static final Duration START = Duration.ofSeconds(20);

  final EuSimulator simulator;
  final EventBusBridgeVerticle bridges;

  private BridgeHarness(EuSimulator simulator, EventBusBridgeVerticle bridges) {
    this.simulator = simulator;
    this.bridges = bridges;
  }

  static BridgeHarness start(Vertx vertx, Path stateDir, String secret, Limits limits) {
    EuSimulator simulator = new EuSimulator(vertx, SimulatorSettings.defaults(Brand.KIA)
        .withForceDelays(Duration.ofMillis(20), Duration.ofMillis(10)));
    Await.result(simulator.start(), START);
    Map<String, String> env = SimulatedAccount.env(simulator, stateDir);
    AppConfig config = ConfigParser.parse(new JsonObject(), env, path -> "", false, CloudModules.supported());
    Await.result(vertx.deployVerticle(CarCloud.verticle(config.account(), config.api(), config.stewardship(),
        Duration.ofSeconds(config.command().minForceIntervalSeconds()), Clock.systemUTC())), START);
    EventBusBridgeVerticle bridges = new EventBusBridgeVerticle(config(secret, limits));
    Await.result(vertx.deployVerticle(bridges), START);
    return new BridgeHarness(simulator, bridges);
  }

  private static boolean warm;

  /**
   * Once per JVM, before the first test: starts both bridges on a Vert.x of its own and speaks to each once, so the
   * libraries' classes (Netty's WebSocket codecs, the SockJS router, …) are loaded outside any test. On this shared
   * machine their first loading on an event loop can pass the strict checker's 200 ms; it is a one-time cost, not
   * blocking code.
   */
  static synchronized void warmUp() {
    if (warm) {
      return;
    }
    warm = true;
    Vertx vertx = Vertx.vertx();
    try {
      EventBusBridgeVerticle bridges = new EventBusBridgeVerticle(config("warm-up", Limits.DEFAULTS));
      Await.result(vertx.deployVerticle(bridges), START);
      // only the loading matters: whatever each exchange answers is ignored (the clients are held meanwhile:
      // Vert.x closes a client nobody references)
      var net = vertx.createNetClient();
      var webSockets = vertx.createWebSocketClient();
      var http = vertx.createHttpClient();
      Await.result(Future.join(net.connect(bridges.tcpPort(), "127.0.0.1").compose(socket -> socket.close()),
          webSockets.connect(bridges.sockJsPort(), "127.0.0.1", SockJsBridge.PATH + "/websocket")
              .compose(ws -> ws.close()),
          http.request(io.vertx.core.http.HttpMethod.GET, bridges.sockJsPort(), "127.0.0.1",
              SockJsBridge.PATH + "/info").compose(r -> r.send()).compose(r -> r.body()))
          .transform(ar -> Future.succeededFuture()), START);
      Await.result(Future.join(net.close(), webSockets.close(), http.close()), START);
    } finally {
      Await.result(vertx.close(), START);
    }
  }

  /** Both bridges on loopback, on free ports. */
  static EventBusBridgeConfig config(String secret, Limits limits) {
    return new EventBusBridgeConfig(new Listener(true, "127.0.0.1", 0), new Listener(true, "127.0.0.1", 0),
        Secret.of(secret), limits);
  }

  /** Calls that read a car or act on it: the ones the daily quota counts. */
  int vehicleCalls() {
    return Arrays.stream(SimEndpoint.values()).filter(SimEndpoint::isVehicleCall)
        .filter(e -> e != SimEndpoint.VEHICLES).mapToInt(e -> simulator.calls().count(e)).sum();
  }

  /**
   * What every client program reports (its stdout, one JSON object) after the same script against these bridges:
   * each refusal with its failure code, the vehicle list, one admitted refresh (the only upstream calls since
   * {@code callsBefore}) and its vehicle update; the secret neither in its output nor in our log (closes
   * {@code logs}).
   *
   * @return the report, for the client's own checks
   */
  JsonObject assertClientReport(ChildProcess.Result run, int callsBefore, String secret, LogCapture logs) {
    JsonObject seen = new JsonObject(run.stdout().strip());
    assertEquals(401, seen.getJsonObject("noSecret").getInteger("failureCode"));
    assertEquals(401, seen.getJsonObject("wrongSecret").getInteger("failureCode"));
    assertEquals(401, seen.getJsonObject("registerNoSecret").getInteger("failureCode"));
    assertEquals(403, seen.getJsonObject("outsideAllowList").getInteger("failureCode"));
    assertEquals(400, seen.getJsonObject("notAnObject").getInteger("failureCode"));
    assertEquals(400, seen.getJsonObject("missingVehicle").getInteger("failureCode"), "the API consumer's check");
    assertEquals(415, seen.getJsonObject("wrongSchema").getInteger("failureCode"), "the API consumer's check");
    assertEquals(new JsonArray(simulator.cars().stream().map(SimCar::vehicleId).toList()),
        seen.getJsonArray("vehicles"));

    JsonObject refresh = seen.getJsonObject("refresh").getJsonObject("body");
    String vehicle = seen.getJsonArray("vehicles").getString(0);
    assertEquals(vehicle, refresh.getString("vehicleId"));
    assertEquals("cached", refresh.getString("dataSource"));
    assertEquals(new JsonObject().put("vehicle", vehicle).put("method", "cached").put("dataSource", "cached"),
        seen.getJsonObject("update"));
    int calls = vehicleCalls() - callsBefore;
    assertTrue(refresh.getInteger("upstreamCalls") >= 1);
    assertEquals(refresh.getInteger("upstreamCalls"), calls,
        "only the admitted refresh reached the car cloud; every refused request made no call");
    assertTrue(!run.stdout().contains(secret) && !run.stderr().contains(secret), "the secret never comes back");
    logs.close();
    assertFalse(logs.text().contains(secret), "the secret is never logged");
    return seen;
  }
}
