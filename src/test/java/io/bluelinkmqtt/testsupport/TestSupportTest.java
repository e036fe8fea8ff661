package io.bluelinkmqtt.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The helpers themselves: a real broker round trip, through the proxy, and the proxy's faults. */
@ExtendWith(VertxExtension.class)
class TestSupportTest {

  private static final Duration WAIT = Duration.ofSeconds(5);

  @Test
  @DisplayName("a message goes through the proxy in PASS and is swallowed in BLACKHOLE; the broker log counts clients")
  void proxyPassesAndBlackholes(Vertx vertx) {
    try (MosquittoProcess broker = MosquittoProcess.startDefault()) {
      FaultProxy proxy = Await.result(FaultProxy.start(vertx, broker.host(), broker.port()), WAIT);
      MqttObserver direct = Await.result(MqttObserver.start(vertx, broker.host(), broker.port(), "t/#"), WAIT);
      MqttObserver proxied = Await.result(MqttObserver.start(vertx, "127.0.0.1", proxy.port(), "t/#"), WAIT);
      assertEquals(1, proxy.acceptedCount());

      Await.result(direct.publish("t/a", "one", 1, false), WAIT);
      assertEquals("one", Await.result(proxied.awaitPayload("t/a", "one"), WAIT).payload());

      proxy.blackhole();
      Await.result(direct.publish("t/a", "two", 1, false), WAIT);
      assertTrue(Await.staysPending(proxied.awaitPayload("t/a", "two"), Duration.ofMillis(500)));
      assertTrue(proxied.isConnected(), "blackhole keeps the socket open");
      assertEquals(2, broker.logLines("New client connected").size());

      proxy.reset();
      assertTrue(Await.staysPending(proxied.awaitPayload("t/a", "never"), Duration.ofMillis(200)));
      assertFalse(proxied.isConnected(), "reset closes the client socket");
      Await.result(proxy.close(), WAIT);
    }
  }

  @Test
  @DisplayName("SIGKILL and restart come back on the same port")
  void killAndRestartOnSamePort(Vertx vertx) {
    try (MosquittoProcess broker = MosquittoProcess.startDefault()) {
      int port = broker.port();
      broker.kill();
      assertFalse(broker.isRunning());
      broker.restart();
      assertEquals(port, broker.port());
      MqttObserver observer = Await.result(MqttObserver.start(vertx, broker.host(), port, "#"), WAIT);
      assertTrue(observer.isConnected());
    }
  }
}
