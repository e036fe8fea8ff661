package io.bluelinkmqtt.api.eu;

import io.bluelinkmqtt.domain.ActionCommand;
import io.bluelinkmqtt.domain.ChargeCommand;
import io.bluelinkmqtt.domain.ChargeLimitsCommand;
import io.bluelinkmqtt.domain.ChargePortCommand;
import io.bluelinkmqtt.domain.ChargingCurrentCommand;
import io.bluelinkmqtt.domain.ClimateCommand;
import io.bluelinkmqtt.domain.ClimateCommand.ClimateSettings;
import io.bluelinkmqtt.domain.ClimateCommand.Seats;
import io.bluelinkmqtt.domain.CommandName;
import io.bluelinkmqtt.domain.LockCommand;
import io.bluelinkmqtt.domain.SignalCommand;
import io.bluelinkmqtt.domain.Vehicle.EngineType;
import io.bluelinkmqtt.domain.WindowsCommand;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The request of each EU action, exactly as bluelink-protocol.md §6.1 gives it, for legacy and CCS2 cars: the path
 * under the CCAPI host, whether it takes the PIN's control token ({@code CTRL}) or the access token ({@code AUTH}),
 * and the body.
 */
final class EuActionBodies {

  /**
   * One action request.
   *
   * @param path the path under the CCAPI host
   * @param control true for the control token ({@code CTRL}), false for the access token ({@code AUTH})
   * @param body the JSON body; a legacy body may need the device id, so it is filled in per session
   */
  record ActionRequest(String path, boolean control, Function<String, JsonObject> body) {

    JsonObject body(String deviceId) {
      return body.apply(deviceId);
    }
  }

  private static final String V1 = "/api/v1/spa/vehicles/";
  private static final String V2 = "/api/v2/spa/vehicles/";

  private EuActionBodies() {
  }

  /**
   * The actions §6.1 gives a car of this drive train and protocol family: lock, climate and windows for every car;
   * charging, charge limits and the charge port for EV and PHEV; the charging current, the hazard lights and horn
   * with lights only on CCS2 cars (the charging current on CCS2 EV/PHEV).
   */
  static Set<CommandName> offered(EngineType engine, boolean ccs2) {
    Set<CommandName> offered = EnumSet.of(CommandName.LOCK, CommandName.CLIMATE, CommandName.WINDOWS);
    boolean plugIn = engine == EngineType.EV || engine == EngineType.PHEV;
    if (plugIn) {
      offered.addAll(EnumSet.of(CommandName.CHARGE, CommandName.CHARGE_LIMITS, CommandName.CHARGE_PORT));
    }
    if (ccs2) {
      offered.addAll(EnumSet.of(CommandName.HAZARD, CommandName.HORN_LIGHTS));
      if (plugIn) {
        offered.add(CommandName.CHARGING_CURRENT);
      }
    }
    return offered;
  }

  /** The legacy set-point code: index into the 0.5 °C table from 14.0 °C, two hex digits and {@code H} (§5.2). */
  static String tempCode(double celsius) {
    return String.format(Locale.ROOT, "%02XH", (int) Math.round((celsius - 14.0) * 2));
  }

  /**
   * The request of the action for a car of that protocol family.
   *
   * @param vid the car's cloud id, URL-encoded
   * @param rightHandDrive the driver sits on the right (CCS2 climate {@code drvSeatLoc})
   * @throws IllegalArgumentException for an action the family does not have (charging current, hazard and horn on
   *     a legacy car): the module does not offer those for such a car
   */
  static ActionRequest request(ActionCommand action, boolean ccs2, String vid, boolean rightHandDrive) {
    String v1 = V1 + vid;
    String v2 = V2 + vid;
    if (action instanceof LockCommand lock) {
      return ccs2 ? ctrl(v2 + "/ccs2/control/door", command(lock.lock() ? "close" : "open"))
          : auth(v1 + "/control/door", device -> legacyAction(lock.lock() ? "close" : "open", device));
    }
    if (action instanceof ChargeCommand charge) {
      return ccs2 ? ctrl(v2 + "/ccs2/control/charge", command(charge.start() ? "start" : "stop"))
          : auth(v1 + "/control/charge", device -> legacyAction(charge.start() ? "start" : "stop", device));
    }
    if (action instanceof ClimateCommand climate) {
      return ccs2 ? ctrl(v2 + "/ccs2/control/temperature", ccs2Climate(climate, true, rightHandDrive))
          : auth(v1 + "/control/temperature", device -> legacyClimate(climate));
    }
    if (action instanceof ChargeLimitsCommand limits) {
      return auth(v1 + "/charge/target", device -> chargeTargets(limits));
    }
    if (action instanceof ChargingCurrentCommand current && ccs2) {
      return auth(v1 + "/ccs2/charge/chargingcurrent",
          device -> new JsonObject().put("chargingCurrent", current.level()));
    }
    if (action instanceof ChargePortCommand port) {
      return ctrl(v2 + "/control/portdoor", new JsonObject().put("action", port.open() ? "open" : "close"));
    }
    if (action instanceof WindowsCommand windows) {
      return ctrl(v2 + "/control/windowcurtain", new JsonObject()
          .put("frontLeft", windows.frontLeft().code()).put("frontRight", windows.frontRight().code())
          .put("backLeft", windows.rearLeft().code()).put("backRight", windows.rearRight().code()));
    }
    if (action instanceof SignalCommand signal && ccs2) {
      return ctrl(v2 + "/ccs2/control/" + (signal.horn() ? "hornlight" : "light"), command("on"));
    }
    throw new IllegalArgumentException(action.name().wireName() + " is not an action of this car");
  }

  /**
   * The CCS2 climate start once more without {@code seatClimateInfo}: §6.1's fallback for a car without seat
   * climate that refused the first one; null when the first one had none (nothing to drop).
   */
  static ActionRequest withoutSeats(ActionCommand action, String vid, boolean rightHandDrive) {
    if (action instanceof ClimateCommand climate && climate.start() && climate.settings().seats() != null) {
      return ctrl(V2 + vid + "/ccs2/control/temperature", ccs2Climate(climate, false, rightHandDrive));
    }
    return null;
  }

  static JsonObject legacyClimate(ClimateCommand climate) {
    if (!climate.start()) {
      return new JsonObject().put("action", "stop").put("hvacType", 0)
          .put("options", new JsonObject().put("defrost", true).put("heating1", 1))
          .put("tempCode", "10H").put("unit", "C");
    }
    ClimateSettings s = climate.settings();
    return new JsonObject().put("action", "start").put("hvacType", 0)
        .put("options", new JsonObject().put("defrost", s.defrost()).put("heating1", s.steeringWheelHeat() ? 1 : 0)
            .put("igniOnDuration", s.durationMinutes()))
        .put("tempCode", tempCode(s.temperatureCelsius())).put("unit", "C");
  }

  /**
   * The CCS2 climate body. The seats are named by role (driver, passenger) in the command and in the cloud's
   * fields; {@code drvSeatLoc} tells the car which side the driver sits on (the reference library swaps the front
   * values only because its own options name the seats by side).
   */
  static JsonObject ccs2Climate(ClimateCommand climate, boolean withSeats, boolean rightHandDrive) {
    if (!climate.start()) {
      return command("stop");
    }
    ClimateSettings s = climate.settings();
    JsonObject body = new JsonObject().put("command", "start").put("ignitionDuration", s.durationMinutes())
        .put("strgWhlHeating", s.steeringWheelHeat() ? 1 : 0).put("hvacTempType", 1)
        .put("hvacTemp", s.temperatureCelsius()).put("tempUnit", "C")
        .put("windshieldFrontDefogState", s.defrost()).put("sideRearMirrorHeating", s.defrost() ? 1 : 0)
        .put("drvSeatLoc", rightHandDrive ? "R" : "L");
    Seats seats = s.seats();
    if (seats != null && withSeats) {
      body.put("seatClimateInfo", new JsonObject().put("drvSeatClimateState", seats.driver())
          .put("psgSeatClimateState", seats.passenger()).put("rlSeatClimateState", seats.rearLeft())
          .put("rrSeatClimateState", seats.rearRight()));
    }
    return body;
  }

  /** {@code targetSOClist}: plug type 0 is DC (fast), 1 is AC (slow) (§5.1). */
  static JsonObject chargeTargets(ChargeLimitsCommand limits) {
    return new JsonObject().put("targetSOClist", new JsonArray()
        .add(new JsonObject().put("plugType", 0).put("targetSOClevel", limits.dc()))
        .add(new JsonObject().put("plugType", 1).put("targetSOClevel", limits.ac())));
  }

  private static JsonObject legacyAction(String action, String deviceId) {
    return new JsonObject().put("action", action).put("deviceId", deviceId);
  }

  private static JsonObject command(String command) {
    return new JsonObject().put("command", command);
  }

  private static ActionRequest ctrl(String path, JsonObject body) {
    return new ActionRequest(path, true, device -> body.copy());
  }

  private static ActionRequest auth(String path, Function<String, JsonObject> body) {
    return new ActionRequest(path, false, body);
  }
}
