package io.bluelinkmqtt;

import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.codec.StatusUpdateJson;
import io.bluelinkmqtt.config.BridgeInfo;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The class archive a start maps instead of loading its classes again (start to both cars on MQTT about halves,
 * docs/benchmarks.md). {@code --make-class-archive <file>} runs this jar once more as a training run
 * ({@code --class-archive-run}) in a JVM that writes the classes it loaded to {@code <file>} at exit: the demo
 * starts as a bridge does, reads every car, and stops. It is named a broker on a closed port, so no embedded
 * broker's classes load and nothing of the machine's own broker is touched. {@code mvn package}, the image and the
 * install use it; {@code conf/jvm.options} maps the result.
 */
final class ClassArchiveRun {

  static final long LIMIT_MS = 60_000;
  /** The flags the archive is made with: the launch's, as far as they concern classes. */
  static final List<String> TRAINING_FLAGS = List.of("-Xmx48m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
  private static final Logger LOG = LoggerFactory.getLogger(ClassArchiveRun.class);

  private ClassArchiveRun() {
  }

  /** Runs the training JVM and waits for it; its exit code (0: the archive is written). */
  static int make(Path archive) throws IOException, InterruptedException {
    Path jar = BridgeInfo.codeLocation();
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(TRAINING_FLAGS);
    command.add("-XX:ArchiveClassesAtExit=" + archive.toAbsolutePath());
    command.addAll(List.of("-jar", jar.toString(), "--class-archive-run"));
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    builder.environment().putAll(Map.of("MQTT_BROKER_HOST", "127.0.0.1", "MQTT_BROKER_PORT", "1",
        "HTTP_PORT", "0", "LOG_FORMAT", "text"));
    return builder.start().waitFor();
  }

  /** In the training JVM: once every car was read, stop as on SIGTERM and exit 0 (1 after {@link #LIMIT_MS}). */
  static void stopWhenEveryCarIsRead(Vertx vertx, int cars, Main.GracefulStop stop) {
    Set<String> read = new HashSet<>();
    vertx.setTimer(LIMIT_MS, t -> {
      LOG.error("class archive run: not every car was read within {} ms", LIMIT_MS);
      exitAfter(stop, 1);
    });
    vertx.eventBus().<JsonObject>localConsumer(Addresses.VEHICLE_STATUS_UPDATED, message -> {
      if (read.add(StatusUpdateJson.fromJson(message.body()).vehicle().id()) && read.size() == cars) {
        LOG.info("class archive run: all {} cars read, stopping", cars);
        exitAfter(stop, 0);
      }
    });
  }

  /** The stop blocks until the verticles are down, so it runs on a thread of its own, never an event loop. */
  private static void exitAfter(Main.GracefulStop stop, int code) {
    new Thread(() -> System.exit(stop.runBounded() ? code : 1), "class-archive-run").start();
  }
}
