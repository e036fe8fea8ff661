package io.bluelinkmqtt.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * conf/bluelink-mqtt.service: the directives the README promises, and {@code systemd-analyze verify} (Debian
 * package {@code systemd}) on a copy whose ExecStart names a java that exists here. Skips where systemd-analyze is
 * absent.
 */
class SystemdUnitTest {

  private static final Logger LOG = LoggerFactory.getLogger(SystemdUnitTest.class);
  private static final Path UNIT = SystemdUnit.path();
  private static final Path ANALYZE = Path.of("/usr/bin/systemd-analyze");
  private static final String UNIT_JAVA = "/usr/bin/java";

  private static final SystemdUnit SERVICE = SystemdUnit.read();

  private static List<String> values(String key) {
    return SERVICE.values(key);
  }

  private static String value(String key) {
    return SERVICE.value(key);
  }

  @Test
  @DisplayName("DynamicUser, StateDirectory as BLUELINK_STATE_DIR, restart on failure but not on a bad config")
  void serviceBasics() {
    assertEquals("yes", value("DynamicUser"));
    assertEquals("bluelink-mqtt", value("StateDirectory"));
    assertTrue(values("Environment").contains("BLUELINK_STATE_DIR=%S/bluelink-mqtt"), values("Environment").toString());
    assertEquals("on-failure", value("Restart"));
    assertEquals("2", value("RestartPreventExitStatus"), "exit 2 is a configuration error (README)");
    assertTrue(value("ExecStart").startsWith(UNIT_JAVA + " "), value("ExecStart"));
  }

  @Test
  @DisplayName("hardening: ProtectSystem=strict, NoNewPrivileges, PrivateTmp, ProtectHome, no capabilities, "
      + "@system-service; MemoryDenyWriteExecute absent (the JIT writes code)")
  void hardening() {
    assertEquals("strict", value("ProtectSystem"));
    for (String key : List.of("NoNewPrivileges", "PrivateTmp", "ProtectHome", "PrivateDevices", "RestrictSUIDSGID")) {
      assertEquals("yes", value(key), key);
    }
    assertEquals("", value("CapabilityBoundingSet"));
    assertEquals("@system-service", value("SystemCallFilter"));
    assertEquals("AF_INET AF_INET6 AF_UNIX", value("RestrictAddressFamilies"));
    assertEquals(List.of(), values("MemoryDenyWriteExecute"));
  }

  @Test
  @DisplayName("secrets through systemd credentials: each *_FILE points into %d at a LoadCredential; every "
      + "environment name is in the README")
  void credentials() {
    Map<String, String> loaded = values("LoadCredential").stream()
        .collect(Collectors.toMap(v -> v.substring(0, v.indexOf(':')), v -> v.substring(v.indexOf(':') + 1)));
    Readme readme = Readme.read();
    int secretFiles = 0;
    for (String env : values("Environment")) {
      String name = env.substring(0, env.indexOf('='));
      String target = env.substring(env.indexOf('=') + 1);
      assertTrue(readme.documentsEnv(name), "README does not document " + name);
      assertFalse(name.matches(".*(PASSWORD|PIN|TOKEN)"), "a secret in the unit: " + name);
      if (target.startsWith("%d/")) {
        assertTrue(name.endsWith("_FILE"), name);
        assertTrue(loaded.containsKey(target.substring(3)), name + " names a credential not loaded: " + target);
        secretFiles++;
      }
    }
    assertEquals(loaded.size(), secretFiles, "every credential is handed to the bridge: " + loaded.keySet());
    assertEquals(3, secretFiles);
  }

  @Test
  @DisplayName("systemd-analyze verify passes with no warning; a misspelt key in a copy is reported, so the check "
      + "can fail; systemd-analyze security rates the exposure OK")
  void systemdAnalyze(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(ANALYZE), "systemd-analyze is absent (Debian package systemd): unit not verified");
    String unit = Files.readString(UNIT);
    // verify wants the ExecStart binary to exist: name the java running this test where /usr/bin/java is missing
    if (!Files.isExecutable(Path.of(UNIT_JAVA))) {
      unit = unit.replace("ExecStart=" + UNIT_JAVA + " ",
          "ExecStart=" + Path.of(System.getProperty("java.home"), "bin", "java") + " ");
    }
    Path copy = Files.writeString(dir.resolve("bluelink-mqtt.service"), unit);
    Result verified = run(List.of(ANALYZE.toString(), "verify", "--man=no", copy.toString()));
    assertEquals(0, verified.exit(), verified.output());
    assertEquals("", verified.output(), "systemd-analyze verify reports");

    Path misspelt = Files.writeString(dir.resolve("misspelt.service"),
        unit.replace("ProtectSystem=strict", "ProtectSystm=strict"));
    Result caught = run(List.of(ANALYZE.toString(), "verify", "--man=no", misspelt.toString()));
    assertTrue(caught.output().contains("Unknown key 'ProtectSystm'"), caught.output());

    Result security = run(List.of(ANALYZE.toString(), "security", "--offline=true", "--no-pager", copy.toString()));
    Matcher level = Pattern.compile("Overall exposure level for \\S+: ([0-9.]+) (\\S+)").matcher(security.output());
    assertTrue(level.find(), security.output());
    LOG.info("MEASURED systemd-analyze security: exposure {} {}", level.group(1), level.group(2));
    assertEquals("OK", level.group(2), security.output());
  }

  private record Result(int exit, String output) {
  }

  private static Result run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + command);
    }
    return new Result(p.exitValue(), output.strip());
  }
}
