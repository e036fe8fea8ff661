package io.bluelinkmqtt.api.uskia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.api.ApiException;
import io.bluelinkmqtt.api.CallBudget;
import io.bluelinkmqtt.api.CallContext;
import io.bluelinkmqtt.api.ClockSkew;
import io.bluelinkmqtt.api.CloudSetup;
import io.bluelinkmqtt.api.OneTimeCodes;
import io.bluelinkmqtt.api.OtpChallenge;
import io.bluelinkmqtt.api.OtpChallenge.OtpVerdict;
import io.bluelinkmqtt.api.ResilientCaller;
import io.bluelinkmqtt.api.VehicleCloud;
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
import io.bluelinkmqtt.domain.ChargeLimitsCommand;
import io.bluelinkmqtt.domain.CommandName;
import io.bluelinkmqtt.domain.Region;
import io.bluelinkmqtt.domain.SignalCommand;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.VehicleData;
import io.bluelinkmqtt.domain.VehicleData.DistanceUnit;
import io.bluelinkmqtt.sim.uskia.UsKiaSimCalls.Endpoint;
import io.bluelinkmqtt.sim.uskia.UsKiaSimSettings;
import io.bluelinkmqtt.sim.uskia.UsKiaSimulator;
import io.bluelinkmqtt.testsupport.Await;
import io.bluelinkmqtt.testsupport.LogCapture;
import io.bluelinkmqtt.testsupport.TestClock;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The US Kia module through its seam ({@code connect(CloudSetup)}) against the simulator, with a captured challenge. */
class UsKiaModuleTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final Vertx vertx = Vertx.vertx();
  private final Context loop = vertx.getOrCreateContext();
  private final TestClock clock = TestClock.at("2026-12-01T15:00:00Z");
  private final List<OtpChallenge> challenges = new CopyOnWriteArrayList<>();
  private final OneTimeCodes capture = new OneTimeCodes() {
    @Override
    public Future<Void> solve(OtpChallenge challenge) {
      challenges.add(challenge);
      return Promise.<Void>promise().future();
    }

    @Override
    public boolean pending() {
      return false;
    }
  };
  private Path stateDir;
  private UsKiaSimulator simulator;

  @BeforeEach
  void start() throws Exception {
    stateDir = Files.createTempDirectory("uskia-module");
  }

  @AfterEach
  void stop() {
    if (simulator != null) {
      Await.result(simulator.stop(), WAIT);
    }
    Await.result(vertx.fileSystem().deleteRecursive(stateDir.toString()), WAIT);
    Await.result(vertx.close(), WAIT);
  }

  private void simulator(UsKiaSimSettings settings) {
    simulator = new UsKiaSimulator(vertx, settings);
    Await.result(simulator.start(), WAIT);
  }

  private VehicleCloud connect(String password) {
    AccountConfig account = new AccountConfig(Region.USA, Brand.KIA, simulator.settings().username(),
        Secret.of(password), Secret.empty(), Optional.empty(), TopicIdSource.VEHICLE_ID);
    ApiConfig api = new ApiConfig(stateDir, 2, new HttpLimits(2_000, 1_500, 1_000, 1_048_576),
        new RefreshTimings(2_000, 3_000, 20, 2), new LoginBackoff(60_000, 600_000), new RetryConfig(1, 5, 20),
        new BreakerConfig(5, 60_000, 300, 5_000), UsKiaModule.SUPPORT.allAt(simulator.baseUrl()));
    return onLoop(() -> {
      ResilientCaller caller = new ResilientCaller(vertx, api.breaker(), api.retry(), CallBudget.UNLIMITED, clock,
          new java.util.Random(1), (name, state) -> { });
      return Future.succeededFuture(new UsKiaModule().connect(new CloudSetup(vertx, account, api, clock, caller,
          vertx.createSharedWorkerExecutor("uskia-test", 1, 30, TimeUnit.SECONDS), new ClockSkew(clock),
          new VehicleNaming(account), capture)));
    });
  }

  private <T> T onLoop(Supplier<Future<T>> action) {
    Promise<T> promise = Promise.promise();
    loop.runOnContext(v -> action.get().onComplete(promise));
    return Await.result(promise.future(), WAIT);
  }

  private Throwable failureOnLoop(Supplier<Future<?>> action) {
    Promise<Object> promise = Promise.promise();
    loop.runOnContext(v -> action.get().onComplete(ar -> promise.handle(ar.map(x -> (Object) x))));
    return Await.failure(promise.future(), WAIT);
  }

  private int count(Endpoint endpoint) {
    return simulator.calls().count(endpoint);
  }

  /** The first login: the code demanded, sent by SMS, a wrong one rejected, the right one accepted. */
  private OtpChallenge answerFirstChallenge(VehicleCloud cloud) {
    Throwable pending = failureOnLoop(() -> cloud.vehicles(new CallContext(true)));
    assertEquals(ApiException.Kind.LOGIN_PENDING, assertInstanceOf(ApiException.class, pending).kind());
    assertEquals(1, challenges.size());
    OtpChallenge challenge = challenges.get(0);
    assertEquals(List.of("email", "sms"), challenge.channels());
    assertEquals("o***@e***.com", challenge.destinationHint());
    assertEquals(clock.instant().plus(UsKiaChallenge.LIFETIME), challenge.expiresAt());
    onLoop(() -> challenge.send("sms"));
    String right = simulator.lastCode();
    String wrong = right.equals("999999") ? "888888" : "999999";
    assertEquals(new OtpVerdict(OtpVerdict.Kind.REJECTED, 2), onLoop(() -> challenge.verify(wrong)));
    assertEquals(OtpVerdict.Kind.ACCEPTED, onLoop(() -> challenge.verify(right)).kind());
    return challenge;
  }

  @Test
  @DisplayName("a new device answers the code once; the remembered device (rmtoken, same deviceid from the state "
      + "file) logs in again without one, also after a restart and after the cloud ended the session")
  void rememberedDevice() throws Exception {
    simulator(UsKiaSimSettings.defaults(clock));
    VehicleCloud cloud = connect(simulator.settings().password());
    answerFirstChallenge(cloud);
    assertEquals(2, count(Endpoint.AUTH_USER), "the code's login completes with sid + rmtoken");
    List<Vehicle> cars = onLoop(() -> cloud.vehicles(new CallContext(true)));
    assertEquals(List.of("1000000001", "1000000002"), cars.stream().map(Vehicle::id).toList());
    assertEquals(Vehicle.EngineType.EV, cars.get(0).engine());
    assertTrue(cars.get(0).actions().contains(CommandName.CHARGE));
    assertFalse(cars.get(1).actions().contains(CommandName.CHARGE), "no charging for a combustion car");

    String file = Files.readString(stateDir.resolve(UsKiaSessionStore.FILE_NAME));
    assertFalse(file.contains(simulator.settings().password()), "the password is never stored");
    assertTrue(file.contains("\"deviceId\""));

    // a restart: the stored sid, no login at all
    VehicleCloud restarted = connect(simulator.settings().password());
    VehicleData data = onLoop(() -> restarted.cached(cars.get(0), new CallContext(true)));
    assertEquals(2, count(Endpoint.AUTH_USER));
    assertEquals(DistanceUnit.MILES, data.ev().range().unit());

    // the cloud ends every session early: one login with the rmtoken, no code, a new vehicle key
    simulator.endSessions();
    int lists = count(Endpoint.VEHICLE_LIST);
    try (LogCapture logs = LogCapture.attach()) {
      VehicleData again = onLoop(() -> restarted.cached(cars.get(1), new CallContext(true)));
      assertNotNull(again.lastUpdated());
      assertFalse(logs.text().contains(simulator.settings().password()));
    }
    assertEquals(3, count(Endpoint.AUTH_USER));
    assertEquals(lists + 1, count(Endpoint.VEHICLE_LIST));
    assertEquals(1, challenges.size(), "no new code");
    assertEquals(1, count(Endpoint.SEND_OTP));
  }

  @Test
  @DisplayName("verifyOTP without rmtoken: its sid is the session (no completing authUser); the next login asks for a "
      + "code again")
  void rmtokenMissing() {
    simulator(UsKiaSimSettings.defaults(clock).withoutRmtoken());
    VehicleCloud cloud = connect(simulator.settings().password());
    answerFirstChallenge(cloud);
    assertEquals(1, count(Endpoint.AUTH_USER), "no completing authUser without an rmtoken");
    List<Vehicle> cars = onLoop(() -> cloud.vehicles(new CallContext(true)));
    assertEquals(2, cars.size());
    simulator.endSessions();
    Throwable pending = failureOnLoop(() -> cloud.cached(cars.get(0), new CallContext(true)));
    assertEquals(ApiException.Kind.LOGIN_PENDING, ((ApiException) pending).kind());
    assertEquals(2, challenges.size());
  }

  @Test
  @DisplayName("RFC 1123 and compact syncDate both UTC; odometer in miles as a string of the car")
  void timesAndUnits() {
    simulator(UsKiaSimSettings.defaults(clock));
    VehicleCloud cloud = connect(simulator.settings().password());
    answerFirstChallenge(cloud);
    List<Vehicle> cars = onLoop(() -> cloud.vehicles(new CallContext(true)));
    for (Vehicle car : cars) {
      VehicleData data = onLoop(() -> cloud.cached(car, new CallContext(true)));
      assertEquals(simulator.car(car.id()).reportedAt().truncatedTo(ChronoUnit.SECONDS), data.lastUpdated(), car.id());
      assertEquals(DistanceUnit.MILES, data.odometer().unit());
    }
  }

  @Test
  @DisplayName("wrong credentials (1001): auth_failed, and the next attempt waits for the backoff: no second call")
  void wrongPasswordBacksOff() {
    simulator(UsKiaSimSettings.defaults(clock));
    VehicleCloud cloud = connect("wrong-password");
    Throwable first = failureOnLoop(() -> cloud.vehicles(new CallContext(true)));
    assertEquals(ApiException.Kind.AUTH_FAILED, ((ApiException) first).kind());
    Throwable second = failureOnLoop(() -> cloud.vehicles(new CallContext(true)));
    assertEquals(ApiException.Kind.AUTH_FAILED, ((ApiException) second).kind());
    assertEquals(1, count(Endpoint.AUTH_USER));
    assertEquals(0, challenges.size());
  }

  @Test
  @DisplayName("the simulator refuses what the gateway refuses: no secretkey, a clientuuid that is not the device's")
  void simulatorIsStrict() {
    simulator(UsKiaSimSettings.defaults(clock));
    String device = "0B2C7C2E-55A4-4C6F-9E33-1F7A4B4E9D10";
    MultiMap noSecret = UsKiaProfile.baseHeaders(device, clock);
    noSecret.remove("secretkey");
    MultiMap wrongUuid = UsKiaProfile.baseHeaders(device, clock).set(UsKiaProfile.CLIENT_UUID,
        UsKiaProfile.clientUuid("another"));
    for (MultiMap headers : List.of(noSecret, wrongUuid)) {
      int status = Await.result(vertx.createHttpClient().request(new RequestOptions().setMethod(HttpMethod.POST)
              .setAbsoluteURI(simulator.baseUrl() + UsKiaProfile.AUTH_USER).setHeaders(headers))
          .compose(r -> r.send("{}")).map(r -> r.statusCode()), WAIT);
      assertEquals(400, status);
    }
    assertEquals(List.of(9999, 9999), simulator.calls().of(Endpoint.AUTH_USER).stream().map(c -> c.errorCode())
        .toList());
  }

  @Test
  @DisplayName("clientuuid is the RFC 4122 UUIDv5 of the device id in the DNS namespace")
  void clientUuidIsUuidV5() {
    assertEquals("886313e1-3b8a-5372-9b90-0c9aee199e5d", UsKiaProfile.clientUuid("python.org"));
  }

  /** One request of ours to the simulator with the module's device and its stored sid; the answer's body. */
  private JsonObject raw(HttpMethod method, String path, String vinKey, JsonObject body) throws Exception {
    JsonObject stored = new JsonObject(Files.readString(stateDir.resolve(UsKiaSessionStore.FILE_NAME)));
    MultiMap headers = UsKiaProfile.baseHeaders(stored.getString("deviceId"), clock)
        .add(UsKiaProfile.SID, stored.getString("sid"));
    if (vinKey != null) {
      headers.add(UsKiaProfile.VINKEY, vinKey);
    }
    return Await.result(vertx.createHttpClient().request(new RequestOptions().setMethod(method)
            .setAbsoluteURI(simulator.baseUrl() + path).setHeaders(headers))
        .compose(r -> (body == null ? r.send() : r.send(body.encode())).compose(response -> response.body()))
        .map(JsonObject::new), WAIT);
  }

  private int setLimits(String vinKey, JsonObject body) throws Exception {
    return raw(HttpMethod.POST, "/evc/sts", vinKey, body).getJsonObject("status").getInteger("errorCode");
  }

  /** This session's vehicle key of {@code car}, from the vehicle list. */
  private String keyOf(Vehicle car) throws Exception {
    return raw(HttpMethod.GET, UsKiaProfile.VEHICLE_LIST, null, null).getJsonObject("payload")
        .getJsonArray("vehicleSummary").stream().map(JsonObject.class::cast)
        .filter(v -> car.id().equals(v.getString("vehicleIdentifier"))).findFirst().orElseThrow()
        .getString("vehicleKey");
  }

  private static JsonObject targets(Object dc, Object ac) {
    return new JsonObject().put("targetSOClist", new JsonArray()
        .add(new JsonObject().put("plugType", 0).put("targetSOClevel", dc))
        .add(new JsonObject().put("plugType", 1).put("targetSOClevel", ac)));
  }

  @Test
  @DisplayName("charge limits: listed for the EV only; evc/sts with this session's vinkey sets them and the next "
      + "cmm/gvi reports them; the simulator refuses other bodies, another session's key and a combustion car; the "
      + "combustion car and the signals send nothing")
  void chargeLimits() throws Exception {
    simulator(UsKiaSimSettings.defaults(clock));
    VehicleCloud cloud = connect(simulator.settings().password());
    answerFirstChallenge(cloud);
    List<Vehicle> cars = onLoop(() -> cloud.vehicles(new CallContext(true)));
    Vehicle ev = cars.get(0);
    Vehicle ice = cars.get(1);
    assertTrue(ev.actions().contains(CommandName.CHARGE_LIMITS));
    assertFalse(ice.actions().contains(CommandName.CHARGE_LIMITS));
    var actions = cloud.actions().orElseThrow();
    assertEquals(null, onLoop(() -> cloud.cached(ev, new CallContext(true))).ev().chargeLimitAc(),
        "a plain cmm/gvi carries no targetSOC");

    String xid = onLoop(() -> actions.send(ev, new ChargeLimitsCommand(ev.id(), 60, 100), "1234",
        new CallContext(true), () -> { }));
    assertNotNull(xid);
    assertEquals(1, count(Endpoint.CHARGE_LIMITS));
    assertEquals(targets(100, 60), new JsonObject(simulator.calls().of(Endpoint.CHARGE_LIMITS).get(0).body()));
    assertEquals(0, simulator.calls().of(Endpoint.CHARGE_LIMITS).get(0).errorCode());
    assertEquals(60, simulator.car(ev.id()).chargeLimitAc());
    assertEquals(100, simulator.car(ev.id()).chargeLimitDc());
    VehicleData read = onLoop(() -> cloud.cached(ev, new CallContext(true)));
    assertEquals(60, read.ev().chargeLimitAc());
    assertEquals(100, read.ev().chargeLimitDc());

    int total = simulator.calls().total();
    for (Vehicle car : List.of(ice, ev)) {
      var action = car == ice ? new ChargeLimitsCommand(ice.id(), 80, 80)
          : new SignalCommand(ev.id(), CommandName.HORN_LIGHTS);
      Throwable refused = failureOnLoop(() -> actions.send(car, action, "1234", new CallContext(true), () -> { }));
      assertEquals(ApiException.Kind.UNSUPPORTED, assertInstanceOf(ApiException.class, refused).kind());
    }
    assertEquals(total, simulator.calls().total(), "nothing sent for what the car or the region lacks");

    String evKey = keyOf(ev);
    assertEquals(9999, setLimits(evKey, targets(100, 65)), "65 is no step of 10");
    assertEquals(9999, setLimits(evKey, targets(100, "60")), "a level as text");
    assertEquals(9999, setLimits(evKey, new JsonObject().put("targetSOClist", new JsonArray()
        .add(new JsonObject().put("plugType", 1).put("targetSOClevel", 80)))), "only one plug type");
    assertEquals(9999, setLimits(evKey, new JsonObject().put("tsoc", targets(90, 90)
        .getJsonArray("targetSOClist"))), "Canada's tsoc");
    assertEquals(9002, setLimits(keyOf(ice), targets(90, 90)), "a combustion car");
    simulator.endSessions();
    VehicleData again = onLoop(() -> cloud.cached(ev, new CallContext(true))); // a new session, new keys
    assertEquals(60, again.ev().chargeLimitAc());
    assertEquals(9001, setLimits(evKey, targets(90, 90)), "the ended session's key");
    assertEquals(60, simulator.car(ev.id()).chargeLimitAc(), "no refused request changed the car");
    assertEquals(100, simulator.car(ev.id()).chargeLimitDc());
  }

}
