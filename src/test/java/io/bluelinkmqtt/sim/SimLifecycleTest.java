package io.bluelinkmqtt.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.domain.Brand;
import io.vertx.core.Vertx;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Start/stop, settings defaults and the car's own state transitions. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class SimLifecycleTest {

  @Test
  @DisplayName("start binds a free port on 127.0.0.1; stop closes even a hanging connection")
  void stopClosesHangingConnections(Vertx vertx, VertxTestContext ctx) {
    EuSimulator sim = new EuSimulator(vertx, SimulatorSettings.defaults(Brand.KIA));
    SimTestClient client = new SimTestClient(vertx, sim);
    sim.faults().add(Fault.hang());
    Checkpoint requestFailed = ctx.checkpoint();
    Checkpoint stopped = ctx.checkpoint();
    sim.start().onComplete(ctx.succeeding(port -> {
      ctx.verify(() -> {
        assertTrue(port > 0);
        assertEquals("http://127.0.0.1:" + port, sim.baseUrl());
      });
      client.register().onComplete(ctx.failing(closed -> requestFailed.flag()));
      vertx.setPeriodic(5, id -> {
        if (sim.calls().count(SimEndpoint.REGISTER_DEVICE) == 1) {
          vertx.cancelTimer(id);
          sim.stop().onComplete(ctx.succeeding(v -> stopped.flag()));
        }
      });
    }));
  }

  @Test
  @DisplayName("settings: defaults are the documented realistic values, toString hides the secrets")
  void settings() {
    SimulatorSettings defaults = SimulatorSettings.defaults(Brand.HYUNDAI);
    assertEquals(Duration.ofHours(24), defaults.ccsTokenLifetime());
    assertEquals(Duration.ofSeconds(20), defaults.ccs2ForceDelay());
    assertEquals(200, defaults.dailyQuota());
    assertEquals(0, defaults.port());
    assertEquals(List.of(false, true), defaults.cars().stream().map(SimCar::ccs2).toList());
    SimulatorSettings custom = defaults.withCredentials("a@b.c", "pw-secret").withPin("9876");
    assertTrue(!custom.toString().contains("pw-secret") && !custom.toString().contains("9876"));
    assertThrows(IllegalArgumentException.class, () -> Fault.hang().times(0));
  }

  @Test
  @DisplayName("a charging car gains 1 %/min between reports, stops at the limit; an unresponsive one does not move")
  void carStateMovesWithTime() {
    SimCar car = new SimCar("id", "VIN", "nick", "EV9", true);
    java.time.Instant t0 = java.time.Instant.parse("2026-01-01T00:00:00Z");
    car.setLastUpdated(t0);
    car.setSoc(70);
    car.setChargeLimit(80);
    car.setCharging(true);
    assertTrue(car.plugged());
    car.report(t0.plusSeconds(5 * 60));
    assertEquals(75, car.soc());
    assertTrue(car.charging());
    car.report(t0.plusSeconds(60 * 60));
    assertEquals(80, car.soc());
    assertTrue(!car.charging());
    car.setUnresponsive(true);
    assertTrue(!car.report(t0.plusSeconds(2 * 60 * 60)));
    assertEquals(t0.plusSeconds(60 * 60), car.lastUpdated());
    assertEquals("0FH", SimPayloads.hexSetpoint(21.5));
    assertEquals("10H", SimPayloads.hexSetpoint(22.0));
    assertEquals("00H", SimPayloads.hexSetpoint(14.0));
  }
}
