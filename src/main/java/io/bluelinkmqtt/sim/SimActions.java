package io.bluelinkmqtt.sim;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The EU action endpoints (§6.1) for door, temperature and charge: legacy cars on {@code v1/.../control/...} with the
 * access token (already admitted by {@link CcapiGate}), CCS2 cars on {@code v2/.../ccs2/control/...} with the PIN's
 * control token in {@code Authorization} and {@code AuthorizationCCSP}. A body the real cloud would refuse is 400 /
 * 4003; the path of the other protocol family is 4005; a second action while one is pending is 4004. An accepted
 * action gets a {@code msgId} and a record ({@code result: null}) that becomes {@code success} (the car's state
 * changes and it reports), {@code fail} or {@code non-response} after the action delay, or stays null
 * ({@link SimActionOutcome}).
 */
final class SimActions {

  enum Control { DOOR, TEMPERATURE, CHARGE }

  private static final Set<String> OPEN_CLOSE = Set.of("open", "close");
  private static final Set<String> START_STOP = Set.of("start", "stop");

  private final Vertx vertx;
  private final Clock clock;
  private final List<SimCar> cars;
  private final TokenRegistry tokens;
  private final Map<String, SimActionOutcome> outcomes = new HashMap<>();
  private final Map<String, List<JsonObject>> records = new HashMap<>();
  private Duration delay = Duration.ofSeconds(3);

  SimActions(Vertx vertx, SimulatorSettings settings, TokenRegistry tokens) {
    this.vertx = vertx;
    this.clock = settings.clock();
    this.cars = settings.cars();
    this.tokens = tokens;
  }

  synchronized void setDelay(Duration value) {
    delay = value;
  }

  synchronized void setOutcome(String vehicleId, SimActionOutcome outcome) {
    outcomes.put(vehicleId, outcome);
  }

  /** A legacy action, already admitted with the access token. */
  void legacy(RoutingContext ctx, Control control) {
    car(ctx).ifPresent(car -> {
      if (car.ccs2()) {
        SimResponses.json(ctx, 200, SimResponses.failure("4005", "Unsupported control - use the CCS2 endpoint"));
        return;
      }
      JsonObject body = SimVehicles.jsonBody(ctx);
      String device = ctx.request().getHeader("ccsp-device-id");
      boolean valid = body != null && switch (control) {
        case DOOR -> OPEN_CLOSE.contains(body.getString("action")) && device.equals(body.getValue("deviceId"));
        case CHARGE -> START_STOP.contains(body.getValue("action")) && device.equals(body.getValue("deviceId"));
        case TEMPERATURE -> validLegacyClimate(body);
      };
      if (!valid) {
        invalidBody(ctx);
        return;
      }
      String action = body.getString("action");
      accept(ctx, car, control, control == Control.DOOR ? "close".equals(action) : "start".equals(action), body);
    });
  }

  /** A CCS2 action: app headers, device and quota checked by the caller; the control token here. */
  void ccs2(RoutingContext ctx, Control control) {
    String authorization = ctx.request().getHeader("Authorization");
    String ccsp = ctx.request().getHeader("AuthorizationCCSP");
    String token = authorization != null && authorization.startsWith("Bearer ")
        ? authorization.substring("Bearer ".length()) : null;
    if (!tokens.validControlToken(token, clock.instant(), Duration.ofSeconds(SimUser.CONTROL_TOKEN_SECONDS))
        || !authorization.equals(ccsp)) {
      SimResponses.json(ctx, 401, SimResponses.failure("7501", "Invalid control token."));
      return;
    }
    car(ctx).ifPresent(car -> {
      if (!car.ccs2()) {
        SimResponses.json(ctx, 200, SimResponses.failure("4005", "Unsupported control - not a CCS2 car"));
        return;
      }
      JsonObject body = SimVehicles.jsonBody(ctx);
      boolean valid = body != null && switch (control) {
        case DOOR -> OPEN_CLOSE.contains(body.getString("command")) && body.size() == 1;
        case CHARGE -> START_STOP.contains(body.getString("command")) && body.size() == 1;
        case TEMPERATURE -> validCcs2Climate(body);
      };
      if (!valid) {
        invalidBody(ctx);
        return;
      }
      String command = body.getString("command");
      accept(ctx, car, control, control == Control.DOOR ? "close".equals(command) : "start".equals(command), body);
    });
  }

  /** {@code GET /api/v1/spa/notifications/{vid}/records}: the car's action records, newest first. */
  void records(RoutingContext ctx) {
    car(ctx).ifPresent(car -> {
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

  private void accept(RoutingContext ctx, SimCar car, Control control, boolean on, JsonObject body) {
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
          .put("actionType", control.name().toLowerCase(java.util.Locale.ROOT));
      own.add(record);
      wait = delay;
      outcome = outcomes.getOrDefault(car.vehicleId(), SimActionOutcome.SUCCESS);
    }
    JsonObject answer = new JsonObject().put("retCode", "S").put("resCode", "0000").put("resMsg", new JsonObject())
        .put("msgId", record.getString("recordId"));
    SimResponses.json(ctx, 200, answer);
    if (outcome == SimActionOutcome.NEVER) {
      return;
    }
    vertx.setTimer(Math.max(1, wait.toMillis()), t -> finish(car, control, on, body, record, outcome));
  }

  private void finish(SimCar car, Control control, boolean on, JsonObject body, JsonObject record,
                      SimActionOutcome outcome) {
    String result = switch (outcome) {
      case SUCCESS -> control == Control.CHARGE && on && !car.plugged() ? "fail" : "success";
      case FAIL -> "fail";
      default -> "non-response";
    };
    if (result.equals("success")) {
      switch (control) {
        case DOOR -> car.setLocked(on);
        case CHARGE -> car.setCharging(on);
        case TEMPERATURE -> {
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

  private static double setpoint(JsonObject body) {
    if (body.getValue("hvacTemp") instanceof Number n) {
      return n.doubleValue();
    }
    String code = body.getString("tempCode", "0EH");
    return 14.0 + Integer.parseInt(code.substring(0, 2), 16) / 2.0;
  }

  private static boolean validLegacyClimate(JsonObject body) {
    String action = body.getString("action");
    if (!START_STOP.contains(action) || !Integer.valueOf(0).equals(body.getValue("hvacType"))
        || !"C".equals(body.getValue("unit")) || !(body.getValue("options") instanceof JsonObject options)
        || !(body.getValue("tempCode") instanceof String code) || !code.matches("[0-9A-F]{2}H")
        || Integer.parseInt(code.substring(0, 2), 16) > 0x20 || !(options.getValue("defrost") instanceof Boolean)
        || !(options.getValue("heating1") instanceof Integer heating) || heating < 0 || heating > 4) {
      return false;
    }
    return action.equals("stop") || options.getValue("igniOnDuration") instanceof Integer minutes
        && minutes >= 1 && minutes <= 30;
  }

  private static boolean validCcs2Climate(JsonObject body) {
    String command = body.getString("command");
    if ("stop".equals(command)) {
      return body.size() == 1;
    }
    return "start".equals(command) && body.getValue("ignitionDuration") instanceof Integer minutes
        && minutes >= 1 && minutes <= 30 && body.getValue("hvacTemp") instanceof Number temp
        && temp.doubleValue() >= 14 && temp.doubleValue() <= 30 && "C".equals(body.getValue("tempUnit"))
        && Integer.valueOf(1).equals(body.getValue("hvacTempType"))
        && body.getValue("windshieldFrontDefogState") instanceof Boolean
        && body.getValue("strgWhlHeating") instanceof Integer
        && (!body.containsKey("seatClimateInfo") || body.getValue("seatClimateInfo") instanceof JsonObject);
  }

  private static void invalidBody(RoutingContext ctx) {
    SimResponses.json(ctx, 400, SimResponses.failure("4003", "Invalid request body - Invalid values."));
  }

  private Optional<SimCar> car(RoutingContext ctx) {
    String vehicleId = ctx.pathParam("vid");
    Optional<SimCar> car = cars.stream().filter(c -> c.vehicleId().equals(vehicleId)).findFirst();
    if (car.isEmpty()) {
      SimResponses.json(ctx, 400, SimResponses.failure("4003", "Invalid request value - Invalid vehicleId."));
    }
    return car;
  }
}
