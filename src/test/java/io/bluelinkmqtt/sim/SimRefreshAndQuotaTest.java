package io.bluelinkmqtt.sim;

import io.bluelinkmqtt.testsupport.TestClock;
import static io.bluelinkmqtt.sim.SimVehiclesTest.CCS2;
import static io.bluelinkmqtt.sim.SimVehiclesTest.LEGACY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.domain.Brand;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Forced refreshes (async CCS2 wake, synchronous legacy), the daily quota and CCS token expiry. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class SimRefreshAndQuotaTest {

  private static final String API = "/api/v1/spa/vehicles/";
  private static final Duration CCS2_DELAY = Duration.ofMillis(60);
  private static final Duration LEGACY_DELAY = Duration.ofMillis(40);

  private final Instant start = Instant.parse("2026-09-20T08:00:00Z");
  private final TestClock clock = new TestClock(start);
  private Vertx vertx;
  private EuSimulator sim;
  private SimTestClient client;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    this.vertx = vertx;
    sim = new EuSimulator(vertx, SimulatorSettings.defaults(Brand.KIA).withClock(clock).withDailyQuota(4)
        .withCcsTokenLifetime(Duration.ofHours(1)).withForceDelays(CCS2_DELAY, LEGACY_DELAY));
    // created on the test thread, so its class loading does not stall an event loop
    client = new SimTestClient(vertx, sim);
    client.startAndLogin().onComplete(ctx.succeedingThenComplete());
  }

  @AfterEach
  void stop(VertxTestContext ctx) {
    sim.stop().onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("CCS2 force is async: ack without state, 4004 while pending, /latest moves only after the delay")
  void ccs2ForceIsAsync(VertxTestContext ctx) {
    SimCar car = sim.car(CCS2);
    car.setCharging(true);
    // the car will report 10 minutes after the simulator started (25 minutes after its last report)
    clock.advance(Duration.ofMinutes(10));
    long[] forcedAt = new long[1];
    forcedAt[0] = System.nanoTime();
    client.get(API + CCS2 + "/ccs2/carstatus")
        .compose(ack -> {
          ctx.verify(() -> {
            JsonObject body = ack.bodyAsJsonObject();
            assertEquals(200, ack.statusCode());
            assertEquals("S", body.getString("retCode"));
            assertEquals("0000", body.getString("resCode"));
            assertEquals(36, body.getString("msgId").length());
            assertFalse(body.containsKey("resMsg"));
          });
          return client.get(API + CCS2 + "/ccs2/carstatus");
        })
        .compose(duplicate -> {
          ctx.verify(() -> {
            assertEquals("F", duplicate.bodyAsJsonObject().getString("retCode"));
            assertEquals("4004", duplicate.bodyAsJsonObject().getString("resCode"));
          });
          return client.get(API + CCS2 + "/ccs2/carstatus/latest");
        })
        .compose(before -> {
          ctx.verify(() -> assertEquals("20260920074500.000", vehicle(before.bodyAsJsonObject()).getString("Date")));
          return wakeDone(CCS2);
        })
        .compose(v -> {
          ctx.verify(() -> assertTrue(System.nanoTime() - forcedAt[0] >= CCS2_DELAY.toNanos()));
          return client.get(API + CCS2 + "/ccs2/carstatus/latest");
        })
        .onComplete(ctx.succeeding(after -> ctx.verify(() -> {
          JsonObject resMsg = after.bodyAsJsonObject().getJsonObject("resMsg");
          JsonObject v = vehicle(after.bodyAsJsonObject());
          assertEquals("20260920081000.000", v.getString("Date"));
          assertEquals(Long.toString(start.plus(Duration.ofMinutes(10)).toEpochMilli()),
              resMsg.getString("lastUpdateTime"));
          // 25 minutes of charging at 1 %/min from 48 %, capped at the 80 % limit
          assertEquals(73, v.getJsonObject("Green").getJsonObject("BatteryManagement")
              .getJsonObject("BatteryRemain").getInteger("Ratio"));
          assertEquals(2, sim.calls().count(SimEndpoint.CCS2_FORCE));
          assertEquals(0, sim.quotaRemaining());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("an unresponsive car acks the wake but its timestamp does not move")
  void unresponsiveCarStaysStale(VertxTestContext ctx) {
    sim.car(CCS2).setUnresponsive(true);
    client.get(API + CCS2 + "/ccs2/carstatus")
        .compose(ack -> {
          clock.advance(Duration.ofMinutes(5));
          return wakeDone(CCS2);
        })
        .compose(v -> client.get(API + CCS2 + "/ccs2/carstatus/latest"))
        .onComplete(ctx.succeeding(after -> ctx.verify(() -> {
          assertEquals("20260920074500.000", vehicle(after.bodyAsJsonObject()).getString("Date"));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("legacy force answers after the delay with vehicleStatus as resMsg and a new local time")
  void legacyForce(VertxTestContext ctx) {
    clock.advance(Duration.ofMinutes(2));
    long sentAt = System.nanoTime();
    client.get(API + LEGACY + "/status").onComplete(ctx.succeeding(resp -> ctx.verify(() -> {
      assertTrue(System.nanoTime() - sentAt >= LEGACY_DELAY.toNanos());
      JsonObject resMsg = resp.bodyAsJsonObject().getJsonObject("resMsg");
      assertEquals("20260920100200", resMsg.getString("time"));
      assertTrue(resMsg.containsKey("evStatus"));
      assertFalse(resMsg.containsKey("odometer"));
      assertFalse(resMsg.containsKey("vehicleStatusInfo"));
      assertEquals(start.plus(Duration.ofMinutes(2)), sim.car(LEGACY).lastUpdated());
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("legacy /status on a CCS2 car returns only the metadata shell")
  void legacyForceOnCcs2CarIsEmptyShell(VertxTestContext ctx) {
    client.get(API + CCS2 + "/status").onComplete(ctx.succeeding(resp -> ctx.verify(() -> {
      JsonObject resMsg = resp.bodyAsJsonObject().getJsonObject("resMsg");
      assertEquals("S", resp.bodyAsJsonObject().getString("retCode"));
      assertEquals(2, resMsg.size());
      assertTrue(resMsg.getString("ServiceNo").startsWith("RVS-"));
      assertNull(resMsg.getValue("evStatus"));
      assertNull(resMsg.getValue("time"));
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("the daily quota counts every vehicle call down, then 509/5091 until UTC midnight")
  void quota(VertxTestContext ctx) {
    long nextMidnight = Instant.parse("2026-09-21T00:00:00Z").getEpochSecond();
    Future<Void> chain = Future.succeededFuture();
    for (int i = 0; i < 4; i++) {
      int expectedRemaining = 3 - i;
      String path = i % 2 == 0 ? "/api/v1/spa/vehicles" : API + LEGACY + "/status/latest";
      chain = chain.compose(v -> client.get(path)).map(resp -> {
        ctx.verify(() -> {
          assertEquals(200, resp.statusCode());
          assertEquals("4", resp.getHeader("x-ratelimit-limit"));
          assertEquals(Integer.toString(expectedRemaining), resp.getHeader("x-ratelimit-remaining"));
          assertEquals(Long.toString(nextMidnight), resp.getHeader("x-ratelimit-reset"));
        });
        return null;
      });
    }
    chain.compose(v -> client.get("/api/v1/spa/vehicles"))
        .compose(exhausted -> {
          ctx.verify(() -> {
            assertEquals(509, exhausted.statusCode());
            JsonObject body = exhausted.bodyAsJsonObject();
            assertEquals("F", body.getString("retCode"));
            assertEquals("5091", body.getString("resCode"));
            assertEquals("Exceeds number of requests - Exceeds Number of Requests.", body.getString("resMsg"));
            assertEquals("0", exhausted.getHeader("x-ratelimit-remaining"));
          });
          clock.advance(Duration.ofHours(16));
          client.ccsToken = null;
          return client.login("driver@example.com", "Sim-Password-2026!").compose(t -> client.get(API + CCS2
              + "/location/park"));
        })
        .onComplete(ctx.succeeding(nextDay -> ctx.verify(() -> {
          assertEquals(200, nextDay.statusCode());
          assertEquals("3", nextDay.getHeader("x-ratelimit-remaining"));
          assertEquals(6, sim.calls().count(SimEndpoint.VEHICLES) + sim.calls().count(SimEndpoint.STATUS_LATEST)
              + sim.calls().count(SimEndpoint.LOCATION_PARK));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a CCS token expires by the injected clock: 401 Key not authorized; expireAllTokens does it at once")
  void tokenExpiry(VertxTestContext ctx) {
    clock.advance(Duration.ofMinutes(59));
    client.get("/api/v1/spa/vehicles")
        .compose(stillValid -> {
          ctx.verify(() -> assertEquals(200, stillValid.statusCode()));
          clock.advance(Duration.ofMinutes(1));
          return client.get("/api/v1/spa/vehicles");
        })
        .compose(expired -> {
          ctx.verify(() -> {
            assertEquals(401, expired.statusCode());
            assertEquals("Key not authorized: Token is expired", expired.bodyAsJsonObject().getString("error"));
            assertNull(expired.getHeader("x-ratelimit-remaining"));
          });
          return client.login("driver@example.com", "Sim-Password-2026!").compose(t -> client.get(API + LEGACY
              + "/status/latest"));
        })
        .compose(fresh -> {
          ctx.verify(() -> assertEquals(200, fresh.statusCode()));
          sim.expireAllTokens();
          return client.get(API + LEGACY + "/status/latest");
        })
        .onComplete(ctx.succeeding(revoked -> ctx.verify(() -> {
          assertEquals(401, revoked.statusCode());
          assertEquals("Key not authorized: Token is expired", revoked.bodyAsJsonObject().getString("error"));
          assertEquals(2, sim.calls().count(SimEndpoint.STATUS_LATEST));
          assertEquals(2, sim.quotaRemaining());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a token never issued is refused with 401 / 7501")
  void unknownToken(VertxTestContext ctx) {
    client.ccsToken = "not-a-token";
    client.get("/api/v1/spa/vehicles").onComplete(ctx.succeeding(resp -> ctx.verify(() -> {
      assertEquals(401, resp.statusCode());
      assertEquals("7501", resp.bodyAsJsonObject().getString("resCode"));
      ctx.completeNow();
    })));
  }

  private static JsonObject vehicle(JsonObject body) {
    return body.getJsonObject("resMsg").getJsonObject("state").getJsonObject("Vehicle");
  }

  /** Completes once the simulator reports the wake finished (checks a flag; no upstream calls). */
  private Future<Void> wakeDone(String vehicleId) {
    Promise<Void> done = Promise.promise();
    vertx.setPeriodic(5, id -> {
      if (!sim.wakePending(vehicleId)) {
        vertx.cancelTimer(id);
        done.tryComplete();
      }
    });
    return done.future();
  }
}
