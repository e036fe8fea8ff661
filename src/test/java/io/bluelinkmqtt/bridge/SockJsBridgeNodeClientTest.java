package io.bluelinkmqtt.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bluelinkmqtt.config.EventBusBridgeConfig.Limits;
import io.bluelinkmqtt.testsupport.LogCapture;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
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
 * The official npm client {@code @vertx/eventbus-bridge-client.js} (pinned in src/test/node/package.json, installed
 * by {@code npm ci}) under Node, over SockJS, against the SockJS bridge in front of the EU simulator.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
class SockJsBridgeNodeClientTest {

  @BeforeAll
  static void warmUp() {
    BridgeHarness.warmUp();
  }

  private static final String SECRET = "sockjs-bridge-canary-9c2d";

  @TempDir
  Path stateDir;

  @Test
  @DisplayName("Node over SockJS: refused without or with a wrong secret and outside the allow-list, bad bodies get "
      + "their failure codes, the vehicle list and a refresh are answered, and the vehicle update arrives")
  void nodeClient(Vertx vertx) throws Exception {
    assumeTrue(ChildProcess.available("node"), "node is not on this machine: the SockJS client test is skipped");
    Path clientDir = ChildProcess.projectDir().resolve("src/test/node");
    installClient(clientDir);
    LogCapture logs = LogCapture.attach();
    BridgeHarness harness = BridgeHarness.start(vertx, stateDir, SECRET, Limits.DEFAULTS);
    int callsBefore = harness.vehicleCalls();
    String url = "http://127.0.0.1:" + harness.bridges.sockJsPort() + SockJsBridge.PATH;
    ChildProcess.Result run = ChildProcess.run(clientDir, Duration.ofSeconds(60),
        List.of("node", "sockjs-bridge-client.js", url, SECRET));
    assertEquals(0, run.exitCode(), "node failed: " + run.stderr());
    JsonObject seen = harness.assertClientReport(run, callsBefore, SECRET, logs);
    assertEquals(5, seen.getInteger("genericRejections"),
        "each of the 5 refusals also raises the library's own 'rejected' notice (eb.onerror)");
  }

  /** {@code .ci/run} installs the pinned client; a fresh checkout gets it here the same way (npm ci). */
  private static void installClient(Path clientDir) throws Exception {
    if (Files.isDirectory(clientDir.resolve("node_modules/@vertx/eventbus-bridge-client.js"))) {
      return;
    }
    ChildProcess.Result install = ChildProcess.run(clientDir, Duration.ofMinutes(3),
        List.of("npm", "ci", "--no-audit", "--no-fund"));
    assertEquals(0, install.exitCode(), "npm ci in src/test/node failed: " + install.stderr());
  }
}
