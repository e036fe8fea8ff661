package io.bluelinkmqtt.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the assembled jar with a broken configuration, as a user would. */
class ConfigFailFastIT {

  private static Process start(Path workDir, java.util.Map<String, String> env, String... args) throws Exception {
    Path jar = Path.of(System.getProperty("bridge.jar", "target/bluelink-mqtt.jar"));
    java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toAbsolutePath().toString()));
    command.addAll(java.util.List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.directory(workDir.toFile());
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    return pb.start();
  }

  private static String finish(Process process) throws Exception {
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the process should exit promptly");
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("--help prints the usage and exits 0, starting nothing")
  void helpPrintsUsage(@TempDir Path dir) throws Exception {
    Process process = start(dir, java.util.Map.of(), "--help");
    String output = finish(process);
    assertEquals(0, process.exitValue(), output);
    assertTrue(output.startsWith("usage: java -jar bluelink-mqtt.jar"), output);
    assertTrue(output.contains("--config <file>"), output);
    assertFalse(output.contains("unknown option"), output);
  }

  @Test
  @DisplayName("a broken config file: exit 2, the file with line and column, and every bad variable in the same run")
  void brokenFileAndBadVariablesAtOnce(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("broken.json");
    java.nio.file.Files.writeString(file, "{\n  \"mqtt\": {\"port\": 1883,}\n}\n");
    Process process = start(dir, java.util.Map.of("LOG_LEVEL", "loud", "LOG_FORMAT", "xml",
        "API_DAILY_CALL_CAP", "-1", "HYUNDAI_PASSWORD", "canary-pw"), "--config", file.toString());
    String output = finish(process);
    assertEquals(2, process.exitValue(), output);
    assertTrue(output.contains(file + ": not valid JSON at line 2, column 25"), output);
    for (String name : java.util.List.of("LOG_LEVEL", "LOG_FORMAT", "API_DAILY_CALL_CAP")) {
      assertTrue(output.contains("  - " + name + ":"), name + " in " + output);
    }
    assertFalse(output.contains("Exception"), "no exception name: " + output);
    assertFalse(output.contains("canary-pw"), output);
  }

  @Test
  @DisplayName("java -jar with HYUNDAI_REGION=42 MQTT_BROKER_PORT=abc exits 2, names both keys, never prints the password")
  void badConfigurationExitsTwoAndNamesTheKeys() throws Exception {
    Path jar = Path.of(System.getProperty("bridge.jar", "target/bluelink-mqtt.jar"));
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toAbsolutePath().toString());
    pb.directory(new File(System.getProperty("project.basedir", ".")));
    pb.environment().put("HYUNDAI_REGION", "42");
    pb.environment().put("MQTT_BROKER_PORT", "abc");
    pb.environment().put("HYUNDAI_PASSWORD", "canary-pw");
    pb.redirectErrorStream(true);
    Process process = pb.start();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the process should exit promptly");
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(2, process.exitValue(), output);
    assertTrue(output.contains("HYUNDAI_REGION"), output);
    assertTrue(output.contains("MQTT_BROKER_PORT"), output);
    assertFalse(output.contains("canary-pw"), output);
    assertFalse(output.contains("Exception"), "no stack trace: " + output);
  }
}
