package io.bluelinkmqtt.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.publish.Topics;
import io.bluelinkmqtt.sim.EuSimulator;
import io.bluelinkmqtt.sim.SimEndpoint;
import io.bluelinkmqtt.sim.SimulatorSettings;
import io.bluelinkmqtt.testsupport.SimulatedAccount;
import io.bluelinkmqtt.testsupport.Await;
import io.bluelinkmqtt.testsupport.MosquittoProcess;
import io.bluelinkmqtt.testsupport.MqttObserver;
import io.bluelinkmqtt.testsupport.MqttObserver.Received;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reliability case 13: the packaged bridge as a child process ({@code java -jar}) between a real
 * Mosquitto and the EU simulator (in this JVM), stopped with SIGTERM and killed with SIGKILL.
 */
@ExtendWith(VertxExtension.class)
class BridgeProcessIT {

  private static final Logger LOG = LoggerFactory.getLogger(BridgeProcessIT.class);
  private static final int KEEPALIVE_SECONDS = 2;
  /** How long the legacy car takes to answer a forced refresh: far longer than the test, so it is in flight. */
  private static final Duration SLOW_FORCE = Duration.ofSeconds(60);

  private MosquittoProcess broker;
  private EuSimulator simulator;
  private MqttObserver observer;
  private BridgeProcess bridge;
  private Topics topics;
  private String clientId;
  private String legacyCar;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    broker = MosquittoProcess.startDefault();
    SimulatorSettings settings = SimulatorSettings.defaults(Brand.KIA).withForceDelays(SLOW_FORCE, SLOW_FORCE);
    simulator = new EuSimulator(vertx, settings);
    Await.result(simulator.start(), Duration.ofSeconds(10));
    legacyCar = simulator.cars().stream().filter(c -> !c.ccs2()).findFirst().orElseThrow().vehicleId();
    String base = "proc" + UUID.randomUUID().toString().substring(0, 8);
    topics = new Topics(base);
    clientId = base + "-bridge";
    observer = Await.result(MqttObserver.start(vertx, broker.host(), broker.port(), base + "/#"), Duration.ofSeconds(10));

    Map<String, String> env = SimulatedAccount.env(simulator, Files.createTempDirectory("bridge-process-state"));
    env.put("MQTT_BROKER_HOST", broker.host());
    env.put("MQTT_BROKER_PORT", Integer.toString(broker.port()));
    env.put("MQTT_BASE_TOPIC", base);
    env.put("MQTT_CLIENT_ID", clientId);
    env.put("MQTT_KEEPALIVE_SECONDS", Integer.toString(KEEPALIVE_SECONDS));
    env.put("HA_DISCOVERY_PREFIX", base + "-ha");
    env.put("MIN_FORCE_INTERVAL_SECONDS", "0");
    env.put("LOG_FORMAT", "text");
    bridge = BridgeProcess.start(env);
    Await.result(observer.awaitPayload(topics.bridgeState(), "online"), Duration.ofSeconds(40));
    // the start-up refresh went through, so the bridge knows its cars and takes commands
    Await.result(observer.awaitMessage(topics.vehicle(legacyCar, Topics.BATTERY_LEVEL), m -> true),
        Duration.ofSeconds(20));
  }

  @AfterEach
  void stop() {
    BridgeProcess.stopAll(bridge, observer, broker);
  }

  @Test
  @DisplayName("SIGTERM: the forced refresh in flight is answered, offline is retained, DISCONNECT is clean, exit 0 < 10 s")
  void sigtermStopsGracefully(Vertx vertx) {
    String resultTopic = topics.vehicle(legacyCar, Topics.COMMAND_RESULT);
    Future<Received> outcome = observer.awaitMessage(resultTopic, m -> m.payload().contains("\"it-inflight\""));
    Await.result(observer.publish(topics.vehicle(legacyCar, "commands/refresh"),
        "{\"mode\":\"force\",\"id\":\"it-inflight\"}", 1, false), Duration.ofSeconds(5));
    // the car is being woken: the simulator holds the forced status call open
    Await.condition(vertx, () -> simulator.calls().count(SimEndpoint.STATUS_FORCE, legacyCar) == 1,
        Duration.ofSeconds(15));
    assertFalse(outcome.isComplete(), "the force must still be in flight when SIGTERM arrives");
    Future<Received> offline = observer.nextMessage(m -> m.topic().equals(topics.bridgeState())
        && m.payload().equals("offline"));

    long signalledAt = System.currentTimeMillis();
    long signalledNanos = System.nanoTime();
    bridge.term();
    boolean exited = bridge.waitForExit(Duration.ofSeconds(10));
    long exitMs = (System.nanoTime() - signalledNanos) / 1_000_000;
    assertTrue(exited, "the bridge must exit within 10 s of SIGTERM; log:\n" + bridge.log());
    LOG.info("MEASURED SIGTERM: exit code {} after {} ms", bridge.exitValue(), exitMs);
    assertEquals(0, bridge.exitValue(), "exit code after SIGTERM; log:\n" + bridge.log());

    Received answered = Await.result(outcome, Duration.ofSeconds(2));
    long answeredMs = answered.atMillis() - signalledAt;
    JsonObject result = new JsonObject(answered.payload());
    LOG.info("MEASURED SIGTERM: in-flight force answered {} ms after the signal: {}", answeredMs, answered.payload());
    assertTrue(answeredMs <= 5_500, "the in-flight force is answered within the 5 s grace (+ delivery): " + answeredMs);
    assertEquals("failed", result.getString("status"), answered.payload());
    assertEquals("shutdown", result.getString("reason"), answered.payload());

    Received gone = Await.result(offline, Duration.ofSeconds(2));
    LOG.info("MEASURED SIGTERM: offline seen {} ms after the signal", gone.atMillis() - signalledAt);
    assertTrue(gone.atMillis() >= answered.atMillis(), "offline comes after the last outcome");
    // a will would arrive at once when the socket closes; the process is gone, so a quiet second is proof enough
    Future<Received> secondOffline = observer.nextMessage(m -> m.topic().equals(topics.bridgeState()));
    assertTrue(Await.staysPending(secondOffline, Duration.ofMillis(1_500)), "no will after a clean stop");
    List<String> brokerSays = broker.logLines("Client " + clientId + " ");
    assertTrue(brokerSays.stream().anyMatch(l -> l.endsWith("Client " + clientId + " disconnected.")),
        "the broker saw a clean DISCONNECT: " + brokerSays);
    assertTrue(brokerSays.stream().noneMatch(l -> l.contains("closed its connection") || l.contains("exceeded timeout")),
        "no unclean end that would publish the will: " + brokerSays);
    assertRetainedOffline(vertx);
    assertTrue(bridge.log().contains("SIGTERM received: stopping"), bridge.log());
  }

  @Test
  @DisplayName("SIGKILL: the broker publishes the will 'offline' within 1.5 x keep-alive")
  void sigkillLeavesTheWill(Vertx vertx) {
    Future<Received> offline = observer.nextMessage(m -> m.topic().equals(topics.bridgeState())
        && m.payload().equals("offline"));
    long killedAt = System.currentTimeMillis();
    bridge.kill();
    Received will = Await.result(offline, Duration.ofMillis(KEEPALIVE_SECONDS * 1_500L + 500));
    long willMs = will.atMillis() - killedAt;
    LOG.info("MEASURED SIGKILL: will 'offline' seen {} ms after the kill (bound {} ms)", willMs,
        KEEPALIVE_SECONDS * 1_500);
    assertTrue(willMs <= KEEPALIVE_SECONDS * 1_500L + 500, "will within 1.5 x keep-alive: " + willMs + " ms");
    assertTrue(bridge.waitForExit(Duration.ofSeconds(5)));
    assertEquals(137, bridge.exitValue(), "SIGKILL");
    List<String> brokerSays = broker.logLines("Client " + clientId + " ");
    assertTrue(brokerSays.stream().anyMatch(l -> l.contains("closed its connection") || l.contains("exceeded timeout")),
        "the broker saw an unclean end, which is what publishes the will: " + brokerSays);
    assertRetainedOffline(vertx);
  }

  /** A client connecting now gets "offline" as the retained state. */
  private void assertRetainedOffline(Vertx vertx) {
    MqttObserver late = Await.result(MqttObserver.start(vertx, broker.host(), broker.port(), topics.bridgeState()),
        Duration.ofSeconds(10));
    try {
      Received retained = Await.result(late.awaitMessage(topics.bridgeState(), m -> true), Duration.ofSeconds(5));
      assertEquals("offline", retained.payload());
      assertTrue(retained.retain(), "bridge/state is retained");
    } finally {
      Await.result(late.close(), Duration.ofSeconds(5));
    }
  }
}
