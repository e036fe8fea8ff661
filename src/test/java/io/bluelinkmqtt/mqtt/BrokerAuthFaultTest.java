package io.bluelinkmqtt.mqtt;

import static io.bluelinkmqtt.mqtt.BridgeHarness.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.testsupport.Await;
import io.bluelinkmqtt.testsupport.LogCapture;
import io.bluelinkmqtt.testsupport.MosquittoProcess;
import io.bluelinkmqtt.testsupport.MqttObserver;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reliability catalogue A9 (bad password) and C23 (the MQTT password as a canary). */
@Tag("fault")
@ExtendWith(VertxExtension.class)
class BrokerAuthFaultTest {

  private static final Logger LOG = LoggerFactory.getLogger(BrokerAuthFaultTest.class);
  private static final String CANARY = "CANARY-mqtt-pw-7f3a9c";

  @Test
  @DisplayName("A9 + C23: wrong password: clear auth error without the password, backoff not a hot loop, state mqtt_auth_failed")
  void badPassword(Vertx vertx) {
    long cap = 1000;
    try (MosquittoProcess broker = MosquittoProcess.builder().user("bridge", "right-" + CANARY).build().start();
         LogCapture logs = LogCapture.attach()) {
      BridgeHarness h = BridgeHarness.settings(broker.host(), broker.port()).credentials("bridge", CANARY)
          .backoff(100, cap).build(vertx);
      Future<JsonObject> down = h.nextConnection(false);
      h.deploy();
      assertEquals("mqtt_auth_failed", Await.result(down, WAIT).getString("reason"));
      long windowStart = System.currentTimeMillis();
      assertTrue(Await.staysPending(h.nextConnection(true), Duration.ofSeconds(4)));
      long windowMs = System.currentTimeMillis() - windowStart;

      MqttGauges gauges = h.verticle.gauges();
      assertFalse(gauges.connected());
      assertEquals("mqtt_auth_failed", gauges.lastFailure());
      int attempts = broker.logLines("not authorised").size();
      long allowed = windowMs / (cap / 2) + 2; // at most one attempt per half cap, the first two free
      LOG.info("A9 measured: {} refused logins in {} ms with cap {} ms (allowed {}); health {}", attempts, windowMs, cap,
          allowed, gauges.lastFailure());
      assertTrue(attempts >= 2 && attempts <= allowed, "attempts " + attempts + " in " + windowMs + " ms");
      assertEquals(1, logs.count("ERROR", "refused the login (mqtt_auth_failed)"), logs.text());
      assertFalse(logs.text().contains(CANARY), "the password leaked into the log");
      assertFalse(logs.text().contains("right-"), "the broker's password leaked");
      Await.result(h.undeploy(), WAIT);
    }
  }

  @Test
  @DisplayName("C23: with the right password the canary is in no log line and no MQTT message, across connect, loss and stop")
  void passwordNeverInLogsOrTraffic(Vertx vertx) {
    try (MosquittoProcess broker = MosquittoProcess.builder().user("bridge", CANARY).build().start();
         LogCapture logs = LogCapture.attach()) {
      BridgeHarness h = BridgeHarness.settings(broker.host(), broker.port()).credentials("bridge", CANARY)
          .backoff(100, 500).build(vertx).deploy();
      h.awaitFirstConnect();
      MqttObserver observer = Await.result(MqttObserver.startWithCredentials(vertx, broker.host(), broker.port(), "#",
          "bridge", CANARY), WAIT);
      Await.result(observer.awaitPayload(h.topics.bridgeState(), "online"), WAIT);
      Await.result(observer.awaitMessage(h.topics.bridgeInfo(), m -> true), WAIT);

      Future<JsonObject> up = h.nextConnection(true);
      broker.kill();
      broker.restart();
      Await.result(up, WAIT);
      Await.result(h.undeploy(), WAIT);

      assertFalse(logs.text().contains(CANARY), "the password leaked into the log");
      assertTrue(observer.messages().stream().noneMatch(m -> m.payload().contains(CANARY) || m.topic().contains(CANARY)));
      assertTrue(h.config.toString().contains("password=***") && !h.config.toString().contains(CANARY));
    }
  }
}
