package io.bluelinkmqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.cloud.CloudModules;
import io.bluelinkmqtt.config.AppConfig;
import io.bluelinkmqtt.config.ConfigParser;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.sim.EuSimulator;
import io.bluelinkmqtt.sim.SimCar;
import io.bluelinkmqtt.sim.SimEndpoint;
import io.bluelinkmqtt.sim.SimulatorSettings;
import io.bluelinkmqtt.testsupport.SimulatedAccount;
import io.bluelinkmqtt.testsupport.LogCapture;
import io.bluelinkmqtt.testsupport.MqttObserver;
import io.bluelinkmqtt.testsupport.TestBroker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole bridge, as deployed by {@link BridgeApplication}, between a real Mosquitto and the EU
 * simulator: a command travels broker → MqttBridge → Command → HyundaiApi → Publisher → MqttBridge
 * → broker.
 */
@ExtendWith(VertxExtension.class)
class BridgeEndToEndTest {

  private TestBroker broker;
  private EuSimulator simulator;
  private BridgeApplication app;
  private MqttObserver observer;
  private String base;
  private Path stateDir;
  private SimulatorSettings settings;
  private LogCapture logs;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) throws Exception {
    broker = TestBroker.start("BridgeEndToEndTest");
    // a base topic of its own, so a shared broker's other tenants never meet this test
    base = "e2e" + UUID.randomUUID().toString().substring(0, 8);
    settings = SimulatorSettings.defaults(Brand.KIA).withPin("8642")
        .withForceDelays(Duration.ofMillis(300), Duration.ofMillis(150));
    simulator = new EuSimulator(vertx, settings);
    stateDir = Files.createTempDirectory("bluelink-e2e");
    logs = LogCapture.attach();
    simulator.start()
        .compose(port -> {
          Map<String, String> env = SimulatedAccount.env(simulator, stateDir);
          env.put("MQTT_BROKER_HOST", broker.host());
          env.put("MQTT_BROKER_PORT", Integer.toString(broker.port()));
          env.put("MQTT_BASE_TOPIC", base);
          env.put("MQTT_CLIENT_ID", base + "-bridge");
          env.put("HA_DISCOVERY_PREFIX", base + "-ha");
          env.put("MIN_FORCE_INTERVAL_SECONDS", "0");
          AppConfig config = ConfigParser.parse(new JsonObject(), env, path -> "", false, CloudModules.supported());
          app = new BridgeApplication(vertx, config);
          return MqttObserver.start(vertx, broker.host(), broker.port(), base + "/#", base + "-ha/#");
        })
        .compose(o -> {
          observer = o;
          return app.start();
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @AfterEach
  void stop(VertxTestContext ctx) throws Exception {
    Future<Void> stopped = app == null ? Future.succeededFuture() : app.stop();
    // leave nothing retained behind on a shared broker; the bridge's "offline" comes after everything it
    // published, so clearing after it cannot race with a late publish
    stopped.compose(v -> observer == null ? Future.succeededFuture()
            : observer.awaitPayload(base + "/bridge/state", "offline")
                .compose(offline -> observer.clearRetained()).compose(x -> observer.close()))
        .compose(v -> simulator.stop())
        .onComplete(ctx.succeedingThenComplete());
    assertTrue(ctx.awaitCompletion(10, TimeUnit.SECONDS));
    logs.close();
    broker.close();
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  @DisplayName("start-up publishes both cars' battery level; a force command comes back fresh with exactly one wake")
  void commandTravelsThroughEveryVerticle(VertxTestContext ctx) {
    SimCar legacy = simulator.cars().stream().filter(c -> !c.ccs2()).findFirst().orElseThrow();
    SimCar ccs2 = simulator.cars().stream().filter(SimCar::ccs2).findFirst().orElseThrow();
    String resultTopic = base + "/" + legacy.vehicleId() + "/commands/result";
    observer.awaitMessage(base + "/" + legacy.vehicleId() + "/battery/level", m -> m.qos() == 1)
        .compose(m -> observer.awaitMessage(base + "/" + ccs2.vehicleId() + "/battery/level", r -> r.qos() == 1))
        .compose(m -> observer.awaitMessage(base + "/bridge/info", r -> true))
        .compose(m -> {
          ctx.verify(() -> assertEquals(0, simulator.calls().count(SimEndpoint.STATUS_FORCE)));
          observer.publish(base + "/" + legacy.vehicleId() + "/commands/refresh",
              "{\"mode\":\"force\",\"id\":\"e2e-1\"}", 1, false);
          return observer.awaitMessage(resultTopic, r -> r.payload().contains("e2e-1"));
        })
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          JsonObject outcome = new JsonObject(result.payload());
          assertEquals("ok", outcome.getString("status"), outcome.encode());
          assertEquals("fresh", outcome.getString("data_source"), outcome.encode());
          assertTrue(outcome.getInteger("upstream_calls") >= 1, outcome.encode());
          assertEquals(1, result.qos());
          assertFalse(result.retain());
          assertEquals(1, simulator.calls().count(SimEndpoint.STATUS_FORCE));
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  @DisplayName("a command for a vehicle that is not on the account is refused on the bridge topic and costs no call")
  void unknownVehicleCostsNothing(VertxTestContext ctx) {
    // once both cars' start-up data is out, the vehicle list is known and no start-up call is still
    // running: the refusal is about the id, and the call count cannot move for another reason
    observer.awaitMessage(base + "/" + simulator.cars().get(0).vehicleId() + "/battery/level", r -> true)
        .compose(m -> observer.awaitMessage(base + "/" + simulator.cars().get(1).vehicleId() + "/battery/level",
            r -> true))
        .compose(m -> {
          int before = simulator.calls().total();
          observer.publish(base + "/NOT-A-CAR/commands/refresh", "force", 1, false);
          return observer.awaitMessage(base + "/bridge/commands/result", r -> true)
              .map(r -> {
                ctx.verify(() -> {
                  JsonObject outcome = new JsonObject(r.payload());
                  assertEquals("invalid", outcome.getString("status"), outcome.encode());
                  assertEquals(before, simulator.calls().total());
                });
                return r;
              });
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  @DisplayName("Home Assistant: the smart button's retained config is on the broker; pressing it yields a refresh outcome")
  void homeAssistantButtonRefreshesTheCar(Vertx vertx, VertxTestContext ctx) {
    SimCar car = simulator.cars().stream().filter(c -> !c.ccs2()).findFirst().orElseThrow();
    String prefix = base + "-ha";
    observer.awaitMessage(base + "/" + car.vehicleId() + "/battery/level", m -> true)
        .compose(m -> MqttObserver.start(vertx, broker.host(), broker.port(), prefix + "/button/#"))
        .compose(first -> first.awaitAny(r -> r.topic().endsWith("/refresh_smart/config")
            && r.payload().contains(car.vehicleId())).eventually(first::close))
        // a subscriber that comes later gets the config from the broker's retained store
        .compose(seen -> MqttObserver.start(vertx, broker.host(), broker.port(), seen.topic())
            .compose(late -> late.awaitMessage(seen.topic(), r -> true).eventually(late::close)))
        .compose(config -> {
          JsonObject button = new JsonObject(config.payload());
          ctx.verify(() -> {
            assertTrue(config.retain(), "the config is retained on the broker");
            assertEquals(base + "/" + car.vehicleId() + "/commands/refresh", button.getString("command_topic"));
          });
          observer.publish(button.getString("command_topic"), button.getString("payload_press"), 1, false);
          return observer.awaitMessage(base + "/" + car.vehicleId() + "/commands/result",
              r -> r.payload().contains("\"mode\":\"" + button.getString("payload_press") + "\""));
        })
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          JsonObject outcome = new JsonObject(result.payload());
          assertEquals("ok", outcome.getString("status"), outcome.encode());
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  @DisplayName("23: the password, the PIN and every token the cloud issued appear in no log line and no MQTT message")
  void secretsNeverLeave(Vertx vertx, VertxTestContext ctx) {
    SimCar car = simulator.cars().stream().filter(c -> !c.ccs2()).findFirst().orElseThrow();
    observer.awaitMessage(base + "/bridge/info", r -> true)
        .compose(m -> MqttObserver.start(vertx, broker.host(), broker.port(), base + "-ha/#"))
        .compose(discovery -> {
          observer.publish(base + "/" + car.vehicleId() + "/commands/refresh", "{\"mode\":\"force\",\"id\":\"c23\"}",
              1, false);
          return observer.awaitMessage(base + "/" + car.vehicleId() + "/commands/result", r -> r.payload().contains("c23"))
              .compose(r -> vertx.fileSystem().readFile(stateDir.resolve("tokens.json").toString()))
              .map(file -> {
                List<String> secrets = new ArrayList<>(List.of(settings.password(), settings.pin()));
                collectLongStrings(new JsonObject(file), secrets);
                ctx.verify(() -> {
                  assertTrue(secrets.size() > 4, "the token file holds the issued tokens: " + secrets.size());
                  String logText = logs.text();
                  List<MqttObserver.Received> traffic = new ArrayList<>(observer.messages());
                  traffic.addAll(discovery.messages());
                  assertFalse(traffic.isEmpty());
                  for (String secret : secrets) {
                    // a 4-digit PIN also occurs inside odometer readings and VINs: match it only as a whole number
                    Pattern leak = Pattern.compile(secret.length() < 8 ? "(?<![0-9])" + Pattern.quote(secret) + "(?![0-9])"
                        : Pattern.quote(secret));
                    assertFalse(leak.matcher(logText).find(), "a secret reached the log");
                    List<String> leakedOn = traffic.stream()
                        .filter(m -> leak.matcher(m.payload()).find() || leak.matcher(m.topic()).find())
                        .map(MqttObserver.Received::topic).toList();
                    assertTrue(leakedOn.isEmpty(), () -> "a secret (" + secret.length() + " chars) reached MQTT on " + leakedOn);
                  }
                });
                return discovery;
              })
              .compose(MqttObserver::close);
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  @DisplayName("12: ten identical force commands published together wake the car once and get ten outcomes")
  void identicalForcesAreCoalescedThroughTheBroker(VertxTestContext ctx) {
    SimCar car = simulator.cars().stream().filter(c -> !c.ccs2()).findFirst().orElseThrow();
    String resultTopic = base + "/" + car.vehicleId() + "/commands/result";
    observer.awaitMessage(base + "/bridge/info", r -> true)
        .compose(m -> observer.awaitMessage(base + "/" + car.vehicleId() + "/battery/level", r -> true))
        .compose(m -> {
          for (int i = 0; i < 10; i++) {
            observer.publish(base + "/" + car.vehicleId() + "/commands/refresh", "{\"mode\":\"force\",\"id\":\"c12-" + i
                + "\"}", 1, false);
          }
          return observer.awaitMessage(resultTopic, r -> observer.messages(resultTopic).stream()
              .filter(x -> x.payload().contains("c12-")).count() >= 10);
        })
        .onComplete(ctx.succeeding(last -> ctx.verify(() -> {
          List<JsonObject> outcomes = observer.messages(resultTopic).stream().map(r -> new JsonObject(r.payload()))
              .filter(o -> o.getString("id").startsWith("c12-")).toList();
          assertEquals(10, outcomes.size());
          assertEquals(10, outcomes.stream().map(o -> o.getString("id")).distinct().count(), "one outcome each");
          assertEquals(1, simulator.calls().count(SimEndpoint.STATUS_FORCE), "one wake for ten commands");
          assertTrue(outcomes.stream().allMatch(o -> List.of("ok", "coalesced").contains(o.getString("status"))),
              outcomes.toString());
          assertEquals(1, outcomes.stream().filter(o -> o.getInteger("upstream_calls") > 0).count());
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  @DisplayName("9: clearing a retained command with an empty retained message (mosquitto_pub -r -n) gets no outcome")
  void emptyRetainedClearGetsNoOutcome(VertxTestContext ctx) {
    SimCar car = simulator.cars().get(0);
    String commandTopic = base + "/" + car.vehicleId() + "/commands/refresh";
    String resultTopic = base + "/" + car.vehicleId() + "/commands/result";
    observer.awaitMessage(base + "/" + car.vehicleId() + "/battery/level", r -> true)
        .compose(m -> observer.publish(commandTopic, "", 1, true))
        // QoS 1 from one client keeps its order: the clear reaches the bridge before this command
        .compose(id -> observer.publish(commandTopic, "{\"mode\":\"cached\",\"id\":\"after-clear\"}", 1, false))
        .compose(id -> observer.awaitMessage(resultTopic, r -> r.payload().contains("after-clear")))
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          List<String> results = observer.messages(resultTopic).stream().map(MqttObserver.Received::payload)
              .filter(p -> !p.contains("initial-refresh")).toList();
          assertEquals(1, results.size(), results.toString());
          assertTrue(observer.messages(base + "/bridge/commands/result").isEmpty());
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  @DisplayName("10: after a force of a car whose forced status has no odometer, the state document keeps the odometer "
      + "that vehicle/odometer shows")
  void stateDocumentKeepsTheOdometerAfterAForce(VertxTestContext ctx) {
    SimCar legacy = simulator.cars().stream().filter(c -> !c.ccs2()).findFirst().orElseThrow();
    String prefix = base + "/" + legacy.vehicleId() + "/";
    observer.awaitMessage(prefix + "vehicle/odometer", r -> true)
        .compose(m -> observer.awaitMessage(prefix + "state", r -> r.payload().contains("odometer")))
        .compose(m -> {
          observer.publish(prefix + "commands/refresh", "{\"mode\":\"force\",\"id\":\"odo-1\"}", 1, false);
          return observer.awaitMessage(prefix + "commands/result", r -> r.payload().contains("odo-1"));
        })
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          assertEquals("fresh", new JsonObject(result.payload()).getString("data_source"), result.payload());
          List<MqttObserver.Received> states = observer.messages(prefix + "state");
          JsonObject state = new JsonObject(states.get(states.size() - 1).payload());
          assertEquals("fresh", state.getJsonObject("status").getString("data_source"), "the forced state");
          List<MqttObserver.Received> odometers = observer.messages(prefix + "vehicle/odometer");
          double shown = new JsonObject(odometers.get(odometers.size() - 1).payload()).getDouble("value");
          assertEquals(legacy.odometerKm(), shown, 0.01);
          assertEquals(shown, state.getJsonObject("vehicle", new JsonObject()).getDouble("odometer"), 0.01,
              state.encode());
          ctx.completeNow();
        })));
  }

  /** Every string of 16 characters or more in the token file: tokens, refresh tokens, the device id. */
  private static void collectLongStrings(Object node, List<String> into) {
    if (node instanceof JsonObject object) {
      object.forEach(e -> collectLongStrings(e.getValue(), into));
    } else if (node instanceof io.vertx.core.json.JsonArray array) {
      array.forEach(v -> collectLongStrings(v, into));
    } else if (node instanceof String text && text.length() >= 16) {
      into.add(text);
    }
  }
}
