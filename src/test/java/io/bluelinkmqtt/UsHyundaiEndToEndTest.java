package io.bluelinkmqtt;

import static io.bluelinkmqtt.testsupport.ActionOutcomes.assertAcceptedThenOk;
import static io.bluelinkmqtt.testsupport.ActionOutcomes.assertUnsupportedWithoutCall;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.cloud.CloudModules;
import io.bluelinkmqtt.config.AppConfig;
import io.bluelinkmqtt.config.ConfigParser;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.Region;
import io.bluelinkmqtt.sim.ushyundai.UsHyundaiSimulator;
import io.bluelinkmqtt.sim.ushyundai.UsSimCalls.Call;
import io.bluelinkmqtt.sim.ushyundai.UsSimCalls.Endpoint;
import io.bluelinkmqtt.sim.ushyundai.UsSimCar;
import io.bluelinkmqtt.sim.ushyundai.UsSimSettings;
import io.bluelinkmqtt.sim.ushyundai.UsSimWarmUp;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * USA Hyundai / Genesis through the whole bridge, a real Mosquitto and the US simulator: first login, a restart on the
 * stored session, cached and forced reads in miles and °F, an action, a session that expires mid-command (exactly one
 * renewal), and the HT_534 daily limit (budget exhausted, then {@code denied}); every upstream count from the
 * simulator's call log.
 */
@ExtendWith(VertxExtension.class)
class UsHyundaiEndToEndTest {

  private Vertx vertx;
  private TestBroker broker;
  private UsHyundaiSimulator simulator;
  private BridgeApplication app;
  private MqttObserver observer;
  private String base;
  private Path stateDir;
  private UsSimCar ev;
  private UsSimCar ice;
  private LogCapture logs;
  /** {@code API_DAILY_CALL_CAP} for a scenario that spends more than the region's default (24); null keeps it. */
  private String dailyCap;

  @BeforeAll
  static void warmUp() throws Exception {
    UsSimWarmUp.run();
  }

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    broker = TestBroker.start("UsHyundaiEndToEndTest");
    base = "us" + UUID.randomUUID().toString().substring(0, 8);
    stateDir = Files.createTempDirectory("bluelink-us");
  }

  /**
   * Starts the simulator and the observer and builds the first bridge, on the test thread (the blocking waits and the
   * configuration's class loading stay off the event loop).
   */
  private Future<Void> simulate(Brand brand) throws Exception {
    simulator = new UsHyundaiSimulator(vertx, UsSimSettings.defaults(brand)
        .withDelays(Duration.ofMillis(150), Duration.ofMillis(40)));
    ev = simulator.cars().stream().filter(UsSimCar::electric).findFirst().orElseThrow();
    ice = simulator.cars().stream().filter(c -> !c.electric()).findFirst().orElseThrow();
    observer = simulator.start().compose(port -> MqttObserver.start(vertx, broker.host(), broker.port(), base + "/#"))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    app = new BridgeApplication(vertx, config(brand));
    return Future.succeededFuture();
  }

  @AfterEach
  void stop(VertxTestContext ctx) throws Exception {
    if (logs != null) {
      logs.close();
    }
    Future<Void> stopped = app == null ? Future.succeededFuture() : app.stop();
    stopped.compose(v -> observer == null ? Future.succeededFuture() : observer.clearAfterBridgeOffline(base))
        .compose(v -> simulator == null ? Future.succeededFuture() : simulator.stop())
        .onComplete(ctx.succeedingThenComplete());
    assertTrue(ctx.awaitCompletion(10, TimeUnit.SECONDS));
    broker.close();
  }

  /** Starts the bridge built last; waits for both cars' first (cached) data of this start. */
  private Future<Void> bridge() {
    // this start's own first reads, not the previous start's
    Future<?> evRead = observer.nextMessage(m -> m.topic().equals(base + "/" + ev.regid() + "/battery/level"));
    Future<?> iceRead = observer.nextMessage(m -> m.topic().equals(base + "/" + ice.regid() + "/doors/locked"));
    return app.start().compose(v -> Future.all(evRead, iceRead)).mapEmpty();
  }

  /** The simulator's account, PIN included, pointed at the simulator and the test broker. */
  private AppConfig config(Brand brand) {
    Map<String, String> env = SimulatedAccount.withBroker(SimulatedAccount.env(Region.USA, brand,
        simulator.settings().username(), simulator.settings().password(), simulator.settings().pin(), stateDir),
        broker, base);
    env.put("BLUELINK_HATA_URL", simulator.baseUrl());
    env.put("MIN_FORCE_INTERVAL_SECONDS", "0");
    env.put("MIN_READ_INTERVAL_SECONDS", "0");
    if (dailyCap != null) {
      env.put("API_DAILY_CALL_CAP", dailyCap);
    }
    JsonObject file = new JsonObject().put("api", new JsonObject()
        .put("actionPollIntervalMs", 20).put("actionDeadlineMs", 2000));
    return ConfigParser.parse(file, env, path -> "", false, CloudModules.supported());
  }

  /** Stops the bridge, then starts a new one on the same state dir. */
  private Future<Void> restart(AppConfig config) {
    return app.stop().compose(v -> observer.awaitPayload(base + "/bridge/state", "offline"))
        .compose(v -> {
          app = new BridgeApplication(vertx, config);
          return bridge();
        });
  }

  private Future<JsonObject> command(UsSimCar car, String command, String payload, String id) {
    observer.publish(base + "/" + car.regid() + "/commands/" + command, payload, 1, false);
    return observer.awaitMessage(base + "/" + car.regid() + "/commands/result", m -> {
      JsonObject json = new JsonObject(m.payload());
      return id.equals(json.getString("id")) && !Boolean.FALSE.equals(json.getBoolean("final"));
    }).map(m -> new JsonObject(m.payload()));
  }

  private Future<JsonObject> value(UsSimCar car, String topic) {
    return observer.awaitMessage(base + "/" + car.regid() + "/" + topic, m -> !m.payload().isEmpty())
        .map(m -> new JsonObject(m.payload()));
  }

  private int count(Endpoint endpoint) {
    return simulator.calls().count(endpoint);
  }

  /** Every outcome of the command {@code id} on the car, once its final one is in: progress first, final last. */
  private Future<List<JsonObject>> act(UsSimCar car, String command, String payload, String id) {
    String results = base + "/" + car.regid() + "/commands/result";
    return command(car, command, payload, id).map(last -> observer.messages(results).stream()
        .map(m -> new JsonObject(m.payload())).filter(json -> id.equals(json.getString("id"))).toList());
  }

  /** The status polls of one action: its {@code tid} and the {@code service_type} §6.3 gives it. */
  private void assertPolledAs(String actionId, String serviceType) {
    List<Call> polls = simulator.calls().of(Endpoint.RUNNING_STATUS).stream()
        .filter(c -> actionId.equals(c.headers().get("tid"))).toList();
    assertFalse(polls.isEmpty(), "polled " + actionId);
    polls.forEach(c -> assertEquals(serviceType, c.headers().get("service_type"), actionId));
  }

  private static JsonObject targets(int dc, int ac) {
    return new JsonObject().put("targetSOClist", new io.vertx.core.json.JsonArray()
        .add(new JsonObject().put("plugType", 0).put("targetSOClevel", dc))
        .add(new JsonObject().put("plugType", 1).put("targetSOClevel", ac)));
  }

  @Test
  @Timeout(value = 40, timeUnit = TimeUnit.SECONDS)
  @DisplayName("Hyundai: charge_limits on evc/charge/targetsoc/set (a level left out keeps the car's), hazard and "
      + "horn + lights on rcs/rhl/light|hnl polled as LIGHTS_ONLY / HORN_AND_LIGHTS; charge limits on the combustion "
      + "car are unsupported with no call")
  void chargeLimitsAndSignals(VertxTestContext ctx) throws Exception {
    dailyCap = "200"; // four actions, their polls and the reads after them: more than the default 24 calls
    simulate(Brand.HYUNDAI)
        .compose(v -> bridge())
        .compose(v -> act(ev, "charge_limits", "{\"ac\":70,\"dc\":90,\"id\":\"cl-1\"}", "cl-1"))
        .compose(limits -> {
          ctx.verify(() -> {
            assertAcceptedThenOk(limits, "charge_limits");
            List<Call> sent = simulator.calls().of(Endpoint.CHARGE_LIMITS);
            assertEquals(1, sent.size());
            assertEquals("/ac/v2/evc/charge/targetsoc/set", sent.get(0).path());
            assertEquals(targets(90, 70), new JsonObject(sent.get(0).body()));
            assertEquals(simulator.settings().pin(), sent.get(0).headers().get("blueLinkServicePin"));
            assertEquals(ev.regid(), sent.get(0).headers().get("registrationId"));
            assertPolledAs(limits.get(0).getString("action_id"), "REMOTE_POLL");
            assertEquals(70, ev.chargeLimitAc());
            assertEquals(90, ev.chargeLimitDc());
          });
          // the read after the action publishes the new AC limit; the next command relies on it
          return observer.awaitMessage(base + "/" + ev.regid() + "/ev/charge_limit",
              m -> !m.payload().isEmpty() && Integer.valueOf(70).equals(new JsonObject(m.payload()).getValue("value")));
        })
        .compose(v -> act(ev, "charge_limits", "{\"dc\":60,\"id\":\"cl-2\"}", "cl-2"))
        .compose(limits -> {
          ctx.verify(() -> {
            assertAcceptedThenOk(limits, "charge_limits");
            assertEquals(targets(60, 70), new JsonObject(simulator.calls().of(Endpoint.CHARGE_LIMITS).get(1).body()),
                "the AC level left out is the car's current one");
          });
          return act(ice, "hazard", "{\"action\":\"on\",\"id\":\"hz-1\"}", "hz-1");
        })
        .compose(hazard -> {
          ctx.verify(() -> {
            assertAcceptedThenOk(hazard, "hazard");
            List<Call> sent = simulator.calls().of(Endpoint.HAZARD);
            assertEquals(1, sent.size());
            assertEquals("/ac/v2/rcs/rhl/light", sent.get(0).path());
            assertEquals(ice.vin(), sent.get(0).headers().get("APPCLOUD-VIN"));
            assertEquals(new JsonObject().put("userName", simulator.settings().username()).put("vin", ice.vin()),
                new JsonObject(sent.get(0).body()));
            assertPolledAs(hazard.get(0).getString("action_id"), "LIGHTS_ONLY");
            assertEquals(0, count(Endpoint.HORN_LIGHTS));
          });
          return act(ev, "horn_lights", "{\"action\":\"on\",\"id\":\"hl-1\"}", "hl-1");
        })
        .compose(horn -> {
          ctx.verify(() -> {
            assertAcceptedThenOk(horn, "horn_lights");
            assertPolledAs(horn.get(0).getString("action_id"), "HORN_AND_LIGHTS");
            List<Call> sent = simulator.calls().of(Endpoint.HORN_LIGHTS);
            assertEquals(1, sent.size());
            assertEquals("/ac/v2/rcs/rhl/hnl", sent.get(0).path());
            assertEquals(ev.vin(), sent.get(0).headers().get("APPCLOUD-VIN"));
            assertEquals(1, count(Endpoint.HAZARD), "the horn went to its own endpoint");
          });
          return act(ice, "charge_limits", "{\"ac\":80,\"dc\":80,\"id\":\"cl-3\"}", "cl-3");
        })
        .onComplete(ctx.succeeding(refused -> ctx.verify(() -> {
          assertUnsupportedWithoutCall(refused, "charge_limits");
          assertEquals(2, count(Endpoint.CHARGE_LIMITS), "nothing sent for the combustion car");
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  @DisplayName("Hyundai: one login, a restart on the stored session, cached and forced in mi/°F, unlock, a session "
      + "expiring mid-command renewed exactly once")
  void hyundaiSessionReadsAndActions(VertxTestContext ctx) throws Exception {
    logs = LogCapture.attach();
    Future<Void> simulated = simulate(Brand.HYUNDAI);
    AppConfig second = config(Brand.HYUNDAI);
    simulated
        .compose(v -> bridge())
        .compose(v -> {
          ctx.verify(() -> {
            assertEquals(1, count(Endpoint.LOGIN), "first start logs in once");
            assertEquals(1, count(Endpoint.ENROLLMENT));
            assertEquals(2, count(Endpoint.CACHED_STATUS), "one cached read per car at start-up");
            assertEquals(0, count(Endpoint.FORCED_STATUS));
          });
          return value(ev, "ev/range");
        })
        .compose(range -> {
          ctx.verify(() -> assertEquals("mi", range.getString("unit"), range.encode()));
          return value(ev, "climate/set_temperature");
        })
        .compose(temperature -> {
          ctx.verify(() -> {
            assertEquals("°F", temperature.getString("unit"), temperature.encode());
            assertEquals(70.0, temperature.getDouble("value"), temperature.encode());
          });
          return restart(second);
        })
        .compose(v -> {
          ctx.verify(() -> {
            assertEquals(1, count(Endpoint.LOGIN), "the restart used the stored session");
            assertEquals(0, count(Endpoint.TOKEN_REFRESH));
          });
          return command(ev, "refresh", "{\"mode\":\"cached\",\"id\":\"c-1\"}", "c-1");
        })
        .compose(cached -> {
          ctx.verify(() -> {
            assertEquals("ok", cached.getString("status"), cached.encode());
            assertEquals("cached", cached.getString("data_source"), cached.encode());
            assertEquals(5, count(Endpoint.CACHED_STATUS), "two at each start-up, one for the command");
          });
          return command(ev, "refresh", "{\"mode\":\"force\",\"id\":\"f-1\"}", "f-1");
        })
        .compose(forced -> {
          ctx.verify(() -> {
            assertEquals("ok", forced.getString("status"), forced.encode());
            assertEquals("fresh", forced.getString("data_source"), forced.encode());
            List<Call> wakes = simulator.calls().of(Endpoint.FORCED_STATUS);
            assertEquals(1, wakes.size());
            assertEquals("true", wakes.get(0).headers().get("refresh"));
            assertEquals(simulator.settings().pin(), wakes.get(0).headers().get("blueLinkServicePin"));
            assertEquals(ev.generation(), wakes.get(0).headers().get("gen"));
          });
          return command(ev, "lock", "{\"action\":\"unlock\",\"id\":\"u-1\"}", "u-1");
        })
        .compose(unlocked -> {
          ctx.verify(() -> {
            assertEquals("ok", unlocked.getString("status"), unlocked.encode());
            assertFalse(unlocked.getString("action_id").isEmpty());
            List<Call> sent = simulator.calls().of(Endpoint.UNLOCK);
            assertEquals(1, sent.size());
            assertEquals(200, sent.get(0).answered());
            assertEquals(ev.vin(), sent.get(0).headers().get("APPCLOUD-VIN"));
            assertEquals(new JsonObject().put("userName", simulator.settings().username()).put("vin", ev.vin()),
                new JsonObject(sent.get(0).body()));
            assertEquals(unlocked.getString("action_id"),
                simulator.calls().of(Endpoint.RUNNING_STATUS).get(0).headers().get("tid"));
            assertFalse(ev.locked());
          });
          // the read that follows an action publishes the new state: once it is in, the session is idle
          return observer.awaitMessage(base + "/" + ev.regid() + "/doors/locked",
              m -> !m.payload().isEmpty() && Boolean.FALSE.equals(new JsonObject(m.payload()).getValue("value")));
        })
        .compose(unlockedState -> {
          simulator.expireAllTokens();
          return command(ev, "lock", "{\"action\":\"lock\",\"id\":\"l-1\"}", "l-1");
        })
        .compose(locked -> {
          ctx.verify(() -> assertEquals("ok", locked.getString("status"), locked.encode()));
          return observer.awaitMessage(base + "/" + ev.regid() + "/status/wake_audit",
              m -> m.payload().contains("\"last_cause\":\"lock lock\"")).map(m -> new JsonObject(m.payload()));
        })
        .onComplete(ctx.succeeding(audit -> ctx.verify(() -> {
          assertEquals(3, audit.getInteger("today"), "force, unlock, lock: the lock sent twice is one wake " + audit);
          assertEquals(1, count(Endpoint.TOKEN_REFRESH), "exactly one renewal");
          assertEquals(1, count(Endpoint.LOGIN), "the refresh grant sufficed: no new login");
          List<Call> locks = simulator.calls().of(Endpoint.LOCK);
          assertEquals(List.of(401, 200), locks.stream().map(Call::answered).toList(),
              "refused with the expired token, sent once more with the renewed one");
          JsonObject refresh = new JsonObject(simulator.calls().of(Endpoint.TOKEN_REFRESH).get(0).body());
          assertEquals("refresh_token", refresh.getString("grant_type"));
          assertEquals(simulator.settings().username(), refresh.getString("username"));
          assertTrue(ev.locked());
          assertNoSecretLeft();
          ctx.completeNow();
        })));
  }

  /** The password, the PIN and every token the simulator issued appear in no log line and no MQTT message. */
  private void assertNoSecretLeft() {
    List<String> secrets = new ArrayList<>(List.of(simulator.settings().password(), simulator.settings().pin()));
    secrets.addAll(simulator.issuedTokens());
    assertTrue(secrets.size() >= 5, "two logins' worth of tokens: " + secrets);
    String logText = logs.text();
    for (String secret : secrets) {
      // a 4-digit PIN may occur inside longer numbers: match it only as a whole number
      Pattern leak = Pattern.compile("(?<![0-9A-Za-z])" + Pattern.quote(secret) + "(?![0-9A-Za-z])");
      assertFalse(leak.matcher(logText).find(), "a secret reached the log");
      assertTrue(observer.messages().stream().noneMatch(m -> leak.matcher(m.payload()).find()),
          "a secret reached MQTT");
    }
  }

  @Test
  @Timeout(value = 40, timeUnit = TimeUnit.SECONDS)
  @DisplayName("Hyundai: HT_534 on a force exhausts the budget; the next force and an action are denied without a call")
  void dailyLimitExhaustsTheBudget(VertxTestContext ctx) throws Exception {
    simulate(Brand.HYUNDAI)
        .compose(v -> bridge())
        .compose(v -> {
          simulator.exhaustRemoteLimit();
          return command(ev, "refresh", "{\"mode\":\"force\",\"id\":\"f-q\"}", "f-q");
        })
        .compose(limited -> {
          ctx.verify(() -> {
            assertEquals("failed", limited.getString("status"), limited.encode());
            assertEquals("rate_limited", limited.getString("reason"), limited.encode());
            assertEquals(1, count(Endpoint.FORCED_STATUS));
            assertEquals(502, simulator.calls().of(Endpoint.FORCED_STATUS).get(0).answered());
          });
          return observer.awaitMessage(base + "/bridge/budget",
              m -> new JsonObject(m.payload()).getBoolean("exhausted", false));
        })
        .compose(budget -> command(ev, "refresh", "{\"mode\":\"force\",\"id\":\"f-d\"}", "f-d"))
        .compose(denied -> {
          ctx.verify(() -> {
            assertEquals("denied", denied.getString("status"), denied.encode());
            assertEquals("budget", denied.getString("reason"), denied.encode());
            assertEquals(1, count(Endpoint.FORCED_STATUS), "nothing more reached the cloud");
          });
          return command(ev, "lock", "{\"action\":\"unlock\",\"id\":\"u-d\"}", "u-d");
        })
        .onComplete(ctx.succeeding(denied -> ctx.verify(() -> {
          assertEquals("denied", denied.getString("status"), denied.encode());
          assertEquals(0, count(Endpoint.UNLOCK));
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 40, timeUnit = TimeUnit.SECONDS)
  @DisplayName("Genesis: same cloud and constants; login once, both cars read, climate start on the combustion car "
      + "goes to rcs/rsc/start in °F")
  void genesisReadsAndClimate(VertxTestContext ctx) throws Exception {
    simulate(Brand.GENESIS)
        .compose(v -> bridge())
        .compose(v -> command(ice, "climate", "{\"action\":\"start\",\"temperature\":22,\"id\":\"k-1\"}", "k-1"))
        .onComplete(ctx.succeeding(started -> ctx.verify(() -> {
          assertEquals("ok", started.getString("status"), started.encode());
          assertEquals(1, count(Endpoint.LOGIN));
          List<Call> sent = simulator.calls().of(Endpoint.CLIMATE_START);
          assertEquals(1, sent.size());
          assertEquals("/ac/v2/rcs/rsc/start", sent.get(0).path());
          JsonObject body = new JsonObject(sent.get(0).body());
          assertEquals(72, body.getJsonObject("airTemp").getInteger("value"), "22 °C on the car's °F dial");
          assertEquals(ice.vin(), body.getString("vin"));
          assertTrue(ice.climateOn());
          ctx.completeNow();
        })));
  }
}
