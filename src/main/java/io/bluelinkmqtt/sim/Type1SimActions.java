package io.bluelinkmqtt.sim;

import io.bluelinkmqtt.api.type1.Type1Profile;
import io.bluelinkmqtt.domain.Region;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The action endpoints of a Type 1 cloud outside Europe (§6.1 regional notes, §6.6), already admitted by
 * {@link Type1SimGate}: legacy door/charge on v1 with the access token and the device id in the body; AU/NZ climate
 * on {@code v1/control/temperature} with the 17 °C table; CN/IN climate start on {@code v1/control/engine} (IN with
 * {@code igniOnDuration}) and stop on {@code v2/control/engine} with the control token; CCS2 cars on
 * {@code v2/ccs2/control/*}; the EU requests of both formats where the region shares them (charge limits and
 * charging current with the access token; charge port, windows, hazard lights and horn with the control token, the
 * port door body with the device id spelt {@code deviceId} in AU/NZ and {@code deviceID} in IN); Brazil door, engine
 * and all windows on v2 with the control token and the device id, its hazard lights on {@code v2/control/light} with
 * no body. A body the cloud would refuse is 400 / 4003, the other format's path 4005, a second action while one is
 * pending 4004. Each accepted action gets a record in {@code notifications/{vid}/records} that settles after the
 * action delay.
 */
final class Type1SimActions {

  /** Which cars' format a route serves. */
  enum Family { LEGACY, CCS2, BOTH }

  /** One action route. */
  enum Route {
    DOOR_V1(Family.LEGACY), CHARGE_V1(Family.LEGACY), TEMPERATURE_V1(Family.LEGACY), ENGINE_V1(Family.LEGACY),
    ENGINE_V2(Family.LEGACY), DOOR_V2(Family.LEGACY), CCS2_DOOR(Family.CCS2), CCS2_CHARGE(Family.CCS2),
    CCS2_TEMPERATURE(Family.CCS2),
    /** {@code v1/charge/target}, {@code v2/control/portdoor}, {@code v2/control/windowcurtain}. */
    CHARGE_TARGET(Family.BOTH), PORT_DOOR(Family.BOTH), WINDOW_CURTAIN(Family.BOTH),
    /** {@code v1/ccs2/charge/chargingcurrent}, {@code v2/ccs2/control/light}, {@code v2/ccs2/control/hornlight}. */
    CCS2_CHARGING_CURRENT(Family.CCS2), CCS2_LIGHT(Family.CCS2), CCS2_HORN_LIGHT(Family.CCS2),
    /** Brazil: {@code v2/control/window} (all at once) and {@code v2/control/light} (no body). */
    BRAZIL_WINDOW(Family.LEGACY), BRAZIL_LIGHT(Family.LEGACY);

    private final Family family;

    Route(Family family) {
      this.family = family;
    }

    boolean serves(boolean ccs2Car) {
      return family == Family.BOTH || (family == Family.CCS2) == ccs2Car;
    }
  }

  private static final Set<String> OPEN_CLOSE = Set.of("open", "close");
  private static final Set<String> START_STOP = Set.of("start", "stop");
  private static final Set<String> WINDOW_KEYS = Set.of("frontLeft", "frontRight", "backLeft", "backRight");

  private final Vertx vertx;
  private final Type1Profile profile;
  private final Clock clock;
  private final Type1SimVehicles vehicles;
  private final Map<String, SimActionOutcome> outcomes = new HashMap<>();
  private final Map<String, List<JsonObject>> records = new HashMap<>();
  private Duration delay = Duration.ofSeconds(3);

  Type1SimActions(Vertx vertx, Type1Profile profile, SimulatorSettings settings, Type1SimVehicles vehicles) {
    this.vertx = vertx;
    this.profile = profile;
    this.clock = settings.clock();
    this.vehicles = vehicles;
  }

  synchronized void setDelay(Duration value) {
    delay = value;
  }

  synchronized void setOutcome(String vehicleId, SimActionOutcome outcome) {
    outcomes.put(vehicleId, outcome);
  }

  void handle(RoutingContext ctx, Route route) {
    vehicles.car(ctx).ifPresent(car -> {
      boolean ccs2Car = car.ccs2() && profile.region() != Region.BRAZIL;
      if (!route.serves(ccs2Car)) {
        SimResponses.json(ctx, 200, SimResponses.failure("4005", "Unsupported control for this car"));
        return;
      }
      if (route == Route.BRAZIL_LIGHT) {
        if (ctx.body() != null && ctx.body().length() > 0) {
          SimResponses.json(ctx, 400, SimResponses.failure("4003", "Invalid request body - Invalid values."));
          return;
        }
        accept(ctx, car, route, false, c -> c.signal(false));
        return;
      }
      JsonObject body = SimVehicles.jsonBody(ctx);
      String device = ctx.request().getHeader("ccsp-device-id");
      if (body == null || !valid(route, body, device)) {
        SimResponses.json(ctx, 400, SimResponses.failure("4003", "Invalid request body - Invalid values."));
        return;
      }
      String verb = body.containsKey("command") ? body.getString("command") : body.getString("action");
      boolean chargeStart = (route == Route.CHARGE_V1 || route == Route.CCS2_CHARGE) && "start".equals(verb);
      accept(ctx, car, route, chargeStart, effect(route, verb, body));
    });
  }

  private boolean valid(Route route, JsonObject body, String device) {
    String action = body.getString("action");
    String command = body.getString("command");
    return switch (route) {
      case DOOR_V1, DOOR_V2 -> OPEN_CLOSE.contains(action) && device.equals(body.getValue("deviceId"))
          && body.size() == 2;
      case CHARGE_V1 -> START_STOP.contains(action) && device.equals(body.getValue("deviceId")) && body.size() == 2;
      case TEMPERATURE_V1 -> validTemperature(body);
      case ENGINE_V1 -> "start".equals(action) && validEngineStart(body);
      case ENGINE_V2 -> profile.region() == Region.BRAZIL ? validBrazilEngine(body, device)
          : "stop".equals(action) && body.size() == 1;
      case CCS2_DOOR -> OPEN_CLOSE.contains(command) && body.size() == 1;
      case CCS2_CHARGE -> START_STOP.contains(command) && body.size() == 1;
      case CCS2_TEMPERATURE -> "stop".equals(command) ? body.size() == 1
          : "start".equals(command) && body.getValue("hvacTemp") instanceof Number
              && "C".equals(body.getValue("tempUnit")) && body.getValue("ignitionDuration") instanceof Integer
              && body.getValue("drvSeatLoc") instanceof String;
      case CHARGE_TARGET -> SimActions.validTargets(body);
      // AU/NZ spell the key deviceId, IN deviceID (§6.1); the other spelling is refused
      case PORT_DOOR -> OPEN_CLOSE.contains(action) && body.size() == 2
          && device.equals(body.getValue(profile.region() == Region.INDIA ? "deviceID" : "deviceId"));
      case WINDOW_CURTAIN -> body.fieldNames().equals(WINDOW_KEYS) && WINDOW_KEYS.stream()
          .allMatch(k -> body.getValue(k) instanceof Integer p && p >= 0 && p <= 2);
      case CCS2_CHARGING_CURRENT -> body.size() == 1 && body.getValue("chargingCurrent") instanceof Integer level
          && level >= 1 && level <= 3;
      case CCS2_LIGHT, CCS2_HORN_LIGHT -> body.size() == 1 && "on".equals(command);
      case BRAZIL_WINDOW -> OPEN_CLOSE.contains(action) && device.equals(body.getValue("deviceId"))
          && body.size() == 2;
      case BRAZIL_LIGHT -> false;
    };
  }

  /** What the car does once it carries out the action. */
  private Consumer<SimCar> effect(Route route, String verb, JsonObject body) {
    boolean on = "close".equals(verb) || "start".equals(verb);
    return switch (route) {
      case DOOR_V1, DOOR_V2, CCS2_DOOR -> car -> car.setLocked(on);
      case CHARGE_V1, CCS2_CHARGE -> car -> car.setCharging(on);
      case TEMPERATURE_V1, ENGINE_V1, ENGINE_V2, CCS2_TEMPERATURE -> car -> {
        car.setClimateOn(on);
        if (on) {
          car.setClimateSetpointCelsius(setpoint(body));
        }
      };
      case CHARGE_TARGET -> car -> body.getJsonArray("targetSOClist").forEach(entry -> {
        JsonObject target = (JsonObject) entry;
        if (target.getInteger("plugType") == 0) {
          car.setChargeLimitDc(target.getInteger("targetSOClevel"));
        } else {
          car.setChargeLimit(target.getInteger("targetSOClevel"));
        }
      });
      case PORT_DOOR -> car -> car.setChargePortOpen("open".equals(verb));
      case WINDOW_CURTAIN -> car -> car.setWindows(body.getInteger("frontLeft"), body.getInteger("frontRight"),
          body.getInteger("backLeft"), body.getInteger("backRight"));
      case BRAZIL_WINDOW -> car -> {
        int position = "open".equals(verb) ? 1 : 0;
        car.setWindows(position, position, position, position);
      };
      case CCS2_CHARGING_CURRENT -> car -> car.setChargingCurrentLevel(body.getInteger("chargingCurrent"));
      case CCS2_LIGHT, BRAZIL_LIGHT -> car -> car.signal(false);
      case CCS2_HORN_LIGHT -> car -> car.signal(true);
    };
  }

  private boolean validTemperature(JsonObject body) {
    String action = body.getString("action");
    if (!START_STOP.contains(action) || !Integer.valueOf(0).equals(body.getValue("hvacType"))
        || !"C".equals(body.getValue("unit")) || !(body.getValue("options") instanceof JsonObject options)
        || !validCode(body.getValue("tempCode")) || !(options.getValue("defrost") instanceof Boolean)
        || !(options.getValue("heating1") instanceof Integer)) {
      return false;
    }
    return "stop".equals(action) || options.getValue("igniOnDuration") instanceof Integer;
  }

  private boolean validEngineStart(JsonObject body) {
    if (!Integer.valueOf(1).equals(body.getValue("hvacType")) || !"C".equals(body.getValue("unit"))
        || !(body.getValue("options") instanceof JsonObject options) || !validCode(body.getValue("tempCode"))
        || !(options.getValue("defrost") instanceof Boolean) || !(options.getValue("heating1") instanceof Integer)) {
      return false;
    }
    // India adds the duration; China sends none
    return (profile.region() == Region.INDIA) == options.containsKey("igniOnDuration");
  }

  private boolean validBrazilEngine(JsonObject body, String device) {
    if (!device.equals(body.getValue("deviceId"))) {
      return false;
    }
    if ("stop".equals(body.getString("action"))) {
      return body.size() == 2;
    }
    return "start".equals(body.getString("action")) && Integer.valueOf(1).equals(body.getValue("hvacType"))
        && validCode(body.getValue("tempCode")) && body.getValue("options") instanceof JsonObject options
        && options.getValue("igniOnDuration") instanceof Integer && options.containsKey("seatHeaterVentCMD");
  }

  /** A hex code of the region's table: index 0..0x20 from its first entry, at most 30 °C. */
  private boolean validCode(Object value) {
    if (!(value instanceof String code) || !code.matches("[0-9A-F]{2}H")) {
      return false;
    }
    return profile.temperatureTableStart() + Integer.parseInt(code.substring(0, 2), 16) * 0.5 <= 30.0;
  }

  void records(RoutingContext ctx) {
    vehicles.car(ctx).ifPresent(car -> {
      JsonArray list = new JsonArray();
      synchronized (this) {
        List<JsonObject> own = records.getOrDefault(car.vehicleId(), List.of());
        for (int i = own.size() - 1; i >= 0; i--) {
          list.add(own.get(i).copy());
        }
      }
      SimResponses.json(ctx, 200, SimResponses.success(list));
    });
  }

  private void accept(RoutingContext ctx, SimCar car, Route route, boolean chargeStart, Consumer<SimCar> effect) {
    JsonObject record;
    Duration wait;
    SimActionOutcome outcome;
    synchronized (this) {
      List<JsonObject> own = records.computeIfAbsent(car.vehicleId(), id -> new ArrayList<>());
      if (own.stream().anyMatch(r -> r.getValue("result") == null)) {
        SimResponses.json(ctx, 200, SimResponses.failure("4004"));
        return;
      }
      record = new JsonObject().put("recordId", UUID.randomUUID().toString()).put("result", (Object) null)
          .put("actionType", route.name().toLowerCase(Locale.ROOT));
      own.add(record);
      wait = delay;
      outcome = outcomes.getOrDefault(car.vehicleId(), SimActionOutcome.SUCCESS);
    }
    SimResponses.json(ctx, 200, new JsonObject().put("retCode", "S").put("resCode", "0000")
        .put("resMsg", new JsonObject()).put("msgId", record.getString("recordId")));
    if (outcome == SimActionOutcome.NEVER) {
      return;
    }
    vertx.setTimer(Math.max(1, wait.toMillis()), t -> finish(car, chargeStart, effect, record, outcome));
  }

  private void finish(SimCar car, boolean chargeStart, Consumer<SimCar> effect, JsonObject record,
                      SimActionOutcome outcome) {
    String result = outcome.result(chargeStart, car);
    if (result.equals("success")) {
      effect.accept(car);
      car.report(clock.instant());
    }
    synchronized (this) {
      record.put("result", result);
    }
  }

  private double setpoint(JsonObject body) {
    if (body.getValue("hvacTemp") instanceof Number n) {
      return n.doubleValue();
    }
    String code = body.getString("tempCode", "10H");
    return profile.temperatureTableStart() + Integer.parseInt(code.substring(0, 2), 16) / 2.0;
  }
}
