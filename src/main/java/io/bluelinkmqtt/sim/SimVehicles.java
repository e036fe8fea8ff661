package io.bluelinkmqtt.sim;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The CCAPI vehicle data endpoints (§3.1, §4.1, §5.10): list, cached status in both formats, the
 * synchronous legacy force and the asynchronous CCS2 wake, parked and live location, driving
 * history. Requests arrive here already admitted by {@link CcapiGate}. Delays use Vert.x timers.
 */
final class SimVehicles {

  private final Vertx vertx;
  private final Clock clock;
  private final List<SimCar> cars;
  private final Duration ccs2ForceDelay;
  private final Duration legacyForceDelay;
  private final Set<String> pendingWakes = new HashSet<>();

  SimVehicles(Vertx vertx, SimulatorSettings settings) {
    this.vertx = vertx;
    this.clock = settings.clock();
    this.cars = settings.cars();
    this.ccs2ForceDelay = settings.ccs2ForceDelay();
    this.legacyForceDelay = settings.legacyForceDelay();
  }

  void vehicles(RoutingContext ctx) {
    JsonArray list = new JsonArray();
    cars.forEach(car -> list.add(SimPayloads.vehicleListEntry(car)));
    ok(ctx, new JsonObject().put("vehicles", list));
  }

  void statusLatest(RoutingContext ctx) {
    withCar(ctx, false,
        car -> new JsonObject().put("vehicleStatusInfo", SimPayloads.legacyStatusInfo(car.snapshot())));
  }

  void ccs2Latest(RoutingContext ctx) {
    withCar(ctx, true, car -> SimPayloads.ccs2CarStatus(car.snapshot()));
  }

  /** Legacy force: the car answers after the delay (a CCS2 car with only a metadata shell). */
  void statusForce(RoutingContext ctx) {
    car(ctx).ifPresent(car -> vertx.setTimer(millis(legacyForceDelay), id -> {
      if (car.ccs2()) {
        ok(ctx, SimPayloads.ccs2MetadataShell("RVS-" + UUID.randomUUID().toString().substring(0, 8)));
        return;
      }
      car.report(clock.instant());
      ok(ctx, SimPayloads.legacyVehicleStatus(car.snapshot()));
    }));
  }

  /** CCS2 wake: only an ack now; {@code /latest} moves when the car reports after the delay. */
  void ccs2Force(RoutingContext ctx) {
    car(ctx).ifPresent(car -> {
      if (!startWake(car.vehicleId())) {
        SimResponses.json(ctx, 200, SimResponses.failure("4004"));
        return;
      }
      SimResponses.json(ctx, 200, new JsonObject().put("retCode", "S").put("resCode", "0000")
          .put("msgId", UUID.randomUUID().toString()));
      vertx.setTimer(millis(ccs2ForceDelay), id -> {
        car.report(clock.instant());
        endWake(car.vehicleId());
      });
    });
  }

  /** {@code GET v1/.../charge/target} (§6.1): {@code resMsg.targetSOClist}, DC (plug type 0) and AC (1). */
  void chargeTargets(RoutingContext ctx) {
    withCar(ctx, null, car -> SimPayloads.chargeTargets(car.snapshot()));
  }

  void locationPark(RoutingContext ctx) {
    withCar(ctx, null, car -> SimPayloads.parkLocation(car.snapshot()));
  }

  /** Live location: an unresponsive car yields an empty {@code resMsg} (§5.3). */
  void location(RoutingContext ctx) {
    withCar(ctx, null, car -> car.unresponsive() ? new JsonObject() : SimPayloads.liveLocation(car.snapshot()));
  }

  void drivingHistory(RoutingContext ctx) {
    JsonObject body = jsonBody(ctx);
    Integer period = body == null ? null : body.getInteger("periodTarget");
    if (period == null || (period != 0 && period != 1)) {
      SimResponses.json(ctx, 400, SimResponses.failure("4003", "Invalid request body - Invalid periodTarget."));
      return;
    }
    withCar(ctx, null, car -> SimPayloads.drivingHistory(car.snapshot(), period, clock.instant()));
  }

  boolean wakePending(String vehicleId) {
    synchronized (pendingWakes) {
      return pendingWakes.contains(vehicleId);
    }
  }

  private boolean startWake(String vehicleId) {
    synchronized (pendingWakes) {
      return pendingWakes.add(vehicleId);
    }
  }

  private void endWake(String vehicleId) {
    synchronized (pendingWakes) {
      pendingWakes.remove(vehicleId);
    }
  }

  /**
   * Answers with the payload for the path's car; {@code ccs2Only} null = any car, otherwise the
   * car's format must match (the other format's endpoint has no data: 5921).
   */
  private void withCar(RoutingContext ctx, Boolean ccs2Only, Function<SimCar, JsonObject> payload) {
    car(ctx).ifPresent(car -> {
      if (ccs2Only != null && car.ccs2() != ccs2Only) {
        SimResponses.json(ctx, 200, SimResponses.failure("5921"));
        return;
      }
      ok(ctx, payload.apply(car));
    });
  }

  private Optional<SimCar> car(RoutingContext ctx) {
    String vehicleId = ctx.pathParam("vid");
    Optional<SimCar> car = cars.stream().filter(c -> c.vehicleId().equals(vehicleId)).findFirst();
    if (car.isEmpty()) {
      SimResponses.json(ctx, 400, SimResponses.failure("4003", "Invalid request value - Invalid vehicleId."));
    }
    return car;
  }

  private static void ok(RoutingContext ctx, JsonObject resMsg) {
    SimResponses.json(ctx, 200, SimResponses.success(resMsg));
  }

  static JsonObject jsonBody(RoutingContext ctx) {
    try {
      return ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static long millis(Duration delay) {
    return Math.max(1, delay.toMillis());
  }
}
