package io.bluelinkmqtt.mqtt;

import static io.bluelinkmqtt.mqtt.BridgeHarness.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.codec.InboundCommandJson;
import io.bluelinkmqtt.testsupport.Await;
import io.bluelinkmqtt.testsupport.FaultProxy;
import io.bluelinkmqtt.testsupport.LogCapture;
import io.bluelinkmqtt.testsupport.MosquittoProcess;
import io.bluelinkmqtt.testsupport.MqttObserver;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reliability catalogue A10 (oversized commands), A11 (retained commands) and C26 (nothing outside our scope). */
@Tag("fault")
@ExtendWith(VertxExtension.class)
class InboundFaultTest {

  private static final Logger LOG = LoggerFactory.getLogger(InboundFaultTest.class);
  private static final Buffer NINE_KB = Buffer.buffer("f".repeat(9 * 1024));
  private static final Buffer ONE_MB = Buffer.buffer("f".repeat(1024 * 1024));
  private static final Buffer HUNDRED_KB = Buffer.buffer("f".repeat(100 * 1024));

  @Test
  @DisplayName("A10a: broker message_size_limit=1024: 9 KB and 1 MB commands never arrive, the bridge stays connected, the next command is served")
  void oversizedCommandsStoppedByBroker(Vertx vertx) {
    try (MosquittoProcess broker = MosquittoProcess.builder().messageSizeLimit(1024).build().start()) {
      BridgeHarness h = BridgeHarness.settings(broker.host(), broker.port()).build(vertx);
      MqttObserver user = Await.result(MqttObserver.start(vertx, broker.host(), broker.port(), h.topics.bridgeInfo()), WAIT);
      Future<MqttObserver.Received> subscribed = user.nextMessage(m -> true);
      h.deploy();
      Await.result(subscribed, WAIT); // info follows the SUBSCRIBE on the bridge's connection
      String topic = h.vehicleTopic("car1", "commands/refresh");
      user.publish(topic, NINE_KB, 1, false);
      user.publish(topic, ONE_MB, 1, false);
      MqttObserver user2 = Await.result(MqttObserver.start(vertx, broker.host(), broker.port(), "none/#"), WAIT);
      Await.result(user2.publish(topic, "cached", 1, false), WAIT);

      JsonObject served = Await.result(h.commands.await(b -> true), WAIT);
      assertEquals("cached", payload(served));
      assertTrue(Await.staysPending(h.commands.next(b -> true), Duration.ofMillis(300)));
      assertEquals(1, h.commands.count());
      assertEquals(1, h.connection.count(), "the bridge never lost its connection: " + h.connection.bodies());
      assertTrue(h.verticle.gauges().connected());
      Await.result(h.undeploy(), WAIT);
    }
  }

  @Test
  @DisplayName("A10b: packets above maxFrameBytes (100 KB, 1 MB): DISCONNECT, so bridge/state never offline; back at once, "
      + "then after the base delay; backoff not grown; no redelivery loop; next command served")
  void packetsAboveFrameLimitCostOneCleanReconnect(Vertx vertx) {
    long baseMs = 2000;
    try (MosquittoProcess broker = MosquittoProcess.startDefault(); LogCapture logs = LogCapture.attach()) {
      BridgeHarness h = BridgeHarness.settings(broker.host(), broker.port()).maxFrameBytes(64 * 1024)
          .backoff(baseMs, 20_000).build(vertx);
      ConnectionTimeline timeline = ConnectionTimeline.record(vertx);
      String level = h.vehicleTopic("car1", "battery/level");
      MqttObserver user = Await.result(MqttObserver.start(vertx, broker.host(), broker.port(), h.topics.bridgeInfo(),
          h.topics.bridgeState(), level), WAIT);
      Future<MqttObserver.Received> subscribed = user.nextMessage(m -> m.topic().equals(h.topics.bridgeInfo()));
      h.deploy();
      Await.result(subscribed, WAIT);
      h.publish(level, "64", 1, true);
      Await.result(user.awaitPayload(level, "64"), WAIT);
      String topic = h.vehicleTopic("car1", "commands/refresh");
      for (Buffer big : List.of(HUNDRED_KB, ONE_MB)) {
        Future<JsonObject> down = h.nextConnection(false);
        Future<JsonObject> up = h.nextConnection(true);
        // info follows the SUBSCRIBE on the new connection: the bridge listens again
        Future<MqttObserver.Received> resubscribed = user.nextMessage(m -> m.topic().equals(h.topics.bridgeInfo()));
        Await.result(user.publish(topic, big, 1, false), WAIT);
        assertEquals(LossReason.OVERSIZED_MESSAGE, Await.result(down, WAIT).getString("reason"));
        Await.result(up, WAIT);
        Await.result(resubscribed, WAIT);
        assertEquals(0, h.verticle.gauges().reconnectFailures(), "the backoff exponent grew");
        assertTrue(Await.staysPending(h.nextConnection(false), Duration.ofMillis(1000)), "a redelivery loop");
      }
      List<Long> reconnectMs = timeline.caughtUpWith(vertx, h.connection.count()).downtimesFrom(0);
      LOG.info("A10b measured: reconnected {} ms after the first oversized packet, {} ms after the second", reconnectMs.get(0),
          reconnectMs.get(1));
      assertTrue(reconnectMs.get(0) < 500, "the first reconnect waited " + reconnectMs.get(0) + " ms");
      assertTrue(reconnectMs.get(1) >= baseMs && reconnectMs.get(1) < baseMs + 1000,
          "the second reconnect (within 10 s) waits the base delay: " + reconnectMs.get(1) + " ms");
      Await.result(user.publish(topic, "cached", 1, false), WAIT);
      assertEquals("cached", payload(Await.result(h.commands.await(b -> true), WAIT)));
      assertEquals(1, h.commands.count(), "only the valid command is forwarded");
      assertEquals(5, h.connection.count(), "connect, then (lost, connected) per oversized packet: " + h.connection.bodies());
      List<String> states = user.messages(h.topics.bridgeState()).stream().map(MqttObserver.Received::payload).toList();
      assertEquals(List.of("online", "online", "online"), states, "the broker published the will");
      assertEquals(3, user.messages(level).size(), "retained state republished after each reconnect");
      assertEquals(2, broker.logLines("Client " + h.config.clientId() + " disconnected.").size(), broker.log());
      assertEquals(1, logs.count("WARN", "exceeded maxFrameBytes=65536"), "one warning a minute");
      Await.result(h.undeploy(), WAIT);
    }
  }

  @Test
  @DisplayName("A11: a retained 'force' on a command topic is never forwarded, at start and after two reconnects; one warning")
  void retainedCommandIgnored(Vertx vertx) {
    try (MosquittoProcess broker = MosquittoProcess.startDefault(); LogCapture logs = LogCapture.attach()) {
      FaultProxy proxy = Await.result(FaultProxy.start(vertx, broker.host(), broker.port()), WAIT);
      BridgeHarness h = BridgeHarness.settings("127.0.0.1", proxy.port()).backoff(50, 200).build(vertx);
      String topic = h.vehicleTopic("car1", "commands/refresh");
      MqttObserver user = Await.result(MqttObserver.start(vertx, broker.host(), broker.port(), "none/#"), WAIT);
      Await.result(user.publish(topic, "force", 1, true), WAIT);
      MqttObserver watcher = Await.result(MqttObserver.start(vertx, broker.host(), broker.port(), h.topics.bridgeInfo()), WAIT);
      Future<MqttObserver.Received> firstInfo = watcher.nextMessage(m -> true);
      h.deploy();
      h.awaitFirstConnect();
      Await.result(firstInfo, WAIT);
      for (int round = 0; round < 3; round++) {
        // retained messages arrive right after the SUBACK, so a live command sent now comes after them
        String marker = "smart:" + (600 + round);
        Await.result(user.publish(topic, marker, 1, false), WAIT);
        Await.result(h.commands.await(b -> payload(b).equals(marker)), WAIT);
        if (round < 2) {
          // the bridge's info is published after its SUBSCRIBE on the same connection: once seen, the subscription is live
          Future<MqttObserver.Received> subscribed = watcher.nextMessage(m -> m.topic().equals(h.topics.bridgeInfo()));
          proxy.resetOnce();
          Await.result(subscribed, WAIT);
        }
      }
      List<String> forwarded = h.commands.bodies().stream().map(InboundFaultTest::payload).toList();
      assertEquals(List.of("smart:600", "smart:601", "smart:602"), forwarded);
      assertEquals(1, logs.count("WARN", "ignoring a retained command on " + topic), logs.text());
      Await.result(h.undeploy(), WAIT);
      Await.result(proxy.close(), WAIT);
    }
  }

  @Test
  @DisplayName("C26: the bridge subscribes only to base/+/commands/<name>, base/bridge/commands/otp and <prefix>/status, "
      + "and publishes only under base/")
  void nothingOutsideScope(Vertx vertx) {
    try (MosquittoProcess broker = MosquittoProcess.startDefault()) {
      MqttObserver everything = Await.result(MqttObserver.start(vertx, broker.host(), broker.port(), "#"), WAIT);
      BridgeHarness h = BridgeHarness.settings(broker.host(), broker.port()).backoff(50, 200).build(vertx).deploy();
      h.awaitFirstConnect();
      h.publish(h.vehicleTopic("car1", "battery/level"), "55", 1, true);
      Await.result(everything.awaitPayload(h.vehicleTopic("car1", "battery/level"), "55"), WAIT);
      Future<JsonObject> up = h.nextConnection(true);
      broker.kill();
      broker.restart();
      Await.result(up, WAIT);
      Await.result(everything.reconnect(), WAIT);
      Await.result(everything.awaitPayload(h.vehicleTopic("car1", "battery/level"), "55"), WAIT);
      Await.result(h.undeploy(), WAIT);
      Await.result(everything.awaitPayload(h.topics.bridgeState(), "offline"), WAIT);

      Set<String> topics = everything.messages().stream().map(MqttObserver.Received::topic).collect(Collectors.toSet());
      assertTrue(topics.stream().allMatch(t -> t.startsWith(h.topics.base() + "/")), topics.toString());
      Set<String> subscriptions = broker.logLines(" " + h.config.clientId() + " ").stream()
          .filter(l -> l.matches("\\d+: " + h.config.clientId() + " \\d .*"))
          .map(l -> l.substring(l.lastIndexOf(' ') + 1)).collect(Collectors.toSet());
      LOG.info("C26 measured: bridge subscriptions in the broker log {}; topics written {}", subscriptions, topics);
      Set<String> expected = new java.util.HashSet<>(h.topics.commandFilters());
      expected.add(h.homeAssistant.prefix() + "/status");
      expected.add(h.topics.bridgeOtpCommand()); // the owner's one-time-code answers
      assertEquals(expected, subscriptions);
    }
  }

  private static String payload(JsonObject inbound) {
    return new String(InboundCommandJson.fromJson(inbound).payload(), StandardCharsets.UTF_8);
  }
}
