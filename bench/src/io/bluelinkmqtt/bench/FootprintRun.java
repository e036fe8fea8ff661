package io.bluelinkmqtt.bench;

import io.bluelinkmqtt.sim.EuSimulator;
import io.bluelinkmqtt.sim.SimEndpoint;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The footprint mode ({@code --footprint}): per jar (the one under test and, with {@code --baseline-jar}, a second
 * one, both in the same run), a first start with an empty state dir, a restart on the stored session and vehicle
 * list, then idle, 100 sequential cached reads, a burst of 200 and {@code --reads} more sequential reads (500
 * commands in all with the default 200), after a discarded warm-up pass of the harness. Reports RSS, heap after GC,
 * CPU per warm read, MQTT messages per read, start-up upstream calls and latency; with a baseline every figure gets
 * a ratio. Default bridge settings except the benchmark's call cap, no read window (MIN_READ_INTERVAL_SECONDS=0)
 * and a free HTTP port.
 */
final class FootprintRun {

  private static final int SEQUENTIAL_WARMUP = 100;
  private static final int BURST = 200;
  private static final long IDLE_SETTLE_MS = 5_000;

  private final BenchOptions options;
  private final EuSimulator simulator;
  private final Sender sender;
  private final Receiver receiver;
  private final Ledger ledger;
  private final Map<String, String> baseEnv;
  private int probeSequence;

  FootprintRun(BenchOptions options, EuSimulator simulator, Sender sender, Receiver receiver, Ledger ledger,
               Map<String, String> baseEnv) {
    this.options = options;
    this.simulator = simulator;
    this.sender = sender;
    this.receiver = receiver;
    this.ledger = ledger;
    this.baseEnv = new LinkedHashMap<>(baseEnv);
    for (String defaulted : List.of("INITIAL_REFRESH", "LOG_LEVEL", "LOG_FORMAT", "HA_DISCOVERY")) {
      this.baseEnv.remove(defaulted);
    }
  }

  void run() throws Exception {
    if (options.baselineJar() != null) {
      // the harness (simulator, MQTT clients) JIT-compiles during its first pass: that pass is discarded, or
      // whichever jar went first would pay for it in latency
      measure(options.baselineJar(), "harness warm-up, discarded", options.baselineFlags());
    }
    Map<String, Double> current = measure(options.jar(), "this build", options.heapFlags());
    if (options.baselineJar() == null) {
      return;
    }
    Map<String, Double> baseline = measure(options.baselineJar(), "baseline", options.baselineFlags());
    System.out.println("== footprint: this build vs baseline (" + options.baselineJar() + "), same run");
    System.out.println(String.format("  %-44s %12s %12s %8s", "figure", "this build", "baseline", "ratio"));
    current.forEach((name, value) -> {
      Double base = baseline.get(name);
      String ratio = base == null || base == 0 ? "-" : String.format("%.2f", value / base);
      System.out.println(String.format("  %-44s %12.2f %12.2f %8s", name, value, base == null ? Double.NaN : base,
          ratio));
    });
  }

  private Map<String, Double> measure(Path jar, String label, List<String> flags) throws Exception {
    Map<String, Double> figures = new LinkedHashMap<>();
    Path workDir = Files.createTempDirectory("bench-footprint-");
    Map<String, String> env = new LinkedHashMap<>(baseEnv);
    env.put("HTTP_PORT", Integer.toString(freePort()));
    System.out.println("== footprint: " + label + " (" + jar + ", java " + options.bridgeJava() + ", flags "
        + (flags.isEmpty() ? "(none)" : String.join(" ", flags)) + ")");
    try {
      simulator.calls().reset();
      try (BridgeProcess first = start(jar, workDir, env, flags)) {
        long ready = awaitCarsOnMqtt(first);
        line("first start (empty state dir)", ready + " ms to both cars on MQTT, upstream calls: " + callSummary());
      }
      simulator.calls().reset();
      ledger.clear();
      try (BridgeProcess bridge = start(jar, workDir, env, flags)) {
        long ready = awaitCarsOnMqtt(bridge);
        Thread.sleep(1_000); // late start-up calls (driving history, discovery) count too
        int restartCalls = simulator.calls().total();
        line("restart (stored session + vehicle list)", ready + " ms to both cars on MQTT, upstream calls: "
            + callSummary());
        figures.put("restart: ms to both cars on MQTT", (double) ready);
        figures.put("restart: upstream calls per car", restartCalls / (double) ledger.vehicleIds.size());
        Thread.sleep(IDLE_SETTLE_MS);
        figures.put("RSS idle MiB", BridgeProcess.rssKbOf(bridge.pid()) / 1024.0);
        long heapIdle = HeapProbe.heapAfterGcKb(bridge.pid(), options.bridgeJava());
        figures.put("heap after GC, idle MiB", heapIdle / 1024.0);
        sequentialReads(SEQUENTIAL_WARMUP, null);
        burst(BURST);
        long cpu0 = bridge.cpuMillis();
        long messages0 = ledger.vehicleMessages.get();
        List<Long> latencies = new ArrayList<>();
        sequentialReads(options.footprintReads(), latencies);
        long cpu = bridge.cpuMillis() - cpu0;
        long messages = ledger.vehicleMessages.get() - messages0;
        int reads = options.footprintReads();
        figures.put("CPU per warm cached read ms", cpu / (double) reads);
        figures.put("MQTT messages per read", messages / (double) reads);
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        figures.put("cached read p50 ms", sorted[sorted.length / 2] / 1e6);
        figures.put("cached read p99 ms", sorted[Math.min(sorted.length - 1, sorted.length * 99 / 100)] / 1e6);
        figures.put("RSS peak MiB", bridge.maxRssKb() / 1024.0);
        figures.put("RSS after " + (SEQUENTIAL_WARMUP + BURST + reads) + " commands MiB",
            BridgeProcess.rssKbOf(bridge.pid()) / 1024.0);
        long heapAfter = HeapProbe.heapAfterGcKb(bridge.pid(), options.bridgeJava());
        figures.put("heap after GC, after load MiB", heapAfter / 1024.0);
        figures.put("heap growth after GC MiB", (heapAfter - heapIdle) / 1024.0);
        figures.put("RSS after GC MiB", BridgeProcess.rssKbOf(bridge.pid()) / 1024.0);
        figures.put("threads", (double) HeapProbe.threads(bridge.pid()));
        line("bridge threads", HeapProbe.threadNames(bridge.pid()));
        line("bridge log lines", bridge.logLines() + " (" + bridge.log + ")");
        if (flags.stream().anyMatch(f -> f.startsWith("-XX:NativeMemoryTracking"))) {
          System.out.println(HeapProbe.run(options.bridgeJava().getParent().resolve("jcmd").toString(),
              Long.toString(bridge.pid()), "VM.native_memory", "summary"));
        }
      }
    } finally {
      BridgeBenchmark.deleteTree(workDir);
    }
    figures.forEach((name, value) -> line(name, String.format("%.2f", value)));
    return figures;
  }

  private BridgeProcess start(Path jar, Path workDir, Map<String, String> env, List<String> flags)
      throws IOException {
    receiver.resetBridgeState();
    ledger.firstMessageNanos.clear();
    return BridgeProcess.start(options.bridgeJava(), jar, workDir,
        Path.of(System.getProperty("bench.results", "bench/results"), "bridge-" + System.currentTimeMillis() + ".log"),
        flags, env);
  }

  /** Process start to the first battery/level of every car (the initial refresh). */
  private long awaitCarsOnMqtt(BridgeProcess bridge) throws Exception {
    long start = System.nanoTime();
    long deadline = start + TimeUnit.SECONDS.toNanos(60);
    while (ledger.firstMessageNanos.size() < ledger.vehicleIds.size()) {
      if (!bridge.alive() || System.nanoTime() > deadline) {
        throw new IllegalStateException("bridge did not publish both cars within 60 s:\n" + bridge.tail(30));
      }
      Thread.sleep(20);
    }
    long ready = ledger.firstMessageNanos.values().stream().mapToLong(Long::longValue).max().orElseThrow();
    return (ready - start) / 1_000_000;
  }

  private void sequentialReads(int count, List<Long> latencies) throws Exception {
    for (int i = 0; i < count; i++) {
      String id = "fp-" + (++probeSequence);
      var answer = receiver.expectProbe(id);
      long sent = System.nanoTime();
      sender.probe(ledger.vehicleIds.get(i % ledger.vehicleIds.size()), id).await(5, TimeUnit.SECONDS);
      String status = answer.await(10, TimeUnit.SECONDS);
      if (latencies != null) {
        latencies.add(System.nanoTime() - sent);
      }
      if (!status.startsWith("ok")) {
        throw new IllegalStateException("read " + id + ": " + status);
      }
    }
  }

  private void burst(int count) throws Exception {
    long before = ledger.unmatchedResults.get();
    for (int i = 0; i < count; i++) {
      sender.probe(ledger.vehicleIds.get(i % ledger.vehicleIds.size()), "fp-burst-" + (++probeSequence));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (ledger.unmatchedResults.get() - before < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  private String callSummary() {
    StringBuilder sb = new StringBuilder().append(simulator.calls().total()).append(" (");
    for (SimEndpoint e : SimEndpoint.values()) {
      int n = simulator.calls().count(e);
      if (n > 0) {
        sb.append(e).append('=').append(n).append(' ');
      }
    }
    return sb.toString().trim() + ")";
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void line(String name, String value) {
    System.out.println(String.format("  %-44s %s", name, value));
  }

  /** Heap after a forced GC and thread counts of the child, through the bridge JVM's own jcmd / jstat. */
  static final class HeapProbe {
    private HeapProbe() {
    }

    static long heapAfterGcKb(long pid, Path java) throws Exception {
      Path bin = java.getParent();
      run(bin.resolve("jcmd").toString(), Long.toString(pid), "GC.run");
      String[] lines = run(bin.resolve("jstat").toString(), "-gc", Long.toString(pid)).trim().split("\n");
      List<String> head = Arrays.asList(lines[0].trim().split("\\s+"));
      String[] values = lines[lines.length - 1].trim().split("\\s+");
      double kb = 0;
      for (String column : List.of("S0U", "S1U", "EU", "OU")) {
        int i = head.indexOf(column);
        if (i >= 0 && !values[i].equals("-")) {
          kb += Double.parseDouble(values[i]);
        }
      }
      return (long) kb;
    }

    static long threads(long pid) throws IOException {
      try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
        return tasks.count();
      }
    }

    static String threadNames(long pid) throws IOException {
      Map<String, Integer> names = new java.util.TreeMap<>();
      try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
        for (Path task : tasks.toList()) {
          String name = Files.readString(task.resolve("comm")).trim().replaceAll("[-#]?\\d+$", "");
          names.merge(name, 1, Integer::sum);
        }
      }
      return names.toString();
    }

    private static String run(String... command) throws Exception {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
      }
      return out;
    }
  }
}
