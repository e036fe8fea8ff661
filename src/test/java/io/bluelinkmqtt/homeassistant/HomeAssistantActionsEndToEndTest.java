package io.bluelinkmqtt.homeassistant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.BridgeApplication;
import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.cloud.CloudModules;
import io.bluelinkmqtt.codec.StatusUpdateJson;
import io.bluelinkmqtt.codec.StatusUpdateJson.StatusUpdate;
import io.bluelinkmqtt.config.AppConfig;
import io.bluelinkmqtt.config.ConfigParser;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.CommandName;
import io.bluelinkmqtt.publish.Topics;
import io.bluelinkmqtt.sim.CallLog;
import io.bluelinkmqtt.sim.EuSimulator;
import io.bluelinkmqtt.sim.SimCar;
import io.bluelinkmqtt.sim.SimEndpoint;
import io.bluelinkmqtt.sim.SimulatorSettings;
import io.bluelinkmqtt.testsupport.BusRecorder;
import io.bluelinkmqtt.testsupport.MqttObserver;
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
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Home Assistant's action entities drive the actions through the whole bridge, a real Mosquitto and the EU
 * simulator: the test reads each entity's retained discovery config from the broker, publishes exactly what Home
 * Assistant would send for a press (its payload, or its command template rendered the way Home Assistant renders
 * it), and checks the upstream request in the simulator's call log, the outcome on {@code commands/result}, and
 * the state the entity then shows (its value template applied to the new state topic).
 *
 * <p>The cars' offered actions come from the region module (the EU module fills {@code Vehicle.actions}); so that
 * this test does not depend on that listing, it re-publishes the bridge's own first status update of each car
 * with the car offering lock, climate and charge, which announces their entities like a listing would.
 */
@ExtendWith(VertxExtension.class)
class HomeAssistantActionsEndToEndTest {

  private static final Set<CommandName> OFFERED = EnumSet.of(CommandName.LOCK, CommandName.CLIMATE,
      CommandName.CHARGE, CommandName.CHARGE_PORT, CommandName.CHARGING_CURRENT);

  private Vertx vertx;
  private TestBroker broker;
  private EuSimulator simulator;
  private BridgeApplication app;
  private MqttObserver observer;
  private BusRecorder updates;
  private String base;
  private String prefix;
  private Path stateDir;
  private SimCar legacy;
  private SimCar ccs2;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) throws Exception {
    this.vertx = vertx;
    broker = TestBroker.start(HomeAssistantActionsEndToEndTest.class.getSimpleName());
    base = "haact" + UUID.randomUUID().toString().substring(0, 8);
    prefix = "ha" + base;
    simulator = new EuSimulator(vertx, SimulatorSettings.defaults(Brand.KIA).withPin("8642")
        .withForceDelays(Duration.ofMillis(200), Duration.ofMillis(100)));
    simulator.setActionDelay(Duration.ofMillis(30));
    legacy = simulator.cars().stream().filter(c -> !c.ccs2()).findFirst().orElseThrow();
    ccs2 = simulator.cars().stream().filter(SimCar::ccs2).findFirst().orElseThrow();
    legacy.setPlugged(true);
    stateDir = Files.createTempDirectory("bluelink-ha-actions");
    simulator.start()
        .compose(port -> MqttObserver.start(vertx, broker.host(), broker.port(), base + "/#", prefix + "/#"))
        .onSuccess(o -> observer = o)
        .compose(o -> BusRecorder.start(vertx, Addresses.VEHICLE_STATUS_UPDATED))
        .onSuccess(r -> updates = r)
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

  /** The whole bridge with discovery on (its own prefix), the simulator's account and PIN. */
  private Future<Void> bridge() {
    return bridge(env -> { });
  }

  /** The same with {@code changes} to its environment. */
  private Future<Void> bridge(Consumer<Map<String, String>> changes) {
    Map<String, String> env = SimulatedAccount.env(simulator, stateDir);
    env.put("MQTT_BROKER_HOST", broker.host());
    env.put("MQTT_BROKER_PORT", Integer.toString(broker.port()));
    env.put("MQTT_BASE_TOPIC", base);
    env.put("MQTT_CLIENT_ID", base + "-bridge");
    env.put("HA_DISCOVERY", "true");
    env.put("HA_DISCOVERY_PREFIX", prefix);
    changes.accept(env);
    JsonObject file = new JsonObject().put("api", new JsonObject()
        .put("actionPollIntervalMs", 20).put("actionDeadlineMs", 200));
    AppConfig config = ConfigParser.parse(file, env, path -> "", false, CloudModules.supported());
    app = new BridgeApplication(vertx, config);
    return app.start().compose(v -> offerActions(legacy)).compose(v -> offerActions(ccs2));
  }

  /** The bridge's first status update of {@code car} again, the car now offering {@link #OFFERED}. */
  private Future<Void> offerActions(SimCar car) {
    return updates.await(b -> StatusUpdateJson.fromJson(b).vehicle().id().equals(car.vehicleId()))
        .map(body -> {
          StatusUpdate real = StatusUpdateJson.fromJson(body);
          StatusUpdate offering = new StatusUpdate(SampleVehicles.withActions(real.vehicle(), OFFERED), real.method(),
              real.dataSource(), real.data());
          vertx.eventBus().publish(Addresses.VEHICLE_STATUS_UPDATED, StatusUpdateJson.toJson(offering));
          return null;
        });
  }

  /** The discovery config of one of {@code car}'s entities, as the bridge published it to the broker. */
  private Future<JsonObject> config(SimCar car, String component, String key) {
    String topic = prefix + "/" + component + "/bluelinkmqtt_" + base + "_" + car.vehicleId() + "/" + key + "/config";
    return observer.awaitMessage(topic, m -> !m.payload().isEmpty()).map(m -> new JsonObject(m.payload()));
  }

  /**
   * Publishes {@code payload} to the entity's command topic the way Home Assistant does (the config's QoS and retain
   * flag) and returns the final outcome of that command on the car's result topic.
   */
  private Future<JsonObject> press(SimCar car, JsonObject entity, String payload, String mode) {
    String command = new Topics(base).parseCommandTopic(entity.getString("command_topic")).orElseThrow().command();
    Future<JsonObject> outcome = observer.nextMessage(m -> m.topic().equals(base + "/" + car.vehicleId()
            + "/commands/result") && isFinal(m.payload(), command, mode))
        .map(m -> new JsonObject(m.payload()));
    return observer.publish(entity.getString("command_topic"), payload, entity.getInteger("qos"),
        entity.getBoolean("retain")).compose(id -> outcome);
  }

  private static boolean isFinal(String payload, String command, String mode) {
    JsonObject json = new JsonObject(payload);
    return command.equals(json.getString("command")) && mode.equals(json.getString("mode"))
        && Boolean.TRUE.equals(json.getBoolean("final"));
  }

  /** What the entity shows once the state topic it reads carries {@code value}: its value template applied. */
  private Future<String> shownState(JsonObject entity, String value) {
    return observer.awaitMessage(entity.getString("state_topic"), m -> !m.payload().isEmpty()
            && value.equals(String.valueOf(new JsonObject(m.payload()).getValue("value"))))
        .map(m -> DiscoveryRulesTest.render(entity.getString("value_template"), new JsonObject(m.payload())));
  }

  private static JsonObject body(CallLog.Request request) {
    return new JsonObject(request.body());
  }

  private static void assertOk(JsonObject outcome) {
    assertEquals("ok", outcome.getString("status"), outcome.encode());
    assertTrue(outcome.getString("action_id") != null && !outcome.getString("action_id").isEmpty());
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  @DisplayName("the lock entity unlocks and locks a CCS2 car: control/door open then close, ok, the lock shows it")
  void lockEntity(VertxTestContext ctx) {
    JsonObject[] lock = new JsonObject[1];
    bridge()
        .compose(v -> config(ccs2, "lock", "door_lock"))
        .compose(entity -> {
          lock[0] = entity;
          ctx.verify(() -> {
            assertEquals(base + "/" + ccs2.vehicleId() + "/commands/lock", entity.getString("command_topic"));
            assertFalse(entity.getBoolean("retain"));
          });
          simulator.calls().reset();
          return press(ccs2, entity, entity.getString("payload_unlock"), "unlock");
        })
        .compose(done -> {
          ctx.verify(() -> {
            assertOk(done);
            List<CallLog.Request> sent = simulator.calls().requests(SimEndpoint.CCS2_DOOR_CONTROL);
            assertEquals(1, sent.size());
            assertEquals("/api/v2/spa/vehicles/" + ccs2.vehicleId() + "/ccs2/control/door", sent.get(0).path());
            assertEquals(new JsonObject().put("command", "open"), body(sent.get(0)));
            assertEquals("Bearer " + simulator.lastControlToken(), sent.get(0).authorizationCcsp());
          });
          return shownState(lock[0], "false");
        })
        .compose(shown -> {
          ctx.verify(() -> assertEquals(lock[0].getString("state_unlocked"), shown));
          return press(ccs2, lock[0], lock[0].getString("payload_lock"), "lock");
        })
        .compose(done -> {
          ctx.verify(() -> {
            assertOk(done);
            List<CallLog.Request> sent = simulator.calls().requests(SimEndpoint.CCS2_DOOR_CONTROL);
            assertEquals(2, sent.size());
            assertEquals(new JsonObject().put("command", "close"), body(sent.get(1)));
          });
          return shownState(lock[0], "true");
        })
        .onComplete(ctx.succeeding(shown -> ctx.verify(() -> {
          assertEquals(lock[0].getString("state_locked"), shown);
          assertTrue(simulator.car(ccs2.vehicleId()).locked());
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  @DisplayName("climate: the number starts a CCS2 car at 22.5 °C, the switch stops it and starts a legacy car")
  void climateEntities(VertxTestContext ctx) {
    JsonObject[] entities = new JsonObject[3];
    bridge()
        .compose(v -> config(ccs2, "number", "start_climate_at"))
        .compose(number -> {
          entities[0] = number;
          return config(ccs2, "switch", "climate_control");
        })
        .compose(control -> {
          entities[1] = control;
          return config(legacy, "switch", "climate_control");
        })
        .compose(legacyControl -> {
          entities[2] = legacyControl;
          simulator.calls().reset();
          // Home Assistant sets the number to 22.5: number.mqtt renders the command template with value 22.5
          String payload = DiscoveryRulesTest.renderCommand(entities[0].getString("command_template"), 22.5);
          ctx.verify(() -> assertEquals("{\"action\":\"start\",\"temperature\":22.5}", payload));
          return press(ccs2, entities[0], payload, "start");
        })
        .compose(done -> {
          ctx.verify(() -> {
            assertOk(done);
            List<CallLog.Request> sent = simulator.calls().requests(SimEndpoint.CCS2_CLIMATE_CONTROL);
            assertEquals(1, sent.size());
            assertEquals("/api/v2/spa/vehicles/" + ccs2.vehicleId() + "/ccs2/control/temperature", sent.get(0).path());
            assertEquals("start", body(sent.get(0)).getString("command"));
            assertEquals(22.5, body(sent.get(0)).getDouble("hvacTemp"));
          });
          return shownState(entities[1], "true");
        })
        .compose(shown -> {
          ctx.verify(() -> assertEquals(entities[1].getString("state_on"), shown));
          return press(ccs2, entities[1], entities[1].getString("payload_off"), "stop");
        })
        .compose(done -> {
          ctx.verify(() -> {
            assertOk(done);
            assertEquals(new JsonObject().put("command", "stop"),
                body(simulator.calls().requests(SimEndpoint.CCS2_CLIMATE_CONTROL).get(1)));
          });
          return shownState(entities[1], "false");
        })
        .compose(shown -> {
          ctx.verify(() -> assertEquals(entities[1].getString("state_off"), shown));
          return press(legacy, entities[2], entities[2].getString("payload_on"), "start");
        })
        .compose(done -> {
          ctx.verify(() -> {
            assertOk(done);
            List<CallLog.Request> sent = simulator.calls().requests(SimEndpoint.CLIMATE_CONTROL);
            assertEquals(1, sent.size());
            assertEquals("/api/v1/spa/vehicles/" + legacy.vehicleId() + "/control/temperature", sent.get(0).path());
            assertEquals("start", body(sent.get(0)).getString("action"));
          });
          return shownState(entities[2], "true");
        })
        .onComplete(ctx.succeeding(shown -> ctx.verify(() -> {
          assertEquals(entities[2].getString("state_on"), shown);
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  @DisplayName("the charging switch starts and stops a legacy car: control/charge start then stop, the switch follows")
  void chargingSwitch(VertxTestContext ctx) {
    JsonObject[] charging = new JsonObject[1];
    bridge()
        .compose(v -> config(legacy, "switch", "charging_control"))
        .compose(entity -> {
          charging[0] = entity;
          simulator.calls().reset();
          return press(legacy, entity, entity.getString("payload_on"), "start");
        })
        .compose(done -> {
          ctx.verify(() -> {
            assertOk(done);
            List<CallLog.Request> sent = simulator.calls().requests(SimEndpoint.CHARGE_CONTROL);
            assertEquals(1, sent.size());
            assertEquals("/api/v1/spa/vehicles/" + legacy.vehicleId() + "/control/charge", sent.get(0).path());
            assertEquals("start", body(sent.get(0)).getString("action"));
          });
          return shownState(charging[0], "charging");
        })
        .compose(shown -> {
          ctx.verify(() -> assertEquals(charging[0].getString("state_on"), shown));
          return press(legacy, charging[0], charging[0].getString("payload_off"), "stop");
        })
        .compose(done -> {
          ctx.verify(() -> {
            assertOk(done);
            assertEquals("stop", body(simulator.calls().requests(SimEndpoint.CHARGE_CONTROL).get(1)).getString("action"));
            assertEquals(2, simulator.calls().count(SimEndpoint.CHARGE_CONTROL));
          });
          return shownState(charging[0], "not_charging");
        })
        .onComplete(ctx.succeeding(shown -> ctx.verify(() -> {
          assertEquals(charging[0].getString("state_off"), shown);
          ctx.completeNow();
        })));
  }
  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  @DisplayName("the charge port cover opens a CCS2 car's port and its charging current select sets it to 60 %: each "
      + "shows the state the car reports afterwards")
  void chargePortCoverAndChargingCurrentSelect(VertxTestContext ctx) {
    JsonObject[] entities = new JsonObject[2];
    bridge()
        .compose(v -> config(ccs2, "cover", "charge_port"))
        .compose(cover -> {
          entities[0] = cover;
          return config(ccs2, "select", "charging_current");
        })
        .compose(select -> {
          entities[1] = select;
          ctx.verify(() -> {
            assertEquals(base + "/" + ccs2.vehicleId() + "/ev/charge_port_open", entities[0].getString("state_topic"));
            assertFalse(entities[0].containsKey("optimistic"), "the car reports its port");
            assertEquals(base + "/" + ccs2.vehicleId() + "/ev/charging_current", select.getString("state_topic"));
          });
          return shownState(entities[0], "false");
        })
        .compose(shown -> {
          ctx.verify(() -> assertEquals(entities[0].getString("state_closed"), shown));
          simulator.calls().reset();
          return press(ccs2, entities[0], entities[0].getString("payload_open"), "open");
        })
        .compose(done -> {
          ctx.verify(() -> {
            assertOk(done);
            List<CallLog.Request> sent = simulator.calls().requests(SimEndpoint.PORT_DOOR_CONTROL);
            assertEquals(1, sent.size());
            assertEquals(new JsonObject().put("action", "open"), body(sent.get(0)));
          });
          return shownState(entities[0], "true");
        })
        .compose(shown -> {
          ctx.verify(() -> assertEquals(entities[0].getString("state_open"), shown));
          // select.mqtt publishes the chosen option through its command template (none: the option itself)
          String payload = DiscoveryRulesTest.renderCommand(entities[1].getString("command_template"), "60");
          return press(ccs2, entities[1], payload, "60");
        })
        .compose(done -> {
          ctx.verify(() -> {
            assertOk(done);
            List<CallLog.Request> sent = simulator.calls().requests(SimEndpoint.CCS2_CHARGING_CURRENT);
            assertEquals(1, sent.size());
            assertEquals(new JsonObject().put("chargingCurrent", 3), body(sent.get(0)));
          });
          return shownState(entities[1], "60");
        })
        .onComplete(ctx.succeeding(shown -> ctx.verify(() -> {
          assertEquals("60", shown);
          assertTrue(entities[1].getJsonArray("options").contains(shown), "a state among the select's options");
          ctx.completeNow();
        })));
  }

  /** The discovery topics of {@code car}'s action entities seen so far (non-empty configs). */
  private Set<String> actionConfigsSeen(SimCar car) {
    DiscoveryPayloads shapes = new DiscoveryPayloads(prefix, new Topics(base), 3600);
    return observer.messages().stream().filter(m -> !m.payload().isEmpty() && shapes.isActionTopic(m.topic()))
        .filter(m -> m.topic().contains("_" + car.vehicleId() + "/")).map(m -> m.topic())
        .collect(java.util.stream.Collectors.toSet());
  }

  /**
   * Has Home Assistant's birth message answered: every config is sent again, so once the car's "last command"
   * config came a second time, the verticle has handled every update published before.
   */
  private Future<Void> birthAnswered(SimCar car) {
    String lastCommand = prefix + "/sensor/bluelinkmqtt_" + base + "_" + car.vehicleId() + "/last_command/config";
    return observer.awaitMessage(lastCommand, m -> true)
        .compose(first -> {
          Future<MqttObserver.Received> again = observer.nextMessage(m -> m.topic().equals(lastCommand));
          return observer.publish(prefix + "/status", "online", 1, false).compose(id -> again);
        }).mapEmpty();
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  @DisplayName("ACTIONS_ALLOWED=lock,climate: a 'Lock doors' button (no lock entity, no charging switch) that locks")
  void allowedActionsShapeTheEntities(VertxTestContext ctx) {
    bridge(env -> env.put("ACTIONS_ALLOWED", "lock,climate"))
        .compose(v -> birthAnswered(ccs2))
        .compose(v -> {
          String node = prefix + "/%s/bluelinkmqtt_" + base + "_" + ccs2.vehicleId() + "/%s/config";
          ctx.verify(() -> assertEquals(Set.of(String.format(node, "button", "lock_doors"),
              String.format(node, "switch", "climate_control"), String.format(node, "number", "start_climate_at")),
              actionConfigsSeen(ccs2)));
          return config(ccs2, "button", "lock_doors");
        })
        .compose(button -> {
          simulator.calls().reset();
          return press(ccs2, button, button.getString("payload_press"), "lock");
        })
        .onComplete(ctx.succeeding(done -> ctx.verify(() -> {
          assertOk(done);
          assertEquals(new JsonObject().put("command", "close"),
              body(simulator.calls().requests(SimEndpoint.CCS2_DOOR_CONTROL).get(0)));
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  @DisplayName("no PIN: the cars offer actions, yet no action entity is announced")
  void noPinNoActionEntities(VertxTestContext ctx) {
    bridge(env -> env.remove("HYUNDAI_PIN"))
        .compose(v -> birthAnswered(legacy))
        .compose(v -> birthAnswered(ccs2))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertEquals(Set.of(), actionConfigsSeen(legacy));
          assertEquals(Set.of(), actionConfigsSeen(ccs2));
          assertTrue(observer.messages().stream().anyMatch(m -> m.topic().endsWith("/refresh_cached/config")),
              "the other entities are there");
          ctx.completeNow();
        })));
  }
}
