package io.bluelinkmqtt.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --make-class-archive}: the training run writes an archive the JVM then maps the bridge's classes from, as
 * the JVM's own class-load log tells; a training run touches no broker of the machine (it is named a closed port).
 */
class ClassArchiveIT {

  private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

  private static String run(Path dir, List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(90, TimeUnit.SECONDS), "exits");
    assertEquals(0, process.exitValue(), output);
    return output;
  }

  @Test
  @DisplayName("the archive is written, and a start with -XX:SharedArchiveFile loads the bridge's classes from it")
  void trainingRunWritesAnArchiveTheJvmMaps(@TempDir Path dir) throws Exception {
    Path archive = dir.resolve("bridge.jsa");
    String jar = BridgeProcess.jar().toString();
    String training = run(dir, List.of(JAVA, "-jar", jar, "--make-class-archive", archive.toString()));
    assertTrue(Files.size(archive) > 1_000_000, "an archive of the bridge's classes: " + Files.size(archive));
    assertTrue(training.contains("class archive run: all 2 cars read, stopping"), training);
    assertFalse(training.contains("started an embedded MQTT broker"), "no embedded broker: " + training);

    List<String> mapped = new ArrayList<>(List.of(JAVA, "-XX:SharedArchiveFile=" + archive, "-Xlog:class+load=info",
        "-jar", jar, "--help"));
    String log = run(dir, mapped);
    assertTrue(log.contains("io.bluelinkmqtt.Main source: shared objects file (top)"), log.lines()
        .filter(l -> l.contains("io.bluelinkmqtt.Main ")).toList().toString());
  }
}
