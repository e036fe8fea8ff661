package io.bluelinkmqtt.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.demo.DemoMode;
import io.bluelinkmqtt.demo.broker.EmbeddedBroker;
import io.bluelinkmqtt.publish.Topics;
import io.bluelinkmqtt.sim.SimCar;
import io.bluelinkmqtt.testsupport.MosquittoProcess;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The README's demo as a user runs it: {@code java -jar target/bluelink-mqtt.jar} with no account,
 * watched with the real {@code mosquitto_sub -t 'hyundai/#' -v} and commanded with
 * {@code mosquitto_pub}. Every broker is on a free port, so the test never meets one on 1883: the
 * "default port" the demo tries is MQTT_BROKER_PORT without MQTT_BROKER_HOST.
 */
class DemoModeIT {

  private static final Logger LOG = LoggerFactory.getLogger(DemoModeIT.class);
  private static final Duration BATTERY_WITHIN = Duration.ofSeconds(5);
  private static final Topics TOPICS = new Topics("hyundai");
  private static final Topics DEMO_TOPICS = new Topics(DemoMode.BASE_TOPIC);
  private static final String HA_PREFIX = "homeassistant";
  private static final String EMBEDDED_STARTED = "demo: started an embedded MQTT broker on 127.0.0.1:";
  private static final List<String> DEMO_CARS = SimCar.defaultFleet().stream().map(SimCar::vehicleId).toList();

  private MosquittoProcess mosquitto;
  private MosquittoSub watcher;
  private BridgeProcess bridge;

  @AfterEach
  void stopAll() {
    if (watcher != null) {
      watcher.close();
    }
    BridgeProcess.stopAll(bridge, null, mosquitto);
  }

  @Test
  @DisplayName("demo on a Mosquitto named by MQTT_BROKER_HOST: everything under demo/, force answered, SIGTERM exits 0 "
      + "and leaves nothing retained")
  void demoWithMosquitto() throws Exception {
    mosquitto = MosquittoProcess.startDefault();
    watcher = MosquittoSub.start(mosquitto.host(), mosquitto.port(), List.of("-t", "#", "-v"));
    Map<String, String> env = demoEnv(mosquitto.port());
    env.put("MQTT_BROKER_HOST", mosquitto.host());
    env.put("MQTT_BASE_TOPIC", "hyundai"); // what the owner's own bridge uses: the demo stays out of it all the same
    env.remove("LOG_FORMAT"); // this run checks the default log format: JSON
    bridge = BridgeProcess.start(env);

    assertBatteryOfBothCarsWithin(DEMO_TOPICS, BATTERY_WITHIN, "Mosquitto");
    watcher.awaitLine(l -> l.startsWith(HA_PREFIX + "/") && l.contains(DEMO_CARS.get(1)), Duration.ofSeconds(10));
    assertForceGetsItsOutcome(DEMO_TOPICS, mosquitto.port());
    assertFalse(bridge.log().contains("started an embedded MQTT broker"),
        "a named broker is never replaced by the embedded one: " + bridge.log());
    assertTrue(bridge.log().contains("mosquitto_sub -h 127.0.0.1 -p " + mosquitto.port() + " -t 'demo/#' -v"),
        bridge.log());
    List<String> outsideDemo = watcher.lines().stream().map(MosquittoSub.Line::text)
        .filter(l -> !l.startsWith(DEMO_TOPICS.base() + "/") && !l.startsWith(HA_PREFIX + "/")).toList();
    assertEquals(List.of(), outsideDemo, "the demo publishes only under demo/ (and its discovery configs)");
    assertStopsWithExitZero();
    assertEveryLogLineIsJson(bridge.log());
    assertEquals(List.of(), retainedLeftOn(mosquitto.port()), "retained messages the demo left on the broker");
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
  @DisplayName("demo with nothing on MQTT_BROKER_PORT and no MQTT_BROKER_HOST: the embedded broker serves, and a late "
      + "mosquitto_sub -F '%r %q %t' gets every retained topic with retain 1 and its documented QoS")
  void demoWithEmbeddedBroker() throws Exception {
    int port = MosquittoProcess.freePort();
    bridge = BridgeProcess.start(demoEnv(port));
    bridge.awaitLog(EMBEDDED_STARTED + port, Duration.ofSeconds(30));
    watcher = MosquittoSub.start("127.0.0.1", port, List.of("-t", "hyundai/#", "-t", HA_PREFIX + "/#", "-v"));

    assertBatteryOfBothCarsWithin(TOPICS, BATTERY_WITHIN, "embedded broker");
    assertForceGetsItsOutcome(TOPICS, port);
    assertLateSubscriberGetsEveryRetainedTopic(port);
    assertStopsWithExitZero();
  }

  @Test
  @DisplayName("a broker listening on MQTT_BROKER_PORT without MQTT_BROKER_HOST is never used: the embedded broker "
      + "takes a free port, says which, and the printed commands name it")
  void demoNeverUsesABrokerItWasNotTold() throws Exception {
    mosquitto = MosquittoProcess.startDefault();
    try (MosquittoSub ownersBroker = MosquittoSub.start(mosquitto.host(), mosquitto.port(), List.of("-t", "#", "-v"))) {
      bridge = BridgeProcess.start(demoEnv(mosquitto.port()));
      bridge.awaitLog(EMBEDDED_STARTED, Duration.ofSeconds(30));
      int port = embeddedBrokerPort(bridge.log());
      assertNotEquals(mosquitto.port(), port);
      assertTrue(bridge.log().contains("127.0.0.1:" + mosquitto.port() + " is taken"), bridge.log());
      assertTrue(bridge.log().contains("mosquitto_sub -h 127.0.0.1 -p " + port + " -t 'hyundai/#' -v"), bridge.log());
      assertTrue(bridge.log().contains("mosquitto_pub -h 127.0.0.1 -p " + port + " -t 'hyundai/" + DEMO_CARS.get(0)
          + "/commands/refresh' -m force"), bridge.log());
      watcher = MosquittoSub.start("127.0.0.1", port, "hyundai/#");

      assertBatteryOfBothCarsWithin(TOPICS, BATTERY_WITHIN, "embedded broker next to a Mosquitto");
      assertForceGetsItsOutcome(TOPICS, port);
      assertStopsWithExitZero();
      // the demo's one MQTT connection went to the embedded broker, which got all of it: nothing reached Mosquitto
      assertEquals(List.of(), ownersBroker.lines(), "messages on the broker the demo was not told to use");
    }
  }

  @Test
  @DisplayName("two demo starts in a row with the same BLUELINK_STATE_DIR: both serve, the second run's first force is ok")
  void secondRunStartsFresh() throws Exception {
    Map<String, String> env = demoEnv(MosquittoProcess.freePort());
    int port = Integer.parseInt(env.get("MQTT_BROKER_PORT"));
    for (int run = 1; run <= 2; run++) {
      bridge = BridgeProcess.start(env);
      bridge.awaitLog(EMBEDDED_STARTED + port, Duration.ofSeconds(30));
      watcher = MosquittoSub.start("127.0.0.1", port, "hyundai/#");
      assertBatteryOfBothCarsWithin(TOPICS, BATTERY_WITHIN, "run " + run);
      JsonObject outcome = assertForceGetsItsOutcome(TOPICS, port);
      assertEquals("ok", outcome.getString("status"), "run " + run + "'s first force: " + outcome.encode());
      assertStopsWithExitZero();
      watcher.close();
      LOG.info("bridge log of run {}:\n{}", run, bridge.log());
    }
    try (Stream<Path> left = Files.list(Path.of(env.get("BLUELINK_STATE_DIR")))) {
      assertEquals(List.of(), left.toList(), "the demo keeps nothing in BLUELINK_STATE_DIR");
    }
  }

  @Test
  @DisplayName("with an account configured (normal mode) no class of the embedded broker is ever loaded")
  void normalModeNeverLoadsTheEmbeddedBroker() throws Exception {
    Path classLog = Files.createTempFile("bridge-classes-", ".log");
    String nowhere = "http://127.0.0.1:" + MosquittoProcess.freePort();
    Map<String, String> env = new HashMap<>(Map.of("HYUNDAI_USERNAME", "owner@example.com",
        "HYUNDAI_PASSWORD", "not-a-real-password", "HYUNDAI_PIN", "1234", "BLUELINK_CCAPI_URL", nowhere,
        "BLUELINK_IDP_URL", nowhere, "BLUELINK_CCI_URL", nowhere, "LOG_FORMAT", "text"));
    env.put("MQTT_BROKER_PORT", Integer.toString(MosquittoProcess.freePort()));
    env.put("BLUELINK_STATE_DIR", Files.createTempDirectory("normal-state").toString());
    env.put("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + classLog);
    bridge = BridgeProcess.start(env);
    bridge.awaitLog("BridgeApplication - bluelink-mqtt", Duration.ofSeconds(30));
    assertStopsWithExitZero();

    String loaded = Files.readString(classLog);
    assertTrue(loaded.contains("io.bluelinkmqtt.BridgeApplication "), "the class-load log is written");
    assertFalse(loaded.contains("com.hivemq."), "HiveMQ classes loaded in normal mode");
    assertFalse(loaded.contains(EmbeddedBroker.class.getName()), "EmbeddedBroker loaded in normal mode");
    // nor is it in the bridge's jar, whose directory the JVM keeps on the heap: the demo loads it from beside it
    try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(BridgeProcess.jar().toFile())) {
      assertTrue(jar.stream().noneMatch(e -> e.getName().startsWith("com/hivemq/")), "HiveMQ shaded into the jar");
    }
    try (Stream<Path> beside = Files.list(BridgeProcess.jar().resolveSibling("demo-broker"))) {
      assertTrue(beside.anyMatch(f -> f.getFileName().toString().startsWith("hivemq-community-edition-embedded")),
          "the demo's broker is beside the jar");
    }
  }

  /** No account variables at all: demo mode. A state dir of its own, text logs for the report. */
  private static Map<String, String> demoEnv(int brokerPort) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("MQTT_BROKER_PORT", Integer.toString(brokerPort));
    env.put("BLUELINK_STATE_DIR", Files.createTempDirectory("demo-state").toString());
    env.put("LOG_FORMAT", "text");
    return env;
  }

  private void assertBatteryOfBothCarsWithin(Topics topics, Duration within, String broker) {
    long lastNanos = 0;
    for (String car : DEMO_CARS) {
      String topic = topics.vehicle(car, Topics.BATTERY_LEVEL);
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

  private JsonObject assertForceGetsItsOutcome(Topics topics, int port) {
    String car = DEMO_CARS.get(0);
    String resultTopic = topics.vehicle(car, Topics.COMMAND_RESULT);
    long sentNanos = System.nanoTime();
    MosquittoSub.publish("127.0.0.1", port, topics.vehicle(car, Topics.COMMAND_REFRESH), "force");
    MosquittoSub.Line line = watcher.awaitLine(l -> l.startsWith(resultTopic + " ") && l.contains("\"mode\":\"force\""),
        Duration.ofSeconds(20));
    JsonObject outcome = new JsonObject(line.text().substring(resultTopic.length() + 1));
    LOG.info("MEASURED demo: force outcome {} ms after mosquitto_pub: {}",
        TimeUnit.NANOSECONDS.toMillis(line.readNanos() - sentNanos), outcome.encode());
    assertTrue(Set.of("ok", "throttled").contains(outcome.getString("status")), outcome.encode());
    return outcome;
  }

  /**
   * Every topic the watcher saw with a payload that docs/mqtt-topics.md documents as retained (and every discovery
   * config) must reach a subscriber that comes later as {@code mosquitto_sub -F '%r %q %t'} prints it: retain 1
   * and the documented QoS.
   */
  private void assertLateSubscriberGetsEveryRetainedTopic(int port) {
    DocumentedTopics documented = DocumentedTopics.read(TOPICS.base(), HA_PREFIX);
    Map<String, String> lastPayload = new LinkedHashMap<>();
    for (MosquittoSub.Line line : watcher.lines()) {
      String[] topicAndPayload = line.text().split(" ", 2);
      lastPayload.put(topicAndPayload[0], topicAndPayload.length < 2 ? "" : topicAndPayload[1]);
    }
    List<String> expected = new ArrayList<>();
    // mosquitto_sub -v prints an empty payload (a cleared topic, e.g. status/error) as "(null)"
    lastPayload.forEach((topic, payload) -> documented.of(topic)
        .filter(row -> row.retained() && !payload.isEmpty() && !payload.equals("(null)"))
        .ifPresent(row -> expected.add("1 " + row.qos() + " " + topic)));
    for (String car : DEMO_CARS) {
      assertTrue(expected.contains("1 0 " + TOPICS.vehicle(car, Topics.STATUS_DATA_SOURCE)), expected.toString());
      assertTrue(expected.contains("1 1 " + TOPICS.vehicle(car, Topics.STATE)), expected.toString());
    }
    assertTrue(expected.contains("1 1 " + TOPICS.bridgeState()), expected.toString());
    assertTrue(expected.stream().filter(e -> e.contains(" " + HA_PREFIX + "/")).count() >= 40, expected.toString());

    try (MosquittoSub late = MosquittoSub.start("127.0.0.1", port,
        List.of("-q", "1", "-t", TOPICS.base() + "/#", "-t", HA_PREFIX + "/#", "-F", "%r %q %t"))) {
      for (String line : expected) {
        try {
          late.awaitLine(line::equals, Duration.ofSeconds(10));
        } catch (AssertionError missing) {
          throw new AssertionError("a late subscriber never got \"" + line + "\"", missing);
        }
      }
    }
    LOG.info("MEASURED demo: a late subscriber got all {} retained topics with retain 1 and the documented QoS",
        expected.size());
  }

  /** What a new subscriber finds retained under demo/, hyundai/ and the discovery prefix of the test's own broker. */
  private static List<String> retainedLeftOn(int port) {
    String marker = "test-marker/" + UUID.randomUUID();
    MosquittoSub.publish("127.0.0.1", port, List.of("-t", marker, "-r", "-q", "1", "-m", "end"));
    // Mosquitto queues the retained messages of a SUBSCRIBE filter by filter, so the marker's comes after all others
    try (MosquittoSub late = MosquittoSub.start("127.0.0.1", port, List.of("-q", "1", "-t", DEMO_TOPICS.base() + "/#",
        "-t", TOPICS.base() + "/#", "-t", HA_PREFIX + "/#", "-t", marker, "-F", "%r %t"))) {
      late.awaitLine(("1 " + marker)::equals, Duration.ofSeconds(10));
      return late.lines().stream().map(MosquittoSub.Line::text).filter(l -> !l.endsWith(marker)).toList();
    }
  }

  private static int embeddedBrokerPort(String log) {
    Matcher m = Pattern.compile(Pattern.quote(EMBEDDED_STARTED) + "(\\d+)").matcher(log);
    assertTrue(m.find(), log);
    return Integer.parseInt(m.group(1));
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
