package io.bluelinkmqtt.type1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.BridgeApplication;
import io.bluelinkmqtt.api.WakePolicy;
import io.bluelinkmqtt.api.type1.Type1Module;
import io.bluelinkmqtt.cloud.CloudModules;
import io.bluelinkmqtt.config.AppConfig;
import io.bluelinkmqtt.config.ConfigParser;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.Region;
import io.bluelinkmqtt.sim.CallLog;
import io.bluelinkmqtt.sim.Fault;
import io.bluelinkmqtt.sim.SimCar;
import io.bluelinkmqtt.sim.SimEndpoint;
import io.bluelinkmqtt.sim.SimulatorSettings;
import io.bluelinkmqtt.sim.Type1Simulator;
import io.bluelinkmqtt.testsupport.ActionOutcomes;
import io.bluelinkmqtt.testsupport.LogCapture;
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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One Type 1 region end to end, through a real Mosquitto, the whole bridge and the region's simulator: the first
 * login, cached and forced reads, the lock, an access token the cloud stops accepting mid-command (exactly one
 * refresh grant, no new login), a restart on the stored session (no login at all), and the daily limit (5091 →
 * the budget is exhausted, the next force is denied with no call). A subclass names the region and checks what is
 * its own (which endpoints, which bodies, the refresh grant's form).
 */
@ExtendWith(VertxExtension.class)
abstract class Type1EndToEnd {

  protected Vertx vertx;
  protected TestBroker broker;
  protected Type1Simulator simulator;
  protected BridgeApplication app;
  protected MqttObserver observer;
  protected String base;
  protected Path stateDir;
  protected LogCapture logs;

  abstract Region region();

  abstract Brand brand();

  /** The car the scenario drives. */
  SimCar car() {
    return simulator.cars().stream().filter(c -> !c.ccs2()).findFirst().orElseThrow();
  }

  /** Where the forced read of {@link #car()} goes. */
  SimEndpoint forceEndpoint() {
    return SimEndpoint.STATUS_FORCE;
  }

  /** Checks the region's lock request (the sim already refused a wrong one). */
  abstract void checkLockRequest(CallLog.Request request);

  /** Checks the region's climate start and stop requests (the sim already refused a wrong one). */
  abstract void checkClimateRequests(CallLog.Request start, CallLog.Request stop);

  /**
   * The actions the module lists for {@link #car()} (an EV), spelled out per region: what Home Assistant may offer,
   * nothing the region lacks.
   */
  abstract java.util.Set<String> carActions();

  /** Checks the outcome of a charge start (Brazil: unsupported, no call); the car is not plugged in. */
  void checkChargeStart(JsonObject outcome) {
    assertEquals("failed", outcome.getString("status"), outcome.encode());
    assertEquals(1, simulator.calls().count(SimEndpoint.CHARGE_CONTROL)
        + simulator.calls().count(SimEndpoint.CCS2_CHARGE_CONTROL), "one charge request, refused by the car");
  }

  /** Checks the odometer published after the first cached read. */
  void checkCached(MqttObserver.Received odometer) {
  }

  /** Checks the region's refresh grant. */
  void checkRefreshGrant(CallLog.Request grant) {
  }

  /** Device registrations of one login (Brazil: none, its device id is fixed). */
  int registrationsPerLogin() {
    return 1;
  }

  /** Refresh grants of one password login (China: the lib's immediate refresh). */
  int refreshGrantsPerLogin() {
    return 0;
  }

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) throws Exception {
    this.vertx = vertx;
    broker = TestBroker.start(getClass().getSimpleName());
    base = region().name().toLowerCase(java.util.Locale.ROOT).substring(0, 2) + UUID.randomUUID().toString()
        .substring(0, 8);
    SimulatorSettings settings = Type1Simulator.defaults(region(), brand()).withPin("8642")
        .withForceDelays(Duration.ofMillis(200), Duration.ofMillis(100));
    simulator = new Type1Simulator(vertx, region(), settings);
    simulator.setActionDelay(Duration.ofMillis(30));
    stateDir = Files.createTempDirectory("bluelink-" + region().name().toLowerCase(java.util.Locale.ROOT));
    logs = LogCapture.attach();
    simulator.start().compose(port -> MqttObserver.start(vertx, broker.host(), broker.port(), base + "/#"))
        .onSuccess(o -> observer = o)
        .onComplete(ctx.succeedingThenComplete());
  }

  @AfterEach
  void stop(VertxTestContext ctx) throws Exception {
    Future<Void> stopped = app == null ? Future.succeededFuture() : app.stop();
    stopped.compose(v -> observer.clearRetained()).compose(x -> observer.close())
        .compose(v -> simulator.stop())
        .onComplete(ctx.succeedingThenComplete());
    assertTrue(ctx.awaitCompletion(10, TimeUnit.SECONDS));
    logs.close();
    broker.close();
  }

  protected Map<String, String> env() {
    Map<String, String> env = SimulatedAccount.withBroker(SimulatedAccount.env(region(), brand(),
        simulator.settings().username(), simulator.settings().password(), simulator.settings().pin(), stateDir),
        broker, base);
    env.put(Type1Module.env(region()), simulator.baseUrl());
    env.put("MIN_FORCE_INTERVAL_SECONDS", "0");
    env.put("MIN_READ_INTERVAL_SECONDS", "0");
    // the scenario spends more than the region's default cap (48); the limit it meets is the cloud's 5091
    env.put("API_DAILY_CALL_CAP", "400");
    return env;
  }

  /** Starts a bridge and waits for the car's first battery level. */
  protected Future<Void> bridge() {
    return startBridge()
        .compose(v -> observer.awaitMessage(base + "/" + car().vehicleId() + "/battery/level", m -> true))
        .mapEmpty();
  }

  /** Starts a bridge (its verticles up; the login runs behind). */
  protected Future<Void> startBridge() {
    JsonObject file = new JsonObject().put("api", new JsonObject()
        .put("actionPollIntervalMs", 20).put("actionDeadlineMs", 300));
    AppConfig config = ConfigParser.parse(file, env(), path -> "", false, CloudModules.supported());
    app = new BridgeApplication(vertx, config);
    return app.start();
  }

  protected Future<JsonObject> command(String command, String payload, String id) {
    observer.publish(base + "/" + car().vehicleId() + "/commands/" + command, payload, 1, false);
    return observer.awaitMessage(base + "/" + car().vehicleId() + "/commands/result", m -> {
      JsonObject json = new JsonObject(m.payload());
      return id.equals(json.getString("id")) && json.getBoolean("final", true);
    }).map(m -> new JsonObject(m.payload()));
  }

  /** The CCS2-format car of the region's default fleet. */
  protected SimCar ccs2Car() {
    return simulator.cars().stream().filter(SimCar::ccs2).findFirst().orElseThrow();
  }

  /**
   * Sends a command to {@code car} and answers every outcome of its {@code id} once the final one is in: the progress
   * message (if the cloud took it) first, the final outcome last.
   */
  protected Future<java.util.List<JsonObject>> act(SimCar car, String command, String payload, String id) {
    String results = base + "/" + car.vehicleId() + "/commands/result";
    observer.publish(base + "/" + car.vehicleId() + "/commands/" + command, payload, 1, false);
    return observer.awaitMessage(results, m -> {
      JsonObject json = new JsonObject(m.payload());
      return id.equals(json.getString("id")) && json.getBoolean("final", true);
    }).map(last -> observer.messages(results).stream().map(m -> new JsonObject(m.payload()))
        .filter(json -> id.equals(json.getString("id"))).toList());
  }

  /** See {@link ActionOutcomes#assertAcceptedThenOk}; kept here so the region tests read as before. */
  protected static void assertAcceptedThenOk(java.util.List<JsonObject> outcomes, String command) {
    ActionOutcomes.assertAcceptedThenOk(outcomes, command);
  }

  /** See {@link ActionOutcomes#assertUnsupportedWithoutCall}. */
  protected static void assertUnsupportedWithoutCall(java.util.List<JsonObject> outcomes, String command) {
    ActionOutcomes.assertUnsupportedWithoutCall(outcomes, command);
  }

  /** The only request the simulator got on {@code endpoint}. */
  protected CallLog.Request onlyRequest(SimEndpoint endpoint) {
    java.util.List<CallLog.Request> requests = simulator.calls().requests(endpoint);
    assertEquals(1, requests.size(), endpoint + ": " + requests);
    return requests.get(0);
  }

  /**
   * The one charge port request: v2 control/portdoor with the action and the session's device id (under the field
   * name the region spells), the control token in both authorization headers.
   */
  protected void assertPortDoorSent(SimCar car, String action, String deviceIdField) {
    CallLog.Request sent = onlyRequest(SimEndpoint.PORT_DOOR_CONTROL);
    assertEquals("/api/v2/spa/vehicles/" + car.vehicleId() + "/control/portdoor", sent.path());
    assertEquals(new JsonObject().put("action", action).put(deviceIdField, deviceId()), new JsonObject(sent.body()));
    assertEquals("Bearer " + simulator.lastControlToken(), sent.authorization());
    assertEquals(sent.authorization(), sent.authorizationCcsp());
  }

  /** The car's published value on {@code topic} ({@code {"value":…}}) becomes {@code value}. */
  protected Future<MqttObserver.Received> state(SimCar car, String topic, String value) {
    return observer.awaitMessage(base + "/" + car.vehicleId() + "/" + topic,
        m -> !m.payload().isEmpty() && value.equals(String.valueOf(new JsonObject(m.payload()).getValue("value"))));
  }

  /** The session's {@code ccsp-device-id}, as the bridge sent it with its PIN (Brazil: the fixed one). */
  protected String deviceId() {
    java.util.List<CallLog.Request> pins = simulator.calls().requests(SimEndpoint.PIN);
    return new JsonObject(pins.get(pins.size() - 1).body()).getString("deviceId");
  }

  /** The password, the PIN, the control token and every token the cloud issued: in no log line, no MQTT message. */
  private void assertNoSecretLeft() {
    java.util.List<String> secrets = new java.util.ArrayList<>(java.util.List.of(simulator.settings().password()));
    if (simulator.lastControlToken() != null) {
      secrets.add(simulator.lastControlToken());
    }
    for (SimEndpoint endpoint : SimEndpoint.values()) {
      for (CallLog.Request request : simulator.calls().requests(endpoint)) {
        if (request.authorization() != null && request.authorization().startsWith("Bearer ")) {
          secrets.add(request.authorization().substring("Bearer ".length()));
        }
        if (request.body() != null && request.body().contains("refresh_token=")) {
          String form = request.body();
          int at = form.indexOf("refresh_token=") + "refresh_token=".length();
          int end = form.indexOf('&', at);
          secrets.add(java.net.URLDecoder.decode(end < 0 ? form.substring(at) : form.substring(at, end),
              java.nio.charset.StandardCharsets.UTF_8));
        }
      }
    }
    String log = logs.text();
    String mqtt = observer.messages().stream().map(MqttObserver.Received::payload)
        .collect(java.util.stream.Collectors.joining("\n"));
    for (String secret : secrets) {
      assertFalse(log.contains(secret), "a secret in the log");
      assertFalse(mqtt.contains(secret), "a secret on MQTT");
    }
    assertFalse(log.contains("\"pin\":\"" + simulator.settings().pin()), "the PIN in the log");
  }

  private int logins() {
    return simulator.codeGrants().size();
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  @DisplayName("first login, cached, forced, lock with a token expired mid-command (one refresh grant), climate, "
      + "charge, restart on the stored session without a login, a renewal from the stored refresh token, daily "
      + "limit → budget exhausted → force denied with no call")
  void wholeLifeOfOneAccount(VertxTestContext ctx) {
    bridge()
        .compose(v -> {
          ctx.verify(() -> {
            assertEquals(1, logins(), "one password login");
            assertEquals(1, simulator.calls().count(SimEndpoint.SIGNIN));
            assertEquals(registrationsPerLogin(), simulator.calls().count(SimEndpoint.REGISTER_DEVICE));
            assertEquals(refreshGrantsPerLogin(), simulator.refreshGrants().size());
          });
          return command("refresh", "{\"mode\":\"cached\",\"id\":\"c-1\"}", "c-1");
        })
        .compose(cached -> {
          ctx.verify(() -> {
            assertEquals("ok", cached.getString("status"), cached.encode());
            assertEquals("cached", cached.getString("data_source"), cached.encode());
          });
          return observer.awaitMessage(base + "/" + car().vehicleId() + "/vehicle/odometer",
              m -> !m.payload().isEmpty());
        })
        .compose(odometer -> {
          ctx.verify(() -> checkCached(odometer));
          return command("refresh", "{\"mode\":\"force\",\"id\":\"f-1\"}", "f-1");
        })
        .compose(forced -> {
          ctx.verify(() -> {
            assertEquals("ok", forced.getString("status"), forced.encode());
            assertEquals("fresh", forced.getString("data_source"), forced.encode());
            assertEquals(1, simulator.calls().count(forceEndpoint()), "exactly one wake");
          });
          // the cloud stops accepting the access token while the next command runs
          simulator.expireAllTokens();
          return command("lock", "{\"action\":\"unlock\",\"id\":\"l-1\"}", "l-1");
        })
        .compose(unlocked -> {
          ctx.verify(() -> {
            assertEquals("ok", unlocked.getString("status"), unlocked.encode());
            assertEquals(1 + refreshGrantsPerLogin(), simulator.refreshGrants().size(), "exactly one renewal");
            checkRefreshGrant(simulator.refreshGrants().get(simulator.refreshGrants().size() - 1));
            assertEquals(1, logins(), "a renewal, not a new login");
            assertFalse(simulator.car(car().vehicleId()).locked());
            CallLog.Request lock = simulator.calls().requests(SimEndpoint.DOOR_CONTROL).isEmpty()
                ? simulator.calls().requests(SimEndpoint.CCS2_DOOR_CONTROL).get(0)
                : simulator.calls().requests(SimEndpoint.DOOR_CONTROL).get(0);
            checkLockRequest(lock);
          });
          return command("climate", "{\"action\":\"start\",\"id\":\"k-1\",\"temperature\":22.0,\"duration\":10,"
              + "\"defrost\":false,\"steering_wheel_heat\":true,\"seats\":{\"driver\":6,\"passenger\":0}}", "k-1");
        })
        .compose(started -> {
          ctx.verify(() -> assertEquals("ok", started.getString("status"), started.encode()));
          return command("climate", "{\"action\":\"stop\",\"id\":\"k-2\"}", "k-2");
        })
        .compose(stopped -> {
          ctx.verify(() -> {
            assertEquals("ok", stopped.getString("status"), stopped.encode());
            java.util.List<CallLog.Request> climate = new java.util.ArrayList<>(
                simulator.calls().requests(SimEndpoint.CLIMATE_CONTROL));
            climate.addAll(simulator.calls().requests(SimEndpoint.CCS2_CLIMATE_CONTROL));
            assertEquals(2, climate.size(), climate.toString());
            checkClimateRequests(climate.get(0), climate.get(1));
          });
          return command("charge", "{\"action\":\"start\",\"id\":\"g-1\"}", "g-1");
        })
        .compose(charge -> {
          ctx.verify(() -> {
            checkChargeStart(charge);
            assertNoSecretLeft();
          });
          return app.stop();
        })
        .compose(v -> vertx.fileSystem().readFile(stateDir.resolve("vehicles.json").toString()))
        .compose(saved -> {
          // the car's actions as the module listed them: what Home Assistant may offer, nothing the region lacks
          ctx.verify(() -> {
            JsonObject listed = new JsonObject(saved).getJsonArray("vehicles").stream()
                .map(JsonObject.class::cast).filter(c -> car().vehicleId().equals(c.getString("id"))).findFirst()
                .orElseThrow();
            java.util.Set<String> actions = new java.util.TreeSet<>();
            listed.getJsonArray("actions").forEach(a -> actions.add((String) a));
            assertEquals(new java.util.TreeSet<>(carActions()), actions, listed.encode());
          });
          return Future.succeededFuture();
        })
        .compose(v -> {
          observer.clear();
          simulator.calls().reset();
          return bridge();
        })
        .compose(v -> {
          ctx.verify(() -> {
            assertEquals(0, simulator.calls().count(SimEndpoint.SIGNIN), "the restart uses the stored session");
            assertEquals(0, simulator.calls().count(SimEndpoint.LEGACY_TOKEN));
            assertEquals(0, simulator.calls().count(SimEndpoint.REGISTER_DEVICE));
          });
          // the stored refresh token must be the refresh token (the AU bug stored an access token: expired for good)
          simulator.expireAllTokens();
          return command("refresh", "{\"mode\":\"cached\",\"id\":\"c-2\"}", "c-2");
        })
        .compose(cached -> {
          ctx.verify(() -> {
            assertEquals("ok", cached.getString("status"), cached.encode());
            assertEquals(1, simulator.refreshGrants().size(), "the stored refresh token renews the session");
            assertEquals(0, logins(), "no password login");
          });
          // now the refresh token is refused too: exactly one password login, on the device already registered
          simulator.revokeRefreshTokens();
          simulator.expireAllTokens();
          return command("refresh", "{\"mode\":\"cached\",\"id\":\"c-3\"}", "c-3");
        })
        .compose(cached -> {
          ctx.verify(() -> {
            assertEquals("ok", cached.getString("status"), cached.encode());
            assertEquals(1, logins(), "exactly one re-login");
            assertEquals(1, simulator.calls().count(SimEndpoint.SIGNIN));
            assertEquals(2 + refreshGrantsPerLogin(), simulator.refreshGrants().size(), "the refused one, no retry");
            assertEquals(0, simulator.calls().count(SimEndpoint.REGISTER_DEVICE), "the stored device id is kept");
          });
          simulator.faults().add(Fault.resCode("5091", 509).on(forceEndpoint()).times(1));
          return command("refresh", "{\"mode\":\"force\",\"id\":\"f-2\"}", "f-2");
        })
        .compose(limited -> {
          ctx.verify(() -> assertEquals("rate_limited", limited.getString("reason"), limited.encode()));
          return command("refresh", "{\"mode\":\"force\",\"id\":\"f-3\"}", "f-3");
        })
        .onComplete(ctx.succeeding(denied -> ctx.verify(() -> {
          assertEquals("denied", denied.getString("status"), denied.encode());
          assertEquals(WakePolicy.BUDGET, denied.getString("reason"), denied.encode());
          assertEquals(0, denied.getInteger("upstream_calls"), denied.encode());
          assertEquals(1, simulator.calls().count(forceEndpoint()), "the denied force sent nothing");
          assertNoSecretLeft();
          ctx.completeNow();
        })));
  }
}
