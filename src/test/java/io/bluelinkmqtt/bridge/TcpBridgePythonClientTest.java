package io.bluelinkmqtt.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bluelinkmqtt.config.EventBusBridgeConfig.Limits;
import io.bluelinkmqtt.sim.SimCar;
import io.bluelinkmqtt.testsupport.LogCapture;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
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
    JsonObject seen = new JsonObject(run.stdout().strip());

    assertEquals("pong", seen.getString("ping"));
    assertEquals("missing_address", seen.getString("unregisterNoAddress"));
    assertEquals(401, seen.getJsonObject("noSecret").getInteger("failureCode"));
    assertEquals(401, seen.getJsonObject("wrongSecret").getInteger("failureCode"));
    assertEquals(401, seen.getJsonObject("registerNoSecret").getInteger("failureCode"));
    assertEquals(403, seen.getJsonObject("outsideAllowList").getInteger("failureCode"));
    assertEquals(400, seen.getJsonObject("notAnObject").getInteger("failureCode"));
    assertEquals(400, seen.getJsonObject("missingVehicle").getInteger("failureCode"), "the API consumer's check");
    assertEquals(415, seen.getJsonObject("wrongSchema").getInteger("failureCode"), "the API consumer's check");
    assertEquals(new JsonArray(harness.simulator.cars().stream().map(SimCar::vehicleId).toList()),
        seen.getJsonArray("vehicles"));

    JsonObject refresh = seen.getJsonObject("refresh").getJsonObject("body");
    String vehicle = seen.getJsonArray("vehicles").getString(0);
    assertEquals(vehicle, refresh.getString("vehicleId"));
    assertEquals("cached", refresh.getString("dataSource"));
    assertEquals(new JsonObject().put("vehicle", vehicle).put("method", "cached").put("dataSource", "cached"),
        seen.getJsonObject("update"));
    int calls = harness.vehicleCalls() - callsBefore;
    assertTrue(refresh.getInteger("upstreamCalls") >= 1);
    assertEquals(refresh.getInteger("upstreamCalls"), calls,
        "only the admitted refresh reached the car cloud; every refused request made no call");
    assertTrue(!run.stdout().contains(SECRET) && !run.stderr().contains(SECRET), "the secret never comes back");
    logs.close();
    assertFalse(logs.text().contains(SECRET), "the secret is never logged");
  }
}
