package io.bluelinkmqtt.mqtt;

import static io.bluelinkmqtt.mqtt.BridgeHarness.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.testsupport.Await;
import io.bluelinkmqtt.testsupport.FaultProxy;
import io.bluelinkmqtt.testsupport.LogCapture;
import io.bluelinkmqtt.testsupport.MosquittoProcess;
import io.bluelinkmqtt.testsupport.MqttObserver;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reliability catalogue A5–A8: half-open links, publishing while down, in-flight leaks. Bridge → FaultProxy → mosquitto. */
@Tag("fault")
@ExtendWith(VertxExtension.class)
class LinkFaultTest {

  private static final Logger LOG = LoggerFactory.getLogger(LinkFaultTest.class);
  private static final int KA = 2;

  private MosquittoProcess broker;
  private FaultProxy proxy;
  private MqttObserver observer;
  private BridgeHarness h;

  @BeforeEach
  void setUp(Vertx vertx) {
    broker = MosquittoProcess.startDefault();
    proxy = Await.result(FaultProxy.start(vertx, broker.host(), broker.port()), WAIT);
  }

  private void deploy(Vertx vertx, long baseMs, long capMs) {
    h = BridgeHarness.settings("127.0.0.1", proxy.port()).keepAlive(KA).backoff(baseMs, capMs).build(vertx).deploy();
    h.awaitFirstConnect();
    observer = Await.result(MqttObserver.start(vertx, broker.host(), broker.port(), h.topics.base() + "/#"), WAIT);
    Await.result(observer.awaitPayload(h.topics.bridgeState(), "online"), WAIT);
  }

  @AfterEach
  void tearDown() {
    if (h != null) {
      Await.result(h.undeploy(), WAIT);
    }
    Await.result(proxy.close(), WAIT);
    broker.close();
  }

  @Test
  @DisplayName("A5: half-open link, idle bridge: loss detected <= 2.5 x KA, reconnect after the link heals, state republished")
  void halfOpenIdle(Vertx vertx) {
    deploy(vertx, 100, 500);
    h.publish(h.vehicleTopic("car1", "battery/level"), "64", 1, true);
    Await.result(observer.awaitPayload(h.vehicleTopic("car1", "battery/level"), "64"), WAIT);
    Await.condition(vertx, () -> h.verticle.gauges().inFlightQos1() == 0, WAIT); // idle: no PUBACK outstanding

    Future<JsonObject> down = h.nextConnection(false);
    proxy.blackhole();
    long cut = System.currentTimeMillis();
    assertEquals("link_dead", Await.result(down, WAIT).getString("reason"));
    long detectMs = System.currentTimeMillis() - cut;
    // the broker notices too (1.5 x KA) and publishes the will
    Await.result(observer.awaitMessage(h.topics.bridgeState(), m -> m.payload().equals("offline")), WAIT);

    observer.clear();
    Future<JsonObject> up = h.nextConnection(true);
    proxy.pass();
    long healed = System.currentTimeMillis();
    Await.result(up, WAIT);
    long reconnectMs = System.currentTimeMillis() - healed;
    Await.result(observer.awaitPayload(h.topics.bridgeState(), "online"), WAIT);
    Await.result(observer.awaitPayload(h.vehicleTopic("car1", "battery/level"), "64"), WAIT);
    LOG.info("A5 measured: half-open detected after {} ms (limit {} ms); reconnected {} ms after the link healed",
        detectMs, 2500 * KA + 500, reconnectMs);
    assertTrue(detectMs <= 2500L * KA + 500, "detected after " + detectMs + " ms");
  }

  @Test
  @DisplayName("A6: half-open link while publishing QoS 0 every 200 ms: still detected <= 2.5 x KA by the read-idle watchdog")
  void halfOpenWhilePublishing(Vertx vertx) {
    deploy(vertx, 100, 500);
    long[] n = {0};
    long ticker = vertx.setPeriodic(200, id -> h.publish(h.vehicleTopic("car1", "ev/range"), String.valueOf(n[0]++), 0, false));
    Await.result(observer.awaitPayload(h.vehicleTopic("car1", "ev/range"), "3"), WAIT);
    Await.condition(vertx, () -> h.verticle.gauges().inFlightQos1() == 0, WAIT); // only QoS 0 traffic from here

    Future<JsonObject> down = h.nextConnection(false);
    proxy.blackhole();
    long cut = System.currentTimeMillis();
    assertEquals("link_dead", Await.result(down, WAIT).getString("reason"));
    long detectMs = System.currentTimeMillis() - cut;
    LOG.info("A6 measured: half-open detected after {} ms while publishing every 200 ms (limit {} ms)", detectMs, 2500 * KA);
    assertTrue(detectMs <= 2500L * KA, "detected after " + detectMs + " ms");

    Future<JsonObject> up = h.nextConnection(true);
    proxy.pass();
    Await.result(up, WAIT);
    vertx.cancelTimer(ticker);
  }

  @Test
  @DisplayName("A6b: half-open link with QoS 1 publishes in flight: the ack timeout closes the link")
  void halfOpenWithQos1AckTimeout(Vertx vertx) {
    deploy(vertx, 100, 500);
    Future<JsonObject> down = h.nextConnection(false);
    proxy.blackhole();
    long cut = System.currentTimeMillis();
    h.publish(h.vehicleTopic("car1", "ev/range"), "1", 1, false);
    String reason = Await.result(down, WAIT).getString("reason");
    long detectMs = System.currentTimeMillis() - cut;
    LOG.info("A6b measured: QoS 1 without PUBACK detected after {} ms ({})", detectMs, reason);
    assertTrue(reason.equals("ack_timeout") || reason.equals("link_dead"), reason);
    assertTrue(detectMs <= 2500L * KA, "detected after " + detectMs + " ms");
  }

  @Test
  @DisplayName("A7: publishing while disconnected: no exception, the will is seen, latest retained value delivered after reconnect, others counted as dropped")
  void publishWhileDisconnected(Vertx vertx) {
    deploy(vertx, 100, 500);
    try (LogCapture logs = LogCapture.attach()) {
      String level = h.vehicleTopic("car1", "battery/level");
      h.publish(level, "70", 1, true);
      Await.result(observer.awaitPayload(level, "70"), WAIT);

      Future<JsonObject> down = h.nextConnection(false);
      proxy.reset();
      Await.result(down, WAIT);
      Await.result(observer.awaitPayload(h.topics.bridgeState(), "offline"), WAIT); // the broker's will
      h.publish(level, "71", 1, true);
      h.publish(level, "72", 1, true);
      for (int i = 0; i < 3; i++) {
        h.publish(h.vehicleTopic("car1", "commands/result"), "{\"n\":" + i + "}", 1, false);
      }
      Await.condition(vertx, () -> h.verticle.gauges().dropped() == 3, WAIT);

      observer.clear();
      Future<JsonObject> up = h.nextConnection(true);
      proxy.pass();
      Await.result(up, WAIT);
      Await.result(observer.awaitPayload(level, "72"), WAIT);
      Await.result(observer.awaitPayload(h.topics.bridgeState(), "online"), WAIT);
      assertTrue(observer.messages(level).stream().noneMatch(m -> m.payload().equals("71")), "a superseded value was sent");
      assertTrue(observer.messages(h.vehicleTopic("car1", "commands/result")).isEmpty());
      assertEquals(3, h.verticle.gauges().dropped());
      assertTrue(logs.lines("Exception").stream().noneMatch(l -> l.contains("NullPointer")), logs.text());
      assertTrue(logs.lines("ERROR").isEmpty(), logs.lines("ERROR").toString());
    }
  }

  @Test
  @DisplayName("A8: 50 resets with QoS 1 in flight: publishing still works, in-flight back to 0, no in-flight-queue-full")
  void noInflightLeakAcrossReconnects(Vertx vertx) {
    deploy(vertx, 20, 100);
    try (LogCapture logs = LogCapture.attach()) {
      String topic = h.vehicleTopic("car1", "ev/range");
      for (int cycle = 0; cycle < 50; cycle++) {
        Future<JsonObject> up = h.nextConnection(true);
        proxy.blackhole();
        for (int i = 0; i < 3; i++) {
          h.publish(topic, "c" + cycle + "-" + i, 1, false);
        }
        proxy.resetOnce();
        Await.result(up, WAIT);
      }
      MqttGauges after = h.verticle.gauges();
      LOG.info("A8 measured: after 50 reset cycles: {}", after);
      h.publish(topic, "after", 1, false);
      Await.result(observer.awaitPayload(topic, "after"), WAIT);
      Await.condition(vertx, () -> h.verticle.gauges().inFlightQos1() == 0, WAIT);
      assertTrue(h.verticle.gauges().connected());
      assertTrue(after.connectAttempts() >= 51, "attempts " + after.connectAttempts());
      assertTrue(logs.lines("inflight").isEmpty(), logs.lines("inflight").toString());
      assertFalse(logs.text().contains("NullPointerException"));
    }
  }
}
