package io.bluelinkmqtt.mqtt;

import static io.bluelinkmqtt.mqtt.BridgeHarness.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.codec.InboundCommandJson;
import io.bluelinkmqtt.testsupport.Await;
import io.bluelinkmqtt.testsupport.FaultProxy;
import io.bluelinkmqtt.testsupport.LogCapture;
import io.bluelinkmqtt.testsupport.MosquittoProcess;
import io.bluelinkmqtt.testsupport.MqttObserver;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reliability catalogue A1–A4: the broker dies, restarts, is missing at start, stays away long. */
@Tag("fault")
@ExtendWith(VertxExtension.class)
class BrokerRestartFaultTest {

  private static final Logger LOG = LoggerFactory.getLogger(BrokerRestartFaultTest.class);
  private static final long CAP_MS = 1000;
  private static final Map<String, String> STATE = Map.of("battery/level", "80", "ev/range", "312", "doors/locked", "true");

  @Test
  @DisplayName("A1: broker SIGKILL + restart: reconnect <= cap+2s, online and ALL retained values republished, commands flow again")
  void brokerKilledAndRestarted(Vertx vertx) {
    try (MosquittoProcess broker = MosquittoProcess.startDefault()) {
      BridgeHarness h = BridgeHarness.settings(broker.host(), broker.port()).backoff(100, CAP_MS).build(vertx).deploy();
      h.awaitFirstConnect();
      MqttObserver observer = Await.result(MqttObserver.start(vertx, broker.host(), broker.port(), h.topics.base() + "/#"), WAIT);
      publishState(h);
      h.publish(h.vehicleTopic("car1", "status/error"), "boom", 1, true);
      h.publish(h.vehicleTopic("car1", "status/error"), "", 1, true); // cleared: must not come back
      awaitState(h, observer);

      Future<JsonObject> down = h.nextConnection(false);
      broker.kill();
      assertEquals("connection_lost", Await.result(down, WAIT).getString("reason"));
      assertFalse(h.verticle.gauges().connected());

      Future<JsonObject> up = h.nextConnection(true);
      broker.restart();
      long portOpen = System.currentTimeMillis();
      Await.result(up, WAIT);
      long reconnectMs = System.currentTimeMillis() - portOpen;
      LOG.info("A1 measured: reconnect {} ms after the broker's port opened (cap {} ms)", reconnectMs, CAP_MS);
      assertTrue(reconnectMs <= CAP_MS + 2000, "reconnected after " + reconnectMs + " ms");

      // the broker lost every retained message (SIGKILL): what a new subscriber sees was republished
      observer.clear();
      Await.result(observer.reconnect(), WAIT);
      Await.result(observer.awaitPayload(h.topics.bridgeState(), "online"), WAIT);
      awaitState(h, observer);
      Await.result(observer.awaitMessage(h.topics.bridgeInfo(), m -> m.payload().contains("test-1.0")), WAIT);
      assertTrue(observer.messages(h.vehicleTopic("car1", "status/error")).stream().noneMatch(m -> m.payload().equals("boom")));

      Await.result(observer.publish(h.vehicleTopic("car1", "commands/refresh"), "cached", 1, false), WAIT);
      JsonObject command = Await.result(h.commands.await(b -> true), WAIT);
      assertEquals("cached", new String(InboundCommandJson.fromJson(command).payload(), StandardCharsets.UTF_8));
      Await.result(h.undeploy(), WAIT);
    }
  }

  @Test
  @DisplayName("A2: broker SIGTERM + restart: reconnects, retained values intact, no command delivered twice")
  void brokerTerminatedAndRestarted(Vertx vertx) {
    try (MosquittoProcess broker = MosquittoProcess.startDefault()) {
      BridgeHarness h = BridgeHarness.settings(broker.host(), broker.port()).backoff(100, CAP_MS).build(vertx).deploy();
      h.awaitFirstConnect();
      MqttObserver observer = Await.result(MqttObserver.start(vertx, broker.host(), broker.port(), h.topics.base() + "/#"), WAIT);
      publishState(h);
      awaitState(h, observer);
      String commandTopic = h.vehicleTopic("car1", "commands/refresh");
      Await.result(observer.publish(commandTopic, "cached", 1, false), WAIT);
      Await.result(h.commands.await(b -> true), WAIT);

      Future<JsonObject> down = h.nextConnection(false);
      broker.term();
      Await.result(down, WAIT);
      Future<JsonObject> up = h.nextConnection(true);
      broker.restart();
      long portOpen = System.currentTimeMillis();
      Await.result(up, WAIT);
      LOG.info("A2 measured: reconnect {} ms after the broker's port opened", System.currentTimeMillis() - portOpen);

      Await.result(observer.reconnect(), WAIT);
      awaitState(h, observer);
      Await.result(observer.publish(commandTopic, "force", 1, false), WAIT);
      Await.result(h.commands.await(b -> b.getString("payload").equals("Zm9yY2U=")), WAIT);
      assertTrue(Await.staysPending(h.commands.next(b -> true), Duration.ofMillis(500)), "a third command appeared");
      List<String> payloads = h.commands.bodies().stream()
          .map(b -> new String(InboundCommandJson.fromJson(b).payload(), StandardCharsets.UTF_8)).toList();
      assertEquals(List.of("cached", "force"), payloads);
      Await.result(h.undeploy(), WAIT);
    }
  }

  @Test
  @DisplayName("A3: broker down at start: deployment succeeds, retries with one throttled error, connects <= cap+2s after it appears")
  void brokerDownAtStart(Vertx vertx) {
    MosquittoProcess broker = MosquittoProcess.builder().build(); // not started yet
    try (broker; LogCapture logs = LogCapture.attach()) {
      BridgeHarness h = BridgeHarness.settings(broker.host(), broker.port()).backoff(100, CAP_MS).build(vertx).deploy();
      Future<JsonObject> up = h.nextConnection(true);
      assertTrue(Await.staysPending(up, Duration.ofSeconds(3)), "connected to a broker that is not there");
      MqttGauges gauges = h.verticle.gauges();
      assertFalse(gauges.connected());
      assertEquals("broker_unreachable", gauges.lastFailure());
      assertTrue(gauges.connectAttempts() >= 4, "kept retrying: " + gauges.connectAttempts());
      assertEquals(1, logs.count("ERROR", "MQTT broker unreachable at 127.0.0.1:" + broker.port()),
          "one error line per 10 s, not one per attempt");

      broker.start();
      long portOpen = System.currentTimeMillis();
      Await.result(up, WAIT);
      long connectMs = System.currentTimeMillis() - portOpen;
      LOG.info("A3 measured: {} attempts while down; connected {} ms after the broker appeared", gauges.connectAttempts(), connectMs);
      assertTrue(connectMs <= CAP_MS + 2000, "connected after " + connectMs + " ms");
      Await.result(h.undeploy(), WAIT);
    }
  }

  @Test
  @DisplayName("A4: long outage with short cap: keeps retrying, intervals <= cap and jittered, reconnects after it")
  void longOutageWithJitter(Vertx vertx) {
    long cap = 500;
    try (MosquittoProcess broker = MosquittoProcess.startDefault()) {
      FaultProxy proxy = Await.result(FaultProxy.start(vertx, broker.host(), broker.port()), WAIT);
      BridgeHarness h = BridgeHarness.settings("127.0.0.1", proxy.port()).backoff(100, cap).build(vertx).deploy();
      h.awaitFirstConnect();
      int before = proxy.acceptedCount();

      Future<JsonObject> up = h.nextConnection(true);
      proxy.reset();
      assertTrue(Await.staysPending(up, Duration.ofSeconds(5)));
      proxy.pass();
      Await.result(up, WAIT);

      List<Long> accepts = proxy.acceptTimesMillis().subList(before, proxy.acceptedCount());
      List<Long> intervals = new ArrayList<>();
      for (int i = 1; i < accepts.size(); i++) {
        intervals.add(accepts.get(i) - accepts.get(i - 1));
      }
      LOG.info("A4 measured: {} attempts in the 5 s outage, intervals {} ms", accepts.size(), intervals);
      assertTrue(accepts.size() >= 10, "attempts: " + accepts.size());
      assertTrue(intervals.stream().allMatch(i -> i <= cap + 250), "an interval above the cap: " + intervals);
      assertTrue(new HashSet<>(intervals).size() > intervals.size() / 2, "not jittered: " + intervals);
      Await.result(h.undeploy(), WAIT);
      Await.result(proxy.close(), WAIT);
    }
  }

  private static void publishState(BridgeHarness h) {
    STATE.forEach((leaf, value) -> h.publish(h.vehicleTopic("car1", leaf), value, 1, true));
  }

  private static void awaitState(BridgeHarness h, MqttObserver observer) {
    STATE.forEach((leaf, value) -> Await.result(observer.awaitPayload(h.vehicleTopic("car1", leaf), value), WAIT));
  }
}
