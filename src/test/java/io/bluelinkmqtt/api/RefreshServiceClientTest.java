package io.bluelinkmqtt.api;

import io.bluelinkmqtt.testsupport.TestClock;
import static io.bluelinkmqtt.api.Scripted.now;
import static io.bluelinkmqtt.api.Scripted.req;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.api.ApiException.Kind;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.DataSource;
import io.bluelinkmqtt.domain.RefreshMode;
import io.bluelinkmqtt.domain.RefreshRequest;
import io.bluelinkmqtt.domain.RefreshResult;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.VehicleData;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RefreshService logic with a scripted cloud and a hand-moved clock (no Vert.x threads involved). */
class RefreshServiceClientTest {

  private static final Vehicle CAR = new Vehicle("car1", "api-1", "VIN1", "n", "m", Brand.KIA, Vehicle.EngineType.EV);
  private final TestClock clock = new TestClock(Instant.parse("2026-09-01T10:00:00Z"));

  /** A cloud whose car timestamp moves on force unless told otherwise; counts calls. */
  private final class ScriptedCloud implements VehicleCloud {
    Instant carTime = Instant.parse("2026-09-01T09:00:00Z");
    boolean forceMoves = true;
    boolean refuseBudget;
    int cachedCalls;
    int forceCalls;

    @Override
    public Future<List<Vehicle>> vehicles(CallContext context) {
      context.countCall();
      return Future.succeededFuture(List.of(CAR));
    }

    @Override
    public Future<VehicleData> cached(Vehicle vehicle, CallContext context) {
      if (refuseBudget) {
        return Future.failedFuture(new ApiException(Kind.BUDGET, "refused"));
      }
      context.countCall();
      cachedCalls++;
      return Future.succeededFuture(data(carTime));
    }

    @Override
    public Future<ForcedRead> force(Vehicle vehicle, Instant baseline, CallContext context, Runnable wakeSent) {
      if (refuseBudget) {
        return Future.failedFuture(new ApiException(Kind.BUDGET, "refused"));
      }
      context.countCall();
      forceCalls++;
      wakeSent.run();
      if (forceMoves) {
        carTime = clock.instant();
      }
      return Future.succeededFuture(new ForcedRead(data(carTime), false));
    }
  }

  private static VehicleData data(Instant at) {
    return new VehicleData(at, new VehicleData.Battery(70, false, true, null), null, null, null, null, null, null, null);
  }

  @Test
  @DisplayName("21a: force every simulated second for 10 min with a 60 s interval → ≤ floor(t/60)+1 wakes, the rest min_interval from the last known state, 0 calls")
  void forceFloodIsThrottledByMinInterval() {
    ScriptedCloud cloud = new ScriptedCloud();
    RefreshService service = new RefreshService(cloud, new MinIntervalWakePolicy(Duration.ofSeconds(60), clock), clock, 4);
    int denied = 0;
    for (int second = 0; second < 600; second++) {
      RefreshResult r = now(service.refresh(req(RefreshMode.FORCE, 0)));
      if (r.deniedBy() != null) {
        denied++;
        assertEquals(WakePolicy.MIN_INTERVAL, r.deniedBy());
        assertEquals(DataSource.LAST_KNOWN, r.dataSource());
        assertEquals(RefreshMode.CACHED, r.path());
        assertEquals(0, r.upstreamCalls(), "a refused force costs no call once the car is known");
      } else {
        assertEquals(DataSource.FRESH, r.dataSource());
      }
      clock.advance(Duration.ofSeconds(1));
    }
    assertEquals(600 / 60, cloud.forceCalls, "one wake per interval");
    assertTrue(cloud.forceCalls <= 600 / 60 + 1);
    assertEquals(600 - cloud.forceCalls, denied);
  }

  @Test
  @DisplayName("the first smart after start reads cached first and forces only because the car's own time is too old")
  void firstSmartDecidesFromCachedData() {
    ScriptedCloud cloud = new ScriptedCloud();
    RefreshService service = new RefreshService(cloud, new MinIntervalWakePolicy(Duration.ZERO, clock), clock, 4);
    RefreshResult old = now(service.refresh(req(RefreshMode.SMART, 1800)));  // car time 1 h old
    assertEquals(RefreshMode.FORCE, old.path());
    assertEquals(DataSource.FRESH, old.dataSource());
    assertEquals(1, cloud.cachedCalls);
    assertEquals(1, cloud.forceCalls);
    assertEquals(3, old.upstreamCalls(), "vehicles + cached + force");

    RefreshResult young = now(service.refresh(req(RefreshMode.SMART, 1800)));  // car time now fresh
    assertEquals(RefreshMode.CACHED, young.path());
    assertEquals(DataSource.CACHED, young.dataSource());
    assertEquals(1, cloud.forceCalls);
    assertEquals(1, young.upstreamCalls());
  }

  @Test
  @DisplayName("a force whose car timestamp did not move is STALE, not FRESH")
  void unchangedTimestampIsStale() {
    ScriptedCloud cloud = new ScriptedCloud();
    cloud.forceMoves = false;
    RefreshService service = new RefreshService(cloud, new MinIntervalWakePolicy(Duration.ZERO, clock), clock, 4);
    RefreshResult r = now(service.refresh(req(RefreshMode.FORCE, 0)));
    assertEquals(DataSource.STALE, r.dataSource());
    assertEquals(RefreshMode.FORCE, r.path());
  }

  @Test
  @DisplayName("budget refusal: cached serves LAST_KNOWN with 0 calls; force is denied 'budget'")
  void budgetRefusalServesLastKnown() {
    ScriptedCloud cloud = new ScriptedCloud();
    RefreshService service = new RefreshService(cloud, new MinIntervalWakePolicy(Duration.ZERO, clock), clock, 4);
    RefreshResult first = now(service.refresh(req(RefreshMode.CACHED, 0)));
    cloud.refuseBudget = true;
    RefreshResult cached = now(service.refresh(req(RefreshMode.CACHED, 0)));
    assertEquals(DataSource.LAST_KNOWN, cached.dataSource());
    assertEquals(0, cached.upstreamCalls());
    assertEquals(first.data(), cached.data());
    assertNull(cached.deniedBy());
    RefreshResult forced = now(service.refresh(req(RefreshMode.FORCE, 0)));
    assertEquals(WakePolicy.BUDGET, forced.deniedBy());
    assertEquals(DataSource.LAST_KNOWN, forced.dataSource());
    assertEquals(0, forced.upstreamCalls());
    assertEquals(0, cloud.forceCalls);
  }

  @Test
  @DisplayName("MinIntervalWakePolicy: denies inside the interval even with override, allows once it passed")
  void minIntervalPolicy() {
    MinIntervalWakePolicy policy = new MinIntervalWakePolicy(Duration.ofMinutes(15), clock);
    assertTrue(policy.check(CAR, VehicleData.EMPTY, false).isEmpty());
    policy.recordWake(CAR);
    clock.advance(Duration.ofMinutes(14));
    assertEquals(WakePolicy.MIN_INTERVAL, policy.check(CAR, VehicleData.EMPTY, true).orElseThrow());
    clock.advance(Duration.ofMinutes(1));
    assertTrue(policy.check(CAR, VehicleData.EMPTY, false).isEmpty());
  }
}
