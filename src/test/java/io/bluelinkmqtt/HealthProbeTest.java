package io.bluelinkmqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.HealthProbe.Verdict;
import io.bluelinkmqtt.testsupport.Await;
import io.bluelinkmqtt.testsupport.MosquittoProcess;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class HealthProbeTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  /** A server on a free loopback port that answers /health with {@code status} and records the paths asked. */
  private static HttpServer server(Vertx vertx, int status, List<String> paths) {
    return Await.result(vertx.createHttpServer().requestHandler(req -> {
      paths.add(req.path());
      req.response().setStatusCode(req.path().equals("/health") ? status : 404).end();
    }).listen(0, "127.0.0.1"), TIMEOUT);
  }

  @Test
  @DisplayName("200 on /health of a wildcard-bound server (asked on 127.0.0.1) is exit 0; 503 is exit 1")
  void answersDecide(Vertx vertx) {
    List<String> paths = new CopyOnWriteArrayList<>();
    HttpServer healthy = server(vertx, 200, paths);
    Verdict ok = HealthProbe.check(Map.of("HTTP_HOST", "0.0.0.0", "HTTP_PORT", "" + healthy.actualPort()), TIMEOUT);
    assertEquals(0, ok.exitCode(), ok.message());
    HttpServer sick = server(vertx, 503, paths);
    Verdict bad = HealthProbe.check(Map.of("HTTP_PORT", "" + sick.actualPort()), TIMEOUT);
    assertEquals(1, bad.exitCode(), bad.message());
    assertTrue(bad.message().contains("503"), bad.message());
    assertEquals(List.of("/health", "/health"), paths);
  }

  @Test
  @DisplayName("nothing listening, or HTTP off (HTTP_PORT=0), is exit 1 with a reason")
  void noServer() {
    Verdict refused = HealthProbe.check(Map.of("HTTP_PORT", "" + MosquittoProcess.freePort()), TIMEOUT);
    assertEquals(1, refused.exitCode());
    assertTrue(refused.message().contains("did not answer"), refused.message());
    Verdict off = HealthProbe.check(Map.of("HTTP_PORT", "0"), TIMEOUT);
    assertEquals(1, off.exitCode());
    assertTrue(off.message().contains("HTTP is off"), off.message());
  }

  @Test
  @DisplayName("wildcard binds are probed on loopback, a named address as itself (IPv6 in brackets)")
  void probeHost() {
    assertEquals("127.0.0.1", HealthProbe.probeHost(""));
    assertEquals("127.0.0.1", HealthProbe.probeHost("0.0.0.0"));
    assertEquals("[::1]", HealthProbe.probeHost("::"));
    assertEquals("192.0.2.7", HealthProbe.probeHost("192.0.2.7"));
    assertEquals("[fd00::7]", HealthProbe.probeHost("fd00::7"));
  }
}
