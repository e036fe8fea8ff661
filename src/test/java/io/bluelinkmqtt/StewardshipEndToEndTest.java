package io.bluelinkmqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.api.HyundaiApiVerticle;
import io.bluelinkmqtt.api.WakePolicy;
import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.cloud.CarCloud;
import io.bluelinkmqtt.cloud.CloudModules;
import io.bluelinkmqtt.codec.InboundCommandJson;
import io.bluelinkmqtt.codec.MqttPublishJson;
import io.bluelinkmqtt.command.CommandTimings;
import io.bluelinkmqtt.command.CommandVerticle;
import io.bluelinkmqtt.config.AppConfig;
import io.bluelinkmqtt.config.ConfigParser;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.RefreshRequest;
import io.bluelinkmqtt.publish.PublisherVerticle;
import io.bluelinkmqtt.sim.EuSimulator;
import io.bluelinkmqtt.sim.SimCar;
import io.bluelinkmqtt.sim.SimEndpoint;
import io.bluelinkmqtt.sim.SimulatorSettings;
import io.bluelinkmqtt.testsupport.SimulatedAccount;
import io.bluelinkmqtt.testsupport.TestClock;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue "stewardship" acceptance through the real Command and HyundaiApi verticles and the EU
 * simulator, all on one simulated clock. The MQTT hops are covered by BridgeEndToEndTest; here the
 * bus carries commands exactly as the MQTT bridge sends them.
 */
@ExtendWith(VertxExtension.class)
class StewardshipEndToEndTest {

  private static final Logger LOG = LoggerFactory.getLogger(StewardshipEndToEndTest.class);
  private static final String BASE = "steward";
  private static final Set<String> RULES = Set.of(WakePolicy.MIN_INTERVAL, WakePolicy.AUX_BATTERY,
      WakePolicy.QUIET_HOURS, WakePolicy.BUDGET);

  private final TestClock clock = TestClock.at("2026-11-23T12:00:00Z");
  private final List<JsonObject> outcomes = new ArrayList<>();
  private final List<Waiter> waiters = new ArrayList<>();
  private EuSimulator simulator;

  private record Waiter(Predicate<List<JsonObject>> done, Promise<Void> promise) {
  }

  /** Starts the simulator and the two verticles; {@code env} adds to the account and endpoint settings. */
  private Future<Void> start(Vertx vertx, List<SimCar> cars, Map<String, String> extraEnv) throws Exception {
    return start(vertx, cars, extraEnv, Files.createTempDirectory("steward-e2e"));
  }

  private Future<Void> start(Vertx vertx, List<SimCar> cars, Map<String, String> extraEnv, Path stateDir) {
    SimulatorSettings settings = SimulatorSettings.defaults(Brand.KIA).withClock(clock)
        .withForceDelays(Duration.ofMillis(20), Duration.ofMillis(10));
    if (cars != null) {
      settings = settings.withCars(cars);
    }
    simulator = new EuSimulator(vertx, settings);
    vertx.eventBus().<JsonObject>consumer(Addresses.COMMAND_COMPLETED, msg -> {
      outcomes.add(msg.body());
      // complete outside the iteration: a completion may register the next waiter at once
      List<Waiter> finished = waiters.stream().filter(w -> w.done().test(outcomes)).toList();
      waiters.removeAll(finished);
      finished.forEach(w -> w.promise().complete());
    });
    return simulator.start().compose(port -> deployBridge(vertx, stateDir, extraEnv)).mapEmpty();
  }

  /** The API and Command verticles against the running simulator; the ids, so a test can stop them. */
  private Future<List<String>> deployBridge(Vertx vertx, Path stateDir, Map<String, String> extraEnv) {
    Map<String, String> env = SimulatedAccount.env(simulator, stateDir);
    env.put("INITIAL_REFRESH", "false");
    env.put("MQTT_BASE_TOPIC", BASE);
    env.putAll(extraEnv);
    JsonObject file = new JsonObject().put("api", new JsonObject().put("ccs2PollIntervalMs", 20));
    AppConfig config = ConfigParser.parse(file, env, path -> "", false, CloudModules.supported());
    return vertx.deployVerticle(CarCloud.verticle(config.account(), config.api(), config.stewardship(),
            Duration.ofSeconds(config.command().minForceIntervalSeconds()), clock))
        .compose(api -> vertx.deployVerticle(new CommandVerticle(config.command(), BASE, clock,
            CommandTimings.forForceDeadline(config.api().refresh().forceDeadlineMs())))
            .map(command -> List.of(command, api)));
  }

  private void send(Vertx vertx, SimCar car, String payload) {
    String topic = BASE + "/" + car.vehicleId() + "/commands/refresh";
    vertx.eventBus().send(Addresses.COMMAND_RECEIVED,
        InboundCommandJson.toJson(topic, Buffer.buffer(payload), 1, false, clock.millis()));
  }

  /** A first cached command: held by the Command verticle until the vehicle list is loaded, then served. */
  private Future<JsonObject> firstCached(Vertx vertx, SimCar car, int attempt) {
    String id = "ready-" + attempt;
    send(vertx, car, "{\"mode\":\"cached\",\"id\":\"" + id + "\"}");
    return outcomeOf(id);
  }

  /** Cached commands until the budget is spent and one is served from the last known state (at most 10). */
  private Future<JsonObject> cachedUntilLastKnown(Vertx vertx, SimCar car, int n) {
    String id = "c" + n;
    send(vertx, car, "{\"mode\":\"cached\",\"id\":\"" + id + "\"}");
    return outcomeOf(id).compose(o -> "last_known".equals(o.getString("dataSource")) || n >= 10
        ? Future.succeededFuture(o) : cachedUntilLastKnown(vertx, car, n + 1));
  }

  private Future<Void> outcomesReach(int count) {
    return when(list -> list.size() >= count);
  }

  private Future<JsonObject> outcomeOf(String id) {
    return when(list -> list.stream().anyMatch(o -> id.equals(o.getString("id"))))
        .map(v -> outcomes.stream().filter(o -> id.equals(o.getString("id"))).findFirst().orElseThrow());
  }

  private Future<Void> when(Predicate<List<JsonObject>> done) {
    if (done.test(outcomes)) {
      return Future.succeededFuture();
    }
    Promise<Void> promise = Promise.promise();
    waiters.add(new Waiter(done, promise));
    return promise.future();
  }

  private int forceCalls() {
    return simulator.calls().count(SimEndpoint.STATUS_FORCE) + simulator.calls().count(SimEndpoint.CCS2_FORCE);
  }

  @Test
  @Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
  @DisplayName("storm: 1 000 force commands over 10 simulated minutes from 5 publishers for two cars stay within the "
      + "policy, meet no rate limit, and each get exactly one outcome; every denial names its rule")
  void forceStorm(Vertx vertx, VertxTestContext ctx) throws Exception {
    long seed = Long.getLong("storm.seed", 20261123L);
    LOG.info("storm seed {} (rerun with -Dstorm.seed={})", seed, seed);
    Random random = new Random(seed);
    start(vertx, null, Map.of())
        .compose(v -> firstCached(vertx, simulator.cars().get(0), 0))
        .compose(ready -> {
          outcomes.clear();
          return tick(vertx, random, 0);
        })
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          Map<String, Integer> byStatus = new TreeMap<>();
          Set<String> ids = new HashSet<>();
          for (JsonObject o : outcomes) {
            byStatus.merge(o.getString("status"), 1, Integer::sum);
            ids.add(o.getString("id"));
            if (List.of("throttled", "denied").contains(o.getString("status"))) {
              assertTrue(RULES.contains(o.getString("reason")), "denial without a rule: " + o.encode());
            }
            assertTrue(List.of("ok", "coalesced", "throttled", "denied").contains(o.getString("status")), o.encode());
          }
          LOG.info("storm: outcomes {}, force calls {}, upstream calls {}, simulator quota left {}", byStatus,
              forceCalls(), simulator.calls().total(), simulator.quotaRemaining());
          assertEquals(1000, outcomes.size(), "exactly one outcome per command");
          assertEquals(1000, ids.size(), "no command answered twice");
          // min interval 900 s over 600 s: at most floor(600/900)+1 = 1 wake per car
          assertTrue(forceCalls() <= 2, "force calls " + forceCalls());
          assertTrue(forceCalls() >= 1, "the first force of each car is allowed");
          assertTrue(simulator.quotaRemaining() > 0, "the simulator never had to answer 5091");
          assertTrue(simulator.calls().total() <= 160, "within the EU default cap");
          ctx.completeNow();
        })));
  }

  /** One 3-second step: five publishers each send a force for a random car, then time moves on. */
  private Future<Void> tick(Vertx vertx, Random random, int tick) {
    if (tick == 200) {
      return Future.succeededFuture();
    }
    for (int publisher = 0; publisher < 5; publisher++) {
      SimCar car = simulator.cars().get(random.nextInt(simulator.cars().size()));
      send(vertx, car, "{\"mode\":\"force\",\"id\":\"s" + tick + "-" + publisher + "\"}");
    }
    return outcomesReach((tick + 1) * 5).compose(v -> {
      clock.advance(Duration.ofSeconds(3));
      return tick(vertx, random, tick + 1);
    });
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  @DisplayName("12 V below the floor: force denied aux_battery with 0 wakes; the override wakes the car once")
  void auxBatteryFloorAndOverride(Vertx vertx, VertxTestContext ctx) throws Exception {
    SimCar car = new SimCar("7d3c2e1a-5b4f-4a6e-9c8d-1f2e3a4b5c6d", "KNAAUX0000TEST001", "Low", "Niro", false);
    car.setAuxBatteryLevel(30);
    start(vertx, List.of(car), Map.of("MIN_FORCE_INTERVAL_SECONDS", "0"))
        .compose(v -> firstCached(vertx, car, 0))
        .compose(cached -> {
          send(vertx, car, "{\"mode\":\"force\",\"id\":\"f1\"}");
          return outcomeOf("f1");
        })
        .compose(denied -> {
          ctx.verify(() -> {
            assertEquals("denied", denied.getString("status"), denied.encode());
            assertEquals(WakePolicy.AUX_BATTERY, denied.getString("reason"));
            assertEquals(0, forceCalls());
          });
          send(vertx, car, "{\"mode\":\"force\",\"id\":\"f2\",\"override\":true}");
          return outcomeOf("f2");
        })
        .onComplete(ctx.succeeding(overridden -> ctx.verify(() -> {
          assertEquals("ok", overridden.getString("status"), overridden.encode());
          assertEquals("fresh", overridden.getString("dataSource"));
          assertEquals(1, forceCalls());
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  @DisplayName("a force the car does not answer (timestamp unchanged) is reported stale, not fresh")
  void unchangedDataIsStale(Vertx vertx, VertxTestContext ctx) throws Exception {
    SimCar car = new SimCar("7d3c2e1a-5b4f-4a6e-9c8d-1f2e3a4b5c6d", "KNASTALE00TEST001", "Asleep", "Niro", false);
    car.setUnresponsive(true);
    start(vertx, List.of(car), Map.of())
        .compose(v -> firstCached(vertx, car, 0))
        .compose(v -> {
          send(vertx, car, "{\"mode\":\"force\",\"id\":\"f1\"}");
          return outcomeOf("f1");
        })
        .onComplete(ctx.succeeding(outcome -> ctx.verify(() -> {
          assertEquals("ok", outcome.getString("status"), outcome.encode());
          assertEquals("stale", outcome.getString("dataSource"));
          assertEquals(1, forceCalls());
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  @DisplayName("a spent budget: the override does not bypass it, cached is served from the last known state, and "
      + "nothing more reaches the cloud")
  void budgetIsNeverBypassed(Vertx vertx, VertxTestContext ctx) throws Exception {
    SimCar car = new SimCar("7d3c2e1a-5b4f-4a6e-9c8d-1f2e3a4b5c6d", "KNABUDGET0TEST001", "Thrifty", "Niro", false);
    // login + vehicle list + one cached read take 11 calls; a force needs up to 9 more
    start(vertx, List.of(car), Map.of("API_DAILY_CALL_CAP", "14", "MIN_FORCE_INTERVAL_SECONDS", "0",
                "MIN_READ_INTERVAL_SECONDS", "0"))
        .compose(v -> firstCached(vertx, car, 0))
        .compose(first -> {
          send(vertx, car, "{\"mode\":\"force\",\"id\":\"f1\",\"override\":true}");
          return outcomeOf("f1");
        })
        .compose(force -> {
          ctx.verify(() -> {
            assertEquals("denied", force.getString("status"), force.encode());
            assertEquals(WakePolicy.BUDGET, force.getString("reason"));
            assertEquals(0, forceCalls());
          });
          return cachedUntilLastKnown(vertx, car, 2);
        })
        .onComplete(ctx.succeeding(served -> ctx.verify(() -> {
          assertEquals("ok", served.getString("status"), served.encode());
          assertEquals("last_known", served.getString("dataSource"));
          assertEquals(0, served.getInteger("upstreamCalls"));
          assertEquals(0, forceCalls());
          assertTrue(simulator.calls().total() <= 14, "calls " + simulator.calls().total());
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  @DisplayName("10: a spent budget: smart:0 answers like force (denied budget, last known data), and "
      + "status/data_source says last_known as the outcomes do")
  void spentBudgetSmartAnswersLikeForce(Vertx vertx, VertxTestContext ctx) throws Exception {
    SimCar car = new SimCar("7d3c2e1a-5b4f-4a6e-9c8d-1f2e3a4b5c6d", "KNABUDGET0TEST002", "Thrifty", "Niro", false);
    String dataSourceTopic = BASE + "/" + car.vehicleId() + "/status/data_source";
    List<String> dataSources = new CopyOnWriteArrayList<>();
    Promise<Void> lastKnownShown = Promise.promise();
    vertx.eventBus().<JsonObject>consumer(Addresses.MQTT_PUBLISH, m -> MqttPublishJson.allFromJson(m.body()).stream()
        .filter(out -> out.topic().equals(dataSourceTopic))
        .map(out -> new JsonObject(out.payload()).getString("value"))
        .forEach(value -> {
          dataSources.add(value);
          if ("last_known".equals(value)) {
            lastKnownShown.tryComplete();
          }
        }));
    vertx.deployVerticle(new PublisherVerticle(BASE, clock))
        .compose(p -> {
          try {
            return start(vertx, List.of(car), Map.of("API_DAILY_CALL_CAP", "14", "MIN_FORCE_INTERVAL_SECONDS", "0",
                "MIN_READ_INTERVAL_SECONDS", "0"));
          } catch (Exception e) {
            return Future.failedFuture(e);
          }
        })
        .compose(v -> firstCached(vertx, car, 0))
        .compose(first -> cachedUntilLastKnown(vertx, car, 2))
        .compose(served -> lastKnownShown.future().timeout(5, TimeUnit.SECONDS)
            .recover(e -> Future.failedFuture(new AssertionError("status/data_source never said last_known although "
                + "the outcome did: " + dataSources))).map(served))
        .compose(served -> {
          ctx.verify(() -> assertEquals("last_known", served.getString("dataSource"), served.encode()));
          clock.advance(Duration.ofMinutes(1)); // the car's data is older than 0 s for sure
          send(vertx, car, "{\"mode\":\"force\",\"id\":\"f10\"}");
          send(vertx, car, "{\"mode\":\"smart\",\"max_age\":0,\"id\":\"s10\"}");
          send(vertx, car, "{\"mode\":\"smart\",\"max_age\":604800,\"id\":\"young-enough\"}");
          return outcomeOf("f10").compose(force -> outcomeOf("s10").map(smart -> List.of(force, smart)));
        })
        .compose(both -> outcomeOf("young-enough").map(young -> {
          ctx.verify(() -> {
            assertEquals("ok", young.getString("status"), "data younger than N needs no wake: " + young.encode());
            assertEquals("last_known", young.getString("dataSource"));
          });
          return both;
        }))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          for (JsonObject o : both) {
            assertEquals("denied", o.getString("status"), o.encode());
            assertEquals(WakePolicy.BUDGET, o.getString("reason"), o.encode());
            assertEquals("last_known", o.getString("dataSource"), o.encode());
          }
          assertEquals(0, forceCalls());
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 120, timeUnit = TimeUnit.SECONDS)
  @DisplayName("quota storm: 2 000 mixed commands (cached, smart:N with distinct N, force) from 5 publishers in 1 s "
      + "cost at most one cached read and one force per car, never exhaust the budget, and each get one outcome")
  void quotaStorm(Vertx vertx, VertxTestContext ctx) throws Exception {
    long seed = Long.getLong("storm.seed", 20261201L);
    LOG.info("quota storm seed {} (rerun with -Dstorm.seed={})", seed, seed);
    Random random = new Random(seed);
    List<JsonObject> budgetEvents = new ArrayList<>();
    vertx.eventBus().<JsonObject>consumer(Addresses.API_BUDGET_CHANGED, msg -> budgetEvents.add(msg.body()));
    int[] callsBefore = new int[1];
    start(vertx, null, Map.of())
        .compose(v -> firstCached(vertx, simulator.cars().get(0), 0))
        .compose(ready -> {
          outcomes.clear();
          callsBefore[0] = simulator.calls().total();
          // 10 bursts of 200 (40 per publisher), 100 simulated ms apart: 2 000 commands within 1 s
          for (int burst = 0; burst < 10; burst++) {
            for (int n = 0; n < 200; n++) {
              int i = burst * 200 + n;
              SimCar car = simulator.cars().get(random.nextInt(simulator.cars().size()));
              String id = "q" + (i % 5) + "-" + i;
              String payload = switch (i % 3) {
                case 0 -> "{\"mode\":\"cached\",\"id\":\"" + id + "\"}";
                case 1 -> "{\"mode\":\"smart\",\"max_age\":" + (1 + i) + ",\"id\":\"" + id + "\"}";
                default -> "{\"mode\":\"force\",\"id\":\"" + id + "\"}";
              };
              send(vertx, car, payload);
            }
            clock.advance(Duration.ofMillis(100));
          }
          return outcomesReach(2000);
        })
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          Map<String, Integer> byOutcome = new TreeMap<>();
          Set<String> ids = new HashSet<>();
          int windowAnswers = 0;
          for (JsonObject o : outcomes) {
            byOutcome.merge(o.getString("status") + "/" + o.getString("reason"), 1, Integer::sum);
            ids.add(o.getString("id"));
            String status = o.getString("status");
            assertTrue(List.of("ok", "coalesced", "throttled", "denied", "failed").contains(status), o.encode());
            if ("failed".equals(status)) {
              assertEquals("busy", o.getString("reason"), "the only failure a storm may cause: " + o.encode());
            }
            if (List.of("throttled", "denied").contains(status)) {
              assertTrue(RULES.contains(o.getString("reason")), "denial without a rule: " + o.encode());
              assertEquals(0, o.getInteger("upstreamCalls"), o.encode());
            }
            if ("read_window".equals(o.getString("reason"))) {
              windowAnswers++;
              assertEquals("ok", status, o.encode());
              assertEquals("last_known", o.getString("dataSource"), o.encode());
              assertEquals(0, o.getInteger("upstreamCalls"), o.encode());
            }
          }
          int stormCalls = simulator.calls().total() - callsBefore[0];
          int cars = simulator.cars().size();
          // docs/stewardship.md: per car and read window one cached read (status, park, history: 3 calls), per
          // car and minimum force interval one force (at most MAX_CALLS_PER_FORCE = 9 calls)
          int bound = cars * (3 + new io.bluelinkmqtt.api.eu.EuModule().maxCallsPerForce());
          LOG.info("quota storm: outcomes {}, upstream calls {} (bound {}), force calls {}, budget events {}", byOutcome,
              stormCalls, bound, forceCalls(), budgetEvents.size());
          assertEquals(2000, outcomes.size(), "exactly one outcome per command");
          assertEquals(2000, ids.size(), "no command answered twice");
          assertTrue(stormCalls <= bound, "upstream calls " + stormCalls + " > bound " + bound);
          assertTrue(forceCalls() <= cars, "one wake per car at most: " + forceCalls());
          assertTrue(windowAnswers > 0, "cached and smart reads were answered from the read window");
          assertTrue(budgetEvents.stream().noneMatch(e -> e.getBoolean("exhausted")), "budget never exhausted");
          assertTrue(simulator.quotaRemaining() > 0);
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  @DisplayName("a restart with the stored session and the saved vehicle list: no login, no token or vehicle-list "
      + "call, only the read itself")
  void restartServesTheSavedVehicleList(Vertx vertx, VertxTestContext ctx) throws Exception {
    Path stateDir = Files.createTempDirectory("steward-e2e-restart");
    SimCar car = new SimCar("7d3c2e1a-5b4f-4a6e-9c8d-1f2e3a4b5c6d", "KNARESTART0TEST01", "Again", "Niro", false);
    Map<SimEndpoint, Integer> before = new java.util.EnumMap<>(SimEndpoint.class);
    start(vertx, List.of(car), Map.of(), stateDir)
        .compose(v -> firstCached(vertx, car, 0))
        .compose(first -> Future.all(vertx.deploymentIDs().stream().map(vertx::undeploy).toList()))
        .compose(stopped -> {
          // the cloud's list would be refused now: the restart must not need it
          simulator.faults().add(io.bluelinkmqtt.sim.Fault.httpStatus(400).on(SimEndpoint.VEHICLES));
          outcomes.clear();
          for (SimEndpoint e : SimEndpoint.values()) {
            before.put(e, simulator.calls().count(e));
          }
          clock.advance(Duration.ofMinutes(2));
          return deployBridge(vertx, stateDir, Map.of()).compose(ids -> firstCached(vertx, car, 1));
        })
        .onComplete(ctx.succeeding(outcome -> ctx.verify(() -> {
          assertEquals("ok", outcome.getString("status"), outcome.encode());
          assertEquals("cached", outcome.getString("dataSource"), outcome.encode());
          Map<SimEndpoint, Integer> restart = new java.util.EnumMap<>(SimEndpoint.class);
          for (SimEndpoint e : SimEndpoint.values()) {
            int calls = simulator.calls().count(e) - before.get(e);
            if (calls > 0) {
              restart.put(e, calls);
            }
          }
          // the cached read of an EV: status, park location, driving history (its hour of reuse is not persisted)
          assertEquals(Map.of(SimEndpoint.STATUS_LATEST, 1, SimEndpoint.LOCATION_PARK, 1, SimEndpoint.DRIVING_HISTORY, 1),
              restart,
              "calls of the restart");
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  @DisplayName("a restart with the start-up refresh on: one status read per car and nothing else (no login, no "
      + "vehicle list, no park location, no driving history), the outcome ok and cached")
  void restartCostsOneReadPerCar(Vertx vertx, VertxTestContext ctx) throws Exception {
    Path stateDir = Files.createTempDirectory("steward-e2e-startup");
    SimCar legacy = new SimCar("2b8e6f0a-1c3d-4e5f-8a9b-0c1d2e3f4a5b", "KNASTARTUP0TEST1", "One", "Niro", false);
    SimCar ccs2 = new SimCar("3c9f7a1b-2d4e-4f6a-9b0c-1d2e3f4a5b6c", "KNASTARTUP0TEST2", "Two", "EV9", true);
    Map<SimEndpoint, Integer> before = new java.util.EnumMap<>(SimEndpoint.class);
    Map<String, String> startupOn = Map.of("INITIAL_REFRESH", "true");
    start(vertx, List.of(legacy, ccs2), startupOn, stateDir)
        .compose(v -> startupOutcomes(2))
        .compose(first -> Future.all(vertx.deploymentIDs().stream().map(vertx::undeploy).toList()))
        .compose(stopped -> {
          outcomes.clear();
          for (SimEndpoint e : SimEndpoint.values()) {
            before.put(e, simulator.calls().count(e));
          }
          clock.advance(Duration.ofMinutes(2));
          return deployBridge(vertx, stateDir, startupOn).compose(ids -> startupOutcomes(2));
        })
        .onComplete(ctx.succeeding(startup -> ctx.verify(() -> {
          startup.forEach(o -> {
            assertEquals("ok", o.getString("status"), o.encode());
            assertEquals("cached", o.getString("dataSource"), o.encode());
          });
          Map<SimEndpoint, Integer> restart = new java.util.EnumMap<>(SimEndpoint.class);
          for (SimEndpoint e : SimEndpoint.values()) {
            int calls = simulator.calls().count(e) - before.get(e);
            if (calls > 0) {
              restart.put(e, calls);
            }
          }
          assertEquals(Map.of(SimEndpoint.STATUS_LATEST, 1, SimEndpoint.CCS2_LATEST, 1), restart,
              "calls of the restart");
          ctx.completeNow();
        })));
  }

  /** The start-up refreshes' outcomes, once {@code cars} of them arrived. */
  private Future<List<JsonObject>> startupOutcomes(int cars) {
    Predicate<JsonObject> startup = o -> RefreshRequest.STARTUP_ID.equals(o.getString("id"));
    return when(list -> list.stream().filter(startup).count() >= cars)
        .map(v -> outcomes.stream().filter(startup).toList());
  }
}
