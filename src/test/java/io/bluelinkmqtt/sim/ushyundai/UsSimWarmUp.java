package io.bluelinkmqtt.sim.ushyundai;

import io.bluelinkmqtt.api.CallBudget;
import io.bluelinkmqtt.api.CallContext;
import io.bluelinkmqtt.api.ClockSkew;
import io.bluelinkmqtt.api.OneTimeCodes;
import io.bluelinkmqtt.api.CloudSetup;
import io.bluelinkmqtt.api.ResilientCaller;
import io.bluelinkmqtt.api.VehicleCloud;
import io.bluelinkmqtt.api.VehicleNaming;
import io.bluelinkmqtt.api.ushyundai.UsHyundaiModule;
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
import io.bluelinkmqtt.domain.Region;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * One throwaway session with a US simulator on a Vert.x of its own (login, list, a cached and a forced read through
 * the real module), for a test class's {@code @BeforeAll}: the first use in a JVM of the HTTP stack, Jackson and the
 * resilient caller links lambdas and loads classes on the event loop, which takes hundreds of milliseconds on a loaded
 * machine and would trip the strict blocked-thread checker in whichever test happens to come first.
 */
public final class UsSimWarmUp {

  private UsSimWarmUp() {
  }

  public static void run() throws Exception {
    Vertx vertx = Vertx.vertx();
    Path stateDir = Files.createTempDirectory("bluelink-us-warmup");
    try {
      UsHyundaiSimulator simulator = new UsHyundaiSimulator(vertx, UsSimSettings.defaults(Brand.HYUNDAI));
      simulator.start().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
      WorkerExecutor worker = vertx.createSharedWorkerExecutor("us-warmup", 1);
      VehicleCloud cloud = cloud(vertx, simulator, stateDir, worker);
      CallContext context = new CallContext(false);
      vertx.<Void>executeBlocking(() -> null)
          .compose(v -> cloud.vehicles(context))
          .compose(cars -> cloud.cached(cars.get(0), context)
              .compose(data -> cloud.force(cars.get(0), null, context, () -> { })))
          .eventually(() -> simulator.stop())
          .eventually(worker::close)
          .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
  }

  private static VehicleCloud cloud(Vertx vertx, UsHyundaiSimulator simulator, Path stateDir, WorkerExecutor worker) {
    UsSimSettings s = simulator.settings();
    AccountConfig account = new AccountConfig(Region.USA, s.brand(), s.username(), Secret.of(s.password()),
        Secret.of(s.pin()), Optional.empty(), TopicIdSource.VEHICLE_ID);
    ApiConfig api = new ApiConfig(stateDir, 1, new HttpLimits(10_000, 10_000, 10_000, 1_048_576),
        new RefreshTimings(10_000, 10_000, 20, 2), new LoginBackoff(1_000, 1_000), new RetryConfig(0, 5, 20),
        new BreakerConfig(5, 60_000, 300, 5_000), UsHyundaiModule.SUPPORT.allAt(simulator.baseUrl()));
    Clock clock = Clock.systemUTC();
    ResilientCaller caller = new ResilientCaller(vertx, api.breaker(), api.retry(), CallBudget.UNLIMITED, clock,
        new Random(1), (name, state) -> { });
    return new UsHyundaiModule().connect(new CloudSetup(vertx, account, api, clock, caller, worker,
        new ClockSkew(clock), new VehicleNaming(account), OneTimeCodes.UNAVAILABLE));
  }
}
