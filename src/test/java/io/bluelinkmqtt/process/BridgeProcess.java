package io.bluelinkmqtt.process;

import io.bluelinkmqtt.testsupport.Await;
import io.bluelinkmqtt.testsupport.MosquittoProcess;
import io.bluelinkmqtt.testsupport.MqttObserver;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar target/bluelink-mqtt.jar} as a child process, as a user or a service manager runs
 * it: only the environment given (plus PATH and HOME, so no developer's HYUNDAI_* or MQTT_* leaks in, and
 * HTTP_PORT=0 unless the test sets it),
 * started in the project directory (so {@code conf/config.json} is read), output to a log file.
 * {@link #term()} is SIGTERM, {@link #kill()} SIGKILL; every wait is bounded.
 */
final class BridgeProcess implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BridgeProcess.class);

  /** The packaged bridge these tests run. */
  static Path jar() {
    return Path.of(System.getProperty("bridge.jar", "target/bluelink-mqtt.jar")).toAbsolutePath();
  }

  private final Process process;
  private final Path logFile;
  private final long startedNanos;

  private BridgeProcess(Process process, Path logFile, long startedNanos) {
    this.process = process;
    this.logFile = logFile;
    this.startedNanos = startedNanos;
  }

  /** Starts the packaged jar with exactly {@code env} (plus PATH, HOME and, unless given, HTTP_PORT=0). */
  static BridgeProcess start(Map<String, String> env, String... args) {
    Path jar = jar();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: run `mvn package` (Failsafe runs after it)");
    }
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
    command.addAll(List.of(args));
    return startExactly(command, Path.of(System.getProperty("project.basedir", ".")), env);
  }

  /** Runs exactly {@code command} in {@code directory} with exactly {@code env} (plus PATH and HOME). */
  static BridgeProcess startExactly(List<String> command, Path directory, Map<String, String> env) {
    try {
      Path logFile = Files.createTempFile("bridge-process-", ".log");
      ProcessBuilder builder = new ProcessBuilder(command)
          .directory(directory.toFile())
          .redirectErrorStream(true)
          .redirectOutput(logFile.toFile());
      Map<String, String> childEnv = builder.environment();
      String path = childEnv.get("PATH");
      String home = childEnv.get("HOME");
      childEnv.clear();
      childEnv.put("PATH", path == null ? "/usr/bin:/bin" : path);
      if (home != null) {
        childEnv.put("HOME", home);
      }
      // HTTP only where a test asks for it (on a free port): the default 8080 would collide between parallel runs
      childEnv.put("HTTP_PORT", "0");
      childEnv.putAll(env);
      long started = System.nanoTime();
      Process process = builder.start();
      LOG.info("bridge process {} started, log {}", process.pid(), logFile);
      return new BridgeProcess(process, logFile, started);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** When {@link #start} launched the JVM, on the {@link System#nanoTime()} scale. */
  long startedNanos() {
    return startedNanos;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Everything the bridge wrote to stdout and stderr so far. */
  String log() {
    try {
      return Files.readString(logFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits until the log contains {@code needle}; the pause between two looks is a bounded wait for
   * the process to exit, which also fails fast when the bridge died.
   */
  void awaitLog(String needle, Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (!log().contains(needle)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no log line with \"" + needle + "\" within " + within + "; log:\n" + log());
      }
      if (waitForExit(Duration.ofMillis(50))) {
        throw new AssertionError("the bridge exited with " + process.exitValue() + " before logging \"" + needle
            + "\"; log:\n" + log());
      }
    }
  }

  /** SIGTERM, the signal a service manager or {@code docker stop} sends. */
  void term() {
    process.destroy();
  }

  /** SIGKILL: a crash, nothing runs in the bridge any more. */
  void kill() {
    process.destroyForcibly();
  }

  /** True when the process exited within {@code within}. */
  boolean waitForExit(Duration within) {
    try {
      return process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  int exitValue() {
    return process.exitValue();
  }


  /**
   * The usual teardown of a test that ran the jar: closes the bridge (its log goes to this test's output), then
   * the observer, then the broker; any of them may be null (the test failed before it started).
   */
  static void stopAll(BridgeProcess bridge, MqttObserver observer, MosquittoProcess broker) {
    if (bridge != null) {
      bridge.close();
      LOG.info("bridge log:\n{}", bridge.log());
    }
    if (observer != null) {
      Await.result(observer.close().recover(e -> Future.succeededFuture()), Duration.ofSeconds(5));
    }
    if (broker != null) {
      broker.kill();
    }
  }
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      waitForExit(Duration.ofSeconds(10));
    }
  }
}
