package io.bluelinkmqtt.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDirGuardTest {

  @TempDir
  Path tempDir;

  @Test
  @DisplayName("a second claim of the same state dir is refused with a clear message until the first is released")
  void secondClaimIsRefused() throws Exception {
    Path dir = tempDir.resolve("state");
    try (StateDirGuard first = StateDirGuard.claim(dir)) {
      StateDirException refused = assertThrows(StateDirException.class, () -> StateDirGuard.claim(dir));
      assertTrue(refused.getMessage().contains("already in use by another bluelink-mqtt"), refused.getMessage());
      assertTrue(refused.getMessage().contains(dir.toString()), refused.getMessage());
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
      try (Stream<Path> files = Files.list(dir)) {
        assertEquals(List.of(dir.resolve(StateDirGuard.LOCK_FILE)), files.toList(), "no write probe left behind");
      }
    }
    StateDirGuard.claim(dir).close();
  }

  @Test
  @DisplayName("a state dir that is a regular file, or lies under one, is refused as not writable")
  void unwritableDirIsRefused() throws Exception {
    Path file = Files.writeString(tempDir.resolve("plain-file"), "x");
    for (Path dir : List.of(file, file.resolve("state"))) {
      StateDirException refused = assertThrows(StateDirException.class, () -> StateDirGuard.claim(dir));
      assertTrue(refused.getMessage().startsWith("the state dir " + dir + " is not writable ("), refused.getMessage());
      assertTrue(refused.getMessage().contains("BLUELINK_STATE_DIR"), refused.getMessage());
    }
  }
}
