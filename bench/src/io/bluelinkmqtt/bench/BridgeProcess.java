package io.bluelinkmqtt.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real bridge as a child process ({@code java -jar bluelink-mqtt.jar}), configured through the
 * environment only, with its output in a log file. Samples its resident set size and CPU time from
 * {@code /proc}; stops it with SIGTERM, then SIGKILL after 10 s.
 */
final class BridgeProcess implements AutoCloseable {

  private static final long CLOCK_TICKS_PER_SECOND = 100;

  private final Process process;
  final Path log;
  final List<String> jvmFlags;
  private volatile long maxRssKb;
  private volatile long lastRssKb;
  private final Thread sampler;

  private BridgeProcess(Process process, Path log, List<String> jvmFlags) {
    this.process = process;
    this.log = log;
    this.jvmFlags = jvmFlags;
    this.sampler = new Thread(this::sampleRss, "bench-rss-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  static BridgeProcess start(Path jar, Path workDir, Path log, List<String> jvmFlags, Map<String, String> env)
      throws IOException {
    return start(Path.of(System.getProperty("java.home"), "bin", "java"), jar, workDir, log, jvmFlags, env);
  }

  static BridgeProcess start(Path java, Path jar, Path workDir, Path log, List<String> jvmFlags,
                             Map<String, String> env) throws IOException {
    Path stateDir = Files.createDirectories(workDir.resolve("state"));
    Files.createDirectories(log.toAbsolutePath().getParent());
    List<String> cmd = new ArrayList<>();
    cmd.add(java.toString());
    cmd.addAll(jvmFlags);
    cmd.add("-jar");
    cmd.add(jar.toAbsolutePath().toString());
    ProcessBuilder builder = new ProcessBuilder(cmd).directory(workDir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> childEnv = builder.environment();
    childEnv.keySet().removeIf(k -> k.startsWith("HYUNDAI_") || k.startsWith("MQTT_") || k.startsWith("BLUELINK_")
        || k.startsWith("API_") || k.startsWith("HA_") || k.startsWith("QUIET_"));
    childEnv.putAll(env);
    childEnv.put("BLUELINK_STATE_DIR", stateDir.toString());
    return new BridgeProcess(builder.start(), log, List.copyOf(jvmFlags));
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  long maxRssKb() {
    return maxRssKb;
  }

  long lastRssKb() {
    return lastRssKb;
  }

  /** User + system CPU time of the child so far, in ms (from /proc/<pid>/stat). */
  long cpuMillis() {
    return cpuMillisOf(process.pid());
  }

  static long cpuMillisOf(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      return ticks * 1000 / CLOCK_TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** CPU ms per thread name (from /proc/<pid>/task/<tid>/stat and comm), for "where the time goes". */
  Map<String, Long> threadCpuMillis() {
    Map<String, Long> out = new java.util.HashMap<>();
    Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
    try (var stream = Files.list(tasks)) {
      for (Path task : stream.toList()) {
        try {
          String name = Files.readString(task.resolve("comm")).trim();
          String stat = Files.readString(task.resolve("stat"));
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long ms = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 1000 / CLOCK_TICKS_PER_SECOND;
          out.merge(name + "#" + task.getFileName(), ms, Long::sum);
        } catch (IOException | RuntimeException e) {
          // thread ended meanwhile
        }
      }
    } catch (IOException e) {
      // process gone
    }
    return out;
  }

  /** The threads that used the most CPU between two snapshots, ids dropped. */
  static String topThreads(Map<String, Long> before, Map<String, Long> after, int limit) {
    Map<String, Long> byName = new java.util.HashMap<>();
    after.forEach((k, v) -> byName.merge(k.substring(0, k.lastIndexOf('#')), v - before.getOrDefault(k, 0L),
        Long::sum));
    return byName.entrySet().stream().filter(e -> e.getValue() > 0)
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(limit)
        .map(e -> e.getKey() + "=" + e.getValue() + "ms").reduce((a, b) -> a + ", " + b).orElse("-");
  }

  static long rssKbOf(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process is gone
    }
    return -1;
  }

  private void sampleRss() {
    while (process.isAlive()) {
      long rss = rssKbOf(process.pid());
      if (rss > 0) {
        lastRssKb = rss;
        maxRssKb = Math.max(maxRssKb, rss);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** SIGTERM, wait up to 10 s, then SIGKILL. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    }
    sampler.interrupt();
  }

  /** The last lines of the bridge's output, for a failed start. */
  String tail(int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  long logLines() {
    try (var stream = Files.lines(log)) {
      return stream.count();
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
