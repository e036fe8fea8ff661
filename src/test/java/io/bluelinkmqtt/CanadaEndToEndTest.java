package io.bluelinkmqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.cloud.CloudModules;
import io.bluelinkmqtt.config.AppConfig;
import io.bluelinkmqtt.config.ConfigParser;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.sim.canada.CaCallLog;
import io.bluelinkmqtt.domain.Region;
import io.bluelinkmqtt.sim.canada.CaSimCar;
import io.bluelinkmqtt.sim.canada.CaSimEndpoint;
import io.bluelinkmqtt.sim.canada.CaSimSettings;
import io.bluelinkmqtt.sim.canada.CaSimulator;
import io.bluelinkmqtt.testsupport.ActionOutcomes;
import io.bluelinkmqtt.testsupport.Await;
import io.bluelinkmqtt.testsupport.MqttObserver;
import io.bluelinkmqtt.testsupport.MqttObserver.Received;
import io.bluelinkmqtt.testsupport.SimulatedAccount;
import io.bluelinkmqtt.testsupport.TestBroker;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole bridge between a real Mosquitto and the Canadian simulator, for Kia, Hyundai and Genesis alike (one
 * module, one protocol): the first login's one-time code answered over MQTT, a restart without a login or a code,
 * cached and forced reads, an action, a token the cloud refuses mid-command (exactly one new login), and the
 * daily limit (budget exhausted, then denied) — with the simulator's call counts.
 */
@ExtendWith(VertxExtension.class)
class CanadaEndToEndTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private Vertx vertx;
  private TestBroker broker;
  private CaSimulator sim;
  private BridgeApplication app;
  private MqttObserver observer;
  private String base;
  private Path stateDir;
  private CaSimCar ev;
  private CaSimCar ice;

  /**
   * One bridge start and stop before the tests, outside any test: on a loaded machine loading every verticle's
   * classes for the first time keeps an event loop busy past the strict 200 ms checker.
   */
  @BeforeAll
  static void warmUp() throws Exception {
    Vertx warm = Vertx.vertx();
    CanadaEndToEndTest test = new CanadaEndToEndTest();
    try {
      test.start(warm);
      test.simulator(Brand.KIA, CaSimSettings.defaults(Brand.KIA).withMfa(false));
      test.bridge(Map.of());
      test.awaitStartUpReads();
    } finally {
      test.stop();
      Await.result(warm.close(), WAIT);
    }
  }

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    broker = TestBroker.start("CanadaEndToEndTest");
    base = "ca" + UUID.randomUUID().toString().substring(0, 8);
    stateDir = Files.createTempDirectory("bluelink-ca-e2e");
    observer = Await.result(MqttObserver.start(vertx, broker.host(), broker.port(), base + "/#"), WAIT);
  }

  @AfterEach
  void stop() throws Exception {
    if (app != null) {
      Await.result(app.stop().otherwiseEmpty(), WAIT);
    }
    Await.result(observer.clearRetained().otherwiseEmpty().compose(v -> observer.close()), WAIT);
    if (sim != null) {
      Await.result(sim.stop(), WAIT);
    }
    broker.close();
  }

  private void simulator(Brand brand, CaSimSettings settings) {
    sim = new CaSimulator(vertx, settings.withActionDelay(Duration.ofMillis(50)));
    Await.result(sim.start(), WAIT);
    ev = sim.cars().stream().filter(CaSimCar::electric).findFirst().orElseThrow();
    ice = sim.cars().stream().filter(c -> !c.electric()).findFirst().orElseThrow();
  }

  private void bridge(Map<String, String> extra) {
    bridge(extra, java.time.Clock.systemUTC());
  }

  private void bridge(Map<String, String> extra, java.time.Clock clock) {
    CaSimSettings s = sim.settings();
    Map<String, String> env = SimulatedAccount.withBroker(SimulatedAccount.env(Region.CANADA, s.brand(), s.username(),
        s.password(), s.pin(), stateDir), broker, base);
    env.put("BLUELINK_CA_URL", sim.baseUrl());
    env.put("MIN_FORCE_INTERVAL_SECONDS", "0");
    env.put("MIN_READ_INTERVAL_SECONDS", "0");
    // the region default (24 a day) would be spent by the tests; the simulator keeps its own quota
    env.put("API_DAILY_CALL_CAP", "500");
    env.putAll(extra);
    JsonObject file = new JsonObject().put("api", new JsonObject().put("actionPollIntervalMs", 30)
        .put("actionDeadlineMs", 3_000));
    AppConfig config = ConfigParser.parse(file, env, path -> "", false, CloudModules.supported());
    app = new BridgeApplication(vertx, config, clock);
    Await.result(app.start(), WAIT);
  }

  private Received await(String topic, Predicate<Received> match) {
    return Await.result(observer.awaitMessage(base + "/" + topic, match), WAIT);
  }

  /** Both cars' start-up reads are out (the gasoline car has no battery level). */
  private void awaitStartUpReads() {
    await(ev.vehicleId() + "/battery/level", m -> !m.payload().isEmpty());
    await(ice.vehicleId() + "/doors/locked", m -> !m.payload().isEmpty());
  }

  private JsonObject command(CaSimCar car, String command, String payload, String id) {
    observer.publish(base + "/" + car.vehicleId() + "/commands/" + command, payload, 1, false);
    Received r = await(car.vehicleId() + "/commands/result", m -> {
      JsonObject json = new JsonObject(m.payload());
      return id.equals(json.getString("id")) && json.getBoolean("final", true);
    });
    return new JsonObject(r.payload());
  }

  /** The outcome of command {@code id}, on the car's or the bridge's result topic. */
  private io.vertx.core.Future<Received> resultOf(String id) {
    return observer.awaitAny(m -> m.topic().endsWith("/commands/result") && m.payload().contains("\"" + id + "\""));
  }

  private JsonObject outcome(String id) {
    return new JsonObject(Await.result(resultOf(id), WAIT).payload());
  }

  /** Every outcome of the command {@code id} on the car's result topic, once its final one is in. */
  private List<JsonObject> act(CaSimCar car, String command, String payload, String id) {
    command(car, command, payload, id);
    return observer.messages(base + "/" + car.vehicleId() + "/commands/result").stream()
        .map(m -> new JsonObject(m.payload())).filter(json -> id.equals(json.getString("id"))).toList();
  }



  /** The QoS 1 limit on the car's {@code topic} once it reads {@code value}. */
  private void awaitLimit(CaSimCar car, String topic, int value) {
    Received limit = await(car.vehicleId() + "/" + topic,
        m -> !m.payload().isEmpty() && Integer.valueOf(value).equals(new JsonObject(m.payload()).getValue("value")));
    assertEquals("%", new JsonObject(limit.payload()).getString("unit"), limit.payload());
    assertEquals(1, limit.qos(), topic);
  }

  /** What a subscriber arriving now finds retained on the car's {@code topic}. */
  private int retainedValue(CaSimCar car, String topic) {
    String full = base + "/" + car.vehicleId() + "/" + topic;
    MqttObserver late = Await.result(MqttObserver.start(vertx, broker.host(), broker.port(), full), WAIT);
    Received stored = Await.result(late.awaitMessage(full, m -> true).eventually(late::close), WAIT);
    assertTrue(stored.retain(), topic);
    return new JsonObject(stored.payload()).getInteger("value");
  }

  private JsonObject tsoc(int dc, int ac) {
    return new JsonObject().put("tsoc", new io.vertx.core.json.JsonArray()
            .add(new JsonObject().put("plugType", 0).put("level", dc))
            .add(new JsonObject().put("plugType", 1).put("level", ac)))
        .put("pin", sim.settings().pin());
  }

  private int count(CaSimEndpoint endpoint) {
    return sim.calls().count(endpoint);
  }

  @Test
  @Timeout(value = 90, timeUnit = TimeUnit.SECONDS)
  @DisplayName("Kia: the first login's code over MQTT (required, send, code, accepted), cached, forced, unlock; a "
      + "restart needs neither a login nor a code")
  void firstLoginWithTheCodeThenRestart() {
    simulator(Brand.KIA, CaSimSettings.defaults(Brand.KIA));
    bridge(Map.of());

    Received required = await("bridge/otp", m -> m.payload().contains("\"required\""));
    JsonObject request = new JsonObject(required.payload());
    MqttObserver late = Await.result(MqttObserver.start(vertx, broker.host(), broker.port(), base + "/bridge/otp"),
        WAIT);
    Received stored = Await.result(late.awaitMessage(base + "/bridge/otp", m -> true).eventually(late::close), WAIT);
    assertTrue(stored.retain(), "the request waits on the broker for the owner");
    assertEquals(List.of("email"), request.getJsonArray("channels").getList());
    assertEquals("o***@e***.ca", request.getString("destination_hint"));
    assertEquals(0, count(CaSimEndpoint.MFA_SEND), "nothing is sent before the owner asks (or 60 s pass)");

    observer.publish(base + "/bridge/commands/otp", "{\"send\":\"email\"}", 1, false);
    Await.condition(vertx, () -> sim.lastCode() != null, WAIT);
    observer.publish(base + "/bridge/commands/otp", "{\"code\":\"" + sim.lastCode() + "\"}", 1, false);
    await("bridge/otp", m -> m.payload().contains("\"accepted\""));
    awaitStartUpReads();
    await("bridge/otp", m -> m.payload().isEmpty());

    assertEquals(1, count(CaSimEndpoint.LOGIN), "one login: 7110");
    assertEquals(1, count(CaSimEndpoint.MFA_SELECT));
    assertEquals(1, count(CaSimEndpoint.MFA_SEND));
    assertEquals(1, count(CaSimEndpoint.MFA_VALIDATE));
    assertEquals(1, count(CaSimEndpoint.MFA_TOKEN));
    assertEquals(1, count(CaSimEndpoint.VEHICLES));

    int cachedBefore = count(CaSimEndpoint.STATUS_CACHED);
    JsonObject cached = command(ev, "refresh", "{\"mode\":\"cached\",\"id\":\"c-1\"}", "c-1");
    assertEquals("ok", cached.getString("status"), cached.encode());
    assertEquals(cachedBefore + 1, count(CaSimEndpoint.STATUS_CACHED));
    Received odometer = await(ev.vehicleId() + "/vehicle/odometer", m -> !m.payload().isEmpty());
    assertEquals(23_456, new JsonObject(odometer.payload()).getDouble("value"), 0.01);
    await(ev.vehicleId() + "/vehicle/location", m -> m.payload().contains("49.2827"));
    assertEquals("km", new JsonObject(odometer.payload()).getString("unit"), odometer.payload());

    JsonObject forced = command(ev, "refresh", "{\"mode\":\"force\",\"id\":\"f-1\"}", "f-1");
    assertEquals("ok", forced.getString("status"), forced.encode());
    assertEquals("fresh", forced.getString("data_source"), forced.encode());
    assertEquals(1, count(CaSimEndpoint.STATUS_FORCE));

    int pinTokens = count(CaSimEndpoint.VERIFY_PIN);
    JsonObject unlock = command(ev, "lock", "{\"action\":\"unlock\",\"id\":\"u-1\"}", "u-1");
    assertEquals("ok", unlock.getString("status"), unlock.encode());
    assertEquals(pinTokens + 1, count(CaSimEndpoint.VERIFY_PIN), "a fresh pAuth for the command");
    assertEquals(1, count(CaSimEndpoint.UNLOCK));
    assertNotNull(sim.calls().of(CaSimEndpoint.UNLOCK).get(0).pAuth());
    assertFalse(ev.locked());
    await(ev.vehicleId() + "/doors/locked", m -> m.payload().contains("false"));

    Await.result(app.stop(), WAIT);
    app = null;
    observer.clear();
    bridge(Map.of());
    awaitStartUpReads();
    JsonObject again = command(ev, "refresh", "{\"mode\":\"cached\",\"id\":\"c-2\"}", "c-2");
    assertEquals("ok", again.getString("status"), again.encode());
    assertEquals(1, count(CaSimEndpoint.LOGIN), "the restart used the stored session");
    assertEquals(1, count(CaSimEndpoint.MFA_SEND), "and asked for no code");
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  @DisplayName("Hyundai: the cloud refuses the token (7403) mid-command: exactly one new login, the lock goes "
      + "through once")
  void refusedTokenMidCommandMeansOneLogin() {
    simulator(Brand.HYUNDAI, CaSimSettings.defaults(Brand.HYUNDAI).withMfa(false));
    bridge(Map.of());
    awaitStartUpReads();
    assertEquals(1, count(CaSimEndpoint.LOGIN));

    int pinTokens = count(CaSimEndpoint.VERIFY_PIN);
    sim.expireTokens();
    JsonObject lock = command(ev, "lock", "{\"action\":\"lock\",\"id\":\"l-1\"}", "l-1");

    assertEquals("ok", lock.getString("status"), lock.encode());
    assertEquals(2, count(CaSimEndpoint.LOGIN), "exactly one new login");
    assertEquals(1, count(CaSimEndpoint.LOCK), "the command itself sent once");
    assertEquals(pinTokens + 2, count(CaSimEndpoint.VERIFY_PIN), "the refused pAuth request, then a fresh one");
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  @DisplayName("Genesis: the daily limit answer marks the budget exhausted; the next force is denied with no call")
  void dailyLimitExhaustsTheBudget() {
    // the vehicle list and the two start-up reads (EV: status, odometer, limits, PIN token, location; gasoline:
    // status, odometer, PIN token, location)
    simulator(Brand.GENESIS, CaSimSettings.defaults(Brand.GENESIS).withMfa(false).withDailyQuota(10));
    bridge(Map.of());
    awaitStartUpReads();

    JsonObject limited = command(ev, "refresh", "{\"mode\":\"force\",\"id\":\"q-1\"}", "q-1");
    assertEquals("failed", limited.getString("status"), limited.encode());
    assertEquals("rate_limited", limited.getString("reason"), limited.encode());
    int calls = sim.calls().total();

    JsonObject denied = command(ev, "refresh", "{\"mode\":\"force\",\"id\":\"q-2\"}", "q-2");
    assertEquals("denied", denied.getString("status"), denied.encode());
    assertEquals("budget", denied.getString("reason"), denied.encode());
    assertEquals(calls, sim.calls().total(), "nothing more reached the cloud");
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  @DisplayName("wrong codes over MQTT: rejected with tries left, the last one expired; one login, no second "
      + "dialogue, and the commands after it answer login_pending without a call")
  void wrongCodesEndTheChallenge() {
    simulator(Brand.KIA, CaSimSettings.defaults(Brand.KIA));
    bridge(Map.of());
    await("bridge/otp", m -> m.payload().contains("\"required\""));
    observer.publish(base + "/bridge/commands/otp", "{\"send\":\"email\"}", 1, false);
    Await.condition(vertx, () -> sim.lastCode() != null, WAIT);
    String wrong = "000000".equals(sim.lastCode()) ? "111111" : "000000";

    observer.publish(base + "/bridge/commands/otp", "{\"code\":\"" + wrong + "\"}", 1, false);
    JsonObject rejected = new JsonObject(await("bridge/otp", m -> m.payload().contains("\"rejected\"")).payload());
    assertEquals(2, rejected.getInteger("tries_left"), rejected.encode());
    observer.publish(base + "/bridge/commands/otp", "{\"code\":\"" + wrong + "\"}", 1, false);
    await("bridge/otp", m -> m.payload().contains("\"tries_left\":1"));
    observer.publish(base + "/bridge/commands/otp", "{\"code\":\"" + wrong + "\"}", 1, false);
    await("bridge/otp", m -> m.payload().contains("\"expired\""));

    assertEquals(1, count(CaSimEndpoint.LOGIN));
    assertEquals(1, count(CaSimEndpoint.MFA_SELECT), "no second dialogue");
    assertEquals(3, count(CaSimEndpoint.MFA_VALIDATE));
    assertEquals(0, count(CaSimEndpoint.MFA_TOKEN));
    int calls = sim.calls().total();
    observer.publish(base + "/" + ev.vehicleId() + "/commands/refresh", "{\"mode\":\"cached\",\"id\":\"p-1\"}", 1,
        false);
    // no login may fetch the vehicle list now: the command is answered at once, and nothing reaches the cloud
    JsonObject pending = outcome("p-1");
    assertEquals("login_pending", pending.getString("reason"), pending.encode());
    assertEquals(calls, sim.calls().total(), "no login while the owner has not answered");
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  @DisplayName("a code that never comes: the code goes by e-mail after 60 s, the request expires after 10 min; a "
      + "command meanwhile and after answers without any login call; one login, one dialogue")
  void codeThatNeverComes() {
    io.bluelinkmqtt.testsupport.TestClock clock = io.bluelinkmqtt.testsupport.TestClock.at("2026-12-01T15:00:00Z");
    simulator(Brand.KIA, CaSimSettings.defaults(Brand.KIA).withClock(clock));
    bridge(Map.of(), clock);
    await("bridge/otp", m -> m.payload().contains("\"required\""));
    assertEquals(0, count(CaSimEndpoint.MFA_SEND));

    clock.advance(Duration.ofSeconds(61));
    Await.condition(vertx, () -> count(CaSimEndpoint.MFA_SEND) == 1, WAIT);
    await("bridge/otp", m -> m.payload().contains("\"sent_via\":\"email\""));
    observer.publish(base + "/" + ev.vehicleId() + "/commands/refresh", "{\"mode\":\"cached\",\"id\":\"w-1\"}", 1,
        false);
    JsonObject during = outcome("w-1");
    assertEquals("login_pending", during.getString("reason"), during.encode());

    clock.advance(Duration.ofMinutes(10));
    await("bridge/otp", m -> m.payload().contains("\"expired\""));
    await("bridge/otp", m -> m.payload().isEmpty());
    observer.publish(base + "/" + ev.vehicleId() + "/commands/refresh", "{\"mode\":\"cached\",\"id\":\"w-2\"}", 1,
        false);
    // no login until the owner speaks again: the command is answered at once, nothing reaches the cloud
    JsonObject after = outcome("w-2");
    assertEquals("login_pending", after.getString("reason"), after.encode());

    assertEquals(1, count(CaSimEndpoint.LOGIN), "no second login, before or after the expiry");
    assertEquals(1, count(CaSimEndpoint.MFA_SELECT), "no second dialogue");
    assertEquals(1, count(CaSimEndpoint.MFA_SEND));
    assertEquals(0, count(CaSimEndpoint.MFA_VALIDATE));
    assertEquals(0, count(CaSimEndpoint.VEHICLES));
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  @DisplayName("Kia: charge_limits on evc/setsoc (from SPA, remote Referer, tsoc + PIN, a fresh pAuth; a level left "
      + "out keeps the car's), the new limits on ev/charge_limit(_dc) after the read; horn_lights on hornlight; the "
      + "hazard lights alone and a gasoline car's limits are unsupported with no call")
  void chargeLimitsAndHornLights() {
    simulator(Brand.KIA, CaSimSettings.defaults(Brand.KIA).withMfa(false));
    bridge(Map.of());
    awaitStartUpReads();
    awaitLimit(ev, "ev/charge_limit", 90);
    awaitLimit(ev, "ev/charge_limit_dc", 80);

    int pinTokens = count(CaSimEndpoint.VERIFY_PIN);
    List<JsonObject> first = act(ev, "charge_limits", "{\"ac\":60,\"dc\":100,\"id\":\"cl-1\"}", "cl-1");
    ActionOutcomes.assertAcceptedThenOk(first, "charge_limits");
    assertEquals(pinTokens + 1, count(CaSimEndpoint.VERIFY_PIN), "a fresh pAuth for the command");
    List<CaCallLog.Call> sent = sim.calls().of(CaSimEndpoint.SET_CHARGE_LIMITS);
    assertEquals(1, sent.size());
    CaCallLog.Call set = sent.get(0);
    assertEquals(tsoc(100, 60), new JsonObject(set.body()));
    assertEquals(ev.vehicleId(), set.vehicleId());
    assertNotNull(set.pAuth());
    assertEquals("SPA", set.from());
    assertTrue(set.referer().endsWith("/remote/"), set.referer());
    assertTrue(sim.calls().of(CaSimEndpoint.ACTION_STATUS).stream().anyMatch(c -> set.pAuth().equals(c.pAuth())),
        "its state asked on rmtsts with the command's pAuth");
    assertEquals(60, ev.chargeLimitAc());
    assertEquals(100, ev.chargeLimitDc());
    awaitLimit(ev, "ev/charge_limit", 60);
    awaitLimit(ev, "ev/charge_limit_dc", 100);

    List<JsonObject> second = act(ev, "charge_limits", "{\"dc\":70,\"id\":\"cl-2\"}", "cl-2");
    ActionOutcomes.assertAcceptedThenOk(second, "charge_limits");
    assertEquals(tsoc(70, 60), new JsonObject(sim.calls().of(CaSimEndpoint.SET_CHARGE_LIMITS).get(1).body()),
        "the AC level left out is the car's current one");
    awaitLimit(ev, "ev/charge_limit_dc", 70);
    assertEquals(60, retainedValue(ev, "ev/charge_limit"));
    assertEquals(70, retainedValue(ev, "ev/charge_limit_dc"));
    // the read after the action is over (its limits are out): from here on, every call is the next command's
    int total = sim.calls().total();
    ActionOutcomes.assertUnsupportedWithoutCall(act(ice, "hazard", "{\"action\":\"on\",\"id\":\"hz-1\"}", "hz-1"),
        "hazard");
    ActionOutcomes.assertUnsupportedWithoutCall(act(ice, "charge_limits", "{\"ac\":80,\"dc\":80,\"id\":\"cl-3\"}", "cl-3"),
        "charge_limits");
    assertEquals(total, sim.calls().total(), "nothing sent for what the region or the car lacks");

    List<JsonObject> horn = act(ice, "horn_lights", "{\"action\":\"on\",\"id\":\"hl-1\"}", "hl-1");
    ActionOutcomes.assertAcceptedThenOk(horn, "horn_lights");
    List<CaCallLog.Call> signals = sim.calls().of(CaSimEndpoint.HORN_LIGHTS);
    assertEquals(1, signals.size());
    assertEquals(new JsonObject().put("pin", sim.settings().pin()), new JsonObject(signals.get(0).body()));
    assertEquals(ice.vehicleId(), signals.get(0).vehicleId());
    assertNotNull(signals.get(0).pAuth());
    assertTrue(signals.get(0).referer().endsWith("/remote/"), signals.get(0).referer());
    assertEquals(1, ice.signals(), "the car sounded the horn once");

  }
}
