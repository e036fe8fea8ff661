package io.bluelinkmqtt.sim;

import io.bluelinkmqtt.api.type1.Type1Profile;
import io.bluelinkmqtt.api.type1.mapping.Type1DataMapper;
import io.bluelinkmqtt.domain.Region;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The vehicle data of a Type 1 cloud outside Europe (§3.1, §4.1, §5.3, §5.4): legacy answers rooted at the status
 * itself (odometer inside, wall-clock time of the region, the region's set-point table), CCS2 as in Europe; the
 * CCS2 wake is asynchronous (ack, then {@code /latest} moves). Brazil lists every car with flag 0, serves the CCS2
 * tree on the CCS2 endpoint for all of them ({@code lastUpdateTime} as {@code yyyyMMddHHmmss} UTC−3) and answers its
 * legacy endpoint 503 / 5031 always.
 */
final class Type1SimVehicles {

  private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

  private final Vertx vertx;
  private final Type1Profile profile;
  private final Clock clock;
  private final List<SimCar> cars;
  private final Duration ccs2ForceDelay;
  private final Duration legacyForceDelay;
  private final Set<String> pendingWakes = new HashSet<>();
  private volatile boolean synchronousWake;

  Type1SimVehicles(Vertx vertx, Type1Profile profile, SimulatorSettings settings) {
    this.vertx = vertx;
    this.profile = profile;
    this.clock = settings.clock();
    this.cars = settings.cars();
    this.ccs2ForceDelay = settings.ccs2ForceDelay();
    this.legacyForceDelay = settings.legacyForceDelay();
  }

  private boolean brazil() {
    return profile.region() == Region.BRAZIL;
  }

  /** Whether the car answers in the CCS2 tree (every Brazilian car does). */
  boolean ccs2Tree(SimCar car) {
    return brazil() || car.ccs2();
  }

  void vehicles(RoutingContext ctx) {
    JsonArray list = new JsonArray();
    cars.forEach(car -> {
      JsonObject entry = SimPayloads.vehicleListEntry(car);
      if (brazil()) {
        entry.put("ccuCCS2ProtocolSupport", 0);
      }
      list.add(entry);
    });
    ok(ctx, new JsonObject().put("vehicles", list));
  }

  void statusLatest(RoutingContext ctx) {
    if (brazil()) {
      SimResponses.json(ctx, 503, SimResponses.failure("5031"));
      return;
    }
    withCar(ctx, false, this::legacyStatus);
  }

  void statusForce(RoutingContext ctx) {
    if (brazil()) {
      SimResponses.json(ctx, 503, SimResponses.failure("5031"));
      return;
    }
    car(ctx).ifPresent(car -> vertx.setTimer(millis(legacyForceDelay), id -> {
      if (car.ccs2()) {
        ok(ctx, SimPayloads.ccs2MetadataShell("RVS-" + UUID.randomUUID().toString().substring(0, 8)));
        return;
      }
      car.report(clock.instant());
      JsonObject status = legacyStatus(car);
      status.remove("odometer");
      ok(ctx, status);
    }));
  }

  void ccs2Latest(RoutingContext ctx) {
    withCar(ctx, true, car -> {
      JsonObject resMsg = SimPayloads.ccs2CarStatus(car.snapshot());
      if (brazil()) {
        resMsg.put("lastUpdateTime", car.lastUpdated().atZone(profile.zone()).format(COMPACT));
      }
      return resMsg;
    });
  }

  /** The Aug-2026 AU/CN/IN clouds answered the CCS2 wake with the state itself, after the car reported (§4.1). */
  void setSynchronousWake(boolean value) {
    synchronousWake = value;
  }

  void ccs2Force(RoutingContext ctx) {
    car(ctx).ifPresent(car -> {
      if (!ccs2Tree(car)) {
        SimResponses.json(ctx, 200, SimResponses.failure("5921"));
        return;
      }
      if (synchronousWake) {
        vertx.setTimer(millis(ccs2ForceDelay), id -> {
          car.report(clock.instant());
          ok(ctx, SimPayloads.ccs2CarStatus(car.snapshot()));
        });
        return;
      }
      synchronized (pendingWakes) {
        if (!pendingWakes.add(car.vehicleId())) {
          SimResponses.json(ctx, 200, SimResponses.failure("4004"));
          return;
        }
      }
      SimResponses.json(ctx, 200, new JsonObject().put("retCode", "S").put("resCode", "0000")
          .put("msgId", UUID.randomUUID().toString()));
      vertx.setTimer(millis(ccs2ForceDelay), id -> {
        car.report(clock.instant());
        synchronized (pendingWakes) {
          pendingWakes.remove(car.vehicleId());
        }
      });
    });
  }

  /** India: the maintenance alert setting, with the odometer in km (§5.8). */
  void maintenance(RoutingContext ctx) {
    withCar(ctx, null, car -> new JsonObject().put("odometer", car.snapshot().odometerKm())
        .put("maintenanceAlarmFlag", 0).put("serviceInterval", 15000));
  }

  void locationPark(RoutingContext ctx) {
    withCar(ctx, null, car -> SimPayloads.parkLocation(car.snapshot()).put("time", local(car.lastUpdated())));
  }

  /** The legacy status as AU/CN/IN answer it: {@code resMsg} is the status, odometer inside. */
  private JsonObject legacyStatus(SimCar car) {
    SimCar.Snapshot s = car.snapshot();
    JsonObject status = SimPayloads.legacyVehicleStatus(s);
    status.put("time", local(s.lastUpdated()));
    status.getJsonObject("airTemp").put("value",
        Type1DataMapper.temperatureCode(s.setpointCelsius(), profile.temperatureTableStart()));
    if (!profile.odometerFromMaintenance()) {
      status.put("odometer", new JsonObject().put("value", s.odometerKm()).put("unit", 1));
    }
    return status;
  }

  private String local(Instant instant) {
    return instant.atZone(profile.zone()).format(COMPACT);
  }

  private void withCar(RoutingContext ctx, Boolean ccs2Only, Function<SimCar, JsonObject> payload) {
    car(ctx).ifPresent(car -> {
      if (ccs2Only != null && ccs2Tree(car) != ccs2Only) {
        SimResponses.json(ctx, 200, SimResponses.failure("5921"));
        return;
      }
      ok(ctx, payload.apply(car));
    });
  }

  Optional<SimCar> car(RoutingContext ctx) {
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

  private static long millis(Duration delay) {
    return Math.max(1, delay.toMillis());
  }
}
