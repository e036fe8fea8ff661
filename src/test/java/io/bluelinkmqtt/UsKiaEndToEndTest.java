package io.bluelinkmqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.cloud.CloudModules;
import io.bluelinkmqtt.config.AppConfig;
import io.bluelinkmqtt.config.ConfigParser;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.Region;
import io.bluelinkmqtt.sim.uskia.UsKiaSimCalls.Endpoint;
import io.bluelinkmqtt.sim.uskia.UsKiaSimCar;
import io.bluelinkmqtt.sim.uskia.UsKiaSimSettings;
import io.bluelinkmqtt.sim.uskia.UsKiaSimulator;
import io.bluelinkmqtt.testsupport.ActionOutcomes;
import io.bluelinkmqtt.testsupport.Await;
import io.bluelinkmqtt.testsupport.LogCapture;
import io.bluelinkmqtt.testsupport.MqttObserver;
import io.bluelinkmqtt.testsupport.MqttObserver.Received;
import io.bluelinkmqtt.testsupport.SimulatedAccount;
import io.bluelinkmqtt.testsupport.TestBroker;
import io.bluelinkmqtt.testsupport.TestClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * USA Kia through the whole bridge, a real Mosquitto and the US Kia simulator: the first login's one-time code
 * answered over MQTT, a restart on the stored session (no login, no code), cached, forced, a lock, a session that ends
 * early (exactly one re-login and a new vehicle list), the quota, and every way a code can go wrong (issue 13, done
 * when 2 and 3), each with the simulator's call counts.
 */
class UsKiaEndToEndTest {

  private static final Duration WAIT = Duration.ofSeconds(15);

  private final Vertx vertx = Vertx.vertx();
  private final TestClock clock = TestClock.at("2026-12-01T15:00:00Z");
  private TestBroker broker;
  private UsKiaSimulator simulator;
  private BridgeApplication app;
  private MqttObserver observer;
  private String base;
  private Path stateDir;
  private UsKiaSimCar niro;

  @BeforeEach
  void start() throws Exception {
    broker = TestBroker.start("UsKiaEndToEndTest");
    base = "kia" + UUID.randomUUID().toString().substring(0, 8);
    stateDir = Files.createTempDirectory("bluelink-uskia");
    observer = Await.result(MqttObserver.start(vertx, broker.host(), broker.port(), base + "/#"), WAIT);
  }

  @AfterEach
  void stop() throws Exception {
    if (app != null) {
      Await.result(app.stop().recover(e -> Future.succeededFuture()), WAIT);
    }
    Await.result(observer.clearRetained().compose(v -> observer.close()), WAIT);
    if (simulator != null) {
      Await.result(simulator.stop(), WAIT);
    }
    Await.result(vertx.fileSystem().deleteRecursive(stateDir.toString()), WAIT);
    Await.result(vertx.close(), WAIT);
    broker.close();
  }

  private void simulator(UsKiaSimSettings settings) {
    simulator = new UsKiaSimulator(vertx, settings);
    niro = simulator.cars().get(0);
    Await.result(simulator.start(), WAIT);
  }

  private void bridge(Clock bridgeClock) {
    bridge(bridgeClock, Map.of());
  }

  private void bridge(Clock bridgeClock, Map<String, String> extra) {
    // a PIN: the action policy wants one; the US Kia cloud asks for none
    Map<String, String> env = SimulatedAccount.withBroker(SimulatedAccount.env(Region.USA, Brand.KIA,
        simulator.settings().username(), simulator.settings().password(), "1234", stateDir), broker, base);
    env.put("BLUELINK_KIA_US_URL", simulator.baseUrl());
    env.putAll(extra);
    JsonObject file = new JsonObject().put("api", new JsonObject().put("actionPollIntervalMs", 20)
        .put("actionDeadlineMs", 2_000));
    AppConfig config = ConfigParser.parse(file, env, path -> "", false, CloudModules.supported());
    app = new BridgeApplication(vertx, config, bridgeClock);
    Await.result(app.start(), WAIT);
  }

  private String otpTopic() {
    return base + "/bridge/otp";
  }

  private JsonObject otpState(String state) {
    return new JsonObject(Await.result(observer.awaitMessage(otpTopic(),
        m -> !m.payload().isEmpty() && state.equals(new JsonObject(m.payload()).getString("state"))), WAIT).payload());
  }

  /** The answer's outcome on bridge/commands/result. */
  private JsonObject answer(String payload, String id) {
    observer.publish(base + "/bridge/commands/otp", payload, 1, false);
    return new JsonObject(Await.result(observer.awaitMessage(base + "/bridge/commands/result",
        m -> id.equals(new JsonObject(m.payload()).getString("id"))), WAIT).payload());
  }

  private JsonObject command(UsKiaSimCar car, String command, String payload, String id) {
    observer.publish(base + "/" + car.id() + "/commands/" + command, payload, 1, false);
    return new JsonObject(Await.result(observer.awaitMessage(base + "/" + car.id() + "/commands/result", m -> {
      JsonObject json = new JsonObject(m.payload());
      return id.equals(json.getString("id")) && json.getBoolean("final");
    }), WAIT).payload());
  }

  /** Every outcome of the command {@code id} on the car's result topic, once its final one is in. */
  private List<JsonObject> act(UsKiaSimCar car, String command, String payload, String id) {
    command(car, command, payload, id);
    return observer.messages(base + "/" + car.id() + "/commands/result").stream()
        .map(m -> new JsonObject(m.payload())).filter(json -> id.equals(json.getString("id"))).toList();
  }



  /** The QoS 1 limit on {@code topic} once it reads {@code value}. */
  private void awaitLimit(UsKiaSimCar car, String topic, int value) {
    Received limit = Await.result(observer.awaitMessage(base + "/" + car.id() + "/" + topic,
        m -> !m.payload().isEmpty() && Integer.valueOf(value).equals(new JsonObject(m.payload()).getValue("value"))),
        WAIT);
    assertEquals("%", new JsonObject(limit.payload()).getString("unit"), limit.payload());
    assertEquals(1, limit.qos(), topic);
  }

  /** What a subscriber arriving now finds retained on the car's {@code topic}. */
  private int retainedValue(UsKiaSimCar car, String topic) {
    String full = base + "/" + car.id() + "/" + topic;
    MqttObserver late = Await.result(MqttObserver.start(vertx, broker.host(), broker.port(), full), WAIT);
    Received stored = Await.result(late.awaitMessage(full, m -> true).eventually(late::close), WAIT);
    assertTrue(stored.retain(), topic);
    return new JsonObject(stored.payload()).getInteger("value");
  }

  private static JsonObject targets(int dc, int ac) {
    return new JsonObject().put("targetSOClist", new JsonArray()
        .add(new JsonObject().put("plugType", 0).put("targetSOClevel", dc))
        .add(new JsonObject().put("plugType", 1).put("targetSOClevel", ac)));
  }

  private int count(Endpoint endpoint) {
    return simulator.calls().count(endpoint);
  }

  /** The first login: code required, sent by e-mail, accepted; the car's state follows. */
  private void firstLoginWithCode() {
    JsonObject required = otpState("required");
    assertEquals(new JsonArray().add("email").add("sms"), required.getJsonArray("channels"));
    assertEquals("o***@e***.com", required.getString("destination_hint"));
    assertNotNull(required.getString("expires_at"));
    assertEquals(1, count(Endpoint.AUTH_USER));
    assertEquals(0, count(Endpoint.SEND_OTP), "nothing is sent before the owner picks a channel (or 60 s pass)");

    assertEquals("ok", answer("{\"send\":\"email\",\"id\":\"s-1\"}", "s-1").getString("status"));
    assertEquals(1, count(Endpoint.SEND_OTP));
    Await.result(observer.awaitMessage(otpTopic(), m -> m.payload().contains("\"sent_via\":\"email\"")), WAIT);
    String code = simulator.lastCode();
    assertEquals("ok", answer("{\"code\":\"" + code + "\",\"id\":\"c-1\"}", "c-1").getString("status"));
    Received accepted = Await.result(observer.awaitPayload(otpTopic(), "{\"state\":\"accepted\"}"), WAIT);
    assertFalse(accepted.retain());
    Await.result(observer.awaitMessage(otpTopic(), m -> m.payload().isEmpty()), WAIT);
    assertEquals(2, count(Endpoint.AUTH_USER), "the code's login completed with one more authUser (sid + rmtoken)");
    assertEquals(1, count(Endpoint.VERIFY_OTP));
    Await.result(observer.awaitMessage(base + "/" + niro.id() + "/battery/level", m -> true), WAIT);
    Await.result(observer.awaitMessage(base + "/bridge/info", m -> m.payload().contains("NIRO EV")), WAIT);
  }

  @Test
  @DisplayName("first login with the code over MQTT; cached, forced, lock; a restart uses the stored session: no "
      + "login, no code; the code is never logged or published")
  void firstLoginRestartCachedForcedLock() throws Exception {
    simulator(UsKiaSimSettings.defaults(Clock.systemUTC()));
    try (LogCapture logs = LogCapture.attach()) {
      bridge(Clock.systemUTC());
      otpState("required");
      JsonObject early = command(niro, "refresh", "{\"mode\":\"cached\",\"id\":\"early\"}", "early");
      assertEquals("failed", early.getString("status"));
      assertEquals("login_pending", early.getString("reason"));
      assertEquals(1, count(Endpoint.AUTH_USER), "no second login while the code is awaited");
      firstLoginWithCode();

      JsonObject range = new JsonObject(Await.result(observer.awaitMessage(base + "/" + niro.id() + "/ev/range",
          m -> !m.payload().isEmpty()), WAIT).payload());
      assertEquals("mi", range.getString("unit"), "miles as the car reports them");
      JsonObject cached = command(niro, "refresh", "{\"mode\":\"cached\",\"id\":\"cached-1\"}", "cached-1");
      assertEquals("ok", cached.getString("status"), cached.encode());
      int forcesBefore = count(Endpoint.FORCE_STATUS);
      JsonObject forced = command(niro, "refresh", "{\"mode\":\"force\",\"id\":\"force-1\"}", "force-1");
      assertEquals("ok", forced.getString("status"), forced.encode());
      assertEquals("fresh", forced.getString("data_source"));
      assertEquals(forcesBefore + 1, count(Endpoint.FORCE_STATUS));
      JsonObject unlock = command(niro, "lock", "{\"action\":\"unlock\",\"id\":\"unlock-1\"}", "unlock-1");
      assertEquals("ok", unlock.getString("status"), unlock.encode());
      assertEquals(1, count(Endpoint.UNLOCK));
      assertFalse(niro.locked());
      JsonObject climate = command(niro, "climate", "{\"action\":\"start\",\"temperature\":22,\"id\":\"clim-1\"}",
          "clim-1");
      assertEquals("ok", climate.getString("status"), climate.encode());
      JsonObject setPoint = new JsonObject(Await.result(observer.awaitMessage(base + "/" + niro.id()
          + "/climate/set_temperature", m -> !m.payload().isEmpty()), WAIT).payload());
      assertEquals(72, setPoint.getInteger("value"), "22 °C on the car's °F dial, reported back in °F");
      assertEquals("°F", setPoint.getString("unit"));

      String code = simulator.lastCode();
      assertFalse(logs.text().contains(code), "the code is in the log");
      assertTrue(simulator.issuedSecrets().size() >= 4, "otpKey, sid, rmtoken, final sid");
      for (String secret : simulator.issuedSecrets()) {
        assertFalse(logs.text().contains(secret), "a session secret is in the log");
        observer.messages().forEach(m -> assertFalse(m.payload().contains(secret), m.topic()));
      }
      assertFalse(logs.text().contains(simulator.settings().password()), "the password is in the log");
      observer.messages().stream().filter(m -> !m.topic().equals(base + "/bridge/commands/otp")) // our own answer
          .forEach(m -> assertFalse(m.payload().contains(code), m.topic()));
    }

    Await.result(app.stop(), WAIT);
    app = null;
    int logins = count(Endpoint.AUTH_USER);
    observer.clear();
    bridge(Clock.systemUTC());
    // ready once the start-up refresh has an outcome; after the first run's calls it may find the budget down to
    // the user reserve (start-up reads may not use it), so its status is not asserted
    Await.result(observer.awaitMessage(base + "/" + niro.id() + "/commands/result",
        m -> "initial-refresh".equals(new JsonObject(m.payload()).getString("id"))), WAIT);
    JsonObject afterRestart = command(niro, "refresh", "{\"mode\":\"cached\",\"id\":\"restart-1\"}", "restart-1");
    assertEquals("ok", afterRestart.getString("status"), afterRestart.encode());
    assertEquals(logins, count(Endpoint.AUTH_USER), "a restart logs in no more");
    assertEquals(1, count(Endpoint.SEND_OTP), "and asks for no code");
    assertTrue(observer.messages(otpTopic()).stream().allMatch(m -> m.payload().isEmpty()));
  }

  @Test
  @DisplayName("a session that ends mid-command: exactly one re-login (remember-me, no code) and a new vehicle list; "
      + "the quota error: budget exhausted, then denied without a call")
  void sessionExpiryAndQuota() {
    simulator(UsKiaSimSettings.defaults(Clock.systemUTC()));
    bridge(Clock.systemUTC());
    firstLoginWithCode();
    JsonObject warm = command(niro, "refresh", "{\"mode\":\"cached\",\"id\":\"warm\"}", "warm");
    assertEquals("ok", warm.getString("status"));

    int logins = count(Endpoint.AUTH_USER);
    int lists = count(Endpoint.VEHICLE_LIST);
    simulator.endSessions();
    JsonObject after = command(niro, "lock", "{\"action\":\"lock\",\"id\":\"lock-1\"}", "lock-1");
    assertEquals("ok", after.getString("status"), after.encode());
    assertEquals(logins + 1, count(Endpoint.AUTH_USER), "exactly one re-login");
    assertEquals(lists + 1, count(Endpoint.VEHICLE_LIST), "the vehicle keys of the new session");
    assertEquals(1, count(Endpoint.SEND_OTP), "the remember-me token spared a code");
    assertEquals(java.util.List.of(1005, 0), simulator.calls().of(Endpoint.LOCK).stream()
        .map(c -> c.errorCode()).toList(), "refused with the ended session, then done once with the new one");

    simulator.exhaustDailyLimit();
    JsonObject limited = command(niro, "lock", "{\"action\":\"unlock\",\"id\":\"unlock-q\"}", "unlock-q");
    assertEquals("failed", limited.getString("status"), limited.encode());
    assertEquals("rate_limited", limited.getString("reason"));
    assertEquals(429, simulator.calls().of(Endpoint.UNLOCK).get(0).answered());
    Await.result(observer.awaitMessage(base + "/bridge/budget", m -> m.payload().contains("\"exhausted\":true")),
        WAIT);
    int total = simulator.calls().total();
    JsonObject denied = command(niro, "refresh", "{\"mode\":\"force\",\"id\":\"force-d\",\"override\":true}",
        "force-d");
    assertEquals("denied", denied.getString("status"), denied.encode());
    assertEquals(total, simulator.calls().total(), "a spent budget sends nothing");
  }

  @Test
  @DisplayName("a wrong code (rejected, tries left), more commands while it waits (login_pending, no login), a code "
      + "too late (expired), then a code that never comes (sent by default after 60 s, expired, no more logins)")
  void codeProblems() {
    simulator(UsKiaSimSettings.defaults(clock).withOtpLifetime(Duration.ofMinutes(5)));
    bridge(clock);
    otpState("required");
    assertEquals(1, count(Endpoint.AUTH_USER));

    assertEquals("ok", answer("{\"send\":\"sms\",\"id\":\"s-1\"}", "s-1").getString("status"));
    String right = simulator.lastCode();
    String wrong = right.equals("000000") ? "111111" : "000000";
    assertEquals("ok", answer("{\"code\":\"" + wrong + "\",\"id\":\"w-1\"}", "w-1").getString("status"));
    JsonObject rejected = otpState("rejected");
    assertEquals(2, rejected.getInteger("tries_left"));
    assertEquals("sms", rejected.getString("sent_via"));
    Received retained = observer.messages(otpTopic()).get(observer.messages(otpTopic()).size() - 1);
    assertTrue(retained.payload().contains("rejected"));

    JsonObject waiting = command(niro, "refresh", "{\"mode\":\"cached\",\"id\":\"while\"}", "while");
    assertEquals("login_pending", waiting.getString("reason"));
    JsonObject invalid = answer("{\"code\":\"12\",\"id\":\"bad\"}", "bad");
    assertEquals("invalid", invalid.getString("status"));
    assertEquals(1, count(Endpoint.AUTH_USER), "no second login while the code is awaited");

    clock.advance(Duration.ofMinutes(6)); // past the cloud's 5 minutes, before the bridge's assumed 10
    assertEquals("ok", answer("{\"code\":\"" + right + "\",\"id\":\"late\"}", "late").getString("status"));
    assertEquals("{\"state\":\"expired\"}",
        Await.result(observer.awaitPayload(otpTopic(), "{\"state\":\"expired\"}"), WAIT).payload());
    assertEquals(2, count(Endpoint.VERIFY_OTP));
    assertEquals(1, count(Endpoint.AUTH_USER));

    // the owner spoke in that one, so the next login may ask again: it does, and this time nobody answers
    Await.condition(vertx, () -> count(Endpoint.AUTH_USER) == 2, WAIT);
    Await.result(observer.awaitMessage(otpTopic(), m -> m.payload().contains("\"state\":\"required\"")
        && observer.messages(otpTopic()).indexOf(m) > 3), WAIT);
    int sends = count(Endpoint.SEND_OTP);
    clock.advance(Duration.ofSeconds(61));
    Await.condition(vertx, () -> count(Endpoint.SEND_OTP) == sends + 1, WAIT);
    clock.advance(Duration.ofMinutes(10));
    Await.condition(vertx, () -> observer.messages(otpTopic()).stream()
        .filter(m -> m.payload().equals("{\"state\":\"expired\"}")).count() == 2, WAIT);
    JsonObject after = command(niro, "refresh", "{\"mode\":\"cached\",\"id\":\"after\"}", "after");
    assertEquals("login_pending", after.getString("reason"));
    assertEquals(2, count(Endpoint.AUTH_USER), "after an unanswered code no login is attempted");
    assertEquals(sends + 1, count(Endpoint.SEND_OTP));
  }

  @Test
  @DisplayName("the remember-me token lapsed and the session ended: the re-login asks for a code, the command answers "
      + "login_pending, the next one reaches no cloud, and after the code the car is served again")
  void reloginNeedsACodeAgain() {
    simulator(UsKiaSimSettings.defaults(Clock.systemUTC()));
    bridge(Clock.systemUTC());
    firstLoginWithCode();
    simulator.forgetRememberedDevices();
    simulator.endSessions();
    observer.clear();
    int logins = count(Endpoint.AUTH_USER);

    JsonObject first = command(niro, "lock", "{\"action\":\"lock\",\"id\":\"l-1\"}", "l-1");
    assertEquals("failed", first.getString("status"), first.encode());
    assertEquals("login_pending", first.getString("reason"));
    assertEquals(logins + 1, count(Endpoint.AUTH_USER), "one login, which met the code demand");
    otpState("required");
    int total = simulator.calls().total();
    JsonObject second = command(niro, "lock", "{\"action\":\"unlock\",\"id\":\"l-2\"}", "l-2");
    assertEquals("login_pending", second.getString("reason"));
    assertEquals(total, simulator.calls().total(), "nothing reaches the cloud while the code is awaited");
    assertTrue(observer.messages(base + "/" + niro.id() + "/status/error").stream().allMatch(m -> m.payload().isEmpty()),
        () -> "a pending login says nothing about the car: " + observer.messages(base + "/" + niro.id() + "/status/error"));

    assertEquals("ok", answer("{\"send\":\"email\",\"id\":\"s-2\"}", "s-2").getString("status"));
    assertEquals("ok", answer("{\"code\":\"" + simulator.lastCode() + "\",\"id\":\"c-2\"}", "c-2")
        .getString("status"));
    otpState("accepted");
    JsonObject after = command(niro, "lock", "{\"action\":\"unlock\",\"id\":\"l-3\"}", "l-3");
    assertEquals("ok", after.getString("status"), after.encode());
    assertFalse(niro.locked());
  }

  @Test
  @DisplayName("charge_limits on evc/sts (targetSOClist; a level left out keeps the car's), accepted then ok, the new "
      + "limits on ev/charge_limit(_dc) after the read; the combustion car's limits and the signals US Kia lacks are "
      + "unsupported with no call")
  void chargeLimits() {
    simulator(UsKiaSimSettings.defaults(Clock.systemUTC()));
    // the actions, their polls and the reads after them spend more than the region's default 24 calls
    bridge(Clock.systemUTC(), Map.of("API_DAILY_CALL_CAP", "200", "MIN_READ_INTERVAL_SECONDS", "0",
        "MIN_FORCE_INTERVAL_SECONDS", "0"));
    firstLoginWithCode();
    // a plain cmm/gvi carries no targetSOC (§5.6): a level left out cannot be filled in yet, and nothing is sent
    List<JsonObject> unknown = act(niro, "charge_limits", "{\"dc\":80,\"id\":\"cl-0\"}", "cl-0");
    assertEquals(1, unknown.size(), unknown.toString());
    assertEquals("invalid", unknown.get(0).getString("status"), unknown.get(0).encode());
    assertEquals("current_limit_unknown", unknown.get(0).getString("reason"), unknown.get(0).encode());
    assertEquals(0, unknown.get(0).getInteger("upstream_calls"), unknown.get(0).encode());
    assertEquals(0, count(Endpoint.CHARGE_LIMITS));
    assertTrue(observer.messages(base + "/" + niro.id() + "/ev/charge_limit").stream()
        .allMatch(m -> m.payload().isEmpty()), "no limit known before the car reports one");

    List<JsonObject> first = act(niro, "charge_limits", "{\"ac\":60,\"dc\":100,\"id\":\"cl-1\"}", "cl-1");
    ActionOutcomes.assertAcceptedThenOk(first, "charge_limits");
    assertEquals(1, count(Endpoint.CHARGE_LIMITS));
    assertEquals(targets(100, 60), new JsonObject(simulator.calls().of(Endpoint.CHARGE_LIMITS).get(0).body()));
    assertEquals(0, simulator.calls().of(Endpoint.CHARGE_LIMITS).get(0).errorCode(), "taken with this session's vinkey");
    assertTrue(count(Endpoint.ACTION_STATUS) >= 1, "its state asked on cmm/gts");
    assertEquals(60, niro.chargeLimitAc());
    assertEquals(100, niro.chargeLimitDc());
    awaitLimit(niro, "ev/charge_limit", 60);
    awaitLimit(niro, "ev/charge_limit_dc", 100);

    List<JsonObject> second = act(niro, "charge_limits", "{\"dc\":70,\"id\":\"cl-2\"}", "cl-2");
    ActionOutcomes.assertAcceptedThenOk(second, "charge_limits");
    assertEquals(targets(70, 60), new JsonObject(simulator.calls().of(Endpoint.CHARGE_LIMITS).get(1).body()),
        "the AC level left out is the car's current one");
    awaitLimit(niro, "ev/charge_limit_dc", 70);
    assertEquals(60, retainedValue(niro, "ev/charge_limit"));
    assertEquals(70, retainedValue(niro, "ev/charge_limit_dc"));

    int total = simulator.calls().total();
    UsKiaSimCar telluride = simulator.cars().get(1);
    ActionOutcomes.assertUnsupportedWithoutCall(act(telluride, "charge_limits", "{\"ac\":80,\"dc\":80,\"id\":\"cl-3\"}",
        "cl-3"), "charge_limits");
    ActionOutcomes.assertUnsupportedWithoutCall(act(niro, "horn_lights", "{\"action\":\"on\",\"id\":\"hl-1\"}", "hl-1"),
        "horn_lights");
    ActionOutcomes.assertUnsupportedWithoutCall(act(niro, "hazard", "{\"action\":\"on\",\"id\":\"hz-1\"}", "hz-1"),
        "hazard");
    assertEquals(total, simulator.calls().total(), "nothing sent for what the region or the car lacks");
  }
}
