package io.bluelinkmqtt.api;

import static io.bluelinkmqtt.api.Scripted.now;
import static io.bluelinkmqtt.api.Scripted.req;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.api.ApiException.Kind;
import io.bluelinkmqtt.bus.BridgeException;
import io.bluelinkmqtt.bus.Failure;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.DataSource;
import io.bluelinkmqtt.domain.RefreshMode;
import io.bluelinkmqtt.domain.RefreshRequest;
import io.bluelinkmqtt.domain.RefreshResult;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.VehicleData;
import io.bluelinkmqtt.testsupport.TestClock;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The read window and the saved vehicle list of the RefreshService, with a scripted cloud and a hand-moved clock. */
class RefreshSafeguardsTest {

  private static final Vehicle CAR = new Vehicle("car1", "api-1", "VIN1", "n", "m", Brand.KIA, Vehicle.EngineType.EV);
  private static final Vehicle OTHER = new Vehicle("car2", "api-2", "VIN2", "n", "m", Brand.KIA, Vehicle.EngineType.EV);
  private static final Duration WINDOW = Duration.ofSeconds(60);

  private final TestClock clock = new TestClock(Instant.parse("2026-09-01T10:00:00Z"));

  private final class ScriptedCloud implements VehicleCloud {
    Instant carTime = Instant.parse("2026-09-01T09:59:00Z");
    boolean listFails;
    int listCalls;
    int cachedCalls;
    int forceCalls;

    @Override
    public Future<List<Vehicle>> vehicles(CallContext context) {
      listCalls++;
      if (listFails) {
        return Future.failedFuture(new ApiException(Kind.BUDGET, "call refused by the call budget"));
      }
      context.countCall();
      return Future.succeededFuture(List.of(CAR));
    }

    @Override
    public Future<VehicleData> cached(Vehicle vehicle, CallContext context) {
      context.countCall();
      cachedCalls++;
      return Future.succeededFuture(data(carTime));
    }

    @Override
    public Future<ForcedRead> force(Vehicle vehicle, Instant baseline, CallContext context, Runnable wakeSent) {
      context.countCall();
      forceCalls++;
      wakeSent.run();
      carTime = clock.instant();
      return Future.succeededFuture(new ForcedRead(data(carTime), false));
    }
  }

  private static final class MemorySaved implements SavedVehicles {
    List<Vehicle> saved;
    final List<List<Vehicle>> saves = new ArrayList<>();

    @Override
    public Future<Optional<List<Vehicle>>> load() {
      return Future.succeededFuture(Optional.ofNullable(saved));
    }

    @Override
    public void save(List<Vehicle> vehicles) {
      saves.add(vehicles);
      saved = vehicles;
    }
  }

  private static VehicleData data(Instant at) {
    return new VehicleData(at, new VehicleData.Battery(70, false, true, null), null, null, null, null, null, null, null);
  }

  private RefreshService service(ScriptedCloud cloud, SavedVehicles saved) {
    return new RefreshService(cloud, new MinIntervalWakePolicy(Duration.ZERO, clock), clock, 4, 0, 0,
        new RefreshSafeguards(WINDOW, saved));
  }

  private static void assertWindowAnswer(RefreshResult r) {
    assertEquals(DataSource.LAST_KNOWN, r.dataSource());
    assertEquals(ReadWindow.REASON, r.deniedBy());
    assertEquals(RefreshMode.CACHED, r.path());
    assertEquals(0, r.upstreamCalls());
  }

  @Test
  @DisplayName("cached every second for 3 min: one cloud read per 60 s window; the others are read_window answers, 0 calls")
  void cachedReadsAreRateLimitedPerCar() {
    ScriptedCloud cloud = new ScriptedCloud();
    RefreshService service = service(cloud, SavedVehicles.NONE);
    for (int second = 0; second < 180; second++) {
      RefreshResult r = now(service.refresh(req(RefreshMode.CACHED, 0)));
      if (second % 60 == 0) {
        assertEquals(DataSource.CACHED, r.dataSource(), "second " + second);
      } else {
        assertWindowAnswer(r);
      }
      clock.advance(Duration.ofSeconds(1));
    }
    assertEquals(3, cloud.cachedCalls);
  }

  @Test
  @DisplayName("smart:N with distinct N inside the window: no cached read, but a force when the read is older than N")
  void smartInsideTheWindowStillForces() {
    ScriptedCloud cloud = new ScriptedCloud();
    RefreshService service = service(cloud, SavedVehicles.NONE);
    now(service.refresh(req(RefreshMode.CACHED, 0)));  // car time 60 s old
    clock.advance(Duration.ofSeconds(5));
    RefreshResult young = now(service.refresh(req(RefreshMode.SMART, 3600)));
    assertWindowAnswer(young);
    RefreshResult old = now(service.refresh(req(RefreshMode.SMART, 30)));
    assertEquals(RefreshMode.FORCE, old.path());
    assertEquals(DataSource.FRESH, old.dataSource());
    assertEquals(1, old.upstreamCalls(), "the force only: the window spared the cached read");
    assertEquals(1, cloud.cachedCalls);
    assertEquals(1, cloud.forceCalls);
    assertWindowAnswer(now(service.refresh(req(RefreshMode.CACHED, 0))));
  }

  @Test
  @DisplayName("clock corrected 2 h backwards: the window runs 60 s from the corrected now, not 2 h")
  void windowAfterAClockStepBack() {
    ScriptedCloud cloud = new ScriptedCloud();
    RefreshService service = service(cloud, SavedVehicles.NONE);
    now(service.refresh(req(RefreshMode.CACHED, 0)));
    clock.advance(Duration.ofHours(-2));
    assertWindowAnswer(now(service.refresh(req(RefreshMode.CACHED, 0))));
    clock.advance(WINDOW);
    assertEquals(DataSource.CACHED, now(service.refresh(req(RefreshMode.CACHED, 0))).dataSource());
    assertEquals(2, cloud.cachedCalls);
  }

  @Test
  @DisplayName("a restart with a saved list serves it without a vehicle-list call; the cloud is asked after 5 min, its "
      + "refusal keeps the saved list, a fresh list replaces it and is saved")
  void restartServesTheSavedListWithoutAsking() {
    ScriptedCloud cloud = new ScriptedCloud();
    MemorySaved saved = new MemorySaved();
    saved.saved = List.of(CAR, OTHER);
    RefreshService service = service(cloud, saved);
    assertEquals(List.of(CAR, OTHER), now(service.vehicles()));
    assertEquals(DataSource.CACHED, now(service.refresh(req(RefreshMode.CACHED, 0))).dataSource());
    now(service.vehicles());
    assertEquals(0, cloud.listCalls, "a restart costs no vehicle-list call within 5 min");

    cloud.listFails = true;
    clock.advance(VehicleRoster.RELOAD_SPACING);
    assertEquals(List.of(CAR, OTHER), now(service.vehicles()), "the cloud refuses: the saved list stays");
    assertEquals(1, cloud.listCalls);

    cloud.listFails = false;
    clock.advance(VehicleRoster.RELOAD_SPACING);
    assertEquals(List.of(CAR), now(service.vehicles()), "the fresh list replaces the saved one");
    assertEquals(List.of(List.of(CAR)), saved.saves);
    assertEquals(2, cloud.listCalls);
    Future<RefreshResult> gone = service.refresh(new RefreshRequest("car2", RefreshMode.CACHED, 0, false, "c"));
    assertEquals(Failure.UNKNOWN_VEHICLE, ((BridgeException) gone.cause()).failure());
    assertEquals(2, cloud.listCalls, "an unknown id does not reload a fresh list within 5 min");
  }

  @Test
  @DisplayName("a restart with a saved list: an id it lacks (a car added since) asks the cloud at once, once")
  void unknownIdBehindTheSavedListAsksTheCloud() {
    ScriptedCloud cloud = new ScriptedCloud();
    MemorySaved saved = new MemorySaved();
    saved.saved = List.of(OTHER);
    RefreshService service = service(cloud, saved);
    assertEquals(DataSource.CACHED, now(service.refresh(req(RefreshMode.CACHED, 0))).dataSource());
    assertEquals(1, cloud.listCalls);
    assertEquals(List.of(List.of(CAR)), saved.saves);
    Future<RefreshResult> gone = service.refresh(new RefreshRequest("car2", RefreshMode.CACHED, 0, false, "c"));
    assertEquals(Failure.UNKNOWN_VEHICLE, ((BridgeException) gone.cause()).failure());
    assertEquals(1, cloud.listCalls);
  }

  @Test
  @DisplayName("no saved list and the cloud refuses: the refusal is the answer")
  void noSavedListFails() {
    ScriptedCloud cloud = new ScriptedCloud();
    cloud.listFails = true;
    Future<List<Vehicle>> list = service(cloud, new MemorySaved()).vehicles();
    assertTrue(list.failed());
    assertEquals(Kind.BUDGET, ((ApiException) list.cause()).kind());
  }
}
