package io.bluelinkmqtt.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.bus.BridgeException;
import io.bluelinkmqtt.bus.Failure;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.RefreshMode;
import io.bluelinkmqtt.domain.RefreshRequest;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.VehicleData;
import io.bluelinkmqtt.testsupport.TestClock;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class RefreshDeadlineTest {

  private static final Vehicle CAR = new Vehicle("car1", "api-1", null, null, null, Brand.KIA, Vehicle.EngineType.EV);

  /** A cloud whose cached read never answers (each call still counted by the caller's context). */
  private static final class SlowCloud implements VehicleCloud {
    final Promise<VehicleData> never = Promise.promise();
    int cachedCalls;

    @Override
    public Future<List<Vehicle>> vehicles(CallContext context) {
      return Future.succeededFuture(List.of(CAR));
    }

    @Override
    public Future<VehicleData> cached(Vehicle vehicle, CallContext context) {
      cachedCalls++;
      return never.future();
    }

    @Override
    public Future<ForcedRead> force(Vehicle vehicle, Instant baseline, CallContext context, Runnable wakeSent) {
      return Future.failedFuture(new IllegalStateException("not used"));
    }
  }

  @Test
  @DisplayName("a cached refresh that does not finish within its deadline answers upstream_timeout; the car's lane "
      + "still waits for the real work, so a second refresh queues instead of running beside it")
  void cachedRefreshHasAnEndToEndDeadline(Vertx vertx, VertxTestContext ctx) {
    SlowCloud cloud = new SlowCloud();
    vertx.runOnContext(v -> {
      RefreshService service = new RefreshService(cloud, new MinIntervalWakePolicy(java.time.Duration.ZERO,
          TestClock.at("2026-11-23T12:00:00Z")), TestClock.at("2026-11-23T12:00:00Z"), 4, 100, 1000);
      long started = System.nanoTime();
      service.refresh(new RefreshRequest("car1", RefreshMode.CACHED, 0, false, "c1"))
          .onComplete(ctx.failing(err -> ctx.verify(() -> {
            long ms = (System.nanoTime() - started) / 1_000_000;
            assertTrue(err instanceof BridgeException, err.toString());
            assertEquals(Failure.UPSTREAM_TIMEOUT, ((BridgeException) err).failure());
            assertTrue(ms >= 90 && ms < 1000, "answered after " + ms + " ms");
            service.refresh(new RefreshRequest("car1", RefreshMode.CACHED, 0, false, "c2"));
            vertx.setTimer(50, t -> ctx.verify(() -> {
              assertEquals(1, cloud.cachedCalls, "the second refresh waits behind the unfinished one");
              cloud.never.complete(VehicleData.EMPTY);
              ctx.completeNow();
            }));
          })));
    });
  }
}
