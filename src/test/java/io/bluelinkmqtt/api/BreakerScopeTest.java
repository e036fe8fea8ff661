package io.bluelinkmqtt.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.api.ApiException.Kind;
import io.bluelinkmqtt.cloud.CloudModules;
import io.bluelinkmqtt.config.AppConfig.ApiConfig;
import io.bluelinkmqtt.config.AppConfig.BreakerConfig;
import io.bluelinkmqtt.config.ConfigLoader;
import io.bluelinkmqtt.config.ConfigParser;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.sim.EuSimulator;
import io.bluelinkmqtt.sim.Fault;
import io.bluelinkmqtt.sim.SimEndpoint;
import io.bluelinkmqtt.sim.SimulatorSettings;
import io.bluelinkmqtt.testsupport.TestClock;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What opens the data breaker and for how long (availability 13): a car's own wake timeouts never count
 * as an outage of the account, and an outage is probed again after the base reset, then at doubling
 * intervals while the probes fail. The breaker's timers are real, so the timings are ms-scale.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class BreakerScopeTest {

  private static final String DATA = "bluelink-data:";

  @TempDir
  Path stateDir;
  private EuSimulator sim;
  private final TestClock clock = new TestClock(Instant.parse("2026-09-01T10:00:00Z"));

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    sim = new EuSimulator(vertx, SimulatorSettings.defaults(Brand.HYUNDAI)
        .withCredentials(ClientStubCloud.USER, ClientStubCloud.PASSWORD)
        .withForceDelays(Duration.ofMillis(20), Duration.ofMillis(20)).withClock(clock));
    sim.start().onComplete(ctx.succeedingThenComplete());
  }

  @AfterEach
  void stop(VertxTestContext ctx) {
    sim.stop().onComplete(ctx.succeedingThenComplete());
  }

  private String legacyId() {
    return sim.cars().stream().filter(c -> !c.ccs2()).findFirst().orElseThrow().vehicleId();
  }

  private String ccs2Id() {
    return sim.cars().stream().filter(c -> c.ccs2()).findFirst().orElseThrow().vehicleId();
  }

  private static Future<ApiException> failureOf(Future<?> call) {
    return call.map(ok -> (ApiException) null).recover(err -> Future.succeededFuture(ApiErrors.from(err)));
  }

  @Test
  @DisplayName("13: car A's wakes time out 4 times, then its live location 3 times → the data breaker stays closed "
      + "and car B's cached read succeeds")
  void carTimeoutsDoNotShutOutTheOtherCar(Vertx vertx, VertxTestContext ctx) {
    ClientHarness h = new ClientHarness(vertx, sim.baseUrl(), stateDir,
        ClientHarness.withDeadline(ClientHarness.api(stateDir), 200, 1_500), clock, null);
    h.service.vehicles().compose(list -> {
      Vehicle carA = h.service.vehicle(legacyId()).orElseThrow();
      // the car is asleep: its forced /status never answers
      sim.faults().add(Fault.hang().on(SimEndpoint.STATUS_FORCE).forVehicle(legacyId()));
      Future<ApiException> forces = Future.succeededFuture();
      for (int i = 0; i < 4; i++) {
        forces = forces.compose(previous -> failureOf(h.client.force(carA, null, new CallContext(true), () -> { })));
      }
      return forces;
    }).compose(lastForce -> {
      ctx.verify(() -> {
        assertEquals(Kind.CAR_TIMEOUT, lastForce.kind());
        assertEquals(io.bluelinkmqtt.bus.Failure.UPSTREAM_TIMEOUT, lastForce.failure());
        assertEquals(4, sim.calls().count(SimEndpoint.STATUS_FORCE, legacyId()), "each force reached the cloud");
        assertEquals(CircuitBreakerState.CLOSED, h.dataBreaker());
        assertEquals(0, h.caller.failureCount(ResilientCaller.Concern.DATA));
      });
      // awake now, but its live location never comes: the forces still succeed, nothing counts
      sim.faults().clear();
      sim.faults().add(Fault.hang().on(SimEndpoint.LOCATION).forVehicle(legacyId()));
      Vehicle carA = h.service.vehicle(legacyId()).orElseThrow();
      Future<VehicleCloud.ForcedRead> forces = Future.succeededFuture();
      for (int i = 0; i < 3; i++) {
        forces = forces.compose(previous -> h.client.force(carA, null, new CallContext(true), () -> { }));
      }
      return forces;
    }).compose(forced -> {
      ctx.verify(() -> {
        assertEquals(3, sim.calls().count(SimEndpoint.LOCATION, legacyId()), "one live-location call per force");
        assertEquals(CircuitBreakerState.CLOSED, h.dataBreaker());
        assertEquals(0, h.caller.failureCount(ResilientCaller.Concern.DATA));
      });
      return h.client.cached(h.service.vehicle(ccs2Id()).orElseThrow(), new CallContext(true));
    }).onComplete(ctx.succeeding(carB -> ctx.verify(() -> {
      assertEquals(48, carB.battery().level(), "car B's cached read is served");
      assertEquals(1, sim.calls().count(SimEndpoint.CCS2_LATEST, ccs2Id()));
      assertTrue(h.breakerEvents.isEmpty(), h.breakerEvents.toString());
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("13: 5xx opens the breaker; each failed probe doubles the open period (100 → 200 → 400 ms); "
      + "after recovery one probe closes it and the next outage starts at 100 ms again")
  void openPeriodDoublesWhileProbesFail(Vertx vertx, VertxTestContext ctx) {
    ApiConfig api = ClientHarness.withBreaker(ClientHarness.withRetry(ClientHarness.api(stateDir), 0),
        new BreakerConfig(3, 60_000, 100, 5_000, 1_000));
    ClientHarness h = new ClientHarness(vertx, sim.baseUrl(), stateDir, api, clock, null);
    Vehicle[] car = new Vehicle[1];
    int[] reads = new int[1];
    h.service.vehicles().compose(list -> {
      car[0] = h.service.vehicle(legacyId()).orElseThrow();
      sim.faults().add(Fault.httpStatus(503).on(SimEndpoint.STATUS_LATEST));
      reads[0] = sim.calls().count(SimEndpoint.STATUS_LATEST);
      return failureOf(h.client.cached(car[0], new CallContext(true)))
          .compose(f -> failureOf(h.client.cached(car[0], new CallContext(true))))
          .compose(f -> failureOf(h.client.cached(car[0], new CallContext(true))));
    }).compose(third -> {
      ctx.verify(() -> {
        assertEquals(Kind.SERVER_ERROR, third.kind());
        assertEquals(CircuitBreakerState.OPEN, h.dataBreaker());
        assertEquals(100, h.caller.resetTimeoutMs(ResilientCaller.Concern.DATA));
      });
      return failureOf(h.client.cached(car[0], new CallContext(true)));
    }).compose(whileOpen -> {
      ctx.verify(() -> {
        assertEquals(Kind.BREAKER_OPEN, whileOpen.kind());
        assertEquals(3, sim.calls().count(SimEndpoint.STATUS_LATEST) - reads[0], "no call while open");
      });
      return openPeriod(h, 1);
    }).compose(first -> {
      ctx.verify(() -> assertTrue(first >= 95, "first open period " + first + " ms"));
      return failureOf(h.client.cached(car[0], new CallContext(true))); // the probe: still 503
    }).compose(probe -> {
      ctx.verify(() -> {
        assertEquals(Kind.SERVER_ERROR, probe.kind());
        assertEquals(4, sim.calls().count(SimEndpoint.STATUS_LATEST) - reads[0], "exactly one probe");
        assertEquals(200, h.caller.resetTimeoutMs(ResilientCaller.Concern.DATA));
      });
      return openPeriod(h, 2);
    }).compose(second -> {
      ctx.verify(() -> assertTrue(second >= 195, "second open period doubled, was " + second + " ms"));
      return failureOf(h.client.cached(car[0], new CallContext(true)));
    }).compose(probe -> {
      ctx.verify(() -> assertEquals(400, h.caller.resetTimeoutMs(ResilientCaller.Concern.DATA)));
      sim.faults().clear(); // the cloud recovers
      return openPeriod(h, 3);
    }).compose(third -> {
      ctx.verify(() -> assertTrue(third >= 395, "third open period doubled again, was " + third + " ms"));
      return h.client.cached(car[0], new CallContext(true));
    }).compose(recovered -> {
      ctx.verify(() -> {
        assertEquals(CircuitBreakerState.CLOSED, h.dataBreaker());
        assertEquals(100, h.caller.resetTimeoutMs(ResilientCaller.Concern.DATA), "back to the base period");
      });
      sim.faults().add(Fault.httpStatus(503).on(SimEndpoint.STATUS_LATEST));
      return failureOf(h.client.cached(car[0], new CallContext(true)))
          .compose(f -> failureOf(h.client.cached(car[0], new CallContext(true))))
          .compose(f -> failureOf(h.client.cached(car[0], new CallContext(true))));
    }).compose(reopened -> {
      ctx.verify(() -> assertEquals(CircuitBreakerState.OPEN, h.dataBreaker()));
      return openPeriod(h, 4);
    }).onComplete(ctx.succeeding(fourth -> ctx.verify(() -> {
      assertTrue(fourth >= 95, "fourth open period " + fourth + " ms");
      assertEquals(java.util.List.of(DATA + "OPEN", DATA + "HALF_OPEN", DATA + "OPEN", DATA + "HALF_OPEN",
          DATA + "OPEN", DATA + "HALF_OPEN", DATA + "CLOSED", DATA + "OPEN", DATA + "HALF_OPEN"), h.breakerEvents);
      ctx.completeNow();
    })));
  }

  /** Milliseconds from the n-th OPEN to the n-th HALF_OPEN of the data breaker. */
  private static Future<Long> openPeriod(ClientHarness h, int n) {
    return h.breakerEvent(DATA + "OPEN", n).compose(opened -> h.breakerEvent(DATA + "HALF_OPEN", n)
        .map(halfOpen -> (halfOpen - opened) / 1_000_000));
  }

  @Test
  @DisplayName("13: by default (and in conf/config.json) an outage is probed again within 60 s, doubling up to 15 min")
  void defaultsProbeWithinAMinute() throws Exception {
    BreakerConfig builtIn = ConfigParser.parse(new JsonObject(), Map.of(), path -> "", true, CloudModules.supported())
        .api().breaker();
    JsonObject shipped = new JsonObject(Files.readString(Path.of(ConfigLoader.DEFAULT_FILE)));
    BreakerConfig file = ConfigParser.parse(shipped, Map.of(), path -> "", true, CloudModules.supported())
        .api().breaker();
    for (BreakerConfig breaker : java.util.List.of(builtIn, file)) {
      assertTrue(breaker.resetTimeoutMs() <= 60_000, "first probe after " + breaker.resetTimeoutMs() + " ms");
      assertEquals(900_000, breaker.maxResetTimeoutMs());
    }
  }
}
