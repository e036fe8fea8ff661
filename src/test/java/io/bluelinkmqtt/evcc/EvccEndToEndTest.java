package io.bluelinkmqtt.evcc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.BridgeApplication;
import io.bluelinkmqtt.config.AppConfig;
import io.bluelinkmqtt.config.ConfigParser;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.sim.EuSimulator;
import io.bluelinkmqtt.sim.SimCar;
import io.bluelinkmqtt.sim.SimEndpoint;
import io.bluelinkmqtt.sim.SimulatorSettings;
import io.bluelinkmqtt.testsupport.Await;
import io.bluelinkmqtt.testsupport.MqttObserver;
import io.bluelinkmqtt.testsupport.MqttObserver.Received;
import io.bluelinkmqtt.testsupport.SimulatedAccount;
import io.bluelinkmqtt.testsupport.TestBroker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The evcc configuration of docs/evcc.md against the whole bridge ({@link BridgeApplication}), the EU simulator's
 * demo fleet and a real Mosquitto: every topic the doc names carries what evcc's parsers accept, with the values
 * of the bridge's own JSON leaves, and the doc's {@code wakeup} is a smart refresh that cannot wake a car twice.
 */
@ExtendWith(VertxExtension.class)
class EvccEndToEndTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  /** What Go's strconv.ParseFloat takes without exponent, hex, NaN or Inf: the form the bridge must send. */
  private static final Pattern PLAIN_NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
  /** The keys evcc's mqtt source knows (plugin/mqtt.go) that this configuration may use. */
  private static final Set<String> MQTT_SOURCE_KEYS = Set.of("source", "topic", "payload");
  /** evcc's wake-up attempts while a plugged-in car draws no current (core/timer.go, wakeupAttempts). */
  private static final int EVCC_WAKEUP_ATTEMPTS = 6;

  private TestBroker broker;
  private EuSimulator simulator;
  private BridgeApplication app;
  private MqttObserver observer;
  private String base;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    broker = TestBroker.start("EvccEndToEndTest");
    base = "evcc" + UUID.randomUUID().toString().substring(0, 8);
    simulator = new EuSimulator(vertx, SimulatorSettings.defaults(Brand.HYUNDAI));
    Await.result(simulator.start(), WAIT);
    Map<String, String> env = SimulatedAccount.env(simulator, Files.createTempDirectory("bluelink-evcc"));
    env.put("MQTT_BROKER_HOST", broker.host());
    env.put("MQTT_BROKER_PORT", Integer.toString(broker.port()));
    env.put("MQTT_BASE_TOPIC", base);
    env.put("MQTT_CLIENT_ID", base + "-bridge");
    env.put("HA_DISCOVERY", "false");
    env.put("HTTP_PORT", "0"); // evcc needs no status page: HTTP off, so no fixed port is taken
    AppConfig config = ConfigParser.parse(new JsonObject(), env, path -> "", false,
        io.bluelinkmqtt.cloud.CloudModules.supported());
    observer = Await.result(MqttObserver.start(vertx, broker.host(), broker.port(), base + "/#"), WAIT);
    app = new BridgeApplication(vertx, config);
    Await.result(app.start(), WAIT);
  }

  @AfterEach
  void stop() throws Exception {
    if (app != null) {
      Await.result(app.stop().recover(e -> Future.succeededFuture()), WAIT);
    }
    if (observer != null) {
      Await.result(observer.awaitPayload(base + "/bridge/state", "offline").compose(x -> observer.clearRetained())
          .compose(x -> observer.close()).recover(e -> Future.succeededFuture()), WAIT);
    }
    if (simulator != null) {
      Await.result(simulator.stop(), WAIT);
    }
    broker.close();
  }

  @Test
  @DisplayName("both demo cars: soc, range, odometer, limitsoc and status as evcc parses them, retained for an evcc "
      + "that starts later, equal to the bridge's own values")
  void everyValueEvccReads(Vertx vertx) {
    EvccDoc doc = EvccDoc.read();
    for (String key : EvccDoc.GETTERS) {
      Map<String, Object> plugin = doc.plugin(key);
      assertEquals("mqtt", plugin.get("source"), key);
      assertTrue(MQTT_SOURCE_KEYS.containsAll(plugin.keySet()), key + " uses keys this bridge does not expect: "
          + plugin.keySet());
      assertFalse(plugin.containsKey("timeout"), key + ": a timeout makes evcc drop values between reads");
    }
    assertEquals("custom", doc.get("type"));
    List<SimCar> cars = simulator.cars();
    assertEquals(2, cars.size());
    for (SimCar car : cars) {
      String id = car.vehicleId();
      // the bridge's start-up refresh has published the car
      Await.result(observer.awaitMessage(doc.topic("status", base, id), m -> true), WAIT);
      Map<String, String> evcc = readAsEvccDoes(vertx, doc, id);
      JsonObject state = new JsonObject(Await.result(observer.awaitMessage(base + "/" + id + "/state", m -> true),
          WAIT).payload());

      double soc = evccFloat(evcc.get("soc"));
      assertEquals(state.getJsonObject("battery").getInteger("level").doubleValue(), soc, id);
      assertTrue(soc >= 0 && soc <= 100, "soc " + soc);
      assertEquals("km", state.getJsonObject("units").getString("ev/range"), "the demo cars report km");
      assertEquals(Math.round(state.getJsonObject("ev").getDouble("range")), evccInt(evcc.get("range")), id);
      assertEquals(state.getJsonObject("vehicle").getDouble("odometer"), evccFloat(evcc.get("odometer")), 0.05, id);
      assertEquals(state.getJsonObject("ev").getInteger("charge_limit").longValue(), evccInt(evcc.get("limitsoc")), id);
      JsonObject battery = state.getJsonObject("battery");
      String expected = "charging".equals(battery.getString("charging_status")) ? "C"
          : "connected".equals(battery.getString("plug_status")) ? "B" : "A";
      assertEquals(expected, evccStatus(evcc.get("status")), id + " " + battery.encode());
    }
  }

  @Test
  @DisplayName("the doc's wakeup is answered as smart:900 ok; evcc's six wake-ups in a row wake the car at most once")
  void wakeupIsASmartRefresh() {
    EvccDoc doc = EvccDoc.read();
    Map<String, Object> wakeup = doc.plugin("wakeup");
    assertEquals("mqtt", wakeup.get("source"));
    assertTrue(MQTT_SOURCE_KEYS.containsAll(wakeup.keySet()), wakeup.keySet().toString());
    String payload = (String) wakeup.get("payload");
    // evcc runs the payload through Go's text/template and its ${…} replacement: neither may change it
    assertFalse(payload.contains("{{") || payload.contains("${"), payload);
    String id = simulator.cars().get(0).vehicleId();
    String topic = doc.topic("wakeup", base, id);
    assertEquals(base + "/" + id + "/commands/refresh", topic);
    Await.result(observer.awaitMessage(doc.topic("soc", base, id), m -> true), WAIT);

    for (int attempt = 1; attempt <= EVCC_WAKEUP_ATTEMPTS; attempt++) {
      observer.clear();
      Future<Received> result = observer.awaitMessage(base + "/" + id + "/commands/result",
          m -> m.payload().contains("\"evcc-wakeup\""));
      Await.result(observer.publish(topic, payload, 1, false), WAIT);
      JsonObject outcome = new JsonObject(Await.result(result, WAIT).payload());
      assertEquals("smart:900", outcome.getString("mode"), outcome.encode());
      assertEquals("ok", outcome.getString("status"), outcome.encode());
    }
    assertTrue(simulator.calls().count(SimEndpoint.STATUS_FORCE, id) <= 1,
        "wakes: " + simulator.calls().count(SimEndpoint.STATUS_FORCE, id));
  }

  /** What an evcc started now receives: the retained payload of each documented topic. */
  private Map<String, String> readAsEvccDoes(Vertx vertx, EvccDoc doc, String vehicleId) {
    Map<String, String> topics = new LinkedHashMap<>();
    EvccDoc.GETTERS.forEach(key -> topics.put(key, doc.topic(key, base, vehicleId)));
    MqttObserver evcc = Await.result(MqttObserver.start(vertx, broker.host(), broker.port(),
        topics.values().toArray(String[]::new)), WAIT);
    try {
      Map<String, String> payloads = new LinkedHashMap<>();
      topics.forEach((key, topic) -> {
        Received r = Await.result(evcc.awaitMessage(topic, m -> true), WAIT);
        assertTrue(r.retain(), topic + " must be retained for an evcc that starts later");
        payloads.put(key, r.payload());
      });
      return payloads;
    } finally {
      Await.result(evcc.close(), WAIT);
    }
  }

  /** evcc's FloatGetter: strconv.ParseFloat of the whole payload. */
  private static double evccFloat(String payload) {
    assertTrue(PLAIN_NUMBER.matcher(payload).matches(), "not a plain number: '" + payload + "'");
    return Double.parseDouble(payload);
  }

  /** evcc's IntGetter: the float, truncated; the bridge sends whole numbers so nothing is lost. */
  private static long evccInt(String payload) {
    double value = evccFloat(payload);
    assertEquals(Math.floor(value), value, "a whole number: " + payload);
    return (long) value;
  }

  /** evcc's api.ChargeStatusString; the bridge sends exactly one of its three letters. */
  private static String evccStatus(String payload) {
    assertTrue(Set.of("A", "B", "C").contains(payload), "status must be A, B or C: '" + payload + "'");
    return payload;
  }
}
