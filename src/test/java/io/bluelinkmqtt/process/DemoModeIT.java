package io.bluelinkmqtt.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.publish.Topics;
import io.bluelinkmqtt.sim.SimCar;
import io.bluelinkmqtt.testsupport.MosquittoProcess;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The README's demo as a user runs it: {@code java -jar target/bluelink-mqtt.jar} with no account,
 * watched with the real {@code mosquitto_sub -t 'hyundai/#' -v} and commanded with
 * {@code mosquitto_pub}. The broker is always on a free port, so the test never meets one on 1883.
 */
class DemoModeIT {

  private static final Logger LOG = LoggerFactory.getLogger(DemoModeIT.class);
  private static final Duration BATTERY_WITHIN = Duration.ofSeconds(5);
  private static final Topics TOPICS = new Topics("hyundai");
  private static final List<String> DEMO_CARS = SimCar.defaultFleet().stream().map(SimCar::vehicleId).toList();

  private MosquittoProcess mosquitto;
  private MosquittoSub watcher;
  private BridgeProcess bridge;

  @AfterEach
  void stopAll() {
    if (watcher != null) {
      watcher.close();
    }
    if (bridge != null) {
      bridge.close();
      LOG.info("bridge log:\n{}", bridge.log());
    }
    if (mosquitto != null) {
      mosquitto.kill();
    }
  }

  @Test
  @DisplayName("demo against a Mosquitto named by MQTT_BROKER_HOST: both cars' battery within 5 s, force gets its outcome, SIGTERM exits 0")
  void demoWithMosquitto() throws Exception {
    mosquitto = MosquittoProcess.startDefault();
    watcher = MosquittoSub.start(mosquitto.host(), mosquitto.port(), "hyundai/#");
    Map<String, String> env = demoEnv(mosquitto.port());
    env.put("MQTT_BROKER_HOST", mosquitto.host());
    env.remove("LOG_FORMAT"); // this run checks the default log format: JSON
    bridge = BridgeProcess.start(env);

    assertBatteryOfBothCarsWithin(BATTERY_WITHIN, "Mosquitto");
    assertForceGetsItsOutcome(mosquitto.port());
    assertFalse(bridge.log().contains("started an embedded MQTT broker"),
        "a named broker is never replaced by the embedded one: " + bridge.log());
    assertStopsWithExitZero();
    assertEveryLogLineIsJson(bridge.log());
  }

  /** The default log format: one JSON object a line, for log shippers. */
  private static void assertEveryLogLineIsJson(String log) {
    List<String> lines = log.lines().filter(l -> !l.isBlank()).toList();
    assertFalse(lines.isEmpty());
    for (String line : lines) {
      JsonObject entry = new JsonObject(line);
      assertTrue(entry.containsKey("message") && entry.containsKey("level"), line);
    }
  }

  @Test
  @DisplayName("demo with nothing listening on MQTT_BROKER_PORT and no MQTT_BROKER_HOST: the embedded broker serves the same topics")
  void demoWithEmbeddedBroker() throws Exception {
    int port = MosquittoProcess.freePort();
    bridge = BridgeProcess.start(demoEnv(port));
    bridge.awaitLog("demo: started an embedded MQTT broker on 127.0.0.1:" + port, Duration.ofSeconds(30));
    watcher = MosquittoSub.start("127.0.0.1", port, "hyundai/#");

    assertBatteryOfBothCarsWithin(BATTERY_WITHIN, "embedded broker");
    assertForceGetsItsOutcome(port);
    assertStopsWithExitZero();
  }

  @Test
  @DisplayName("demo with a broker already listening on MQTT_BROKER_PORT (no MQTT_BROKER_HOST): that broker is used")
  void demoUsesABrokerAlreadyListening() throws Exception {
    mosquitto = MosquittoProcess.startDefault();
    watcher = MosquittoSub.start(mosquitto.host(), mosquitto.port(), "hyundai/#");
    bridge = BridgeProcess.start(demoEnv(mosquitto.port()));

    assertBatteryOfBothCarsWithin(BATTERY_WITHIN, "Mosquitto found listening");
    assertTrue(bridge.log().contains("demo: using the MQTT broker already listening on 127.0.0.1:" + mosquitto.port()),
        bridge.log());
    assertFalse(bridge.log().contains("started an embedded MQTT broker"), bridge.log());
    assertStopsWithExitZero();
  }

  /** No account variables at all: demo mode. State in a temp dir, text logs for the report. */
  private static Map<String, String> demoEnv(int brokerPort) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("MQTT_BROKER_PORT", Integer.toString(brokerPort));
    env.put("BLUELINK_STATE_DIR", Files.createTempDirectory("demo-state").toString());
    env.put("LOG_FORMAT", "text");
    return env;
  }

  private void assertBatteryOfBothCarsWithin(Duration within, String broker) {
    long lastNanos = 0;
    for (String car : DEMO_CARS) {
      String topic = TOPICS.vehicle(car, Topics.BATTERY_LEVEL);
      MosquittoSub.Line line = watcher.awaitLine(l -> l.startsWith(topic + " "), within.plusSeconds(25));
      int level = new JsonObject(line.text().substring(topic.length() + 1)).getInteger("value");
      assertTrue(level >= 0 && level <= 100, line.text());
      lastNanos = Math.max(lastNanos, line.readNanos());
    }
    long afterStartMs = TimeUnit.NANOSECONDS.toMillis(lastNanos - bridge.startedNanos());
    LOG.info("MEASURED demo ({}): battery/level of both cars seen by mosquitto_sub {} ms after `java -jar`",
        broker, afterStartMs);
    assertTrue(afterStartMs <= within.toMillis(),
        "both cars' battery/level within " + within + " of the start, was " + afterStartMs + " ms");
  }

  private void assertForceGetsItsOutcome(int port) {
    String car = DEMO_CARS.get(0);
    String resultTopic = TOPICS.vehicle(car, Topics.COMMAND_RESULT);
    long sentNanos = System.nanoTime();
    MosquittoSub.publish("127.0.0.1", port, TOPICS.vehicle(car, "commands/refresh"), "force");
    MosquittoSub.Line line = watcher.awaitLine(l -> l.startsWith(resultTopic + " ") && l.contains("\"mode\":\"force\""),
        Duration.ofSeconds(20));
    JsonObject outcome = new JsonObject(line.text().substring(resultTopic.length() + 1));
    LOG.info("MEASURED demo: force outcome {} ms after mosquitto_pub: {}",
        TimeUnit.NANOSECONDS.toMillis(line.readNanos() - sentNanos), outcome.encode());
    assertTrue(Set.of("ok", "throttled").contains(outcome.getString("status")), outcome.encode());
  }

  private void assertStopsWithExitZero() {
    long signalled = System.nanoTime();
    bridge.term();
    assertTrue(bridge.waitForExit(Duration.ofSeconds(10)), "exit within 10 s of SIGTERM; log:\n" + bridge.log());
    LOG.info("MEASURED demo: exit code {} {} ms after SIGTERM", bridge.exitValue(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled));
    assertEquals(0, bridge.exitValue(), bridge.log());
  }
}
