package io.bluelinkmqtt.sim;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The EU action endpoints (§6.1). Legacy door/temperature/charge on {@code v1/.../control/...} and the charge limits
 * {@code v1/.../charge/target} (both families) and CCS2 charging current {@code v1/.../ccs2/charge/chargingcurrent}
 * take the access token (already admitted by {@link CcapiGate}); CCS2 {@code v2/.../ccs2/control/...}, the charge
 * port {@code v2/.../control/portdoor} and windows {@code v2/.../control/windowcurtain} (both families) take the PIN's
 * control token in {@code Authorization} and {@code AuthorizationCCSP}. A body the real cloud would refuse is 400 /
 * 4003; an endpoint of the other protocol family is 4005; a second action while one is pending is 4004. An accepted
 * action gets a {@code msgId} and a record ({@code result: null}) that becomes {@code success} (the car's state
 * changes and it reports), {@code fail} or {@code non-response} after the action delay, or stays null
 * ({@link SimActionOutcome}). A device marked stale ({@link #markDevicesStale}) sees an empty record list.
 */
final class SimActions {

  /** Each action endpoint: who may use it (which protocol family, which token) and the record's action type. */
  enum Control {
    DOOR(Family.LEGACY_AUTH_OR_CCS2), TEMPERATURE(Family.LEGACY_AUTH_OR_CCS2), CHARGE(Family.LEGACY_AUTH_OR_CCS2),
    CHARGE_TARGET(Family.BOTH), CHARGING_CURRENT(Family.CCS2_ONLY), PORT_DOOR(Family.BOTH), WINDOWS(Family.BOTH),
    LIGHT(Family.CCS2_ONLY), HORN_LIGHT(Family.CCS2_ONLY);

    private final Family family;

    Control(Family family) {
      this.family = family;
    }
  }

  /** Which cars an endpoint serves. */
  private enum Family {
    /** v1 legacy with the access token, or the v2/ccs2 twin with the control token. */
    LEGACY_AUTH_OR_CCS2,
    BOTH,
    CCS2_ONLY
  }

  private static final Set<String> OPEN_CLOSE = Set.of("open", "close");
  private static final Set<String> START_STOP = Set.of("start", "stop");
  private static final Set<String> WINDOW_KEYS = Set.of("frontLeft", "frontRight", "backLeft", "backRight");

  private final Vertx vertx;
  private final Clock clock;
  private final List<SimCar> cars;
  private final TokenRegistry tokens;
  private final Map<String, SimActionOutcome> outcomes = new HashMap<>();
  private final Map<String, List<JsonObject>> records = new HashMap<>();
  private final Set<String> staleDevices = new HashSet<>();
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

  /** These device ids keep working, but the record list they read is empty until the app registers anew. */
  synchronized void markDevicesStale(Set<String> deviceIds) {
    staleDevices.addAll(deviceIds);
  }

  /** A legacy door/temperature/charge action, already admitted with the access token. */
  void legacy(RoutingContext ctx, Control control) {
    car(ctx).ifPresent(car -> {
      if (car.ccs2()) {
        SimResponses.json(ctx, 200, SimResponses.failure("4005", "Unsupported control - use the CCS2 endpoint"));
        return;
      }
      JsonObject body = SimVehicles.jsonBody(ctx);
      String device = ctx.request().getHeader("ccsp-device-id");
      boolean valid = body != null && switch (control) {
        case DOOR -> OPEN_CLOSE.contains(body.getString("action")) && device.equals(body.getValue("deviceId"))
            && body.size() == 2;
        case CHARGE -> START_STOP.contains(body.getValue("action")) && device.equals(body.getValue("deviceId"))
            && body.size() == 2;
        case TEMPERATURE -> validLegacyClimate(body);
        default -> false;
      };
      if (!valid) {
        invalidBody(ctx);
        return;
      }
      accept(ctx, car, control, effect(control, body.getString("action"), body));
    });
  }

  /** An access-token action of both families or of CCS2 cars: charge limits, charging current. */
  void authenticated(RoutingContext ctx, Control control) {
    car(ctx).ifPresent(car -> {
      if (!servesFamily(ctx, car, control)) {
        return;
      }
      JsonObject body = SimVehicles.jsonBody(ctx);
      if (body == null || !validBody(control, body)) {
        invalidBody(ctx);
        return;
      }
      accept(ctx, car, control, effect(control, null, body));
    });
  }

  /** A control-token action: app headers, device and quota checked by the caller; the control token here. */
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
      if (control.family == Family.LEGACY_AUTH_OR_CCS2 && !car.ccs2()) {
        SimResponses.json(ctx, 200, SimResponses.failure("4005", "Unsupported control - not a CCS2 car"));
        return;
      }
      if (!servesFamily(ctx, car, control)) {
        return;
      }
      JsonObject body = SimVehicles.jsonBody(ctx);
      if (body == null || !validBody(control, body)) {
        invalidBody(ctx);
        return;
      }
      if (control == Control.TEMPERATURE && body.containsKey("seatClimateInfo") && !car.seatClimate()) {
        SimResponses.json(ctx, 200, SimResponses.failure("4005", "Unsupported control - no seat climate"));
        return;
      }
      accept(ctx, car, control, effect(control, body.getString("command", body.getString("action")), body));
    });
  }

  /** {@code GET /api/v1/spa/notifications/{vid}/records}: the car's action records, newest first. */
  void records(RoutingContext ctx) {
    car(ctx).ifPresent(car -> {
      JsonArray list = new JsonArray();
      synchronized (this) {
        List<JsonObject> own = records.getOrDefault(car.vehicleId(), List.of());
        boolean stale = staleDevices.contains(ctx.request().getHeader("ccsp-device-id"));
        for (int i = own.size() - 1; i >= 0 && !stale; i--) {
          list.add(own.get(i).copy());
        }
      }
      SimResponses.json(ctx, 200, SimResponses.success(list));
    });
  }

  private static boolean servesFamily(RoutingContext ctx, SimCar car, Control control) {
    if (control.family == Family.CCS2_ONLY && !car.ccs2()) {
      SimResponses.json(ctx, 200, SimResponses.failure("4005", "Unsupported control - not a CCS2 car"));
      return false;
    }
    return true;
  }

  /** The CTRL and AUTH bodies of §6.1, exactly: the right keys, nothing else. */
  private static boolean validBody(Control control, JsonObject body) {
    return switch (control) {
      case DOOR -> OPEN_CLOSE.contains(body.getString("command")) && body.size() == 1;
      case CHARGE -> START_STOP.contains(body.getString("command")) && body.size() == 1;
      case TEMPERATURE -> validCcs2Climate(body);
      case CHARGE_TARGET -> validTargets(body);
      case CHARGING_CURRENT -> body.size() == 1 && body.getValue("chargingCurrent") instanceof Integer level
          && level >= 1 && level <= 3;
      case PORT_DOOR -> body.size() == 1 && OPEN_CLOSE.contains(body.getValue("action"));
      case WINDOWS -> body.fieldNames().equals(WINDOW_KEYS) && WINDOW_KEYS.stream()
          .allMatch(k -> body.getValue(k) instanceof Integer p && p >= 0 && p <= 2);
      case LIGHT, HORN_LIGHT -> body.size() == 1 && "on".equals(body.getValue("command"));
    };
  }

  /** {@code targetSOClist}: one DC (plug type 0) and one AC (1) entry, 50–100 in steps of 10. */
  static boolean validTargets(JsonObject body) {
    if (body.size() != 1 || !(body.getValue("targetSOClist") instanceof JsonArray list) || list.size() != 2) {
      return false;
    }
    Set<Integer> plugTypes = new HashSet<>();
    for (Object entry : list) {
      if (!(entry instanceof JsonObject target) || target.size() != 2
          || !(target.getValue("plugType") instanceof Integer type)
          || !(target.getValue("targetSOClevel") instanceof Integer level)
          || level < 50 || level > 100 || level % 10 != 0) {
        return false;
      }
      plugTypes.add(type);
    }
    return plugTypes.equals(Set.of(0, 1));
  }

  /** What the car does once it carries out the action. */
  private static Consumer<SimCar> effect(Control control, String word, JsonObject body) {
    return switch (control) {
      case DOOR -> car -> car.setLocked("close".equals(word));
      case CHARGE -> car -> car.setCharging("start".equals(word));
      case TEMPERATURE -> car -> {
        car.setClimateOn("start".equals(word));
        if ("start".equals(word)) {
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
      case CHARGING_CURRENT -> car -> car.setChargingCurrentLevel(body.getInteger("chargingCurrent"));
      case PORT_DOOR -> car -> car.setChargePortOpen("open".equals(word));
      case WINDOWS -> car -> car.setWindows(body.getInteger("frontLeft"), body.getInteger("frontRight"),
          body.getInteger("backLeft"), body.getInteger("backRight"));
      case LIGHT -> car -> car.signal(false);
      case HORN_LIGHT -> car -> car.signal(true);
    };
  }

  private void accept(RoutingContext ctx, SimCar car, Control control, Consumer<SimCar> effect) {
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
    boolean chargeStart = control == Control.CHARGE && "start".equals(wordOf(ctx));
    vertx.setTimer(Math.max(1, wait.toMillis()), t -> finish(car, chargeStart, effect, record, outcome));
  }

  private static String wordOf(RoutingContext ctx) {
    JsonObject body = SimVehicles.jsonBody(ctx);
    return body == null ? null : body.getString("command", body.getString("action"));
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
