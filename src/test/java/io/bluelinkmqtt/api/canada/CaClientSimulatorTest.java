package io.bluelinkmqtt.api.canada;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.api.ApiErrors;
import io.bluelinkmqtt.api.ApiException;
import io.bluelinkmqtt.api.CallContext;
import io.bluelinkmqtt.api.ClockSkew;
import io.bluelinkmqtt.api.CloudSetup;
import io.bluelinkmqtt.api.OneTimeCodes;
import io.bluelinkmqtt.api.OtpChallenge;
import io.bluelinkmqtt.api.OtpChallenge.OtpVerdict;
import io.bluelinkmqtt.api.ResilientCaller;
import io.bluelinkmqtt.api.VehicleActions;
import io.bluelinkmqtt.api.VehicleActions.ActionState;
import io.bluelinkmqtt.api.VehicleCloud.ForcedRead;
import io.bluelinkmqtt.api.VehicleNaming;
import io.bluelinkmqtt.config.AppConfig.AccountConfig;
import io.bluelinkmqtt.config.AppConfig.ApiConfig;
import io.bluelinkmqtt.config.AppConfig.BreakerConfig;
import io.bluelinkmqtt.config.AppConfig.HttpLimits;
import io.bluelinkmqtt.config.AppConfig.LoginBackoff;
import io.bluelinkmqtt.config.AppConfig.RefreshTimings;
import io.bluelinkmqtt.config.AppConfig.RetryConfig;
import io.bluelinkmqtt.config.AppConfig.TopicIdSource;
import io.bluelinkmqtt.config.Secret;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.ClimateCommand;
import io.bluelinkmqtt.domain.ClimateCommand.ClimateSettings;
import io.bluelinkmqtt.domain.CommandName;
import io.bluelinkmqtt.domain.LockCommand;
import io.bluelinkmqtt.domain.Region;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.VehicleData;
import io.bluelinkmqtt.domain.VehicleData.Distance;
import io.bluelinkmqtt.domain.VehicleData.DistanceUnit;
import io.bluelinkmqtt.sim.canada.CaCallLog;
import io.bluelinkmqtt.sim.canada.CaSimCar;
import io.bluelinkmqtt.sim.canada.CaSimEndpoint;
import io.bluelinkmqtt.sim.canada.CaSimSettings;
import io.bluelinkmqtt.sim.canada.CaSimulator;
import io.bluelinkmqtt.testsupport.Await;
import io.bluelinkmqtt.testsupport.LogCapture;
import io.bluelinkmqtt.testsupport.RecordingBudget;
import io.bluelinkmqtt.testsupport.TestClock;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Canadian module against its simulator: the 7110 MFA branch answered by a scripted owner, the stable Deviceid,
 * the stored session across a restart, exactly one new login for 7403 / 7602 / 7606, cached and forced reads with
 * their zones, the pAuth actions and the quota error, all with the simulator's call counts.
 */
@ExtendWith(VertxExtension.class)
class CaClientSimulatorTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir
  Path stateDir;

  private final TestClock clock = TestClock.at("2026-11-23T18:00:00Z");
  private final RecordingBudget budget = new RecordingBudget();
  private Vertx vertx;
  private Context loop;
  private CaSimulator sim;
  private CaSimSettings settings;
  private WorkerExecutor worker;

  /** The owner as a script: what it does with each challenge, and whether one is open. */
  private static final class ScriptedOwner implements OneTimeCodes {
    Function<OtpChallenge, Future<Void>> script;
    final List<OtpChallenge> challenges = new CopyOnWriteArrayList<>();
    volatile boolean pending;

    @Override
    public Future<Void> solve(OtpChallenge challenge) {
      challenges.add(challenge);
      pending = true;
      return script.apply(challenge).onComplete(ar -> pending = false);
    }

    @Override
    public boolean pending() {
      return pending;
    }
  }

  private final ScriptedOwner owner = new ScriptedOwner();
  /** The account's PIN as configured (tests without one set it empty). */
  private Secret pin = Secret.of("2468");

  private void start(Vertx vertx, CaSimSettings simSettings) {
    this.vertx = vertx;
    this.loop = vertx.getOrCreateContext();
    this.settings = simSettings.withClock(clock).withActionDelay(Duration.ofMillis(40));
    sim = new CaSimulator(vertx, settings);
    Await.result(sim.start(), WAIT);
    worker = vertx.createSharedWorkerExecutor("ca-test-worker", 1);
    owner.script = this::answerWithTheSentCode;
  }

  /**
   * Loads the HTTP client, server and JSON classes once before the tests, outside any test: on a loaded machine the
   * cold start alone keeps an event loop busy past the strict 200 ms checker.
   */
  @BeforeAll
  static void warmUp(@TempDir Path dir) {
    Vertx warm = Vertx.vertx();
    try {
      CaClientSimulatorTest test = new CaClientSimulatorTest();
      test.stateDir = dir;
      test.start(warm, CaSimSettings.defaults(Brand.KIA).withMfa(false));
      CaVehicleClient client = test.client();
      Vehicle ev = test.car(test.onLoop(() -> client.vehicles(ctx())), true);
      test.onLoop(() -> client.cached(ev, ctx()));
      test.stop();
    } finally {
      Await.result(warm.close(), WAIT);
    }
  }

  @AfterEach
  void stop() {
    if (sim != null) {
      Await.result(sim.stop(), WAIT);
    }
  }

  /** Has the code sent by e-mail and types it in. */
  private Future<Void> answerWithTheSentCode(OtpChallenge challenge) {
    return challenge.send("email").compose(v -> challenge.verify(sim.lastCode()))
        .compose(verdict -> verdict.kind() == OtpVerdict.Kind.ACCEPTED ? Future.succeededFuture()
            : Future.failedFuture(new ApiException(ApiException.Kind.AUTH_FAILED, "code " + verdict.kind())));
  }

  private CaVehicleClient client() {
    AccountConfig account = new AccountConfig(Region.CANADA, Brand.KIA, settings.username(),
        Secret.of(settings.password()), pin, Optional.empty(), TopicIdSource.VEHICLE_ID);
    ApiConfig api = new ApiConfig(stateDir, 2, new HttpLimits(3_000, 2_000, 1_000, 1_048_576),
        new RefreshTimings(3_000, 3_000, 20, 2), new LoginBackoff(1_000, 8_000), new RetryConfig(1, 5, 20),
        new BreakerConfig(5, 60_000, 300, 5_000), CanadaModule.SUPPORT.allAt(sim.baseUrl()));
    ResilientCaller caller = new ResilientCaller(vertx, api.breaker(), api.retry(), budget, clock, new Random(7),
        (name, state) -> { });
    CloudSetup setup = new CloudSetup(vertx, account, api, clock, caller, worker, new ClockSkew(clock),
        new VehicleNaming(account), owner);
    return (CaVehicleClient) new CanadaModule().connect(setup);
  }

  /** Runs {@code work} on the client's event loop and waits for its result. */
  private <T> T onLoop(Supplier<Future<T>> work) {
    Promise<T> done = Promise.promise();
    loop.runOnContext(v -> work.get().onComplete(done));
    return Await.result(done.future(), WAIT);
  }

  private <T> ApiException failureOnLoop(Supplier<Future<T>> work) {
    Promise<T> done = Promise.promise();
    loop.runOnContext(v -> work.get().onComplete(done));
    return ApiErrors.from(Await.failure(done.future(), WAIT));
  }

  /**
   * The first call meets 7110: it fails login_pending at once while the owner is asked; once the owner's code is
   * accepted, the next call finds the session.
   */
  private List<Vehicle> vehiclesThroughTheCode(CaVehicleClient client) {
    ApiException first = failureOnLoop(() -> client.vehicles(ctx()));
    assertEquals(ApiException.Kind.LOGIN_PENDING, first.kind(), first.getMessage());
    Await.condition(vertx, () -> !owner.pending, WAIT);
    return onLoop(() -> client.vehicles(ctx()));
  }

  private int count(CaSimEndpoint endpoint) {
    return sim.calls().count(endpoint);
  }

  private static CallContext ctx() {
    return new CallContext(true);
  }

  private Vehicle car(List<Vehicle> cars, boolean electric) {
    return cars.stream().filter(v -> (v.engine() == Vehicle.EngineType.EV) == electric).findFirst().orElseThrow();
  }

  @Test
  @DisplayName("a new device: 7110, the code by e-mail, genmfatkn with remember-me; the vehicle list; one Deviceid on "
      + "every call")
  void firstLoginPassesTheOneTimeCode(Vertx vertx) {
    start(vertx, CaSimSettings.defaults(Brand.KIA));
    CaVehicleClient client = client();

    List<Vehicle> cars = vehiclesThroughTheCode(client);

    assertEquals(2, cars.size());
    assertEquals(1, count(CaSimEndpoint.LOGIN));
    assertEquals(1, count(CaSimEndpoint.MFA_SELECT));
    assertEquals(1, count(CaSimEndpoint.MFA_SEND));
    assertEquals(1, count(CaSimEndpoint.MFA_VALIDATE));
    assertEquals(1, count(CaSimEndpoint.MFA_TOKEN));
    assertEquals(1, count(CaSimEndpoint.VEHICLES));
    List<String> devices = sim.calls().all().stream().map(CaCallLog.Call::deviceId).distinct().toList();
    assertEquals(1, devices.size(), "one Deviceid on every call");
    assertTrue(sim.remembers(devices.get(0)), "genmfatkn asked the cloud to remember the device");
    JsonObject token = new JsonObject(sim.calls().of(CaSimEndpoint.MFA_TOKEN).get(0).body());
    assertEquals("Y", token.getString("mfaYn"));
    assertEquals(List.of("email"), owner.challenges.get(0).channels());
    assertEquals("o***@e***.ca", owner.challenges.get(0).destinationHint());
    Vehicle ev = car(cars, true);
    assertEquals(java.util.Set.of(CommandName.LOCK, CommandName.CLIMATE, CommandName.HORN_LIGHTS, CommandName.CHARGE,
        CommandName.CHARGE_LIMITS), ev.actions());
    assertEquals("2022", ev.moduleData().get(CaVehicleFacts.MODEL_YEAR));
    assertEquals(java.util.Set.of(CommandName.LOCK, CommandName.CLIMATE, CommandName.HORN_LIGHTS),
        car(cars, false).actions());
  }

  @Test
  @DisplayName("a restart: the stored session and Deviceid, no login; an expired token (clock) logs in again with "
      + "the same Deviceid and no code")
  void restartNeedsNoLoginAndExpiryNoCode(Vertx vertx) throws Exception {
    start(vertx, CaSimSettings.defaults(Brand.HYUNDAI));
    vehiclesThroughTheCode(client());
    String file = Files.readString(stateDir.resolve(CaSessionStore.FILE_NAME));
    String deviceId = new JsonObject(file).getString("deviceId");
    assertFalse(file.contains(settings.password()), "the password is never stored");

    CaVehicleClient restarted = client();
    onLoop(() -> restarted.vehicles(ctx()));
    assertEquals(1, count(CaSimEndpoint.LOGIN), "the restart used the stored session");
    assertEquals(2, count(CaSimEndpoint.VEHICLES));

    clock.advance(Duration.ofDays(1));
    onLoop(() -> restarted.vehicles(ctx()));
    assertEquals(2, count(CaSimEndpoint.LOGIN), "a token past its lifetime means one new login");
    assertEquals(1, count(CaSimEndpoint.MFA_SEND), "the remembered device needs no second code");
    assertEquals(List.of(deviceId), sim.calls().all().stream().map(CaCallLog.Call::deviceId).distinct().toList());
  }

  @Test
  @DisplayName("90 days after the code the cloud forgets the device: the next login asks for a code again, for the "
      + "same Deviceid")
  void codeAgainAfterNinetyDays(Vertx vertx) {
    start(vertx, CaSimSettings.defaults(Brand.KIA));
    CaVehicleClient client = client();
    vehiclesThroughTheCode(client);
    String device = sim.calls().all().get(0).deviceId();

    clock.advance(Duration.ofDays(91));
    vehiclesThroughTheCode(client);

    assertEquals(2, count(CaSimEndpoint.LOGIN));
    assertEquals(2, count(CaSimEndpoint.MFA_TOKEN));
    assertEquals(List.of(device), sim.calls().all().stream().map(CaCallLog.Call::deviceId).distinct().toList());
  }

  @Test
  @DisplayName("7403, 7602 and 7606 mid-read: exactly one new login each, the read sent once more, then it succeeds")
  void refusedTokensMeanOneNewLogin(Vertx vertx) {
    start(vertx, CaSimSettings.defaults(Brand.GENESIS).withMfa(false));
    CaVehicleClient client = client();
    Vehicle ev = car(onLoop(() -> client.vehicles(ctx())), true);
    List<Runnable> refusals = List.of(sim::expireTokens, sim::deleteTokens, sim::changeClientIp);
    for (int i = 0; i < refusals.size(); i++) {
      int cachedBefore = count(CaSimEndpoint.STATUS_CACHED);
      refusals.get(i).run();
      VehicleData data = onLoop(() -> client.cached(ev, ctx()));
      assertNotNull(data.battery());
      assertEquals(2 + i, count(CaSimEndpoint.LOGIN), "refusal " + i + ": one new login");
      assertEquals(cachedBefore + 2, count(CaSimEndpoint.STATUS_CACHED), "refused once, sent once more");
    }
  }

  @Test
  @DisplayName("cached: lstvhclsts in the province's zone, odometer from nxtsvc, limits from evc/selsoc; forced: "
      + "rltmvhclsts in UTC; km as the car reports")
  void cachedAndForcedReads(Vertx vertx) {
    start(vertx, CaSimSettings.defaults(Brand.KIA).withMfa(false));
    CaVehicleClient client = client();
    List<Vehicle> cars = onLoop(() -> client.vehicles(ctx()));
    Vehicle ev = car(cars, true);
    CaSimCar simEv = sim.cars().stream().filter(CaSimCar::electric).findFirst().orElseThrow();

    VehicleData cached = onLoop(() -> client.cached(ev, ctx()));
    assertEquals(simEv.reportedAt(), cached.lastUpdated(), "Vancouver wall-clock time read back as the same instant");
    assertEquals(64, cached.battery().level());
    assertEquals(new Distance(310, DistanceUnit.KM), cached.ev().range());
    assertEquals(new Distance(23_456, DistanceUnit.KM), cached.odometer());
    assertEquals(90, cached.ev().chargeLimitAc());
    assertEquals(80, cached.ev().chargeLimitDc());
    assertEquals(22.0, cached.climate().setTemperatureCelsius(), "10H (index 16) from 14 °C on a 2022 car");
    assertEquals(1, count(CaSimEndpoint.STATUS_CACHED));
    assertEquals(1, count(CaSimEndpoint.NEXT_SERVICE));
    assertEquals(1, count(CaSimEndpoint.CHARGE_LIMITS));

    clock.advance(Duration.ofMinutes(5));
    AtomicInteger wakes = new AtomicInteger();
    ForcedRead forced = onLoop(() -> client.force(ev, cached.lastUpdated(), ctx(), wakes::incrementAndGet));
    assertEquals(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), forced.data().lastUpdated(),
        "forced times are UTC");
    assertEquals(1, wakes.get());
    assertEquals(1, count(CaSimEndpoint.STATUS_FORCE));

    Vehicle ice = car(cars, false);
    VehicleData iceData = onLoop(() -> client.cached(ice, ctx()));
    assertEquals(24.0, iceData.climate().setTemperatureCelsius(), "10H (index 16) from 16 °C on a 2019 car");
    assertEquals(2, count(CaSimEndpoint.CHARGE_LIMITS), "the cached and the forced EV read; none for a gasoline car");
    String local = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
        .format(simEv.reportedAt().atZone(ZoneId.of("America/Vancouver")));
    assertTrue(sim.calls().all().size() > 0 && local.length() == 14);
  }

  @Test
  @DisplayName("location: fndmcr with a fresh pAuth on the first read and after the odometer moved; a read of a car "
      + "that did not move keeps the last position without a call; no PIN, no location call")
  void locationOnlyWhenTheCarMoved(Vertx vertx) {
    start(vertx, CaSimSettings.defaults(Brand.KIA).withMfa(false));
    CaVehicleClient client = client();
    Vehicle ev = car(onLoop(() -> client.vehicles(ctx())), true);
    CaSimCar simEv = sim.cars().stream().filter(CaSimCar::electric).findFirst().orElseThrow();

    VehicleData first = onLoop(() -> client.cached(ev, ctx()));
    assertEquals(49.2827, first.location().latitude(), 1e-6);
    assertEquals(1, count(CaSimEndpoint.FIND_CAR));
    assertEquals(1, count(CaSimEndpoint.VERIFY_PIN));
    assertEquals(new JsonObject().put("pin", settings.pin()),
        new JsonObject(sim.calls().of(CaSimEndpoint.FIND_CAR).get(0).body()));
    assertNotNull(sim.calls().of(CaSimEndpoint.FIND_CAR).get(0).pAuth());

    VehicleData parked = onLoop(() -> client.cached(ev, ctx()));
    assertEquals(first.location(), parked.location(), "kept");
    assertEquals(1, count(CaSimEndpoint.FIND_CAR), "a parked car is not located again");

    simEv.drive(12.5, 49.25, -123.0);
    VehicleData moved = onLoop(() -> client.cached(ev, ctx()));
    assertEquals(49.25, moved.location().latitude(), 1e-6);
    assertEquals(2, count(CaSimEndpoint.FIND_CAR));
    assertEquals(2, count(CaSimEndpoint.VERIFY_PIN));
  }

  @Test
  @DisplayName("unlock: vrfypin, then drulck with pAuth and the PIN; rmtsts pending then complete; climate on an EV "
      + "goes to evc/rfon with hvacInfo")
  void actionsUseAFreshPinToken(Vertx vertx) {
    start(vertx, CaSimSettings.defaults(Brand.KIA).withMfa(false));
    CaVehicleClient client = client();
    Vehicle ev = car(onLoop(() -> client.vehicles(ctx())), true);
    VehicleActions actions = client.actions().orElseThrow();

    CaSimCar simEv = sim.cars().stream().filter(CaSimCar::electric).findFirst().orElseThrow();
    String id = onLoop(() -> actions.send(ev, new LockCommand(ev.id(), false), settings.pin(), ctx(), () -> { }));
    assertEquals(ActionState.PENDING, onLoop(() -> actions.status(ev, id, ctx())));
    Await.condition(vertx, () -> !simEv.locked(), WAIT);
    assertEquals(ActionState.SUCCESS, onLoop(() -> actions.status(ev, id, ctx())));
    CaCallLog.Call lock = sim.calls().of(CaSimEndpoint.UNLOCK).get(0);
    assertEquals(new JsonObject().put("pin", settings.pin()), new JsonObject(lock.body()));
    assertNotNull(lock.pAuth());
    assertEquals(List.of(lock.pAuth()), sim.calls().of(CaSimEndpoint.ACTION_STATUS).stream().map(CaCallLog.Call::pAuth)
        .distinct().toList(), "the polls carry the command's pAuth");
    assertEquals(1, count(CaSimEndpoint.VERIFY_PIN), "no new pAuth for the polls");

    onLoop(() -> actions.send(ev, new ClimateCommand(ev.id(), true, new ClimateSettings(21.5, 15, true, false, null)),
        settings.pin(), ctx(), () -> { }));
    JsonObject climate = new JsonObject(sim.calls().of(CaSimEndpoint.CLIMATE_START_EV).get(0).body());
    assertEquals("0FH", climate.getJsonObject("hvacInfo").getJsonObject("airTemp").getString("value"));
    assertEquals(15, climate.getJsonObject("hvacInfo").getInteger("igniOnDuration"));
    assertEquals(2, count(CaSimEndpoint.VERIFY_PIN), "a fresh pAuth per command");
  }

  @Test
  @DisplayName("a wrong PIN: wrong_pin after one vrfypin and no command sent; reads stop asking for the location")
  void wrongPin(Vertx vertx) {
    start(vertx, CaSimSettings.defaults(Brand.KIA).withMfa(false));
    pin = Secret.of("0000");
    CaVehicleClient client = client();
    Vehicle ev = car(onLoop(() -> client.vehicles(ctx())), true);
    VehicleData read = onLoop(() -> client.cached(ev, ctx()));
    assertNull(read.location());
    assertEquals(1, count(CaSimEndpoint.VERIFY_PIN));
    sim.cars().get(0).drive(3, 49.0, -123.0);
    onLoop(() -> client.cached(ev, ctx()));
    assertEquals(1, count(CaSimEndpoint.VERIFY_PIN), "a refused PIN is not tried again by the reads");
    assertEquals(0, count(CaSimEndpoint.FIND_CAR));
    ApiException failure = failureOnLoop(() -> client.actions().orElseThrow()
        .send(ev, new LockCommand(ev.id(), false), "0000", ctx(), () -> { }));
    assertEquals(ApiException.Kind.WRONG_PIN, failure.kind());
    assertEquals(2, count(CaSimEndpoint.VERIFY_PIN));
    assertEquals(0, count(CaSimEndpoint.UNLOCK));
  }

  @Test
  @DisplayName("the daily limit: RATE_LIMITED and the budget marked exhausted")
  void quotaFeedsTheBudget(Vertx vertx) {
    start(vertx, CaSimSettings.defaults(Brand.KIA).withMfa(false).withDailyQuota(2));
    CaVehicleClient client = client();
    Vehicle ev = car(onLoop(() -> client.vehicles(ctx())), true);
    onLoop(() -> client.cached(ev, ctx()).otherwise(VehicleData.EMPTY));
    ApiException failure = failureOnLoop(() -> client.cached(ev, ctx()));
    assertEquals(ApiException.Kind.RATE_LIMITED, failure.kind());
    assertTrue(budget.exhaustedMarks.get() >= 1);
  }

  @Test
  @DisplayName("a wrong code: rejected with tries left, then the right one; one login, no second dialogue")
  void wrongCodeThenRightCode(Vertx vertx) {
    start(vertx, CaSimSettings.defaults(Brand.KIA));
    List<OtpVerdict> verdicts = new CopyOnWriteArrayList<>();
    owner.script = challenge -> challenge.send("email")
        .compose(v -> challenge.verify("000000".equals(sim.lastCode()) ? "111111" : "000000"))
        .compose(first -> {
          verdicts.add(first);
          return challenge.verify(sim.lastCode());
        })
        .compose(second -> {
          verdicts.add(second);
          return second.kind() == OtpVerdict.Kind.ACCEPTED ? Future.succeededFuture() : Future.failedFuture("no");
        });
    vehiclesThroughTheCode(client());
    assertEquals(OtpVerdict.Kind.REJECTED, verdicts.get(0).kind());
    assertEquals(CaMfaChallenge.MAX_TRIES - 1, verdicts.get(0).triesLeft());
    assertEquals(OtpVerdict.Kind.ACCEPTED, verdicts.get(1).kind());
    assertEquals(1, count(CaSimEndpoint.LOGIN));
    assertEquals(1, count(CaSimEndpoint.MFA_SELECT));
    assertEquals(2, count(CaSimEndpoint.MFA_VALIDATE));
  }

  @Test
  @DisplayName("while the owner is asked for a code, another caller fails at once (login pending) and no second "
      + "login is sent; a code that never comes fails the login once, with backoff")
  void pendingCodeBlocksOtherLogins(Vertx vertx) {
    start(vertx, CaSimSettings.defaults(Brand.KIA));
    Promise<Void> never = Promise.promise();
    owner.script = challenge -> never.future();
    CaVehicleClient client = client();
    ApiException first = failureOnLoop(() -> client.vehicles(ctx()));
    assertEquals(ApiException.Kind.LOGIN_PENDING, first.kind());
    assertTrue(owner.pending);

    ApiException second = failureOnLoop(() -> client.vehicles(ctx()));
    assertEquals(ApiException.Kind.LOGIN_PENDING, second.kind());
    assertEquals(1, count(CaSimEndpoint.LOGIN));
    assertEquals(1, count(CaSimEndpoint.MFA_SELECT), "no second dialogue");
    assertEquals(0, count(CaSimEndpoint.VEHICLES));

    loop.runOnContext(v -> never.fail(new ApiException(ApiException.Kind.AUTH_FAILED, "the code expired")));
    Await.condition(vertx, () -> !owner.pending, WAIT);
    ApiException backedOff = failureOnLoop(() -> client.vehicles(ctx()));
    assertTrue(backedOff.getMessage().contains("next attempt"), backedOff.getMessage());
    assertEquals(1, count(CaSimEndpoint.LOGIN), "no login loop");
  }

  @Test
  @DisplayName("canaries: password, PIN, tokens and the code appear in no log line")
  void secretsStayOutOfLogs(Vertx vertx) throws Exception {
    try (LogCapture logs = LogCapture.attach()) {
      start(vertx, CaSimSettings.defaults(Brand.KIA));
      CaVehicleClient client = client();
      Vehicle ev = car(vehiclesThroughTheCode(client), true);
      onLoop(() -> client.actions().orElseThrow().send(ev, new LockCommand(ev.id(), true), settings.pin(), ctx(),
          () -> { }));
      String token = new JsonObject(Files.readString(stateDir.resolve(CaSessionStore.FILE_NAME)))
          .getString("accessToken");
      String text = logs.text();
      for (String secret : List.of(settings.password(), token, sim.lastCode(), sim.calls().of(CaSimEndpoint.LOCK)
          .get(0).pAuth())) {
        assertFalse(text.contains(secret), "a secret reached the log");
      }
      assertFalse(text.matches("(?s).*(?<![0-9])" + settings.pin() + "(?![0-9]).*"), "the PIN reached the log");
      assertNull(System.getenv("MQTT_TEST_BROKER_NEVER_SET"));
    }
  }
}
