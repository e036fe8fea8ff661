package io.bluelinkmqtt.api.ushyundai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.api.ApiErrors;
import io.bluelinkmqtt.api.ApiException;
import io.bluelinkmqtt.api.ApiException.Kind;
import io.bluelinkmqtt.api.CallContext;
import io.bluelinkmqtt.api.ClockSkew;
import io.bluelinkmqtt.api.CloudSetup;
import io.bluelinkmqtt.api.OneTimeCodes;
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
import io.bluelinkmqtt.domain.CommandName;
import io.bluelinkmqtt.domain.Region;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.VehicleData;
import io.bluelinkmqtt.domain.VehicleData.DistanceUnit;
import io.bluelinkmqtt.sim.ushyundai.UsHyundaiSimulator;
import io.bluelinkmqtt.sim.ushyundai.UsSimCalls.Endpoint;
import io.bluelinkmqtt.sim.ushyundai.UsSimSettings;
import io.bluelinkmqtt.sim.ushyundai.UsSimWarmUp;
import io.bluelinkmqtt.testsupport.RecordingBudget;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The US Hyundai module against its simulator, without MQTT: session rules (stored session, one renewal for many
 * callers, a refused refresh falls back to one login, a refused login never loops), the PIN on every call, HT_534
 * feeding the budget, and what the vehicle list offers.
 */
@ExtendWith(VertxExtension.class)
class UsHyundaiClientTest {

  private Vertx vertx;
  private UsHyundaiSimulator simulator;
  private Path stateDir;
  private WorkerExecutor worker;
  private final RecordingBudget budget = new RecordingBudget();

  @BeforeAll
  static void warmUp() throws Exception {
    UsSimWarmUp.run();
  }

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    stateDir = Files.createTempDirectory("bluelink-us-client");
    worker = vertx.createSharedWorkerExecutor("us-client-test", 1);
    simulator = new UsHyundaiSimulator(vertx, UsSimSettings.defaults(Brand.HYUNDAI)
        .withDelays(Duration.ofMillis(20), Duration.ofMillis(20)));
    simulator.start().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    simulator.stop().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    worker.close();
  }

  private VehicleCloud cloud(String password, String pin) {
    AccountConfig account = new AccountConfig(Region.USA, Brand.HYUNDAI, simulator.settings().username(),
        Secret.of(password), Secret.of(pin), Optional.empty(), TopicIdSource.VEHICLE_ID);
    ApiConfig api = new ApiConfig(stateDir, 2, new HttpLimits(2_000, 1_500, 1_000, 1_048_576),
        new RefreshTimings(2_000, 3_000, 20, 2), new LoginBackoff(60_000, 600_000), new RetryConfig(1, 5, 20),
        new BreakerConfig(5, 60_000, 300, 5_000), UsHyundaiModule.SUPPORT.allAt(simulator.baseUrl()));
    Clock clock = Clock.systemUTC();
    ResilientCaller caller = new ResilientCaller(vertx, api.breaker(), api.retry(), budget, clock, new Random(7),
        (name, state) -> { });
    return new UsHyundaiModule().connect(new CloudSetup(vertx, account, api, clock, caller, worker,
        new ClockSkew(clock), new VehicleNaming(account), OneTimeCodes.UNAVAILABLE));
  }

  private VehicleCloud cloud() {
    return cloud(simulator.settings().password(), simulator.settings().pin());
  }

  private static CallContext user() {
    return new CallContext(true);
  }

  private static Vehicle electric(List<Vehicle> cars) {
    return cars.stream().filter(v -> v.engine() == Vehicle.EngineType.EV).findFirst().orElseThrow();
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  @DisplayName("the list: regid as id, gen kept, actions offered per drive train; a second client reuses the stored "
      + "session (no login)")
  void listingAndStoredSession(VertxTestContext ctx) {
    vertx.runOnContext(x -> cloud().vehicles(user())
        .compose(cars -> {
          ctx.verify(() -> {
            assertEquals(2, cars.size());
            Vehicle ev = electric(cars);
            assertEquals("H3IONIQ50001", ev.id());
            assertEquals("3", ev.moduleData().get("gen"));
            assertEquals(Set.of(CommandName.LOCK, CommandName.CLIMATE, CommandName.HAZARD, CommandName.HORN_LIGHTS,
                CommandName.CHARGE, CommandName.CHARGE_LIMITS), ev.actions());
            Vehicle ice = cars.stream().filter(v -> v.engine() == Vehicle.EngineType.ICE).findFirst().orElseThrow();
            assertEquals(Set.of(CommandName.LOCK, CommandName.CLIMATE, CommandName.HAZARD, CommandName.HORN_LIGHTS),
                ice.actions());
            assertEquals(1, simulator.calls().count(Endpoint.LOGIN));
          });
          return cloud().vehicles(user());
        })
        .compose(cars -> cloud().cached(electric(cars), user()))
        .onComplete(ctx.succeeding(data -> ctx.verify(() -> {
          assertEquals(1, simulator.calls().count(Endpoint.LOGIN), "the stored session served two more clients");
          assertEquals(DistanceUnit.MILES, data.odometer().unit());
          assertEquals(12_500.0, data.odometer().value(), "the enrollment odometer");
          ctx.completeNow();
        }))));
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  @DisplayName("an expired session with three callers at once: one refresh (with username and password), each call "
      + "sent once more")
  void oneRenewalForConcurrentCallers(VertxTestContext ctx) {
    vertx.runOnContext(x -> {
      VehicleCloud cloud = cloud();
      cloud.vehicles(user())
          .compose(cars -> {
            simulator.expireAllTokens();
            Vehicle ev = electric(cars);
            return Future.all(cloud.cached(ev, user()), cloud.cached(ev, user()), cloud.cached(ev, user()));
          })
          .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
            assertEquals(1, simulator.calls().count(Endpoint.TOKEN_REFRESH));
            assertEquals(1, simulator.calls().count(Endpoint.LOGIN));
            JsonObject body = new JsonObject(simulator.calls().of(Endpoint.TOKEN_REFRESH).get(0).body());
            assertEquals(simulator.settings().username(), body.getString("username"));
            assertEquals(simulator.settings().password(), body.getString("password"));
            assertEquals(6, simulator.calls().count(Endpoint.CACHED_STATUS), "three refused, three resent");
            ctx.completeNow();
          })));
    });
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  @DisplayName("a stored session whose refresh token the cloud no longer knows: the refresh is refused, one login")
  void refusedRefreshFallsBackToOneLogin(VertxTestContext ctx) throws Exception {
    new UsSessionStore(worker, stateDir, simulator.settings().username())
        .save(new UsTokens(Secret.of("stale-access"), Secret.of("stale-refresh"), java.time.Instant.EPOCH))
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    vertx.runOnContext(x -> cloud().vehicles(user()).onComplete(ctx.succeeding(cars -> ctx.verify(() -> {
      assertEquals(2, cars.size());
      assertEquals(1, simulator.calls().count(Endpoint.TOKEN_REFRESH));
      assertEquals(401, simulator.calls().of(Endpoint.TOKEN_REFRESH).get(0).answered());
      assertEquals(1, simulator.calls().count(Endpoint.LOGIN));
      ctx.completeNow();
    }))));
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  @DisplayName("a wrong password: AUTH_FAILED after one login; the next call fails at once (backoff), no second login")
  void wrongPasswordNeverLoops(VertxTestContext ctx) {
    String canary = "pw-canary-" + System.nanoTime();
    vertx.runOnContext(x -> {
      VehicleCloud cloud = cloud(canary, simulator.settings().pin());
      cloud.vehicles(user())
          .<Throwable>transform(first -> {
            ctx.verify(() -> {
              assertTrue(first.failed());
              assertEquals(Kind.AUTH_FAILED, ApiErrors.from(first.cause()).kind());
              assertFalse(first.cause().getMessage().contains(canary), "the password is in no message");
            });
            return cloud.vehicles(user()).transform(second -> Future.succeededFuture(second.cause()));
          })
          .onComplete(ctx.succeeding(second -> ctx.verify(() -> {
            assertEquals(Kind.AUTH_FAILED, ApiErrors.from(second).kind());
            assertEquals(1, simulator.calls().count(Endpoint.LOGIN));
            ctx.completeNow();
          })));
    });
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  @DisplayName("no PIN: refused without a call; a wrong PIN: WRONG_PIN from the cloud's validatePIN error, then no "
      + "call for an hour")
  void pinOnEveryCall(VertxTestContext ctx) {
    vertx.runOnContext(x -> cloud(simulator.settings().password(), "").vehicles(user())
        .<Throwable>transform(noPin -> {
          ctx.verify(() -> {
            assertEquals(Kind.AUTH_FAILED, ApiErrors.from(noPin.cause()).kind());
            assertEquals(0, simulator.calls().total(), "nothing sent without a PIN");
          });
          VehicleCloud wrongPin = cloud(simulator.settings().password(), "0000");
          return wrongPin.vehicles(user())
              .transform(wrong -> {
                ctx.verify(() -> assertEquals(Kind.WRONG_PIN, ApiErrors.from(wrong.cause()).kind()));
                return wrongPin.vehicles(user());
              })
              .transform(again -> Future.succeededFuture(again.cause()));
        })
        .onComplete(ctx.succeeding(again -> ctx.verify(() -> {
          assertEquals(Kind.WRONG_PIN, ApiErrors.from(again).kind());
          assertEquals(1, simulator.calls().count(Endpoint.ENROLLMENT), "a refused PIN is not sent again");
          ctx.completeNow();
        }))));
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  @DisplayName("HT_534 on a force: RATE_LIMITED, the budget marked exhausted once, the wake not resent")
  void dailyLimitMarksTheBudget(VertxTestContext ctx) {
    vertx.runOnContext(x -> {
      VehicleCloud cloud = cloud();
      cloud.vehicles(user())
          .compose(cars -> {
            simulator.exhaustRemoteLimit();
            return cloud.force(electric(cars), null, user(), () -> { });
          })
          .onComplete(ctx.failing(err -> ctx.verify(() -> {
            ApiException failure = ApiErrors.from(err);
            assertEquals(Kind.RATE_LIMITED, failure.kind());
            assertEquals(UsHyundaiErrors.DAILY_LIMIT, failure.cloudCode());
            assertEquals(1, budget.exhaustedMarks.get());
            assertEquals(1, simulator.calls().count(Endpoint.FORCED_STATUS));
            ctx.completeNow();
          })));
    });
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  @DisplayName("a forced read: REFRESH true on the same URL, the car's new time, °F and miles kept")
  void forcedRead(VertxTestContext ctx) {
    vertx.runOnContext(x -> {
      VehicleCloud cloud = cloud();
      cloud.vehicles(user())
          .compose(cars -> cloud.force(electric(cars), null, user(), () -> { }))
          .onComplete(ctx.succeeding(read -> ctx.verify(() -> {
            VehicleData data = read.data();
            assertFalse(read.deadlinePassed());
            assertEquals(simulator.car("H3IONIQ50001").lastUpdated(), data.lastUpdated());
            assertEquals(VehicleData.TemperatureUnit.FAHRENHEIT, data.climate().unit());
            assertNull(data.climate().setTemperatureCelsius(), "°F is never passed off as °C");
            assertEquals(DistanceUnit.MILES, data.ev().range().unit());
            assertEquals("true", simulator.calls().of(Endpoint.FORCED_STATUS).get(0).headers().get("REFRESH"));
            ctx.completeNow();
          })));
    });
  }

  @Test
  @DisplayName("errors: 502 without HT_534 is a transient server error; the tokens never show in toString")
  void classification() {
    JsonObject hata = new JsonObject().put("errorCode", 502).put("errorSubCode", "HT_500").put("systemName", "HATA")
        .put("errorMessage", "HATA remoteVehicleStatus service failed");
    assertEquals(Kind.SERVER_ERROR, UsHyundaiErrors.fromError(hata, 502).kind());
    assertTrue(Kind.SERVER_ERROR.retryable());
    JsonObject expired = new JsonObject().put("errorCode", 401).put("errorSubCode", "C401_2")
        .put("errorMessage", "Token has expired");
    assertEquals(Kind.TOKEN_EXPIRED, UsHyundaiErrors.fromError(expired, 401).kind());
    String canary = "tok-canary-" + System.nanoTime();
    assertFalse(new UsTokens(Secret.of(canary), Secret.of(canary), java.time.Instant.EPOCH).toString().contains(canary));
  }
}
