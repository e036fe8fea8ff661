package io.bluelinkmqtt.stewardship;

import io.bluelinkmqtt.testsupport.TestClock;
import static io.bluelinkmqtt.stewardship.TestVehicles.CAR1;
import static io.bluelinkmqtt.stewardship.TestVehicles.CAR2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.api.eu.EuErrors;
import io.bluelinkmqtt.api.CallContext;
import io.bluelinkmqtt.api.CallKind;
import io.bluelinkmqtt.api.RefreshService;
import io.bluelinkmqtt.api.ResilientCaller;
import io.bluelinkmqtt.api.ResilientCaller.Concern;
import io.bluelinkmqtt.api.VehicleCloud;
import io.bluelinkmqtt.api.WakePolicy;
import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.config.AppConfig.BreakerConfig;
import io.bluelinkmqtt.config.AppConfig.RetryConfig;
import io.bluelinkmqtt.config.AppConfig.StewardshipConfig;
import io.bluelinkmqtt.domain.DataSource;
import io.bluelinkmqtt.domain.RefreshMode;
import io.bluelinkmqtt.domain.RefreshRequest;
import io.bluelinkmqtt.domain.RefreshResult;
import io.bluelinkmqtt.domain.Region;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.VehicleData;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's {@link RefreshService} and {@link ResilientCaller} wired to the stewardship's budget and wake
 * policy, over a scripted {@link VehicleCloud} whose every "HTTP call" goes through the real caller (so the
 * budget sees each one, and a 5091 marks it exhausted exactly as in production).
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class StewardshipRefreshServiceTest {

  private static final Logger LOG = LoggerFactory.getLogger(StewardshipRefreshServiceTest.class);
  private static final StewardshipConfig CONFIG = new StewardshipConfig(0, 20, 50, "", "", "Europe/Berlin");

  @TempDir
  Path stateDir;

  private final TestClock clock = TestClock.at("2026-03-10T09:00:00Z");

  /** A car cloud that answers from memory; every request passes the real {@link ResilientCaller}. */
  private final class ScriptedCloud implements VehicleCloud {
    final ResilientCaller caller;
    final Map<CallKind, Integer> sent = new EnumMap<>(CallKind.class);
    final Map<String, Instant> carTime = new HashMap<>();
    final Map<String, Integer> auxLevel = new HashMap<>();
    boolean answer5091;

    ScriptedCloud(Vertx vertx, Stewardship stewardship) {
      caller = new ResilientCaller(vertx, new BreakerConfig(3, 1_800_000, 300_000, 150_000), new RetryConfig(0, 1, 1),
          stewardship.callBudget(), clock, new Random(7), (name, state) -> { });
      carTime.put(CAR1.id(), clock.instant().minus(Duration.ofHours(3)));
      carTime.put(CAR2.id(), clock.instant().minus(Duration.ofHours(3)));
    }

    private <T> Future<T> http(CallKind kind, CallContext context, T answer) {
      return caller.call(Concern.DATA, kind, context, false, () -> {
        sent.merge(kind, 1, Integer::sum);
        return answer5091 ? Future.failedFuture(EuErrors.fromResCode("5091")) : Future.succeededFuture(answer);
      });
    }

    private VehicleData data(Vehicle vehicle) {
      return new VehicleData(carTime.get(vehicle.id()), null, null, auxLevel.getOrDefault(vehicle.id(), 80), null,
          null, null, null, null);
    }

    @Override
    public Future<List<Vehicle>> vehicles(CallContext context) {
      return http(CallKind.VEHICLE_LIST, context, List.of(CAR1, CAR2));
    }

    @Override
    public Future<VehicleData> cached(Vehicle vehicle, CallContext context) {
      return http(CallKind.CACHED_STATUS, context, vehicle).map(this::data);
    }

    @Override
    public Future<ForcedRead> force(Vehicle vehicle, Instant baseline, CallContext context, Runnable wakeSent) {
      return http(CallKind.FORCE_STATUS, context, vehicle).compose(v -> {
        wakeSent.run();
        carTime.put(vehicle.id(), clock.instant());
        return cached(vehicle, context);
      }).map(data -> new ForcedRead(data, false));
    }

    int total() {
      return sent.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  private Future<Stewardship> stewardship(Vertx vertx) {
    return Stewardship.start(vertx, Region.EUROPE, CONFIG, 900, stateDir, clock);
  }

  private static RefreshRequest force(Vehicle vehicle, boolean override) {
    return new RefreshRequest(vehicle.id(), RefreshMode.FORCE, 0, override, "cmd");
  }

  @Test
  @DisplayName("a force every second for 10 minutes wakes the car once; the rest are denied by name, within the cap")
  void forceStormThroughTheRefreshService(Vertx vertx, VertxTestContext ctx) {
    vertx.runOnContext(start -> stewardship(vertx).compose(stewardship -> {
      ScriptedCloud cloud = new ScriptedCloud(vertx, stewardship);
      RefreshService service = new RefreshService(cloud, stewardship.wakePolicy(), clock, 4);
      List<RefreshResult> results = new ArrayList<>();
      Future<Void> chain = Future.succeededFuture();
      for (int second = 0; second < 600; second++) {
        chain = chain.compose(v -> service.refresh(force(CAR1, false))).map(result -> {
          results.add(result);
          clock.advance(Duration.ofSeconds(1));
          return null;
        });
      }
      return chain.map(done -> {
        ctx.verify(() -> {
          assertEquals(600, results.size());
          List<RefreshResult> forced = results.stream().filter(r -> r.path() == RefreshMode.FORCE).toList();
          assertEquals(1, forced.size());
          assertEquals(DataSource.FRESH, forced.get(0).dataSource());
          assertEquals(1, cloud.sent.get(CallKind.FORCE_STATUS));
          assertEquals(new WakeRecord("car1", 1, 1, Instant.parse("2026-03-10T09:00:00Z")), stewardship.audit().get("car1"));
          Map<String, Long> deniedBy = new HashMap<>();
          results.stream().filter(r -> r.path() != RefreshMode.FORCE)
              .forEach(r -> deniedBy.merge(String.valueOf(r.deniedBy()), 1L, Long::sum));
          assertTrue(Set.of(WakePolicy.MIN_INTERVAL, WakePolicy.BUDGET).containsAll(deniedBy.keySet()), deniedBy.toString());
          BudgetSnapshot budget = stewardship.budget().snapshot();
          assertEquals(cloud.total(), budget.used(), "the budget counted every call the cloud saw");
          assertTrue(budget.used() <= 160);
          LOG.info("Force storm: {} calls sent {}, denials {}, budget {}", cloud.total(), cloud.sent, deniedBy, budget);
        });
        ctx.completeNow();
        return null;
      });
    }).onFailure(ctx::failNow));
  }

  @Test
  @DisplayName("12 V below the floor: served cached, denied aux_battery, no wake; override wakes once and audits it")
  void auxBatteryFloorAndOverride(Vertx vertx, VertxTestContext ctx) {
    io.vertx.junit5.Checkpoint flowDone = ctx.checkpoint();
    io.vertx.junit5.Checkpoint auditPublished = ctx.checkpoint();
    vertx.eventBus().<JsonObject>localConsumer(Addresses.VEHICLE_WAKE_AUDIT_CHANGED, msg -> ctx.verify(() -> {
      // Only the overridden force wakes car2; the denied one must not have produced this event.
      assertEquals(new JsonObject(
          "{\"v\":1,\"vehicleId\":\"car2\",\"today\":1,\"total\":1,\"last\":\"2026-03-10T09:00:00Z\"}"), msg.body());
      auditPublished.flag();
    }));
    vertx.runOnContext(start -> stewardship(vertx).compose(stewardship -> {
      ScriptedCloud cloud = new ScriptedCloud(vertx, stewardship);
      cloud.auxLevel.put(CAR2.id(), 30);
      RefreshService service = new RefreshService(cloud, stewardship.wakePolicy(), clock, 4);
      return service.refresh(new RefreshRequest(CAR2.id(), RefreshMode.CACHED, 0, false, "c1"))
          .compose(cached -> service.refresh(force(CAR2, false)))
          .compose(denied -> {
            ctx.verify(() -> {
              assertEquals(WakePolicy.AUX_BATTERY, denied.deniedBy());
              assertEquals(RefreshMode.CACHED, denied.path());
              assertEquals(null, cloud.sent.get(CallKind.FORCE_STATUS));
              assertEquals(0, stewardship.audit().get("car2").total());
            });
            return service.refresh(force(CAR2, true));
          })
          .map(overridden -> {
            ctx.verify(() -> {
              assertEquals(RefreshMode.FORCE, overridden.path());
              assertNull(overridden.deniedBy());
              assertEquals(1, cloud.sent.get(CallKind.FORCE_STATUS));
              assertEquals(new WakeRecord("car2", 1, 1, clock.instant()), stewardship.audit().get("car2"));
            });
            return stewardship;
          });
    }).compose(Stewardship::flush).onComplete(ctx.succeeding(done -> flowDone.flag())));
  }

  @Test
  @DisplayName("after a 5091 nothing more is sent: the next force is denied as budget and served last known")
  void rateLimitStopsEverything(Vertx vertx, VertxTestContext ctx) {
    vertx.runOnContext(start -> stewardship(vertx).compose(stewardship -> {
      ScriptedCloud cloud = new ScriptedCloud(vertx, stewardship);
      RefreshService service = new RefreshService(cloud, stewardship.wakePolicy(), clock, 4);
      return service.refresh(new RefreshRequest(CAR1.id(), RefreshMode.CACHED, 0, false, "c1"))
          .compose(first -> {
            cloud.answer5091 = true;
            return service.refresh(new RefreshRequest(CAR1.id(), RefreshMode.CACHED, 0, false, "c2"));
          })
          .compose(limited -> {
            ctx.verify(() -> {
              assertEquals(DataSource.LAST_KNOWN, limited.dataSource());
              assertTrue(stewardship.budget().snapshot().exhausted());
            });
            return service.refresh(force(CAR1, true));
          })
          .map(denied -> {
            ctx.verify(() -> {
              assertEquals(WakePolicy.BUDGET, denied.deniedBy());
              assertEquals(DataSource.LAST_KNOWN, denied.dataSource());
              assertEquals(Map.of(CallKind.VEHICLE_LIST, 1, CallKind.CACHED_STATUS, 2), cloud.sent,
                  "nothing was sent after the 5091");
              assertEquals(0, stewardship.audit().get("car1").total());
            });
            ctx.completeNow();
            return null;
          });
    }).onFailure(ctx::failNow));
  }
}
