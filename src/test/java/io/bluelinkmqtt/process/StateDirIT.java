package io.bluelinkmqtt.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.state.StateDirGuard;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar refuses a state dir it cannot use with exit 2 and a plain message, before starting anything. */
class StateDirIT {

  @TempDir
  Path tempDir;

  private static Map<String, String> env(Path stateDir) {
    return Map.of("BLUELINK_STATE_DIR", stateDir.toString(), "HYUNDAI_USERNAME", "owner@example.com",
        "HYUNDAI_PASSWORD", "canary-pw", "HYUNDAI_PIN", "1234", "MQTT_BROKER_HOST", "127.0.0.1",
        "MQTT_BROKER_PORT", "9", "LOG_FORMAT", "text");
  }

  private static String exitsTwo(BridgeProcess bridge) {
    assertTrue(bridge.waitForExit(Duration.ofSeconds(30)), "the process should exit promptly:\n" + bridge.log());
    String log = bridge.log();
    assertEquals(2, bridge.exitValue(), log);
    assertFalse(log.contains("canary-pw"), log);
    assertFalse(log.contains("Exception:") && log.contains("\tat "), "no stack trace: " + log);
    assertTrue(log.contains("nothing was started"), log);
    assertFalse(log.matches("(?s).*bluelink-mqtt \\S+ started.*"), "nothing was started: " + log);
    return log;
  }

  @Test
  @DisplayName("a second bridge on a state dir another process holds exits 2 and says why")
  void secondBridgeOnTheSameStateDirExitsTwo() throws Exception {
    Path dir = tempDir.resolve("shared");
    try (StateDirGuard first = StateDirGuard.claim(dir); BridgeProcess second = BridgeProcess.start(env(dir))) {
      String log = exitsTwo(second);
      assertTrue(log.contains("already in use by another bluelink-mqtt"), log);
    }
  }

  @Test
  @DisplayName("a state dir that is a regular file exits 2 with a plain message, not a session renewal error")
  void unwritableStateDirExitsTwo() throws Exception {
    Path file = Files.writeString(tempDir.resolve("not-a-dir"), "x");
    try (BridgeProcess bridge = BridgeProcess.start(env(file))) {
      String log = exitsTwo(bridge);
      assertTrue(log.contains("the state dir " + file + " is not writable"), log);
    }
  }
}
