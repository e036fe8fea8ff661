package io.bluelinkmqtt.api;

import io.bluelinkmqtt.testsupport.TestClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.bus.BridgeException;
import io.bluelinkmqtt.bus.Failure;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.DataSource;
import io.bluelinkmqtt.domain.RefreshMode;
import io.bluelinkmqtt.domain.RefreshRequest;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.sim.EuSimulator;
import io.bluelinkmqtt.sim.Fault;
import io.bluelinkmqtt.sim.SimEndpoint;
import io.bluelinkmqtt.sim.SimulatorSettings;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** End to end against the project's protocol-faithful simulator ({@link EuSimulator}). */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class EuClientSimulatorTest {

  @TempDir
  Path stateDir;
  private EuSimulator sim;
  private final TestClock clock = new TestClock(Instant.parse("2026-09-01T10:00:00Z"));

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    sim = new EuSimulator(vertx, SimulatorSettings.defaults(Brand.HYUNDAI)
        .withCredentials(ClientStubCloud.USER, ClientStubCloud.PASSWORD)
        .withForceDelays(Duration.ofMillis(40), Duration.ofMillis(40)).withClock(clock));
    sim.start().onComplete(ctx.succeedingThenComplete());
  }

  private ClientHarness harness(Vertx vertx, io.bluelinkmqtt.config.AppConfig.ApiConfig api) {
    return new ClientHarness(vertx, sim.baseUrl(), stateDir, api, clock, null);
  }

  private String legacyId() {
    return sim.cars().stream().filter(c -> !c.ccs2()).findFirst().orElseThrow().vehicleId();
  }

  private String ccs2Id() {
    return sim.cars().stream().filter(c -> c.ccs2()).findFirst().orElseThrow().vehicleId();
  }

  @Test
  @DisplayName("sim (a): login from scratch → tokens.json mode 600 → restart uses it with 0 SIGNIN / CCI_TOKEN calls")
  void loginPersistsAcrossRestart(Vertx vertx, VertxTestContext ctx) {
    harness(vertx, ClientHarness.api(stateDir)).service.refresh(new RefreshRequest(legacyId(), RefreshMode.CACHED, 0, false, "c"))
        .compose(first -> {
          ctx.verify(() -> {
            assertEquals(1, sim.calls().count(SimEndpoint.SIGNIN));
            assertEquals(1, sim.calls().count(SimEndpoint.CCI_TOKEN));
            assertEquals(1, sim.calls().count(SimEndpoint.CCI_TOKEN_EXCHANGE));
            assertEquals(DataSource.CACHED, first.dataSource());
            assertTrue(first.data().lastUpdated() != null);
            Path file = stateDir.resolve("tokens.json");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
          });
          return harness(vertx, ClientHarness.api(stateDir)).service
              .refresh(new RefreshRequest(ccs2Id(), RefreshMode.CACHED, 0, false, "c"));
        })
        .onComplete(ctx.succeeding(second -> ctx.verify(() -> {
          assertEquals(1, sim.calls().count(SimEndpoint.SIGNIN), "restart: no login");
          assertEquals(1, sim.calls().count(SimEndpoint.CCI_TOKEN));
          assertEquals(1, sim.calls().count(SimEndpoint.REGISTER_DEVICE));
          assertEquals(48, second.data().battery().level());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("sim (b)/20: 50 concurrent calls meeting expired tokens → exactly 1 CCI refresh, 50 successes")
  void tokenStormAgainstSimulator(Vertx vertx, VertxTestContext ctx) {
    ClientHarness h = harness(vertx, ClientHarness.api(stateDir));
    h.service.vehicles().compose(list -> {
      sim.expireAllTokens();
      Vehicle car = h.service.vehicle(legacyId()).orElseThrow();
      List<Future<?>> storm = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        storm.add(h.client.cached(car, new CallContext(true)));
      }
      return Future.all(storm);
    }).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      assertEquals(50, all.size());
      assertEquals(1, sim.calls().count(SimEndpoint.CCI_TOKEN_REFRESH));
      assertEquals(1, sim.calls().count(SimEndpoint.SIGNIN));
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("4: two cars meet the token rejection while the CCS exchange is in flight → "
      + "both retries carry the new CCS token")
  void twoCarsConcurrentExpiryNeverSeeAHalfRenewedSession(Vertx vertx, VertxTestContext ctx) {
    ClientHarness h = harness(vertx, ClientHarness.api(stateDir));
    h.service.vehicles().compose(list -> {
      sim.expireAllTokens();
      // car A's rejection starts the renewal; the exchange is slow, so car B's rejection (its read is answered
      // 150 ms late) arrives after the CCI refresh and before the CCS token exists
      sim.faults().add(Fault.latency(400).on(SimEndpoint.CCI_TOKEN_EXCHANGE).times(1));
      sim.faults().add(Fault.latency(150).on(SimEndpoint.CCS2_LATEST).forVehicle(ccs2Id()).times(1));
      Vehicle carA = h.service.vehicle(legacyId()).orElseThrow();
      Vehicle carB = h.service.vehicle(ccs2Id()).orElseThrow();
      return Future.all(h.client.cached(carA, new CallContext(true)), h.client.cached(carB, new CallContext(true)));
    }).onComplete(ctx.succeeding(both -> ctx.verify(() -> {
      assertEquals(1, sim.calls().count(SimEndpoint.CCI_TOKEN_REFRESH), "one renewal for both cars");
      assertEquals(2, sim.calls().count(SimEndpoint.CCI_TOKEN_EXCHANGE), "login + the renewal's exchange");
      assertEquals(1, sim.calls().count(SimEndpoint.SIGNIN), "no second login");
      assertEquals(2, sim.calls().count(SimEndpoint.CCS2_LATEST, ccs2Id()), "car B: rejected read + one retry");
      assertTrue(h.tokens.current().orElseThrow().tokens().exchanged(), "only a complete session is current");
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("sim: CCS2 force waits for the async wake and is FRESH; legacy force is FRESH; smart after that stays cached")
  void forcedRefreshesAreVerified(Vertx vertx, VertxTestContext ctx) {
    ClientHarness h = harness(vertx, ClientHarness.api(stateDir));
    h.service.refresh(new RefreshRequest(ccs2Id(), RefreshMode.FORCE, 0, false, "c"))
        .compose(ccs2 -> {
          ctx.verify(() -> {
            assertEquals(RefreshMode.FORCE, ccs2.path());
            assertEquals(DataSource.FRESH, ccs2.dataSource());
            assertEquals(1, sim.calls().count(SimEndpoint.CCS2_FORCE));
          });
          return h.service.refresh(new RefreshRequest(legacyId(), RefreshMode.FORCE, 0, false, "c"));
        })
        .onComplete(ctx.succeeding(legacy -> ctx.verify(() -> {
          assertEquals(DataSource.FRESH, legacy.dataSource());
          assertEquals(1, sim.calls().count(SimEndpoint.STATUS_FORCE));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("sim 14/15/18: 503 burst opens the breaker; a hang hits the deadline; 5091 is not retried and marks the budget")
  void faultsAgainstSimulator(Vertx vertx, VertxTestContext ctx) {
    ClientHarness h = harness(vertx, ClientHarness.withDeadline(ClientHarness.api(stateDir), 300, 1_500));
    int[] base = new int[1];
    h.service.vehicles().compose(list -> {
      Vehicle car = h.service.vehicle(legacyId()).orElseThrow();
      sim.faults().add(Fault.resCode("5091", 509).on(SimEndpoint.STATUS_LATEST));
      base[0] = sim.calls().count(SimEndpoint.STATUS_LATEST);
      return failure(h.client.cached(car, new CallContext(true))).compose(quota -> {
        ctx.verify(() -> {
          assertEquals(Failure.RATE_LIMITED, quota);
          assertEquals(1, sim.calls().count(SimEndpoint.STATUS_LATEST) - base[0]);
          assertEquals(1, h.budget.exhaustedMarks.get());
        });
        sim.faults().clear();
        sim.faults().add(Fault.hang().on(SimEndpoint.STATUS_LATEST));
        long started = System.nanoTime();
        return failure(h.client.cached(car, new CallContext(true)))
            .map(f -> {
              long ms = (System.nanoTime() - started) / 1_000_000;
              ctx.verify(() -> {
                assertEquals(Failure.UPSTREAM_TIMEOUT, f);
                assertTrue(ms < 2_500, "3 attempts of 300 ms plus backoff, took " + ms);
              });
              return car;
            });
      });
    }).compose(car -> {
      ctx.verify(() -> assertEquals(CircuitBreakerState.OPEN, h.dataBreaker(), "3 timeouts reach maxFailures 3"));
      int before = sim.calls().count(SimEndpoint.STATUS_LATEST);
      return failure(h.client.cached(car, new CallContext(true)))
          .map(f -> new int[] {f.code(), sim.calls().count(SimEndpoint.STATUS_LATEST) - before});
    }).onComplete(ctx.succeeding(open -> ctx.verify(() -> {
      assertEquals(Failure.UPSTREAM_UNAVAILABLE.code(), open[0]);
      assertEquals(0, open[1], "no call while the breaker is open");
      ctx.completeNow();
    })));
  }

  private static Future<Failure> failure(Future<?> call) {
    return call.map(ok -> (Failure) null).recover(err -> Future.succeededFuture(((BridgeException) err).failure()));
  }
}
