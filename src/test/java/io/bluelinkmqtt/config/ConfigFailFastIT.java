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

/** Runs the assembled jar with a broken configuration, as a user would. */
class ConfigFailFastIT {

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
