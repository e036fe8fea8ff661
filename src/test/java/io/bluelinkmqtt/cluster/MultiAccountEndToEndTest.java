package io.bluelinkmqtt.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.BridgeApplication;
import io.bluelinkmqtt.cloud.CloudModules;
import io.bluelinkmqtt.config.Accounts;
import io.bluelinkmqtt.config.AppConfig;
import io.bluelinkmqtt.config.ConfigLoader;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.sim.EuSimulator;
import io.bluelinkmqtt.sim.SimCar;
import io.bluelinkmqtt.sim.SimEndpoint;
import io.bluelinkmqtt.sim.SimulatorSettings;
import io.bluelinkmqtt.testsupport.Await;
import io.bluelinkmqtt.testsupport.LogCapture;
import io.bluelinkmqtt.testsupport.MqttObserver;
import io.bluelinkmqtt.testsupport.TestBroker;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, done-when 1: two accounts in one bridge (two EU simulators, two brands), through a real Mosquitto:
 * separate budgets, tokens, state dirs and topics, call counts per account, and one account's wrong password
 * never stopping the other.
 */
class MultiAccountEndToEndTest {

  private static final Duration WITHIN = Duration.ofSeconds(20);

  private final Vertx vertx = Vertx.vertx();
  private final String base = "multi" + UUID.randomUUID().toString().substring(0, 8);
  private TestBroker broker;
  private EuSimulator home;
  private EuSimulator work;
  private BridgeApplication app;
  private MqttObserver observer;
  private Path stateDir;

  private final SimCar workCar = new SimCar("b2c3d4e5-0000-4000-8000-00000000beef", "KMHK581GFLU099999",
      "Work Kona", "Kona Electric", false);

  @AfterEach
  void stop() throws Exception {
    if (app != null) {
      Await.result(app.stop(), WITHIN);
    }
    if (observer != null) {
      Await.result(observer.clearRetained().eventually(observer::close), WITHIN);
    }
    Await.result(home.stop().eventually(() -> work.stop()), WITHIN);
    Await.result(vertx.close(), WITHIN);
    broker.close();
  }

  /** Starts both simulators and the bridge; account "work" logs in with {@code workPassword}. */
  private void start(String workPassword) throws Exception {
    start(workPassword, new JsonObject(), () -> { });
  }

  /** @param api laid over the top-level {@code api} settings; {@code beforeBridge} runs once both clouds are up */
  private void start(String workPassword, JsonObject api, Runnable beforeBridge) throws Exception {
    broker = TestBroker.start("MultiAccountEndToEndTest");
    home = new EuSimulator(vertx, SimulatorSettings.defaults(Brand.KIA).withCredentials("home@example.com",
        "home-secret-pw").withPin("1111").withForceDelays(Duration.ofMillis(50), Duration.ofMillis(20)));
    work = new EuSimulator(vertx, SimulatorSettings.defaults(Brand.HYUNDAI).withCredentials("work@example.com",
        "work-secret-pw").withPin("2222").withCars(List.of(workCar))
        .withForceDelays(Duration.ofMillis(50), Duration.ofMillis(20)));
    Await.result(home.start(), WITHIN);
    Await.result(work.start(), WITHIN);
    beforeBridge.run();
    stateDir = Files.createTempDirectory("multi-account");
    JsonObject file = new JsonObject()
        .put("accounts", new JsonArray()
            .add(new JsonObject().put("id", "home").put("brand", "KIA").put("api", endpoints(home)))
            .add(new JsonObject().put("id", "work").put("brand", "HYUNDAI").put("api", endpoints(work))
                .put("stewardship", new JsonObject().put("dailyCallCap", 50))))
        .put("api", api.copy().put("stateDir", stateDir.toString()))
        .put("mqtt", new JsonObject().put("host", broker.host()).put("port", broker.port()).put("baseTopic", base)
            .put("clientId", base + "-bridge"))
        .put("homeAssistant", new JsonObject().put("discovery", false))
        .put("command", new JsonObject().put("minForceIntervalSeconds", 0));
    Map<String, String> env = new HashMap<>();
    env.put("HYUNDAI_1_USERNAME", "home@example.com");
    env.put("HYUNDAI_1_PASSWORD", "home-secret-pw");
    env.put("HYUNDAI_1_PIN", "1111");
    env.put("HYUNDAI_2_USERNAME", "work@example.com");
    env.put("HYUNDAI_2_PASSWORD", workPassword);
    env.put("HYUNDAI_2_PIN", "2222");
    ConfigLoader.RawConfig raw = new ConfigLoader.RawConfig(file, env);
    AppConfig config = ConfigLoader.parse(raw, false, CloudModules.supported());
    Accounts accounts = ConfigLoader.parseAccounts(raw, config, CloudModules.supported());
    assertFalse(config.demo());
    assertEquals(List.of("home", "work"), accounts.all().stream().map(Accounts.Account::id).toList());
    observer = Await.result(MqttObserver.start(vertx, broker.host(), broker.port(), base + "/#"), WITHIN);
    app = new BridgeApplication(vertx, config, accounts, Clock.systemUTC());
    Await.result(app.start(), WITHIN);
  }

  private static JsonObject endpoints(EuSimulator sim) {
    return new JsonObject().put("endpoints", new JsonObject().put("europe", new JsonObject()
        .put("ccapi", sim.baseUrl()).put("idp", sim.baseUrl()).put("cci", sim.baseUrl())));
  }

  private MqttObserver.Received await(String topic, java.util.function.Predicate<MqttObserver.Received> p) {
    return Await.result(observer.awaitMessage(topic, p), WITHIN);
  }

  private JsonObject command(String vehicle, String id) {
    observer.publish(base + "/" + vehicle + "/commands/refresh", "{\"mode\":\"force\",\"id\":\"" + id + "\"}", 1,
        false);
    return new JsonObject(await(base + "/" + vehicle + "/commands/result", r -> r.payload().contains(id)).payload());
  }

  @Test
  @DisplayName("two accounts: own topics, own logins and tokens, own budgets, calls only to their own cloud")
  void twoAccountsStaySeparate() throws Exception {
    start("work-secret-pw");
    SimCar homeCar = home.cars().get(0);
    // every car of both accounts is read at start-up and published under its own id
    for (SimCar car : home.cars()) {
      await(base + "/" + car.vehicleId() + "/battery/level", r -> true);
    }
    await(base + "/" + workCar.vehicleId() + "/battery/level", r -> true);
    int homeForcesBefore = home.calls().count(SimEndpoint.STATUS_FORCE);

    JsonObject workOutcome = command(workCar.vehicleId(), "w-1");
    assertEquals("ok", workOutcome.getString("status"), workOutcome.encode());
    assertEquals(1, work.calls().count(SimEndpoint.STATUS_FORCE, workCar.vehicleId()));
    assertEquals(homeForcesBefore, home.calls().count(SimEndpoint.STATUS_FORCE), "the work command cost home nothing");

    JsonObject homeOutcome = command(homeCar.vehicleId(), "h-1");
    assertEquals("ok", homeOutcome.getString("status"), homeOutcome.encode());
    assertEquals(1, home.calls().count(SimEndpoint.STATUS_FORCE, homeCar.vehicleId()));
    assertEquals(1, work.calls().count(SimEndpoint.STATUS_FORCE), "the home command cost work nothing");

    // one login per account, each against its own cloud; each session in its own state sub-directory
    assertEquals(1, home.calls().count(SimEndpoint.SIGNIN));
    assertEquals(1, work.calls().count(SimEndpoint.SIGNIN));
    String homeTokens = Files.readString(stateDir.resolve("home").resolve("tokens.json"));
    String workTokens = Files.readString(stateDir.resolve("work").resolve("tokens.json"));
    assertNotEquals(new JsonObject(homeTokens).getString("account"), new JsonObject(workTokens).getString("account"));
    assertTrue(Files.exists(stateDir.resolve("home").resolve("budget.json")));
    assertTrue(Files.exists(stateDir.resolve("work").resolve("budget.json")));
    assertFalse(Files.exists(stateDir.resolve("tokens.json")), "no account writes the single-account layout");

    // a budget each: work's cap is its own 50; each counts only its own cloud's calls
    JsonObject workBudget = new JsonObject(await(base + "/bridge/accounts/work/budget", r -> true).payload());
    JsonObject homeBudget = new JsonObject(await(base + "/bridge/accounts/home/budget", r -> true).payload());
    assertEquals(50, workBudget.getInteger("limit"), workBudget.encode());
    assertNotEquals(50, homeBudget.getInteger("limit"), homeBudget.encode());
    // each budget counts its own cloud's calls only: work's never exceeds what work's cloud saw, home's exceeds it
    Await.condition(vertx, () -> lastUsed("work") > 0 && lastUsed("work") <= work.calls().total()
        && lastUsed("home") <= home.calls().total() && lastUsed("home") > work.calls().total(), WITHIN);

    // bridge/info lists the accounts, never a credential
    MqttObserver.Received info = await(base + "/bridge/info", r -> r.payload().contains("\"accounts\""));
    JsonArray listed = new JsonObject(info.payload()).getJsonObject("config").getJsonArray("accounts");
    assertEquals(2, listed.size());
    assertEquals("work", listed.getJsonObject(1).getString("id"));
    for (String secret : List.of("home-secret-pw", "work-secret-pw", "1111", "2222", "home@example.com",
        "work@example.com")) {
      assertFalse(info.payload().contains(secret), "bridge/info must not carry " + secret);
    }
  }

  private long lastUsed(String account) {
    List<MqttObserver.Received> budgets = observer.messages(base + "/bridge/accounts/" + account + "/budget");
    return budgets.isEmpty() ? -1 : new JsonObject(budgets.get(budgets.size() - 1).payload()).getInteger("used");
  }


  @Test
  @DisplayName("one account with a wrong password: the other's cars are served, the failing one costs no data call")
  void wrongPasswordIsIsolated() throws Exception {
    try (LogCapture logs = LogCapture.attach()) {
      start("not-the-password");
      SimCar homeCar = home.cars().get(0);
      for (SimCar car : home.cars()) {
        await(base + "/" + car.vehicleId() + "/battery/level", r -> true);
      }
      JsonObject outcome = command(homeCar.vehicleId(), "h-ok");
      assertEquals("ok", outcome.getString("status"), outcome.encode());
      assertEquals(1, home.calls().count(SimEndpoint.STATUS_FORCE, homeCar.vehicleId()));
      assertEquals(1, home.calls().count(SimEndpoint.SIGNIN));

      assertTrue(work.calls().count(SimEndpoint.SIGNIN) >= 1, "the work account tried to log in");
      assertEquals(0, work.calls().count(SimEndpoint.VEHICLES), "no data call without a session");
      assertEquals(0, work.calls().count(SimEndpoint.STATUS_FORCE));
      // its car is not known: a command for it is refused, not sent anywhere
      observer.publish(base + "/" + workCar.vehicleId() + "/commands/refresh", "{\"mode\":\"force\",\"id\":\"w-x\"}",
          1, false);
      JsonObject refused = new JsonObject(await(base + "/bridge/commands/result", r -> true).payload());
      assertEquals("invalid", refused.getString("status"), refused.encode());
      assertEquals(0, work.calls().count(SimEndpoint.STATUS_FORCE));
      assertFalse(logs.text().contains("not-the-password"), "the wrong password is never logged");
    }
  }

  @Test
  @DisplayName("an account whose list fails at start-up is asked again; once it answers, its car is read and served")
  void lateAccountIsPickedUp() throws Exception {
    JsonObject fast = new JsonObject().put("retry", new JsonObject().put("maxRetries", 0))
        .put("breaker", new JsonObject().put("resetTimeoutMs", 100).put("maxResetTimeoutMs", 100));
    start("work-secret-pw", fast, () -> work.faults().add(io.bluelinkmqtt.sim.Fault.httpStatus(503)
        .on(SimEndpoint.VEHICLES)));
    for (SimCar car : home.cars()) {
      await(base + "/" + car.vehicleId() + "/battery/level", r -> true);
    }
    assertTrue(work.calls().count(SimEndpoint.VEHICLES) >= 1, "work's list was asked for");
    assertTrue(observer.messages(base + "/" + workCar.vehicleId() + "/battery/level").isEmpty());
    work.faults().clear();
    // the background retry gets the list; the car's first read publishes it and makes it commandable
    await(base + "/" + workCar.vehicleId() + "/battery/level", r -> true);
    JsonObject outcome = command(workCar.vehicleId(), "late-1");
    assertEquals("ok", outcome.getString("status"), outcome.encode());
    assertEquals(1, work.calls().count(SimEndpoint.STATUS_FORCE, workCar.vehicleId()));
    assertEquals(1, work.calls().count(SimEndpoint.SIGNIN), "its session was kept while the list failed");
  }

  @Test
  @DisplayName("a car listed by both accounts stays with the first; the clash is logged and the second is never asked")
  void vehicleIdClashIsResolvedClearly() throws Exception {
    try (LogCapture logs = LogCapture.attach()) {
      broker = TestBroker.start("MultiAccountEndToEndTest");
      // both simulators' default fleets use the same vehicle ids
      home = new EuSimulator(vertx, SimulatorSettings.defaults(Brand.KIA).withCredentials("home@example.com",
          "home-secret-pw").withPin("1111"));
      work = new EuSimulator(vertx, SimulatorSettings.defaults(Brand.HYUNDAI).withCredentials("work@example.com",
          "work-secret-pw").withPin("2222"));
      Await.result(home.start(), WITHIN);
      Await.result(work.start(), WITHIN);
      startWith(home, work);
      SimCar shared = home.cars().get(0);
      await(base + "/" + shared.vehicleId() + "/battery/level", r -> true);
      Await.condition(vertx, () -> logs.count("ERROR", "is listed by account home and by account work") >= 1, WITHIN);
      JsonObject outcome = command(shared.vehicleId(), "clash-1");
      assertEquals("ok", outcome.getString("status"), outcome.encode());
      assertEquals(1, home.calls().count(SimEndpoint.STATUS_FORCE, shared.vehicleId()));
      assertEquals(0, work.calls().count(SimEndpoint.STATUS_FORCE), "the second account's copy is never woken");
      assertEquals(0, work.calls().count(SimEndpoint.STATUS_LATEST), "nor read");
    }
  }

  private void startWith(EuSimulator first, EuSimulator second) throws Exception {
    stateDir = Files.createTempDirectory("multi-account");
    JsonObject file = new JsonObject()
        .put("accounts", new JsonArray()
            .add(new JsonObject().put("id", "home").put("brand", "KIA").put("api", endpoints(first)))
            .add(new JsonObject().put("id", "work").put("brand", "HYUNDAI").put("api", endpoints(second))))
        .put("api", new JsonObject().put("stateDir", stateDir.toString()))
        .put("mqtt", new JsonObject().put("host", broker.host()).put("port", broker.port()).put("baseTopic", base)
            .put("clientId", base + "-bridge"))
        .put("homeAssistant", new JsonObject().put("discovery", false))
        .put("command", new JsonObject().put("minForceIntervalSeconds", 0));
    Map<String, String> env = Map.of("HYUNDAI_1_USERNAME", "home@example.com", "HYUNDAI_1_PASSWORD", "home-secret-pw",
        "HYUNDAI_2_USERNAME", "work@example.com", "HYUNDAI_2_PASSWORD", "work-secret-pw");
    ConfigLoader.RawConfig raw = new ConfigLoader.RawConfig(file, env);
    AppConfig config = ConfigLoader.parse(raw, false, CloudModules.supported());
    observer = Await.result(MqttObserver.start(vertx, broker.host(), broker.port(), base + "/#"), WITHIN);
    app = new BridgeApplication(vertx, config, ConfigLoader.parseAccounts(raw, config, CloudModules.supported()),
        Clock.systemUTC());
    Await.result(app.start(), WITHIN);
  }
}
