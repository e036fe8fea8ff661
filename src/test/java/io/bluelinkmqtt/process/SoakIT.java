package io.bluelinkmqtt.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.publish.Topics;
import io.bluelinkmqtt.sim.CallLog;
import io.bluelinkmqtt.sim.EuSimulator;
import io.bluelinkmqtt.sim.Fault;
import io.bluelinkmqtt.sim.SimCar;
import io.bluelinkmqtt.sim.SimEndpoint;
import io.bluelinkmqtt.sim.SimulatorSettings;
import io.bluelinkmqtt.testsupport.Await;
import io.bluelinkmqtt.testsupport.FaultProxy;
import io.bluelinkmqtt.testsupport.MosquittoProcess;
import io.bluelinkmqtt.testsupport.MqttObserver;
import io.bluelinkmqtt.testsupport.MqttObserver.Received;
import io.bluelinkmqtt.testsupport.SimulatedAccount;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The soak of reliability §7 D, bounded by {@code -Dsoak.minutes=N} (default 5): the packaged bridge as a
 * child JVM ({@code -Xmx128m}) between the EU simulator (two cars, in this JVM) and a real Mosquitto
 * reached through a {@link FaultProxy}; a seeded random command load (printed seed, {@code -Dsoak.seed}
 * repeats a run) and a fixed fault schedule scaled to the run length. Checks: one outcome per accepted
 * command within its deadline, convergence of the retained battery level after every fault window, the
 * call budget, logins per token expiry, no blocked thread and no secret in the bridge's output, bounded
 * heap/threads/fds, exit 0 on SIGTERM. Tagged {@code soak}: {@code mvn verify} leaves it out.
 */
@Tag("soak")
@ExtendWith(VertxExtension.class)
class SoakIT {

  private static final Logger LOG = LoggerFactory.getLogger(SoakIT.class);
  private static final int KEEPALIVE_SECONDS = 2;
  private static final int MIN_FORCE_INTERVAL_SECONDS = 30;
  private static final long FORCE_DEADLINE_MS = 20_000;
  /** The bridge's event-bus send timeout is the force deadline + 30 s; a queued command may wait a little more. */
  private static final long OUTCOME_DEADLINE_MS = FORCE_DEADLINE_MS + 30_000 + 10_000;
  /** After a broker or link fault ends, outcomes of commands sent this much later may still be lost. */
  private static final long MQTT_SETTLE_MS = 15_000;
  private static final long CONVERGENCE_BOUND_MS = 20_000;
  private static final long QUIESCE_MS = 50_000;
  private static final long WARM_UP_SECONDS = 60;
  private static final int SAMPLE_PERIOD_SECONDS = 20;
  private static final int OVERSIZED_BYTES = 20 * 1024;

  /** One command the load or a convergence check published. */
  private record Sent(String id, String car, String kind, long sentMillis, boolean accepted) {
  }

  /** A time span in which a fault was active; {@code mqtt} when the bridge's MQTT link was affected. */
  private record Window(String name, long startMillis, long endMillis, boolean mqtt) {
  }

  /** One scheduled fault: its name, whether it touches the MQTT link, and what to do. */
  private record ScheduledFault(String name, boolean mqtt, Consumer<Vertx> inject) {
  }

  private MosquittoProcess broker;
  private FaultProxy proxy;
  private EuSimulator simulator;
  private MqttObserver observer;
  private BridgeProcess bridge;
  private ScheduledExecutorService sampler;
  private Topics topics;
  private String clientId;
  private List<String> cars;

  private final Map<String, Sent> sent = new ConcurrentHashMap<>();
  private final List<Window> windows = new CopyOnWriteArrayList<>();
  private final Map<String, Long> convergenceMs = new TreeMap<>();
  private final Map<String, Long> reconnectMs = new TreeMap<>();
  private final AtomicInteger commandNo = new AtomicInteger();
  private final AtomicInteger notPublished = new AtomicInteger();
  private int tokenExpiries;
  private long rateLimitedAtNanos = -1;
  private Instant rateLimitedAt;
  private volatile long rateLimitedAtMillis = Long.MAX_VALUE;
  private volatile long loadEndMillis;
  private Random loadRandom;
  private Random faultRandom;

  @AfterEach
  void stopAll() {
    if (sampler != null) {
      sampler.shutdownNow();
    }
    if (bridge != null) {
      bridge.close();
    }
    if (observer != null) {
      Await.result(observer.close().recover(e -> Future.succeededFuture()), Duration.ofSeconds(5));
    }
    if (proxy != null) {
      Await.result(proxy.close().recover(e -> Future.succeededFuture()), Duration.ofSeconds(5));
    }
    if (broker != null) {
      broker.kill();
    }
  }

  @Test
  @DisplayName("soak: seeded load + scheduled faults; outcomes, convergence, budget, logins, secrets, resources, exit 0")
  void soak(Vertx vertx) throws Exception {
    long minutes = Long.getLong("soak.minutes", 5);
    long seed = Long.getLong("soak.seed", System.currentTimeMillis());
    LOG.info("SOAK seed {} ({} minutes); repeat with -Dsoak.seed={}", seed, minutes, seed);
    loadRandom = new Random(seed);
    faultRandom = new Random(seed ^ 0x5DEECE66DL);
    long totalMs = minutes * 60_000;
    int dailyCap = (int) (250 * minutes + 200);

    String password = "Soak-Canary-Pw-" + UUID.randomUUID();
    simulator = new EuSimulator(vertx, SimulatorSettings.defaults(Brand.KIA)
        .withCredentials("soak@example.com", password)
        .withForceDelays(Duration.ofSeconds(3), Duration.ofSeconds(2))
        .withDailyQuota(100_000));
    Await.result(simulator.start(), Duration.ofSeconds(20));
    cars = simulator.cars().stream().map(SimCar::vehicleId).toList();
    broker = MosquittoProcess.startDefault();
    proxy = Await.result(FaultProxy.start(vertx, broker.host(), broker.port()), Duration.ofSeconds(5));
    String base = "soak" + UUID.randomUUID().toString().substring(0, 8);
    topics = new Topics(base);
    clientId = base + "-bridge";
    observer = Await.result(MqttObserver.start(vertx, broker.host(), broker.port(),
        base + "/+/" + Topics.COMMAND_RESULT, topics.bridgeState()), Duration.ofSeconds(10));

    Path stateDir = Files.createTempDirectory("soak-state");
    Map<String, String> env = SimulatedAccount.env(simulator, stateDir);
    env.put("MQTT_BROKER_HOST", "127.0.0.1");
    env.put("MQTT_BROKER_PORT", Integer.toString(proxy.port()));
    env.put("MQTT_BASE_TOPIC", base);
    env.put("MQTT_CLIENT_ID", clientId);
    env.put("MQTT_KEEPALIVE_SECONDS", Integer.toString(KEEPALIVE_SECONDS));
    env.put("HA_DISCOVERY_PREFIX", base + "-ha");
    env.put("MIN_FORCE_INTERVAL_SECONDS", Integer.toString(MIN_FORCE_INTERVAL_SECONDS));
    // convergence is read with cached commands within seconds; the read window would answer them from the last read
    env.put("MIN_READ_INTERVAL_SECONDS", "0");
    env.put("API_DAILY_CALL_CAP", Integer.toString(dailyCap));
    env.put("LOG_FORMAT", "text");
    // BridgeProcess runs `java -jar`; the JVM options reach the child through the standard variable
    env.put("JAVA_TOOL_OPTIONS", "-Xmx128m -XX:+HeapDumpOnOutOfMemoryError -XX:HeapDumpPath=" + stateDir);
    Path config = stateDir.resolve("soak-config.json");
    Files.writeString(config, soakConfig().encodePrettily());
    bridge = BridgeProcess.start(env, "--config", config.toString());
    long bridgeStartMillis = System.currentTimeMillis();
    Await.result(observer.awaitPayload(topics.bridgeState(), "online"), Duration.ofSeconds(60));
    Await.condition(vertx, () -> observer.messages().stream()
        .filter(m -> m.payload().contains("\"initial-refresh\"")).count() == cars.size(), Duration.ofSeconds(30));

    SoakResources resources = new SoakResources(bridge.pid());
    sampler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "soak-sampler");
      t.setDaemon(true);
      return t;
    });
    sampler.scheduleAtFixedRate(() -> {
      SoakResources.Sample s = resources.sample((System.currentTimeMillis() - bridgeStartMillis) / 1000);
      LOG.info("SOAK sample {}", s);
    }, 0, SAMPLE_PERIOD_SECONDS, TimeUnit.SECONDS);

    long startMillis = System.currentTimeMillis();
    loadEndMillis = startMillis + totalMs - QUIESCE_MS;
    tick(vertx);
    List<String> injected = runFaults(vertx, schedule(), startMillis + 15_000);

    // quiesce: no new load; every accepted command's outcome or deadline comes
    Await.result(vertx.timer(Math.max(1, loadEndMillis - System.currentTimeMillis())), Duration.ofMillis(totalMs));
    Await.condition(vertx, this::allResolved, Duration.ofMillis(OUTCOME_DEADLINE_MS + 5_000));
    sampler.shutdown();
    assertTrue(sampler.awaitTermination(60, TimeUnit.SECONDS), "sampler stopped");
    SoakResources.Sample last = resources.sample((System.currentTimeMillis() - bridgeStartMillis) / 1000);
    LOG.info("SOAK final sample {}", last);

    Map<String, Integer> byStatus = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    int[] lostAndDuplicated = checkOutcomes(byStatus, problems);

    long signalled = System.nanoTime();
    bridge.term();
    boolean exited = bridge.waitForExit(Duration.ofSeconds(15));
    long exitMs = (System.nanoTime() - signalled) / 1_000_000;
    String log = bridge.log();

    Map<SimEndpoint, Integer> calls = new EnumMap<>(SimEndpoint.class);
    for (SimEndpoint e : SimEndpoint.values()) {
      if (simulator.calls().count(e) > 0) {
        calls.put(e, simulator.calls().count(e));
      }
    }
    int totalCalls = simulator.calls().total();
    int logins = simulator.calls().count(SimEndpoint.SIGNIN) + simulator.calls().count(SimEndpoint.LEGACY_TOKEN);
    int tokenRefreshes = simulator.calls().count(SimEndpoint.CCI_TOKEN_REFRESH);
    // the bridge's budget stays exhausted until the next UTC midnight (the cloud's quota day), then resets
    long callsAfterRateLimit = rateLimitedAtNanos < 0 ? 0 : simulator.calls().all().stream()
        .filter(c -> c.endpoint().isVehicleCall() && c.nanoTime() > rateLimitedAtNanos + 1_000_000_000L
            && c.clockTime().isBefore(rateLimitedAt.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1))))
        .count();
    List<SoakResources.Sample> samples = resources.samples();

    String summary = summary(seed, minutes, byStatus, lostAndDuplicated, injected, calls, totalCalls, dailyCap,
        logins, tokenRefreshes, callsAfterRateLimit, samples, exitMs, exited ? bridge.exitValue() : -1);
    LOG.info("SOAK summary\n{}", summary);
    Files.writeString(Path.of(System.getProperty("project.basedir", "."), "target", "soak-summary.md"), summary);

    assertTrue(problems.isEmpty(), "command outcome problems:\n" + String.join("\n", problems));
    convergenceMs.forEach((fault, ms) -> assertTrue(ms >= 0 && ms <= CONVERGENCE_BOUND_MS,
        "retained battery/level converged after " + fault + " in " + ms + " ms"));
    assertTrue(totalCalls <= dailyCap, "upstream calls " + totalCalls + " within the cap " + dailyCap);
    assertEquals(0, byStatus.getOrDefault("denied budget", 0), "the run never reaches the daily cap");
    assertTrue(logins + tokenRefreshes <= tokenExpiries + 1,
        "logins " + logins + " + token refreshes " + tokenRefreshes + " <= expiries " + tokenExpiries + " + 1");
    assertEquals(0, callsAfterRateLimit, "no vehicle call after the cloud answered 5091");
    assertTrue(!log.contains("Thread blocked") && !log.contains("has been blocked for"), "no blocked thread");
    assertTrue(!log.contains(password), "the password never appears in the bridge's output");
    assertTrue(!log.contains(simulator.legacyRefreshToken()), "no refresh token in the bridge's output");
    // "OutOfMemoryError" alone would match the echoed JAVA_TOOL_OPTIONS flag
    assertTrue(!log.contains("java.lang.OutOfMemoryError"), "no OOM");
    assertResourcesBounded(samples);
    assertTrue(exited, "exit within 15 s of SIGTERM");
    assertEquals(0, bridge.exitValue(), "exit code after SIGTERM");
  }

  /** Shorter timers than production so a fault resolves within the run: reconnect cap, breaker reset, deadlines. */
  private static JsonObject soakConfig() {
    return new JsonObject()
        .put("mqtt", new JsonObject().put("reconnectBaseMs", 500).put("reconnectCapMs", 4_000)
            .put("ackTimeoutSeconds", 3))
        .put("api", new JsonObject().put("requestDeadlineMs", 5_000).put("idleTimeoutMs", 4_000)
            .put("connectTimeoutMs", 2_000).put("cachedDeadlineMs", 15_000).put("forceDeadlineMs", FORCE_DEADLINE_MS)
            .put("ccs2PollIntervalMs", 1_000)
            .put("retry", new JsonObject().put("maxRetries", 2).put("baseDelayMs", 200).put("maxDelayMs", 1_000))
            .put("breaker", new JsonObject().put("maxFailures", 3).put("failuresRollingWindowMs", 60_000)
                .put("resetTimeoutMs", 5_000).put("timeoutMs", 25_000))
            .put("loginBackoffBaseMs", 2_000).put("loginBackoffCapMs", 10_000));
  }

  // ---------------------------------------------------------------- load

  /** One random command, then the next one 1–2 s later; stops by itself at the end of the load phase. */
  private void tick(Vertx vertx) {
    if (System.currentTimeMillis() >= loadEndMillis) {
      return;
    }
    int n = commandNo.incrementAndGet();
    double r = loadRandom.nextDouble();
    String car = cars.get(loadRandom.nextInt(cars.size()));
    if (n == 3 || r < 0.01) {
      send(car, "inv-" + n, "invalid", "{\"mode\":\"warp\",\"id\":\"inv-" + n + "\"}", false);
    } else if (n == 7 || r < 0.015) {
      send(car, "big-" + n, "oversized",
          "{\"mode\":\"cached\",\"id\":\"big-" + n + "\",\"pad\":\"" + "x".repeat(OVERSIZED_BYTES) + "\"}", false);
    } else {
      double k = loadRandom.nextDouble();
      String mode = k < 0.6 ? "\"cached\"" : k < 0.9 ? "\"smart\",\"max_age\":" + loadRandom.nextInt(600) : "\"force\"";
      String kind = k < 0.6 ? "cached" : k < 0.9 ? "smart" : "force";
      send(car, "s-" + n, kind, "{\"mode\":" + mode + ",\"id\":\"s-" + n + "\"}", true);
    }
    vertx.setTimer(1_000 + loadRandom.nextInt(1_001), id -> tick(vertx));
  }

  private void send(String car, String id, String kind, String payload, boolean accepted) {
    Future<Integer> published;
    try {
      published = observer.publish(topics.vehicle(car, Topics.COMMAND_REFRESH), payload, 1, false);
    } catch (RuntimeException notConnected) {
      published = Future.failedFuture(notConnected);
    }
    long now = System.currentTimeMillis();
    published.onComplete(ar -> {
      if (ar.succeeded()) {
        sent.put(id, new Sent(id, car, kind, now, accepted));
      } else {
        notPublished.incrementAndGet();
      }
    });
  }

  // ---------------------------------------------------------------- faults

  private List<ScheduledFault> schedule() {
    String legacy = simulator.cars().stream().filter(c -> !c.ccs2()).findFirst().orElseThrow().vehicleId();
    return List.of(
        new ScheduledFault("sim 503 x3", false, v -> {
          simulator.faults().add(Fault.httpStatus(503).on(SimEndpoint.STATUS_LATEST).times(3));
          trigger(legacy);
        }),
        new ScheduledFault("token expiry 1", false, v -> {
          simulator.expireAllTokens();
          tokenExpiries++;
          trigger(legacy);
        }),
        new ScheduledFault("broker SIGKILL+restart", true, v -> {
          broker.kill();
          broker.restart();
          Await.result(observer.reconnect(), Duration.ofSeconds(10));
        }),
        new ScheduledFault("sim hang x1", false, v -> {
          simulator.faults().add(Fault.hang().on(SimEndpoint.STATUS_LATEST).times(1));
          trigger(legacy);
        }),
        new ScheduledFault("proxy BLACKHOLE 10 s", true, v -> {
          proxy.blackhole();
          Await.result(v.timer(10_000), Duration.ofSeconds(15));
          proxy.pass();
        }),
        new ScheduledFault("sim malformed JSON x1", false, v -> {
          simulator.faults().add(Fault.malformedJson().on(SimEndpoint.STATUS_LATEST).times(1));
          trigger(legacy);
        }),
        new ScheduledFault("broker SIGTERM+restart", true, v -> {
          broker.term();
          broker.restart();
          Await.result(observer.reconnect(), Duration.ofSeconds(10));
        }),
        new ScheduledFault("token expiry 2", false, v -> {
          simulator.expireAllTokens();
          tokenExpiries++;
          trigger(legacy);
        }),
        // last: a 5091 exhausts the bridge's budget until the window resets, so nothing converges after it
        new ScheduledFault("sim 5091 (quota)", false, v -> {
          simulator.faults().add(Fault.resCode("5091", 200).on(SimEndpoint.STATUS_LATEST).times(1));
          trigger(legacy);
          Await.condition(v, () -> simulator.faults().active().isEmpty(), Duration.ofSeconds(20));
          List<CallLog.Call> hits = simulator.calls().of(SimEndpoint.STATUS_LATEST);
          rateLimitedAtNanos = hits.get(hits.size() - 1).nanoTime();
          rateLimitedAt = hits.get(hits.size() - 1).clockTime();
          rateLimitedAtMillis = System.currentTimeMillis();
        }));
  }

  /** Runs the faults in order, evenly spread over the load phase after {@code firstAt}; each window then converges. */
  private List<String> runFaults(Vertx vertx, List<ScheduledFault> faults, long firstAt) {
    List<String> injected = new ArrayList<>();
    long spacing = Math.max(1, (loadEndMillis - 20_000 - firstAt) / faults.size());
    for (int i = 0; i < faults.size(); i++) {
      ScheduledFault fault = faults.get(i);
      long at = firstAt + i * spacing;
      long wait = at - System.currentTimeMillis();
      if (wait > 0) {
        Await.result(vertx.timer(wait), Duration.ofMillis(wait + 5_000));
      }
      if (System.currentTimeMillis() > loadEndMillis - 15_000) {
        LOG.warn("SOAK fault {} skipped: the load phase is over", fault.name());
        continue;
      }
      int connectsBefore = broker.logLines(" as " + clientId).size();
      long start = System.currentTimeMillis();
      // the cars report new values to the cloud while the fault is on; the bridge must end up showing them
      simulator.cars().forEach(c -> {
        c.setSoc(20 + faultRandom.nextInt(70));
        c.setLastUpdated(Instant.now());
      });
      LOG.info("SOAK fault {} injected", fault.name());
      fault.inject().accept(vertx);
      long end = System.currentTimeMillis();
      windows.add(new Window(fault.name(), start, end, fault.mqtt()));
      injected.add(fault.name());
      if (fault.mqtt()) {
        Await.condition(vertx, () -> broker.logLines(" as " + clientId).size() > connectsBefore,
            Duration.ofSeconds(30));
        reconnectMs.put(fault.name(), System.currentTimeMillis() - end);
      }
      if (rateLimitedAtNanos < 0) {
        convergenceMs.put(fault.name(), converge(vertx, end));
      }
    }
    return injected;
  }

  /** Sends a cached command for the car, as a user would after the fault, and waits a little for its outcome. */
  private void trigger(String car) {
    String id = "trig-" + commandNo.incrementAndGet();
    send(car, id, "cached", "{\"mode\":\"cached\",\"id\":\"" + id + "\"}", true);
    Future<Received> outcome = observer.awaitAny(m -> m.payload().contains("\"" + id + "\""));
    Await.staysPending(outcome, Duration.ofSeconds(20));
  }

  /**
   * Time from the end of a fault window until a fresh observer reads, for every car, the simulator's
   * current battery level as the retained {@code battery/level}; asks with a cached command each round.
   * Returns -1 when it did not converge within the bound.
   */
  private long converge(Vertx vertx, long windowEnd) {
    Map<String, Integer> expected = new TreeMap<>();
    simulator.cars().forEach(c -> expected.put(c.vehicleId(), c.soc()));
    long deadline = windowEnd + CONVERGENCE_BOUND_MS;
    while (System.currentTimeMillis() < deadline) {
      String[] filters = cars.stream().map(c -> topics.vehicle(c, Topics.BATTERY_LEVEL)).toArray(String[]::new);
      MqttObserver fresh = Await.result(MqttObserver.start(vertx, broker.host(), broker.port(), filters),
          Duration.ofSeconds(10));
      try {
        List<Future<Received>> matches = new ArrayList<>();
        expected.forEach((car, soc) -> matches.add(fresh.awaitMessage(topics.vehicle(car, Topics.BATTERY_LEVEL),
            m -> !m.payload().isEmpty() && new JsonObject(m.payload()).getInteger("value") == soc.intValue())));
        Future<List<Received>> all = Future.all(matches).map(cf -> cf.<Received>list());
        if (!Await.staysPending(all, Duration.ofMillis(500)) && all.succeeded()) {
          return all.result().stream().mapToLong(Received::atMillis).max().orElseThrow() - windowEnd;
        }
        expected.keySet().forEach(car -> {
          String id = "conv-" + commandNo.incrementAndGet();
          send(car, id, "cached", "{\"mode\":\"cached\",\"id\":\"" + id + "\"}", true);
        });
        if (!Await.staysPending(all, Duration.ofMillis(Math.max(1, Math.min(3_000,
            deadline - System.currentTimeMillis())))) && all.succeeded()) {
          return all.result().stream().mapToLong(Received::atMillis).max().orElseThrow() - windowEnd;
        }
      } finally {
        Await.result(fresh.close().recover(e -> Future.succeededFuture()), Duration.ofSeconds(5));
      }
    }
    return -1;
  }

  // ---------------------------------------------------------------- checks

  private boolean allResolved() {
    long now = System.currentTimeMillis();
    Map<String, Integer> counts = outcomeCounts();
    return sent.values().stream().filter(Sent::accepted)
        .allMatch(s -> counts.containsKey(s.id()) || now > s.sentMillis() + OUTCOME_DEADLINE_MS);
  }

  private Map<String, Integer> outcomeCounts() {
    Map<String, Integer> counts = new ConcurrentHashMap<>();
    for (Received m : observer.messages()) {
      if (m.topic().endsWith("/" + Topics.COMMAND_RESULT) && !m.payload().isEmpty()) {
        counts.merge(new JsonObject(m.payload()).getString("id", ""), 1, Integer::sum);
      }
    }
    return counts;
  }

  /** Tallies outcomes by status; returns {lost while the link was down, duplicates near an MQTT fault}. */
  private int[] checkOutcomes(Map<String, Integer> byStatus, List<String> problems) {
    Map<String, List<Received>> outcomes = new ConcurrentHashMap<>();
    for (Received m : observer.messages()) {
      if (m.topic().endsWith("/" + Topics.COMMAND_RESULT) && !m.payload().isEmpty()) {
        outcomes.computeIfAbsent(new JsonObject(m.payload()).getString("id", ""), k -> new ArrayList<>()).add(m);
      }
    }
    int lost = 0;
    int duplicates = 0;
    for (Sent s : sent.values()) {
      List<Received> got = outcomes.getOrDefault(s.id(), List.of());
      boolean nearMqttFault = windows.stream().anyMatch(w -> w.mqtt()
          && s.sentMillis() >= w.startMillis() - OUTCOME_DEADLINE_MS && s.sentMillis() <= w.endMillis() + MQTT_SETTLE_MS);
      if (!s.accepted()) {
        String status = got.isEmpty() ? "none" : new JsonObject(got.get(0).payload()).getString("status");
        byStatus.merge(s.kind() + " -> " + status, 1, Integer::sum);
        if ("invalid".equals(s.kind()) && !got.isEmpty() && !"invalid".equals(status)) {
          problems.add(s.id() + ": an invalid command got " + got.get(0).payload());
        }
        continue;
      }
      if (got.isEmpty()) {
        if (nearMqttFault) {
          lost++;
        } else {
          problems.add(s.id() + " (" + s.kind() + ", car " + s.car() + ", sent at +"
              + (s.sentMillis() - windowsBase()) + " ms) got no outcome");
        }
        continue;
      }
      if (got.size() > 1) {
        if (nearMqttFault) {
          duplicates++;
        } else {
          problems.add(s.id() + " got " + got.size() + " outcomes: " + got.stream().map(Received::payload).toList());
        }
      }
      JsonObject first = new JsonObject(got.get(0).payload());
      long took = got.get(0).atMillis() - s.sentMillis();
      if (took > OUTCOME_DEADLINE_MS) {
        problems.add(s.id() + " outcome after " + took + " ms > " + OUTCOME_DEADLINE_MS + ": " + first.encode());
      }
      String reason = first.getString("reason");
      // after the 5091 the budget is exhausted by design: those commands are tallied apart
      String key = first.getString("status") + ("budget".equals(reason) ? " budget" : "")
          + ("rate_limited".equals(reason) ? " rate_limited" : "")
          + (s.sentMillis() >= rateLimitedAtMillis - 1_000 ? " (after the 5091)" : "");
      byStatus.merge(key, 1, Integer::sum);
      if ("failed".equals(first.getString("status"))) {
        byStatus.merge("failed, reason " + reason, 1, Integer::sum);
      }
    }
    return new int[] {lost, duplicates};
  }

  private long windowsBase() {
    return sent.values().stream().mapToLong(Sent::sentMillis).min().orElse(0);
  }

  private static void assertResourcesBounded(List<SoakResources.Sample> samples) {
    List<SoakResources.Sample> afterWarmUp = samples.stream()
        .filter(s -> s.secondsIn() >= WARM_UP_SECONDS && s.heapAfterGcKib() >= 0).toList();
    assertTrue(afterWarmUp.size() >= 4, "enough samples after the warm-up: " + samples);
    SoakResources.Sample base = medianOfFirst3(afterWarmUp);
    SoakResources.Sample end = medianOfLast3(afterWarmUp);
    long allowedKib = Math.max(8 * 1024, base.heapAfterGcKib() * 15 / 100);
    assertTrue(end.heapAfterGcKib() - base.heapAfterGcKib() <= allowedKib,
        "post-GC heap growth " + (end.heapAfterGcKib() - base.heapAfterGcKib()) + " KiB > " + allowedKib + ": " + samples);
    assertTrue(end.threads() <= base.threads() + 2, "threads " + base.threads() + " -> " + end.threads());
    assertTrue(end.fds() <= base.fds() + 10, "fds " + base.fds() + " -> " + end.fds());
  }

  private static SoakResources.Sample medianOfFirst3(List<SoakResources.Sample> s) {
    return median(s.subList(0, Math.min(3, s.size())));
  }

  private static SoakResources.Sample medianOfLast3(List<SoakResources.Sample> s) {
    return median(s.subList(Math.max(0, s.size() - 3), s.size()));
  }

  /** Median of each measure separately. */
  private static SoakResources.Sample median(List<SoakResources.Sample> s) {
    long[] heap = s.stream().mapToLong(SoakResources.Sample::heapAfterGcKib).sorted().toArray();
    int[] threads = s.stream().mapToInt(SoakResources.Sample::threads).sorted().toArray();
    int[] fds = s.stream().mapToInt(SoakResources.Sample::fds).sorted().toArray();
    int mid = s.size() / 2;
    return new SoakResources.Sample(s.get(mid).secondsIn(), heap[mid], threads[mid], fds[mid]);
  }

  private String summary(long seed, long minutes, Map<String, Integer> byStatus, int[] lostAndDuplicated,
                         List<String> injected, Map<SimEndpoint, Integer> calls, int totalCalls, int cap, int logins,
                         int tokenRefreshes, long callsAfterRateLimit, List<SoakResources.Sample> samples, long exitMs,
                         int exitCode) {
    StringBuilder b = new StringBuilder();
    b.append("| Item | Value |\n| --- | --- |\n");
    b.append("| seed / minutes | ").append(seed).append(" / ").append(minutes).append(" |\n");
    long accepted = sent.values().stream().filter(Sent::accepted).count();
    b.append("| commands published (accepted kinds / invalid+oversized) | ").append(accepted).append(" / ")
        .append(sent.size() - accepted).append(" |\n");
    b.append("| publish refused (test client disconnected) | ").append(notPublished.get()).append(" |\n");
    byStatus.forEach((k, v) -> b.append("| outcome ").append(k).append(" | ").append(v).append(" |\n"));
    b.append("| no outcome, sent around an MQTT fault (lost while down) | ").append(lostAndDuplicated[0]).append(" |\n");
    b.append("| duplicate outcomes around an MQTT fault | ").append(lostAndDuplicated[1]).append(" |\n");
    b.append("| faults injected | ").append(String.join(", ", injected)).append(" |\n");
    reconnectMs.forEach((k, v) -> b.append("| bridge reconnected after ").append(k).append(" | ").append(v)
        .append(" ms |\n"));
    convergenceMs.forEach((k, v) -> b.append("| convergence after ").append(k).append(" | ")
        .append(v < 0 ? "NOT within " + CONVERGENCE_BOUND_MS + " ms" : v + " ms").append(" |\n"));
    b.append("| upstream calls (all endpoints) / cap | ").append(totalCalls).append(" / ").append(cap).append(" |\n");
    calls.forEach((k, v) -> b.append("| calls ").append(k).append(" | ").append(v).append(" |\n"));
    b.append("| logins (SIGNIN+LEGACY_TOKEN) / token refreshes / token expiries | ").append(logins).append(" / ")
        .append(tokenRefreshes).append(" / ").append(tokenExpiries).append(" |\n");
    b.append("| vehicle calls > 1 s after the 5091 | ").append(callsAfterRateLimit).append(" |\n");
    if (!samples.isEmpty()) {
      SoakResources.Sample first = samples.get(0);
      SoakResources.Sample last = samples.get(samples.size() - 1);
      b.append("| heap after GC KiB first / min / max / last | ").append(first.heapAfterGcKib()).append(" / ")
          .append(samples.stream().mapToLong(SoakResources.Sample::heapAfterGcKib).min().orElse(-1)).append(" / ")
          .append(samples.stream().mapToLong(SoakResources.Sample::heapAfterGcKib).max().orElse(-1)).append(" / ")
          .append(last.heapAfterGcKib()).append(" |\n");
      b.append("| threads first / last | ").append(first.threads()).append(" / ").append(last.threads()).append(" |\n");
      b.append("| fds first / last | ").append(first.fds()).append(" / ").append(last.fds()).append(" |\n");
      b.append("| samples (s: heap KiB, threads, fds) | ").append(String.join("; ", samples.stream()
          .map(s -> s.secondsIn() + ": " + s.heapAfterGcKib() + ", " + s.threads() + ", " + s.fds()).toList()))
          .append(" |\n");
    }
    b.append("| SIGTERM -> exit | code ").append(exitCode).append(" after ").append(exitMs).append(" ms |\n");
    return b.toString();
  }
}
