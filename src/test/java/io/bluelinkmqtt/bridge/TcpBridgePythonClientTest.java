package io.bluelinkmqtt.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bluelinkmqtt.config.EventBusBridgeConfig.Limits;
import io.bluelinkmqtt.testsupport.LogCapture;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Python 3 program nobody here wrote against our Java side: it speaks only the documented TCP framing (stdlib,
 * src/test/resources/bridge/tcp_bridge_client.py) to the TCP bridge in front of the EU simulator.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
class TcpBridgePythonClientTest {

  @BeforeAll
  static void warmUp() {
    BridgeHarness.warmUp();
  }

  private static final String SECRET = "tcp-bridge-canary-5f1e";

  @TempDir
  Path stateDir;

  @Test
  @DisplayName("Python over TCP: refused without or with a wrong secret and outside the allow-list, bad bodies get "
      + "their failure codes, the vehicle list and a refresh are answered, and the vehicle update arrives")
  void pythonClient(Vertx vertx) throws Exception {
    assumeTrue(ChildProcess.available("python3"), "python3 is not on this machine: the TCP client test is skipped");
    LogCapture logs = LogCapture.attach();
    BridgeHarness harness = BridgeHarness.start(vertx, stateDir, SECRET, Limits.DEFAULTS);
    int callsBefore = harness.vehicleCalls();
    Path script = ChildProcess.projectDir().resolve("src/test/resources/bridge/tcp_bridge_client.py");
    ChildProcess.Result run = ChildProcess.run(ChildProcess.projectDir(), Duration.ofSeconds(60),
        List.of("python3", script.toString(), "127.0.0.1", String.valueOf(harness.bridges.tcpPort()), SECRET));
    assertEquals(0, run.exitCode(), "python failed: " + run.stderr());
    JsonObject seen = harness.assertClientReport(run, callsBefore, SECRET, logs);
    assertEquals("pong", seen.getString("ping"));
    assertEquals("missing_address", seen.getString("unregisterNoAddress"));
  }
}
