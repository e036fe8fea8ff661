package io.bluelinkmqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.cloud.CloudModules;
import io.bluelinkmqtt.config.AppConfig;
import io.bluelinkmqtt.config.ConfigParser;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.sim.CallLog;
import io.bluelinkmqtt.sim.EuSimulator;
import io.bluelinkmqtt.sim.Fault;
import io.bluelinkmqtt.sim.SimActionOutcome;
import io.bluelinkmqtt.sim.SimCar;
import io.bluelinkmqtt.sim.SimEndpoint;
import io.bluelinkmqtt.sim.SimulatorSettings;
import io.bluelinkmqtt.testsupport.MqttObserver;
import io.bluelinkmqtt.testsupport.MqttObserver.Received;
import io.bluelinkmqtt.testsupport.SimulatedAccount;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Remote actions through the whole bridge, a real Mosquitto and the EU simulator: the exact upstream request for a
 * legacy and a CCS2 car, the progress message and the one final outcome, the new state on MQTT, and every refusal
 * with its upstream call counts.
 */
@ExtendWith(VertxExtension.class)
class ActionsEndToEndTest {

  private static final int POLL_MS = 20;
  private static final int DEADLINE_MS = 200;

  private Vertx vertx;
  private TestBroker broker;
  private EuSimulator simulator;
  private BridgeApplication app;
  private MqttObserver observer;
  private String base;
  private Path stateDir;
  private SimCar legacy;
  private SimCar ccs2;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) throws Exception {
    this.vertx = vertx;
    broker = TestBroker.start("ActionsEndToEndTest");
    base = "act" + UUID.randomUUID().toString().substring(0, 8);
    simulator = new EuSimulator(vertx, SimulatorSettings.defaults(Brand.KIA).withPin("8642")
        .withForceDelays(Duration.ofMillis(200), Duration.ofMillis(100)));
    simulator.setActionDelay(Duration.ofMillis(30));
    legacy = simulator.cars().stream().filter(c -> !c.ccs2()).findFirst().orElseThrow();
    ccs2 = simulator.cars().stream().filter(SimCar::ccs2).findFirst().orElseThrow();
    stateDir = Files.createTempDirectory("bluelink-actions");
    simulator.start().compose(port -> MqttObserver.start(vertx, broker.host(), broker.port(), base + "/#"))
        .onSuccess(o -> observer = o)
        .onComplete(ctx.succeedingThenComplete());
  }

  @AfterEach
  void stop(VertxTestContext ctx) throws Exception {
    Future<Void> stopped = app == null ? Future.succeededFuture() : app.stop();
    stopped.compose(v -> observer.clearAfterBridgeOffline(base))
        .compose(v -> simulator.stop())
        .onComplete(ctx.succeedingThenComplete());
    assertTrue(ctx.awaitCompletion(10, TimeUnit.SECONDS));
    broker.close();
  }

  /** Starts the bridge with the simulator's account (PIN included) plus {@code changes}; waits for both cars. */
  private Future<Void> bridge(Consumer<Map<String, String>> changes) {
    Map<String, String> env = SimulatedAccount.env(simulator, stateDir);
    env.put("MQTT_BROKER_HOST", broker.host());
    env.put("MQTT_BROKER_PORT", Integer.toString(broker.port()));
    env.put("MQTT_BASE_TOPIC", base);
    env.put("MQTT_CLIENT_ID", base + "-bridge");
    env.put("HA_DISCOVERY", "false");
    changes.accept(env);
    JsonObject file = new JsonObject().put("api", new JsonObject()
        .put("actionPollIntervalMs", POLL_MS).put("actionDeadlineMs", DEADLINE_MS)
        .put("retry", new JsonObject().put("baseDelayMs", 20)));
    AppConfig config = ConfigParser.parse(file, env, path -> "", false, CloudModules.supported());
    app = new BridgeApplication(vertx, config);
    return app.start()
        .compose(v -> observer.awaitMessage(base + "/" + legacy.vehicleId() + "/battery/level", m -> true))
        .compose(v -> observer.awaitMessage(base + "/" + ccs2.vehicleId() + "/battery/level", m -> true))
        .mapEmpty();
  }

  private Future<Void> bridge() {
    return bridge(env -> { });
  }

  private Future<JsonObject> outcome(SimCar car, String id, boolean isFinal) {
    return observer.awaitMessage(base + "/" + car.vehicleId() + "/commands/result", m -> {
      JsonObject json = new JsonObject(m.payload());
      return id.equals(json.getString("id")) && json.getBoolean("final") == isFinal;
    }).map(m -> new JsonObject(m.payload()));
  }

  private Future<JsonObject> act(SimCar car, String command, String payload, String id) {
    observer.publish(base + "/" + car.vehicleId() + "/commands/" + command, payload, 1, false);
    return outcome(car, id, true);
  }

  private List<JsonObject> outcomesOf(SimCar car, String id) {
    return observer.messages(base + "/" + car.vehicleId() + "/commands/result").stream()
        .map(m -> new JsonObject(m.payload())).filter(json -> id.equals(json.getString("id"))).toList();
  }

  /** The value published on one of the car's state topics ({@code {"value":…,"timestamp":…}}) becomes {@code value}. */
  private Future<Received> state(SimCar car, String topic, String value) {
    return observer.awaitMessage(base + "/" + car.vehicleId() + "/" + topic,
        m -> !m.payload().isEmpty() && value.equals(String.valueOf(new JsonObject(m.payload()).getValue("value"))));
  }

  private static boolean hasValue(Received m, String value) {
    return !m.payload().isEmpty() && value.equals(String.valueOf(new JsonObject(m.payload()).getValue("value")));
  }

  /**
   * The car's state topic {@code leaf} took {@code value} after {@code sinceMillis} (the read that follows the
   * action), and the broker keeps it retained: a client that subscribes only now gets it, with the retain flag.
   */
  private Future<Void> retainedState(SimCar car, String leaf, String value, long sinceMillis) {
    String topic = base + "/" + car.vehicleId() + "/" + leaf;
    return observer.awaitMessage(topic, m -> m.atMillis() >= sinceMillis && hasValue(m, value))
        .compose(live -> MqttObserver.start(vertx, broker.host(), broker.port(), topic))
        .compose(late -> late.awaitMessage(topic, m -> true).timeout(10, TimeUnit.SECONDS).eventually(late::close))
        .compose(retained -> retained.retain() && hasValue(retained, value) ? Future.<Void>succeededFuture()
            : Future.failedFuture(new AssertionError(topic + ": retained " + retained + ", wanted " + value)));
  }

  private static JsonObject body(CallLog.Request request) {
    return new JsonObject(request.body());
  }

  /** Progress then final for a successful action: exactly one of each, the same action id. */
  private void assertAcceptedThenOk(SimCar car, String id, JsonObject finalOutcome) {
    assertEquals("ok", finalOutcome.getString("status"), finalOutcome.encode());
    List<JsonObject> all = outcomesOf(car, id);
    assertEquals(2, all.size(), all.toString());
    JsonObject progress = all.get(0);
    assertEquals("accepted", progress.getString("status"));
    assertFalse(progress.getBoolean("final"));
    assertEquals(finalOutcome.getString("command"), progress.getString("command"));
    assertTrue(progress.getString("action_id") != null && !progress.getString("action_id").isEmpty());
    assertEquals(progress.getString("action_id"), finalOutcome.getString("action_id"));
    assertTrue(finalOutcome.getBoolean("final"));
  }

  @Test
  @Timeout(value = 40, timeUnit = TimeUnit.SECONDS)
  @DisplayName("unlock then lock: legacy v1/control/door with the device id and access token, CCS2 v2/ccs2/control/door "
      + "with the control token; accepted, ok, and doors/locked follows")
  void lockAndUnlock(VertxTestContext ctx) {
    bridge()
        .compose(v -> act(legacy, "lock", "{\"action\":\"unlock\",\"id\":\"u-1\"}", "u-1"))
        .compose(done -> {
          ctx.verify(() -> {
            assertAcceptedThenOk(legacy, "u-1", done);
            assertEquals("unlock", done.getString("mode"));
            List<CallLog.Request> sent = simulator.calls().requests(SimEndpoint.DOOR_CONTROL);
            assertEquals(1, sent.size());
            assertEquals("/api/v1/spa/vehicles/" + legacy.vehicleId() + "/control/door", sent.get(0).path());
            assertEquals("open", body(sent.get(0)).getString("action"));
            assertEquals(2, body(sent.get(0)).size());
            assertTrue(body(sent.get(0)).getString("deviceId").length() > 8);
            assertNull(sent.get(0).authorizationCcsp(), "a legacy door action uses the access token only");
            assertEquals(0, simulator.calls().count(SimEndpoint.PIN), "legacy actions need no control token");
          });
          return state(legacy, "doors/locked", "false");
        })
        .compose(v -> observer.awaitMessage(base + "/" + legacy.vehicleId() + "/status/wake_audit",
            m -> m.payload().contains("\"last_cause\":\"lock unlock\"")))
        .compose(v -> {
          // the plain shorthand: the outcome carries a generated id
          observer.publish(base + "/" + ccs2.vehicleId() + "/commands/lock", "unlock", 1, false);
          return observer.awaitMessage(base + "/" + ccs2.vehicleId() + "/commands/result",
              m -> m.payload().contains("\"command\":\"lock\"") && m.payload().contains("\"final\":true"))
              .map(m -> new JsonObject(m.payload()));
        })
        .compose(done -> {
          ctx.verify(() -> {
            assertAcceptedThenOk(ccs2, done.getString("id"), done);
            List<CallLog.Request> sent = simulator.calls().requests(SimEndpoint.CCS2_DOOR_CONTROL);
            assertEquals(1, sent.size());
            assertEquals("/api/v2/spa/vehicles/" + ccs2.vehicleId() + "/ccs2/control/door", sent.get(0).path());
            assertEquals(new JsonObject().put("command", "open"), body(sent.get(0)));
            assertEquals("Bearer " + simulator.lastControlToken(), sent.get(0).authorization());
            assertEquals("Bearer " + simulator.lastControlToken(), sent.get(0).authorizationCcsp());
            assertEquals(1, simulator.calls().count(SimEndpoint.PIN));
          });
          return state(ccs2, "doors/locked", "false");
        })
        .compose(v -> act(ccs2, "lock", "{\"action\":\"lock\",\"id\":\"l-2\"}", "l-2"))
        .compose(done -> {
          ctx.verify(() -> {
            assertAcceptedThenOk(ccs2, "l-2", done);
            assertEquals(new JsonObject().put("command", "close"),
                body(simulator.calls().requests(SimEndpoint.CCS2_DOOR_CONTROL).get(1)));
            assertEquals(1, simulator.calls().count(SimEndpoint.PIN), "the control token is reused until it expires");
          });
          return state(ccs2, "doors/locked", "true").map(m -> simulator.car(ccs2.vehicleId()).locked());
        })
        .onComplete(ctx.succeeding(locked -> ctx.verify(() -> {
          assertTrue(locked);
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 40, timeUnit = TimeUnit.SECONDS)
  @DisplayName("climate start with settings and stop: the legacy and CCS2 bodies of §6.1; climate/on follows")
  void climateStartAndStop(VertxTestContext ctx) {
    String start = "{\"action\":\"start\",\"id\":\"%s\",\"temperature\":22.5,\"duration\":15,\"defrost\":true,"
        + "\"steering_wheel_heat\":true,\"seats\":{\"driver\":3,\"passenger\":1}}";
    bridge()
        .compose(v -> act(legacy, "climate", String.format(start, "c-1"), "c-1"))
        .compose(done -> {
          ctx.verify(() -> {
            assertAcceptedThenOk(legacy, "c-1", done);
            CallLog.Request sent = simulator.calls().requests(SimEndpoint.CLIMATE_CONTROL).get(0);
            assertEquals("/api/v1/spa/vehicles/" + legacy.vehicleId() + "/control/temperature", sent.path());
            assertEquals(new JsonObject().put("action", "start").put("hvacType", 0)
                .put("options", new JsonObject().put("defrost", true).put("heating1", 1).put("igniOnDuration", 15))
                .put("tempCode", "11H").put("unit", "C"), body(sent));
          });
          return state(legacy, "climate/on", "true");
        })
        .compose(v -> act(ccs2, "climate", String.format(start, "c-2"), "c-2"))
        .compose(done -> {
          ctx.verify(() -> {
            assertAcceptedThenOk(ccs2, "c-2", done);
            CallLog.Request sent = simulator.calls().requests(SimEndpoint.CCS2_CLIMATE_CONTROL).get(0);
            assertEquals("/api/v2/spa/vehicles/" + ccs2.vehicleId() + "/ccs2/control/temperature", sent.path());
            assertEquals(new JsonObject().put("command", "start").put("ignitionDuration", 15).put("strgWhlHeating", 1)
                .put("hvacTempType", 1).put("hvacTemp", 22.5).put("tempUnit", "C")
                .put("windshieldFrontDefogState", true).put("sideRearMirrorHeating", 1).put("drvSeatLoc", "L")
                .put("seatClimateInfo", new JsonObject().put("drvSeatClimateState", 3).put("psgSeatClimateState", 1)
                    .put("rlSeatClimateState", 0).put("rrSeatClimateState", 0)), body(sent));
            assertEquals("Bearer " + simulator.lastControlToken(), sent.authorizationCcsp());
          });
          return state(ccs2, "climate/on", "true");
        })
        .compose(v -> act(legacy, "climate", "{\"action\":\"stop\",\"id\":\"c-3\"}", "c-3"))
        .compose(done -> act(ccs2, "climate", "{\"action\":\"stop\",\"id\":\"c-4\"}", "c-4"))
        .compose(done -> {
          ctx.verify(() -> {
            assertAcceptedThenOk(legacy, "c-3", outcomesOf(legacy, "c-3").get(1));
            assertAcceptedThenOk(ccs2, "c-4", done);
            assertEquals(new JsonObject().put("action", "stop").put("hvacType", 0)
                    .put("options", new JsonObject().put("defrost", true).put("heating1", 1))
                    .put("tempCode", "10H").put("unit", "C"),
                body(simulator.calls().requests(SimEndpoint.CLIMATE_CONTROL).get(1)));
            assertEquals(new JsonObject().put("command", "stop"),
                body(simulator.calls().requests(SimEndpoint.CCS2_CLIMATE_CONTROL).get(1)));
          });
          return state(ccs2, "climate/on", "false").compose(r -> state(legacy, "climate/on", "false"));
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @Timeout(value = 40, timeUnit = TimeUnit.SECONDS)
  @DisplayName("charge start and stop: legacy v1/control/charge with the device id, CCS2 v2/ccs2/control/charge; "
      + "battery/charging_status follows")
  void chargeStartAndStop(VertxTestContext ctx) {
    legacy.setPlugged(true);
    ccs2.setPlugged(true);
    bridge()
        .compose(v -> act(legacy, "charge", "{\"action\":\"start\",\"id\":\"g-1\"}", "g-1"))
        .compose(done -> {
          ctx.verify(() -> {
            assertAcceptedThenOk(legacy, "g-1", done);
            CallLog.Request sent = simulator.calls().requests(SimEndpoint.CHARGE_CONTROL).get(0);
            assertEquals("/api/v1/spa/vehicles/" + legacy.vehicleId() + "/control/charge", sent.path());
            assertEquals("start", body(sent).getString("action"));
            assertEquals(2, body(sent).size(), "action and deviceId");
          });
          return state(legacy, "battery/charging_status", "charging");
        })
        .compose(v -> act(ccs2, "charge", "{\"action\":\"start\",\"id\":\"g-2\"}", "g-2"))
        .compose(done -> {
          ctx.verify(() -> {
            assertAcceptedThenOk(ccs2, "g-2", done);
            CallLog.Request sent = simulator.calls().requests(SimEndpoint.CCS2_CHARGE_CONTROL).get(0);
            assertEquals("/api/v2/spa/vehicles/" + ccs2.vehicleId() + "/ccs2/control/charge", sent.path());
            assertEquals(new JsonObject().put("command", "start"), body(sent));
          });
          return state(ccs2, "battery/charging_status", "charging");
        })
        .compose(v -> act(legacy, "charge", "{\"action\":\"stop\",\"id\":\"g-3\"}", "g-3"))
        .compose(v -> act(ccs2, "charge", "{\"action\":\"stop\",\"id\":\"g-4\"}", "g-4"))
        .compose(done -> {
          ctx.verify(() -> {
            assertAcceptedThenOk(ccs2, "g-4", done);
            assertEquals("stop", body(simulator.calls().requests(SimEndpoint.CHARGE_CONTROL).get(1)).getString("action"));
            assertEquals(new JsonObject().put("command", "stop"),
                body(simulator.calls().requests(SimEndpoint.CCS2_CHARGE_CONTROL).get(1)));
          });
          return state(ccs2, "battery/charging_status", "not_charging")
              .compose(r -> state(legacy, "battery/charging_status", "not_charging"));
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  @DisplayName("a wrong PIN: failed/wrong_pin after one PIN call and no action; the next action is refused locally")
  void wrongPin(VertxTestContext ctx) {
    bridge(env -> env.put("HYUNDAI_PIN", "1111"))
        .compose(v -> act(ccs2, "lock", "{\"action\":\"unlock\",\"id\":\"p-1\"}", "p-1"))
        .compose(first -> {
          ctx.verify(() -> {
            assertEquals("failed", first.getString("status"));
            assertEquals("wrong_pin", first.getString("reason"));
            assertEquals(1, outcomesOf(ccs2, "p-1").size(), "no progress message: the cloud took nothing");
            assertEquals(1, simulator.calls().count(SimEndpoint.PIN));
            assertEquals(0, simulator.calls().count(SimEndpoint.CCS2_DOOR_CONTROL));
          });
          return act(ccs2, "lock", "{\"action\":\"unlock\",\"id\":\"p-2\"}", "p-2");
        })
        .onComplete(ctx.succeeding(second -> ctx.verify(() -> {
          assertEquals("denied", second.getString("status"));
          assertEquals("wrong_pin", second.getString("reason"));
          assertEquals(0, second.getInteger("upstream_calls"));
          assertEquals(1, simulator.calls().count(SimEndpoint.PIN), "a refused PIN is never tried again at once");
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  @DisplayName("no PIN configured: actions denied/pin_required with 0 calls; reads still work")
  void missingPin(VertxTestContext ctx) {
    bridge(env -> env.remove("HYUNDAI_PIN"))
        .compose(v -> {
          simulator.calls().reset();
          return act(legacy, "lock", "unlock", "auto-1");
        })
        .compose(denied -> {
          ctx.verify(() -> {
            assertEquals("denied", denied.getString("status"));
            assertEquals("pin_required", denied.getString("reason"));
            assertTrue(denied.getBoolean("final"));
            assertEquals(0, simulator.calls().total());
          });
          return act(legacy, "refresh", "{\"mode\":\"cached\",\"id\":\"r-1\"}", "r-1");
        })
        .onComplete(ctx.succeeding(read -> ctx.verify(() -> {
          assertEquals("ok", read.getString("status"));
          assertTrue(read.getBoolean("final"), "refresh outcomes carry final:true too");
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  @DisplayName("4004: busy, sent once and never resent")
  void duplicateIsBusy(VertxTestContext ctx) {
    simulator.faults().add(Fault.resCode("4004", 200).on(SimEndpoint.CCS2_DOOR_CONTROL).times(1));
    bridge()
        .compose(v -> act(ccs2, "lock", "{\"action\":\"unlock\",\"id\":\"d-1\"}", "d-1"))
        .onComplete(ctx.succeeding(busy -> ctx.verify(() -> {
          assertEquals("busy", busy.getString("status"));
          assertEquals("duplicate_request", busy.getString("reason"));
          assertEquals(1, simulator.calls().count(SimEndpoint.CCS2_DOOR_CONTROL));
          assertEquals(0, simulator.calls().count(SimEndpoint.ACTION_RECORDS));
          assertTrue(simulator.car(ccs2.vehicleId()).locked());
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  @DisplayName("4005: unsupported, remembered for the car: the next attempt is refused with 0 calls")
  void unsupportedIsRemembered(VertxTestContext ctx) {
    simulator.faults().add(Fault.resCode("4005", 200).on(SimEndpoint.CCS2_CLIMATE_CONTROL).times(1));
    bridge()
        .compose(v -> act(ccs2, "climate", "{\"action\":\"stop\",\"id\":\"x-1\"}", "x-1"))
        .compose(first -> {
          ctx.verify(() -> {
            assertEquals("unsupported", first.getString("status"));
            assertEquals(1, simulator.calls().count(SimEndpoint.CCS2_CLIMATE_CONTROL));
          });
          return act(ccs2, "climate", "{\"action\":\"stop\",\"id\":\"x-2\"}", "x-2");
        })
        .onComplete(ctx.succeeding(second -> ctx.verify(() -> {
          assertEquals("unsupported", second.getString("status"));
          assertEquals(0, second.getInteger("upstream_calls"));
          assertEquals(1, simulator.calls().count(SimEndpoint.CCS2_CLIMATE_CONTROL), "refused locally");
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  @DisplayName("a car that never answers: accepted, then timeout/deadline after a bounded number of polls")
  void neverAnswers(VertxTestContext ctx) {
    simulator.setActionOutcome(legacy.vehicleId(), SimActionOutcome.NEVER);
    bridge()
        .compose(v -> act(legacy, "lock", "{\"action\":\"unlock\",\"id\":\"n-1\"}", "n-1"))
        .map(done -> ctx.verify(() -> {
          assertEquals("timeout", done.getString("status"));
          assertEquals("deadline", done.getString("reason"));
          assertEquals(2, outcomesOf(legacy, "n-1").size(), "accepted, then the one final outcome");
          assertEquals(1, simulator.calls().count(SimEndpoint.DOOR_CONTROL));
          assertEquals(DEADLINE_MS / POLL_MS, simulator.calls().count(SimEndpoint.ACTION_RECORDS));
          assertEquals(1 + DEADLINE_MS / POLL_MS, done.getInteger("upstream_calls"));
          assertTrue(simulator.car(legacy.vehicleId()).locked());
        }))
        // the action and every poll were paid from the budget: it counted every request the cloud saw
        .compose(done -> observer.awaitMessage(base + "/bridge/budget",
            m -> new JsonObject(m.payload()).getInteger("used") == simulator.calls().total()))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  @DisplayName("a retained action is never executed; a later live one is")
  void retainedActionIgnored(VertxTestContext ctx) {
    String topic = base + "/" + legacy.vehicleId() + "/commands/lock";
    // published before the bridge subscribes: the broker hands it over with the retain flag, as after a reconnect
    observer.publish(topic, "{\"action\":\"unlock\",\"id\":\"ret-1\"}", 1, true)
        .compose(v -> bridge())
        .compose(v -> act(legacy, "lock", "{\"action\":\"lock\",\"id\":\"live-1\"}", "live-1"))
        .onComplete(ctx.succeeding(done -> ctx.verify(() -> {
          assertEquals("ok", done.getString("status"));
          assertEquals(List.of(), outcomesOf(legacy, "ret-1"));
          assertEquals(1, simulator.calls().count(SimEndpoint.DOOR_CONTROL));
          assertEquals("close", body(simulator.calls().requests(SimEndpoint.DOOR_CONTROL).get(0)).getString("action"));
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  @DisplayName("an action whose ts is older than 60 s is denied/expired with 0 calls")
  void expiredTimestamp(VertxTestContext ctx) {
    long old = System.currentTimeMillis() / 1000 - 120;
    bridge()
        .compose(v -> {
          simulator.calls().reset();
          return act(legacy, "lock", "{\"action\":\"unlock\",\"id\":\"t-1\",\"ts\":" + old + "}", "t-1");
        })
        .onComplete(ctx.succeeding(done -> ctx.verify(() -> {
          assertEquals("denied", done.getString("status"));
          assertEquals("expired", done.getString("reason"));
          assertEquals(0, simulator.calls().total());
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  @DisplayName("ACTIONS_ALLOWED without unlock: unlock denied/not_allowed with 0 calls, lock still runs")
  void disallowedAction(VertxTestContext ctx) {
    legacy.setLocked(false);
    bridge(env -> env.put("ACTIONS_ALLOWED", "lock,climate,charge"))
        .compose(v -> {
          simulator.calls().reset();
          return act(legacy, "lock", "unlock", "auto-1");
        })
        .compose(denied -> {
          ctx.verify(() -> {
            assertEquals("denied", denied.getString("status"));
            assertEquals("not_allowed", denied.getString("reason"));
            assertEquals(0, simulator.calls().total());
          });
          return act(legacy, "windows", "{\"action\":\"open\",\"id\":\"na-2\"}", "na-2");
        })
        .compose(denied -> {
          ctx.verify(() -> {
            assertEquals("denied", denied.getString("status"), "windows are not in the list either");
            assertEquals("not_allowed", denied.getString("reason"));
            assertEquals(0, denied.getInteger("upstream_calls"));
            assertEquals(0, simulator.calls().total());
          });
          return act(legacy, "lock", "{\"action\":\"lock\",\"id\":\"ok-1\"}", "ok-1");
        })
        .onComplete(ctx.succeeding(done -> ctx.verify(() -> {
          assertEquals("ok", done.getString("status"));
          assertEquals(1, simulator.calls().count(SimEndpoint.DOOR_CONTROL));
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  @DisplayName("10 identical locks in flight: one call, ten progress messages and ten final outcomes")
  void identicalActionsJoin(VertxTestContext ctx) {
    legacy.setLocked(false);
    bridge()
        .compose(v -> {
          for (int i = 1; i <= 10; i++) {
            observer.publish(base + "/" + legacy.vehicleId() + "/commands/lock",
                "{\"action\":\"lock\",\"id\":\"k-" + i + "\"}", 1, false);
          }
          Future<JsonObject> all = Future.succeededFuture();
          for (int i = 1; i <= 10; i++) {
            String id = "k-" + i;
            all = all.compose(x -> outcome(legacy, id, true));
          }
          return all;
        })
        .onComplete(ctx.succeeding(last -> ctx.verify(() -> {
          assertEquals(1, simulator.calls().count(SimEndpoint.DOOR_CONTROL));
          int calls = 0;
          for (int i = 1; i <= 10; i++) {
            List<JsonObject> of = outcomesOf(legacy, "k-" + i);
            assertEquals(2, of.size(), of.toString());
            assertEquals("accepted", of.get(0).getString("status"));
            assertEquals("ok", of.get(1).getString("status"));
            calls += of.get(1).getInteger("upstream_calls");
          }
          assertEquals(1 + simulator.calls().count(SimEndpoint.ACTION_RECORDS), calls,
              "the leader carries the calls, the joiners none");
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  @DisplayName("an action waits behind a forced refresh of the same car in its lane")
  void actionWaitsBehindRefresh(VertxTestContext ctx) {
    bridge()
        .compose(v -> {
          simulator.calls().reset();
          observer.publish(base + "/" + legacy.vehicleId() + "/commands/refresh",
              "{\"mode\":\"force\",\"override\":true,\"id\":\"f-1\"}", 1, false);
          return act(legacy, "lock", "{\"action\":\"unlock\",\"id\":\"w-1\"}", "w-1");
        })
        .onComplete(ctx.succeeding(done -> ctx.verify(() -> {
          assertEquals("ok", done.getString("status"));
          List<SimEndpoint> order = simulator.calls().all().stream().map(CallLog.Call::endpoint)
              .filter(e -> e == SimEndpoint.STATUS_FORCE || e == SimEndpoint.LOCATION || e == SimEndpoint.DOOR_CONTROL)
              .toList();
          assertEquals(List.of(SimEndpoint.STATUS_FORCE, SimEndpoint.LOCATION, SimEndpoint.DOOR_CONTROL), order,
              "the door call only once the forced refresh is done");
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  @DisplayName("the access token expires while the action is pending: renewed once, polling goes on, nothing resent")
  void tokenExpiresMidAction(VertxTestContext ctx) {
    simulator.setActionDelay(Duration.ofMillis(150));
    bridge()
        .compose(v -> {
          observer.publish(base + "/" + legacy.vehicleId() + "/commands/lock",
              "{\"action\":\"unlock\",\"id\":\"e-1\"}", 1, false);
          return outcome(legacy, "e-1", false);
        })
        .compose(progress -> {
          simulator.expireAllTokens();
          return outcome(legacy, "e-1", true);
        })
        .onComplete(ctx.succeeding(done -> ctx.verify(() -> {
          assertAcceptedThenOk(legacy, "e-1", done);
          assertEquals(1, simulator.calls().count(SimEndpoint.DOOR_CONTROL), "an accepted action is never resent");
          assertEquals(1, simulator.calls().count(SimEndpoint.CCI_TOKEN_REFRESH), "one renewal");
          assertFalse(simulator.car(legacy.vehicleId()).locked());
          ctx.completeNow();
        })));
  }

  private long callsFor(SimCar car) {
    return simulator.calls().all().stream().filter(c -> car.vehicleId().equals(c.vehicleId())).count();
  }

  /** The request carried the access token only (§6.1 AUTH), not the PIN's control token. */
  private void assertAuth(CallLog.Request sent) {
    assertNull(sent.authorizationCcsp(), "AUTH: no AuthorizationCCSP");
    assertFalse(("Bearer " + simulator.lastControlToken()).equals(sent.authorization()), "AUTH: the access token");
  }

  /** The request carried the PIN's control token in both headers (§6.1 CTRL). */
  private void assertCtrl(CallLog.Request sent) {
    assertEquals("Bearer " + simulator.lastControlToken(), sent.authorization());
    assertEquals("Bearer " + simulator.lastControlToken(), sent.authorizationCcsp());
  }

  @Test
  @Timeout(value = 40, timeUnit = TimeUnit.SECONDS)
  @DisplayName("charge_limits with a level left out and no limits reported yet: one GET v1/…/charge/target with the "
      + "access token, counted in upstream_calls, then both levels; a read that fails is invalid, nothing sent")
  void chargeLimitsReadWhenNotKnown(VertxTestContext ctx) {
    legacy.setReportsChargeLimits(false);
    legacy.setChargeLimitDc(70);
    String limitTopic = base + "/" + legacy.vehicleId() + "/ev/charge_limit_dc";
    bridge()
        .compose(v -> {
          ctx.verify(() -> assertTrue(observer.messages(limitTopic).isEmpty(), "the status has no limits"));
          simulator.calls().reset();
          simulator.faults().add(Fault.resCode("4003", 200).on(SimEndpoint.CHARGE_TARGET_READ).times(1));
          return act(legacy, "charge_limits", "{\"ac\":60,\"id\":\"cr-1\"}", "cr-1");
        })
        .compose(refused -> {
          ctx.verify(() -> {
            assertEquals("invalid", refused.getString("status"));
            assertEquals("current_limit_unknown", refused.getString("reason"));
            assertEquals(1, refused.getInteger("upstream_calls"), "the one read");
            assertEquals(1, simulator.calls().count(SimEndpoint.CHARGE_TARGET_READ));
            assertEquals(0, simulator.calls().count(SimEndpoint.CHARGE_TARGET), "nothing sent");
          });
          simulator.calls().reset();
          return act(legacy, "charge_limits", "{\"ac\":60,\"id\":\"cr-2\"}", "cr-2");
        })
        .onComplete(ctx.succeeding(done -> ctx.verify(() -> {
          assertAcceptedThenOk(legacy, "cr-2", done);
          List<CallLog.Request> reads = simulator.calls().requests(SimEndpoint.CHARGE_TARGET_READ);
          assertEquals(1, reads.size(), "read once");
          assertEquals("/api/v1/spa/vehicles/" + legacy.vehicleId() + "/charge/target", reads.get(0).path());
          assertAuth(reads.get(0));
          CallLog.Request sent = simulator.calls().requests(SimEndpoint.CHARGE_TARGET).get(0);
          assertEquals(targets(70, 60), body(sent), "DC kept at the car's 70 %, read from the cloud");
          assertEquals(60, legacy.chargeLimit());
          assertEquals(70, legacy.chargeLimitDc());
          assertEquals(1 + 1 + simulator.calls().count(SimEndpoint.ACTION_RECORDS), done.getInteger("upstream_calls"),
              "the read, the action and its polls");
          ctx.completeNow();
        })));
  }

  private static JsonObject targets(int dc, int ac) {
    return new JsonObject().put("targetSOClist", new io.vertx.core.json.JsonArray()
        .add(new JsonObject().put("plugType", 0).put("targetSOClevel", dc))
        .add(new JsonObject().put("plugType", 1).put("targetSOClevel", ac)));
  }

  @Test
  @Timeout(value = 40, timeUnit = TimeUnit.SECONDS)
  @DisplayName("charge_limits: v1/charge/target with the access token for both families; a level left out keeps the "
      + "car's current one; ev/charge_limit and ev/charge_limit_dc follow")
  void chargeLimits(VertxTestContext ctx) {
    bridge()
        .compose(v -> act(legacy, "charge_limits", "{\"ac\":70,\"dc\":90,\"id\":\"cl-1\"}", "cl-1"))
        .compose(done -> {
          ctx.verify(() -> {
            assertAcceptedThenOk(legacy, "cl-1", done);
            assertEquals("set", done.getString("mode"));
            CallLog.Request sent = simulator.calls().requests(SimEndpoint.CHARGE_TARGET).get(0);
            assertEquals("/api/v1/spa/vehicles/" + legacy.vehicleId() + "/charge/target", sent.path());
            assertEquals(targets(90, 70), body(sent));
            assertAuth(sent);
            assertEquals(0, simulator.calls().count(SimEndpoint.PIN), "no control token for the charge limits");
          });
          return state(legacy, "ev/charge_limit", "70").compose(r -> state(legacy, "ev/charge_limit_dc", "90"));
        })
        .compose(v -> act(ccs2, "charge_limits", "{\"dc\":60,\"id\":\"cl-2\"}", "cl-2"))
        .compose(done -> {
          ctx.verify(() -> {
            assertAcceptedThenOk(ccs2, "cl-2", done);
            CallLog.Request sent = simulator.calls().requests(SimEndpoint.CHARGE_TARGET).get(1);
            assertEquals("/api/v1/spa/vehicles/" + ccs2.vehicleId() + "/charge/target", sent.path());
            assertEquals(targets(60, 80), body(sent), "AC kept at the car's 80 %");
            assertAuth(sent);
            assertEquals(80, simulator.car(ccs2.vehicleId()).chargeLimit());
          });
          return state(ccs2, "ev/charge_limit_dc", "60");
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @Timeout(value = 40, timeUnit = TimeUnit.SECONDS)
  @DisplayName("charging_current: CCS2 v1/ccs2/charge/chargingcurrent {chargingCurrent:2} with the access token; "
      + "ev/charging_current follows, retained; a legacy car does not offer it: unsupported, 0 calls")
  void chargingCurrent(VertxTestContext ctx) {
    long[] actedAt = new long[1];
    bridge()
        .compose(v -> state(ccs2, "ev/charging_current", "100"))
        .compose(v -> {
          actedAt[0] = System.currentTimeMillis();
          return act(ccs2, "charging_current", "{\"action\":90,\"id\":\"cc-1\"}", "cc-1");
        })
        .compose(done -> {
          ctx.verify(() -> {
            assertAcceptedThenOk(ccs2, "cc-1", done);
            assertEquals("90", done.getString("mode"));
            CallLog.Request sent = simulator.calls().requests(SimEndpoint.CCS2_CHARGING_CURRENT).get(0);
            assertEquals("/api/v1/spa/vehicles/" + ccs2.vehicleId() + "/ccs2/charge/chargingcurrent", sent.path());
            assertEquals(new JsonObject().put("chargingCurrent", 2), body(sent));
            assertAuth(sent);
            assertEquals(2, simulator.car(ccs2.vehicleId()).chargingCurrentLevel());
          });
          return retainedState(ccs2, "ev/charging_current", "90", actedAt[0]);
        })
        .compose(v -> {
          ctx.verify(() -> assertTrue(observer.messages(base + "/" + legacy.vehicleId() + "/ev/charging_current")
              .isEmpty(), "a legacy car reports no charging current"));
          simulator.calls().reset();
          return observer.publish(base + "/" + legacy.vehicleId() + "/commands/charging_current", "60", 1, false);
        })
        .compose(ignored -> observer.awaitMessage(base + "/" + legacy.vehicleId() + "/commands/result",
            m -> m.payload().contains("\"command\":\"charging_current\"")).map(m -> new JsonObject(m.payload())))
        .onComplete(ctx.succeeding(refused -> ctx.verify(() -> {
          assertEquals("unsupported", refused.getString("status"));
          assertEquals(0, refused.getInteger("upstream_calls"));
          assertEquals(0, callsFor(legacy), "the other car's read after its action may still run");
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 40, timeUnit = TimeUnit.SECONDS)
  @DisplayName("charge_port: v2/control/portdoor {action:open|close} with the control token for both families; "
      + "ev/charge_port_open follows, retained")
  void chargePort(VertxTestContext ctx) {
    ccs2.setChargePortOpen(true);
    long[] actedAt = new long[1];
    bridge()
        .compose(v -> state(legacy, "ev/charge_port_open", "false"))
        .compose(v -> state(ccs2, "ev/charge_port_open", "true"))
        .compose(v -> {
          actedAt[0] = System.currentTimeMillis();
          return observer.publish(base + "/" + legacy.vehicleId() + "/commands/charge_port", "open", 1, false);
        })
        .compose(v -> observer.awaitMessage(base + "/" + legacy.vehicleId() + "/commands/result",
            m -> m.payload().contains("\"command\":\"charge_port\"") && m.payload().contains("\"final\":true"))
            .map(m -> new JsonObject(m.payload())))
        .compose(done -> {
          ctx.verify(() -> {
            assertAcceptedThenOk(legacy, done.getString("id"), done);
            CallLog.Request sent = simulator.calls().requests(SimEndpoint.PORT_DOOR_CONTROL).get(0);
            assertEquals("/api/v2/spa/vehicles/" + legacy.vehicleId() + "/control/portdoor", sent.path());
            assertEquals(new JsonObject().put("action", "open"), body(sent));
            assertCtrl(sent);
            assertTrue(simulator.car(legacy.vehicleId()).chargePortOpen());
          });
          return retainedState(legacy, "ev/charge_port_open", "true", actedAt[0]);
        })
        .compose(v -> {
          actedAt[0] = System.currentTimeMillis();
          return act(ccs2, "charge_port", "{\"action\":\"close\",\"id\":\"cp-2\"}", "cp-2");
        })
        .compose(done -> {
          ctx.verify(() -> {
            assertAcceptedThenOk(ccs2, "cp-2", done);
            CallLog.Request request = simulator.calls().requests(SimEndpoint.PORT_DOOR_CONTROL).get(1);
            assertEquals("/api/v2/spa/vehicles/" + ccs2.vehicleId() + "/control/portdoor", request.path());
            assertEquals(new JsonObject().put("action", "close"), body(request));
            assertCtrl(request);
            assertFalse(simulator.car(ccs2.vehicleId()).chargePortOpen());
          });
          return retainedState(ccs2, "ev/charge_port_open", "false", actedAt[0]);
        })
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @Timeout(value = 40, timeUnit = TimeUnit.SECONDS)
  @DisplayName("windows: v2/control/windowcurtain with the four positions and the control token; "
      + "doors/windows_open and each window's retained windows/* topic follow")
  void windows(VertxTestContext ctx) {
    ccs2.setWindows(1, 1, 2, 2);
    long[] actedAt = new long[1];
    bridge()
        // a CCS2 car tells the ventilation position from fully open
        .compose(v -> state(ccs2, "windows/front_left", "open"))
        .compose(v -> state(ccs2, "windows/rear_right", "vent"))
        .compose(v -> state(legacy, "windows/front_left", "closed"))
        .compose(v -> {
          actedAt[0] = System.currentTimeMillis();
          return act(legacy, "windows", "{\"front_left\":\"open\",\"rear_right\":\"vent\",\"id\":\"wi-1\"}",
              "wi-1");
        })
        .compose(done -> {
          ctx.verify(() -> {
            assertAcceptedThenOk(legacy, "wi-1", done);
            assertEquals("custom", done.getString("mode"));
            CallLog.Request sent = simulator.calls().requests(SimEndpoint.WINDOW_CONTROL).get(0);
            assertEquals("/api/v2/spa/vehicles/" + legacy.vehicleId() + "/control/windowcurtain", sent.path());
            assertEquals(new JsonObject().put("frontLeft", 1).put("frontRight", 0).put("backLeft", 0).put("backRight", 2),
                body(sent));
            assertCtrl(sent);
          });
          return state(legacy, "doors/windows_open", "true");
        })
        // a legacy car reports a window as open or closed only: the vented one reads open
        .compose(v -> retainedState(legacy, "windows/front_left", "open", actedAt[0]))
        .compose(v -> retainedState(legacy, "windows/rear_right", "open", actedAt[0]))
        .compose(v -> retainedState(legacy, "windows/front_right", "closed", actedAt[0]))
        .compose(v -> {
          actedAt[0] = System.currentTimeMillis();
          return act(ccs2, "windows", "{\"action\":\"close\",\"id\":\"wi-2\"}", "wi-2");
        })
        .compose(done -> {
          ctx.verify(() -> {
            assertAcceptedThenOk(ccs2, "wi-2", done);
            CallLog.Request sent = simulator.calls().requests(SimEndpoint.WINDOW_CONTROL).get(1);
            assertEquals("/api/v2/spa/vehicles/" + ccs2.vehicleId() + "/control/windowcurtain", sent.path());
            assertEquals(new JsonObject().put("frontLeft", 0).put("frontRight", 0).put("backLeft", 0).put("backRight", 0),
                body(sent));
            assertCtrl(sent);
          });
          return state(ccs2, "doors/windows_open", "false");
        })
        .compose(v -> retainedState(ccs2, "windows/front_left", "closed", actedAt[0]))
        .compose(v -> retainedState(ccs2, "windows/rear_right", "closed", actedAt[0]))
        .compose(v -> observer.awaitMessage(base + "/" + ccs2.vehicleId() + "/status/wake_audit",
            m -> m.payload().contains("\"last_cause\":\"windows close\"")))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @Timeout(value = 40, timeUnit = TimeUnit.SECONDS)
  @DisplayName("hazard and horn_lights: CCS2 v2/ccs2/control/light and /hornlight {command:on} with the control "
      + "token; the legacy car does not offer them: unsupported, 0 calls")
  void hazardAndHorn(VertxTestContext ctx) {
    bridge()
        .compose(v -> act(ccs2, "hazard", "{\"action\":\"on\",\"id\":\"hz-1\"}", "hz-1"))
        .compose(done -> {
          ctx.verify(() -> {
            assertAcceptedThenOk(ccs2, "hz-1", done);
            CallLog.Request sent = simulator.calls().requests(SimEndpoint.CCS2_LIGHT_CONTROL).get(0);
            assertEquals("/api/v2/spa/vehicles/" + ccs2.vehicleId() + "/ccs2/control/light", sent.path());
            assertEquals(new JsonObject().put("command", "on"), body(sent));
            assertCtrl(sent);
            assertEquals(1, simulator.car(ccs2.vehicleId()).hazardFlashes());
          });
          return act(ccs2, "horn_lights", "{\"action\":\"on\",\"id\":\"hn-1\"}", "hn-1");
        })
        .compose(done -> {
          ctx.verify(() -> {
            assertAcceptedThenOk(ccs2, "hn-1", done);
            CallLog.Request sent = simulator.calls().requests(SimEndpoint.CCS2_HORN_LIGHT_CONTROL).get(0);
            assertEquals("/api/v2/spa/vehicles/" + ccs2.vehicleId() + "/ccs2/control/hornlight", sent.path());
            assertEquals(new JsonObject().put("command", "on"), body(sent));
            assertCtrl(sent);
            assertEquals(1, simulator.car(ccs2.vehicleId()).hornSounds());
          });
          simulator.calls().reset();
          return act(legacy, "hazard", "{\"action\":\"on\",\"id\":\"hz-2\"}", "hz-2");
        })
        .onComplete(ctx.succeeding(refused -> ctx.verify(() -> {
          assertEquals("unsupported", refused.getString("status"));
          assertEquals(0, refused.getInteger("upstream_calls"));
          assertEquals(0, callsFor(legacy), "the other car's read after its action may still run");
          assertEquals(1, outcomesOf(legacy, "hz-2").size(), "a local refusal has no progress message");
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 40, timeUnit = TimeUnit.SECONDS)
  @DisplayName("a CCS2 car without seat climate refuses the start with seats (4005): resent once without "
      + "seatClimateInfo, then ok")
  void climateRetriedWithoutSeats(VertxTestContext ctx) {
    ccs2.setSeatClimate(false);
    bridge()
        .compose(v -> act(ccs2, "climate", "{\"action\":\"start\",\"id\":\"cs-1\",\"seats\":{\"driver\":6}}",
            "cs-1"))
        .onComplete(ctx.succeeding(done -> ctx.verify(() -> {
          assertAcceptedThenOk(ccs2, "cs-1", done);
          List<CallLog.Request> sent = simulator.calls().requests(SimEndpoint.CCS2_CLIMATE_CONTROL);
          assertEquals(2, sent.size());
          assertTrue(body(sent.get(0)).containsKey("seatClimateInfo"));
          JsonObject retry = body(sent.get(0)).copy();
          retry.remove("seatClimateInfo");
          assertEquals(retry, body(sent.get(1)));
          assertEquals(1, simulator.calls().count(SimEndpoint.PIN));
          assertEquals(1 + 2 + simulator.calls().count(SimEndpoint.ACTION_RECORDS), done.getInteger("upstream_calls"),
              "the PIN call, two sends and the polls");
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 40, timeUnit = TimeUnit.SECONDS)
  @DisplayName("5031 before acceptance is retried; 9999 on a status poll after acceptance never resends the action")
  void transientErrorsBeforeAndAfterAcceptance(VertxTestContext ctx) {
    simulator.faults().add(Fault.resCode("5031", 503).on(SimEndpoint.DOOR_CONTROL).times(1));
    simulator.faults().add(Fault.resCode("9999", 200).on(SimEndpoint.ACTION_RECORDS).times(1));
    bridge()
        .compose(v -> act(legacy, "lock", "{\"action\":\"unlock\",\"id\":\"tr-1\"}", "tr-1"))
        .onComplete(ctx.succeeding(done -> ctx.verify(() -> {
          assertAcceptedThenOk(legacy, "tr-1", done);
          assertEquals(2, simulator.calls().count(SimEndpoint.DOOR_CONTROL), "refused with 5031, then sent again");
          assertTrue(simulator.calls().count(SimEndpoint.ACTION_RECORDS) >= 2, "the failed poll counts as pending");
          assertEquals(2 + simulator.calls().count(SimEndpoint.ACTION_RECORDS), done.getInteger("upstream_calls"));
          assertFalse(simulator.car(legacy.vehicleId()).locked());
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 40, timeUnit = TimeUnit.SECONDS)
  @DisplayName("an empty record list (stale device id) re-registers the device once, then the action's record is found")
  void staleDeviceReRegistersOnce(VertxTestContext ctx) {
    bridge()
        .compose(v -> {
          simulator.markDevicesStale();
          simulator.calls().reset();
          return act(legacy, "lock", "{\"action\":\"unlock\",\"id\":\"sd-1\"}", "sd-1");
        })
        .onComplete(ctx.succeeding(done -> ctx.verify(() -> {
          assertAcceptedThenOk(legacy, "sd-1", done);
          assertEquals(1, simulator.calls().count(SimEndpoint.REGISTER_DEVICE), "registered again, once");
          assertEquals(1, simulator.calls().count(SimEndpoint.DOOR_CONTROL));
          List<CallLog.Request> polls = simulator.calls().requests(SimEndpoint.ACTION_RECORDS);
          assertTrue(polls.size() >= 2, "the empty list, then the list of the new device");
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  @DisplayName("a combustion car (type GN) offers no charge actions: charge, charge_port, charge_limits unsupported "
      + "with 0 calls; lock still runs")
  void combustionCarHasNoChargeActions(VertxTestContext ctx) {
    legacy.setType("GN");
    bridge()
        .compose(v -> {
          simulator.calls().reset();
          return act(legacy, "charge_port", "{\"action\":\"open\",\"id\":\"ice-1\"}", "ice-1");
        })
        .compose(port -> act(legacy, "charge", "{\"action\":\"start\",\"id\":\"ice-2\"}", "ice-2")
            .map(charge -> List.of(port, charge)))
        .compose(refused -> act(legacy, "charge_limits", "{\"ac\":80,\"dc\":80,\"id\":\"ice-3\"}", "ice-3")
            .map(limits -> List.of(refused.get(0), refused.get(1), limits)))
        .compose(refused -> {
          ctx.verify(() -> {
            for (JsonObject outcome : refused) {
              assertEquals("unsupported", outcome.getString("status"), outcome.encode());
              assertEquals("unsupported_by_car", outcome.getString("reason"));
              assertEquals(0, outcome.getInteger("upstream_calls"));
            }
            assertEquals(0, simulator.calls().total());
          });
          return act(legacy, "lock", "{\"action\":\"unlock\",\"id\":\"ice-4\"}", "ice-4");
        })
        .onComplete(ctx.succeeding(done -> ctx.verify(() -> {
          assertAcceptedThenOk(legacy, "ice-4", done);
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  @DisplayName("the cloud refuses the cached control token (401/7501): one new PIN call, the action sent once more "
      + "(it took nothing), the access token left alone")
  void controlTokenRefusedIsRenewedOnce(VertxTestContext ctx) {
    bridge()
        .compose(v -> act(ccs2, "lock", "{\"action\":\"unlock\",\"id\":\"ct-1\"}", "ct-1"))
        .compose(first -> {
          ctx.verify(() -> assertAcceptedThenOk(ccs2, "ct-1", first));
          simulator.expireControlTokens();
          return act(ccs2, "lock", "{\"action\":\"lock\",\"id\":\"ct-2\"}", "ct-2");
        })
        .onComplete(ctx.succeeding(done -> ctx.verify(() -> {
          assertAcceptedThenOk(ccs2, "ct-2", done);
          assertEquals(2, simulator.calls().count(SimEndpoint.PIN), "one renewal of the control token");
          assertEquals(3, simulator.calls().count(SimEndpoint.CCS2_DOOR_CONTROL), "the refused send, then the resend");
          assertEquals(0, simulator.calls().count(SimEndpoint.CCI_TOKEN_REFRESH), "the access token was fine");
          CallLog.Request resent = simulator.calls().requests(SimEndpoint.CCS2_DOOR_CONTROL).get(2);
          assertCtrl(resent);
          assertTrue(simulator.car(ccs2.vehicleId()).locked());
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  @DisplayName("a CCS2 climate start with seats answered 4004 is busy: never resent, not even without the seats")
  void climateDuplicateNotRetriedWithoutSeats(VertxTestContext ctx) {
    simulator.faults().add(Fault.resCode("4004", 200).on(SimEndpoint.CCS2_CLIMATE_CONTROL).times(1));
    bridge()
        .compose(v -> act(ccs2, "climate", "{\"action\":\"start\",\"id\":\"cd-1\",\"seats\":{\"driver\":6}}",
            "cd-1"))
        .onComplete(ctx.succeeding(done -> ctx.verify(() -> {
          assertEquals("busy", done.getString("status"));
          assertEquals(1, simulator.calls().count(SimEndpoint.CCS2_CLIMATE_CONTROL));
          assertEquals(0, simulator.calls().count(SimEndpoint.ACTION_RECORDS));
          ctx.completeNow();
        })));
  }
}
