package io.bluelinkmqtt.bench;

import ch.qos.logback.classic.Level;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.sim.EuSimulator;
import io.bluelinkmqtt.sim.SimCar;
import io.bluelinkmqtt.sim.SimEndpoint;
import io.bluelinkmqtt.sim.SimulatorSettings;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.metrics.MetricsOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * End-to-end benchmark of the real bridge jar: the EU simulator (in this JVM, answering at once), a
 * real Mosquitto (started by bench/run.sh), the bridge as a child process, and an open-loop MQTT
 * load of JSON refresh commands. Prints latency percentiles, the bridge's overhead beyond simulator
 * time, throughput, upstream calls and the bridge's RSS. A command-line tool: it prints to stdout.
 */
public final class BridgeBenchmark {

  /** Upper limit the configuration accepts for API_DAILY_CALL_CAP (ConfigParser). */
  static final long CALL_CAP = 100_000;
  private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(15);

  private final BenchOptions options;
  private final Vertx vertx;
  private final SimTiming simTiming;
  private EuSimulator simulator;
  private Ledger ledger;
  private Sender sender;
  private Receiver receiver;

  private BridgeBenchmark(BenchOptions options, Vertx vertx, SimTiming simTiming) {
    this.options = options;
    this.vertx = vertx;
    this.simTiming = simTiming;
  }

  public static void main(String[] args) throws Exception {
    BenchOptions options = BenchOptions.parse(args);
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    SimTiming timing = new SimTiming();
    Vertx vertx = Vertx.builder().with(new VertxOptions().setMetricsOptions(new MetricsOptions().setEnabled(true)))
        .withMetrics(timing).build();
    BridgeBenchmark bench = new BridgeBenchmark(options, vertx, timing);
    int exit = 0;
    try {
      bench.setUp();
      if (options.footprint()) {
        new FootprintRun(options, bench.simulator, bench.sender, bench.receiver, bench.ledger, bench.bridgeEnv()).run();
      } else if (options.maxRate()) {
        bench.maxRate();
      } else {
        bench.fixedRate();
      }
    } catch (Exception e) {
      System.out.println("BENCHMARK FAILED: " + e);
      exit = 1;
    } finally {
      bench.tearDown();
    }
    System.exit(exit);
  }

  private void setUp() throws Exception {
    List<SimCar> cars = new ArrayList<>();
    for (int i = 0; i < options.vehicles(); i++) {
      cars.add(new SimCar(String.format("bench-car-%05d", i), String.format("KMHBENCH%09d", i), "Bench " + i,
          "IONIQ 5", false));
    }
    SimulatorSettings settings = SimulatorSettings.defaults(Brand.HYUNDAI).withCars(cars)
        .withForceDelays(Duration.ZERO, Duration.ZERO).withDailyQuota(Integer.MAX_VALUE);
    simulator = new EuSimulator(vertx, settings);
    simulator.start().await(30, TimeUnit.SECONDS);
    ledger = new Ledger(cars.stream().map(SimCar::vehicleId).toList());
    simTiming.attach(ledger);
    receiver = new Receiver(options.brokerPort(), options.base(), options.allTopics(), ledger);
    vertx.deployVerticle(receiver).await(20, TimeUnit.SECONDS);
    sender = new Sender(options.brokerPort(), options.base(), options.qos(), options.mode(), ledger);
    vertx.deployVerticle(sender).await(20, TimeUnit.SECONDS);
  }

  private void tearDown() {
    try {
      vertx.close().await(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.out.println("vertx close: " + e);
    }
  }

  private void fixedRate() throws Exception {
    StringBuilder out = new StringBuilder();
    header(out);
    Phase phase = runPhase(options.rate(), options.warmupSeconds(), options.durationSeconds(), out);
    System.out.print(out);
    System.out.println(phase.report.keptUp() ? "RESULT: kept up" : "RESULT: did NOT keep up");
  }

  private void maxRate() throws Exception {
    StringBuilder head = new StringBuilder();
    header(head);
    System.out.print(head);
    double best = 0;
    List<String> table = new ArrayList<>();
    table.add(String.format("%8s %8s %9s %8s %10s %10s %10s %8s %9s %s", "target/s", "sent", "achieved", "backlog",
        "res p50", "res p99", "ovh p99", "RSS MB", "cpu us/c", "statuses"));
    for (double rate : options.maxRateSteps()) {
      // the whole step must stay inside the bridge's daily call cap (about 3 calls per cached command)
      int measure = (int) Math.max(1, Math.min(options.durationSeconds(),
          (CALL_CAP * 0.9 / 3.2) / rate - options.warmupSeconds()));
      StringBuilder out = new StringBuilder();
      Phase phase = runPhase(rate, options.warmupSeconds(), measure, out);
      System.out.print(out);
      RunReport r = phase.report;
      table.add(String.format("%8.0f %8d %9.1f %8d %10s %10s %10s %8.1f %9.0f %s", rate, r.sent, r.achievedPerSecond,
          r.backlogAtSendEnd, Percentiles.ms(r.toResult.at(50)), Percentiles.ms(r.toResult.at(99)),
          Percentiles.ms(r.overhead.at(99)), phase.maxRssKb / 1024.0, phase.bridgeCpuMicrosPerCommand, r.byStatus));
      if (!r.keptUp()) {
        break;
      }
      best = Math.max(best, r.achievedPerSecond);
    }
    System.out.println("== max-rate summary (each step: fresh bridge, " + options.warmupSeconds() + " s warm-up)");
    table.forEach(System.out::println);
    System.out.println(String.format("RESULT: highest sustained rate %.1f commands/s (<= 1 %% backlog, none lost)",
        best));
  }

  private void header(StringBuilder out) {
    out.append("== bluelink-mqtt bridge benchmark\n");
    RunReport.line(out, "vehicles", options.vehicles() + " (legacy EVs, simulator answers at once)");
    RunReport.line(out, "mode / qos", options.mode() + " / QoS " + options.qos());
    RunReport.line(out, "observed topics", options.allTopics() ? "all vehicle topics + results" : "results only");
    RunReport.line(out, "HA discovery", options.haDiscovery());
    RunReport.line(out, "bridge JVM flags", options.heapFlags().isEmpty() ? "(none: JVM defaults)"
        : String.join(" ", options.heapFlags()));
    RunReport.line(out, "nproc / loadavg at start", Runtime.getRuntime().availableProcessors() + " / " + loadAverage());
  }

  /** What one phase measured beyond the command statistics. */
  private record Phase(RunReport report, long maxRssKb, double bridgeCpuMicrosPerCommand) {
  }

  private Phase runPhase(double rate, int warmupSeconds, int measureSeconds, StringBuilder out) throws Exception {
    Path workDir = Files.createTempDirectory("bench-bridge-");
    List<String> flags = new ArrayList<>(options.heapFlags());
    if (options.jfrFile() != null) {
      flags.add("-XX:StartFlightRecording=filename=" + options.jfrFile().toAbsolutePath() + ",settings=profile");
    }
    long startNanos = System.nanoTime();
    try (BridgeProcess bridge = BridgeProcess.start(options.jar(), workDir,
        Path.of(System.getProperty("bench.results", "bench/results"), "bridge-" + System.currentTimeMillis() + ".log"),
        flags, bridgeEnv())) {
      long readyMs = awaitReady(bridge);
      long idleRss = BridgeProcess.rssKbOf(bridge.pid());
      ledger.clear();
      simTiming.reset();
      simulator.calls().reset();
      long bridgeCpu0 = -1;
      long brokerCpu0 = -1;
      long selfCpu0 = -1;
      var load = sender.load(rate, TimeUnit.SECONDS.toNanos(warmupSeconds), TimeUnit.SECONDS.toNanos(measureSeconds));
      Thread.sleep(TimeUnit.SECONDS.toMillis(warmupSeconds));
      bridgeCpu0 = bridge.cpuMillis();
      Map<String, Long> threads0 = bridge.threadCpuMillis();
      brokerCpu0 = BridgeProcess.cpuMillisOf(options.brokerPid());
      selfCpu0 = BridgeProcess.cpuMillisOf(ProcessHandle.current().pid());
      String loadDuring = loadAverage();
      load.await(measureSeconds + 60L, TimeUnit.SECONDS);
      long sendEnd = System.nanoTime();
      long bridgeCpu = bridge.cpuMillis() - bridgeCpu0;
      String topThreads = BridgeProcess.topThreads(threads0, bridge.threadCpuMillis(), 8);
      long brokerCpu = BridgeProcess.cpuMillisOf(options.brokerPid()) - brokerCpu0;
      long selfCpu = BridgeProcess.cpuMillisOf(ProcessHandle.current().pid()) - selfCpu0;
      String loadAtEnd = loadAverage();
      awaitDrain(sendEnd);
      RunReport report = new RunReport(ledger, rate, sendEnd);
      double cpuPerCommand = report.sent == 0 ? 0 : bridgeCpu * 1000.0 / report.sent;
      out.append(String.format("-- phase: %.0f commands/s, %d s warm-up + %d s measured (bridge pid %d)%n", rate,
          warmupSeconds, measureSeconds, bridge.pid()));
      RunReport.line(out, "bridge ready after", readyMs + " ms (process start to first ok probe)");
      report.print(out);
      RunReport.line(out, "upstream calls (simulator log)", simulator.calls().total() + " incl. warm-up: "
          + endpointCounts());
      RunReport.line(out, "simulator handling by path", simTiming.summary());
      RunReport.line(out, "bridge RSS", String.format("idle %.1f MB, max %.1f MB, final %.1f MB", idleRss / 1024.0,
          bridge.maxRssKb() / 1024.0, bridge.lastRssKb() / 1024.0));
      RunReport.line(out, "CPU in measured window", String.format(
          "bridge %d ms (%.0f us/command, %.0f %% of one core), mosquitto %d ms, harness %d ms", bridgeCpu,
          cpuPerCommand, bridgeCpu / 10.0 / measureSeconds, brokerCpu, selfCpu));
      RunReport.line(out, "bridge threads by CPU (window)", topThreads);
      RunReport.line(out, "loadavg during / after", loadDuring + " / " + loadAtEnd);
      RunReport.line(out, "publish failures / unmatched results", ledger.publishFailures.get() + " / "
          + ledger.unmatchedResults.get());
      RunReport.line(out, "bridge log lines (WARN+)", bridge.logLines() + "  (" + bridge.log + ")");
      long maxRss = bridge.maxRssKb();
      if (bridge.logLines() > 0) {
        out.append("  bridge log tail:\n").append(indent(bridge.tail(5)));
      }
      return new Phase(report, maxRss, cpuPerCommand);
    } finally {
      deleteTree(workDir);
      RunReport.line(out, "phase wall time", (System.nanoTime() - startNanos) / 1_000_000 + " ms");
    }
  }

  private Map<String, String> bridgeEnv() {
    Map<String, String> env = new LinkedHashMap<>();
    SimulatorSettings s = simulator.settings();
    env.put("HYUNDAI_USERNAME", s.username());
    env.put("HYUNDAI_PASSWORD", s.password());
    env.put("HYUNDAI_PIN", s.pin());
    env.put("HYUNDAI_BRAND", "HYUNDAI");
    env.put("BLUELINK_CCAPI_URL", simulator.baseUrl());
    env.put("BLUELINK_IDP_URL", simulator.baseUrl());
    env.put("BLUELINK_CCI_URL", simulator.baseUrl());
    env.put("MQTT_BROKER_HOST", "127.0.0.1");
    env.put("MQTT_BROKER_PORT", Integer.toString(options.brokerPort()));
    env.put("MQTT_CLIENT_ID", "bluelink-bench-" + ProcessHandle.current().pid());
    env.put("API_DAILY_CALL_CAP", Long.toString(CALL_CAP));
    env.put("MIN_FORCE_INTERVAL_SECONDS", "0");
    // measure the cloud-read path, not answers from the per-car read window
    env.put("MIN_READ_INTERVAL_SECONDS", "0");
    env.put("AUX_BATTERY_FLOOR_PERCENT", "0");
    env.put("HA_DISCOVERY", Boolean.toString(options.haDiscovery()));
    env.put("INITIAL_REFRESH", "false");
    env.put("LOG_LEVEL", "WARN");
    env.put("LOG_FORMAT", "text");
    return env;
  }

  /** Waits for bridge/state online and an ok result of a probe command (vehicle list loaded). */
  private long awaitReady(BridgeProcess bridge) throws Exception {
    long start = System.nanoTime();
    long deadline = start + TimeUnit.SECONDS.toNanos(120);
    int attempt = 0;
    while (System.nanoTime() < deadline) {
      if (!bridge.alive()) {
        throw new IllegalStateException("bridge exited during start-up:\n" + bridge.tail(30));
      }
      if (receiver.bridgeOnline()) {
        String id = "probe-" + (++attempt);
        var answer = receiver.expectProbe(id);
        sender.probe(ledger.vehicleIds.get(0), id).await(5, TimeUnit.SECONDS);
        try {
          String status = answer.await(3, TimeUnit.SECONDS);
          if (status.startsWith("ok")) {
            return (System.nanoTime() - start) / 1_000_000;
          }
        } catch (java.util.concurrent.TimeoutException e) {
          // no answer yet: try again
        }
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("bridge not ready within 120 s:\n" + bridge.tail(30));
  }

  private void awaitDrain(long sendEnd) throws InterruptedException {
    while (System.nanoTime() - sendEnd < DRAIN_NANOS) {
      boolean open = ledger.commands.values().stream().anyMatch(c -> c.measured && c.resultNanos == 0);
      if (!open) {
        Thread.sleep(300); // trailing data topics of the last commands
        return;
      }
      Thread.sleep(50);
    }
  }

  private String endpointCounts() {
    StringBuilder sb = new StringBuilder();
    for (SimEndpoint e : SimEndpoint.values()) {
      int n = simulator.calls().count(e);
      if (n > 0) {
        sb.append(e).append('=').append(n).append(' ');
      }
    }
    return sb.toString().trim();
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "?";
    }
  }

  private static String indent(String text) {
    return text.lines().map(l -> "    " + l + "\n").reduce("", String::concat);
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
