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

/**
 * The action endpoints of a Type 1 cloud outside Europe (§6.1 regional notes, §6.6), already admitted by
 * {@link Type1SimGate}: legacy door/charge on v1 with the access token and the device id in the body; AU/NZ climate
 * on {@code v1/control/temperature} with the 17 °C table; CN/IN climate start on {@code v1/control/engine} (IN with
 * {@code igniOnDuration}) and stop on {@code v2/control/engine} with the control token; CCS2 cars on
 * {@code v2/ccs2/control/*}; Brazil door and engine on v2 with the control token and the device id. A body the cloud
 * would refuse is 400 / 4003, the other format's path 4005, a second action while one is pending 4004. Each accepted
 * action gets a record in {@code notifications/{vid}/records} that settles after the action delay.
 */
final class Type1SimActions {

  /** One action route. */
  enum Route { DOOR_V1, CHARGE_V1, TEMPERATURE_V1, ENGINE_V1, ENGINE_V2, DOOR_V2, CCS2_DOOR, CCS2_CHARGE,
    CCS2_TEMPERATURE }

  private static final Set<String> OPEN_CLOSE = Set.of("open", "close");
  private static final Set<String> START_STOP = Set.of("start", "stop");

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
      boolean ccs2Route = route.name().startsWith("CCS2");
      boolean ccs2Car = car.ccs2() && profile.region() != Region.BRAZIL;
      if (ccs2Route != ccs2Car) {
        SimResponses.json(ctx, 200, SimResponses.failure("4005", "Unsupported control for this car"));
        return;
      }
      JsonObject body = SimVehicles.jsonBody(ctx);
      String device = ctx.request().getHeader("ccsp-device-id");
      if (body == null || !valid(route, body, device)) {
        SimResponses.json(ctx, 400, SimResponses.failure("4003", "Invalid request body - Invalid values."));
        return;
      }
      String verb = body.containsKey("command") ? body.getString("command") : body.getString("action");
      accept(ctx, car, route, "close".equals(verb) || "start".equals(verb), body);
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

  private void accept(RoutingContext ctx, SimCar car, Route route, boolean on, JsonObject body) {
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
    vertx.setTimer(Math.max(1, wait.toMillis()), t -> finish(car, route, on, body, record, outcome));
  }

  private void finish(SimCar car, Route route, boolean on, JsonObject body, JsonObject record,
                      SimActionOutcome outcome) {
    boolean charge = route == Route.CHARGE_V1 || route == Route.CCS2_CHARGE;
    String result = switch (outcome) {
      case SUCCESS -> charge && on && !car.plugged() ? "fail" : "success";
      case FAIL -> "fail";
      default -> "non-response";
    };
    if (result.equals("success")) {
      switch (route) {
        case DOOR_V1, DOOR_V2, CCS2_DOOR -> car.setLocked(on);
        case CHARGE_V1, CCS2_CHARGE -> car.setCharging(on);
        default -> {
          car.setClimateOn(on);
          if (on) {
            car.setClimateSetpointCelsius(setpoint(body));
          }
        }
      }
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
