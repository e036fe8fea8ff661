package io.bluelinkmqtt.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.testsupport.MosquittoProcess;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo out of the box (embedded broker, no settings but the ports): its status page comes up, on a free port
 * when the configured one is taken, and is ready; outside demo mode a taken port stops the start.
 */
@ExtendWith(VertxExtension.class)
class DemoStatusPageIT {

  private static final Logger LOG = LoggerFactory.getLogger(DemoStatusPageIT.class);
  private static final Pattern ANNOUNCED = Pattern.compile("status page on http://127\\.0\\.0\\.1:(\\d+)/");

  private BridgeProcess bridge;

  @AfterEach
  void stop() {
    if (bridge != null) {
      bridge.close();
      LOG.info("bridge log:\n{}", bridge.log());
    }
  }

  @Test
  @DisplayName("the demo's page takes a free port when HTTP_PORT is taken, serves the page and turns ready")
  void demoPageOnAFreePort(Vertx vertx) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      bridge = BridgeProcess.start(Map.of("HTTP_PORT", Integer.toString(taken.getLocalPort()),
          "MQTT_BROKER_PORT", Integer.toString(MosquittoProcess.freePort()), "LOG_FORMAT", "text"));
      bridge.awaitLog("status page on http://", Duration.ofSeconds(40));
      Matcher m = ANNOUNCED.matcher(bridge.log());
      assertTrue(m.find(), bridge.log());
      int port = Integer.parseInt(m.group(1));
      assertNotEquals(taken.getLocalPort(), port, "the demo does not give up on a taken port");
      assertTrue(bridge.log().contains("HTTP port " + taken.getLocalPort() + " is taken"), bridge.log());

      HttpProbe http = new HttpProbe(vertx, port, null);
      HttpResponse<Buffer> ready = http.awaitResponse("/ready", r -> r.statusCode() == 200, Duration.ofSeconds(30));
      assertEquals(true, ready.bodyAsJsonObject().getBoolean("ready"));
      HttpResponse<Buffer> page = http.get("/");
      assertEquals(200, page.statusCode());
      assertTrue(page.getHeader("Content-Type").startsWith("text/html"), page.getHeader("Content-Type"));
      assertEquals(200, http.get("/app.js").statusCode());
      assertEquals(2, http.get("/api/status").bodyAsJsonObject().getJsonArray("cars").size(), "both demo cars");
    }
  }

  @Test
  @DisplayName("outside demo mode a taken HTTP port stops the start with a message naming HTTP_PORT")
  void takenPortStopsTheBridge() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      bridge = BridgeProcess.start(Map.of("HTTP_PORT", Integer.toString(taken.getLocalPort()),
          "HYUNDAI_USERNAME", "someone@example.com", "HYUNDAI_PASSWORD", "pw", "MQTT_BROKER_HOST", "127.0.0.1",
          "MQTT_BROKER_PORT", Integer.toString(MosquittoProcess.freePort()), "BLUELINK_STATE_DIR",
          java.nio.file.Files.createTempDirectory("http-taken-").toString(), "LOG_FORMAT", "text"));
      assertTrue(bridge.waitForExit(Duration.ofSeconds(30)), "the bridge must stop; log:\n" + bridge.log());
      assertEquals(1, bridge.exitValue(), bridge.log());
      assertTrue(bridge.log().contains("HTTP cannot listen on 127.0.0.1:" + taken.getLocalPort()), bridge.log());
      assertTrue(bridge.log().contains("HTTP_PORT"), bridge.log());
    }
  }
}
