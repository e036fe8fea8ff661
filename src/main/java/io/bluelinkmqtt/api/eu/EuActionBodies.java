package io.bluelinkmqtt.api.eu;

import io.bluelinkmqtt.domain.ActionCommand;
import io.bluelinkmqtt.domain.ChargeCommand;
import io.bluelinkmqtt.domain.ClimateCommand;
import io.bluelinkmqtt.domain.ClimateCommand.ClimateSettings;
import io.bluelinkmqtt.domain.ClimateCommand.Seats;
import io.bluelinkmqtt.domain.LockCommand;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/** The request bodies of the EU actions, exactly as §6.1 gives them, for legacy and CCS2 cars. */
final class EuActionBodies {

  /** The legacy set-point code: index into the 0.5 °C table from 14.0 °C, two hex digits and {@code H} (§5.2). */
  static String tempCode(double celsius) {
    return String.format(Locale.ROOT, "%02XH", (int) Math.round((celsius - 14.0) * 2));
  }

  private EuActionBodies() {
  }

  /** The last level of the control path: door, temperature, charge. */
  static String controlPath(ActionCommand action) {
    if (action instanceof LockCommand) {
      return "door";
    }
    return action instanceof ClimateCommand ? "temperature" : "charge";
  }

  static JsonObject legacy(ActionCommand action, String deviceId) {
    if (action instanceof LockCommand lock) {
      return new JsonObject().put("action", lock.lock() ? "close" : "open").put("deviceId", deviceId);
    }
    if (action instanceof ChargeCommand charge) {
      return new JsonObject().put("action", charge.start() ? "start" : "stop").put("deviceId", deviceId);
    }
    ClimateCommand climate = (ClimateCommand) action;
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

  static JsonObject ccs2(ActionCommand action) {
    if (action instanceof LockCommand lock) {
      return new JsonObject().put("command", lock.lock() ? "close" : "open");
    }
    if (action instanceof ChargeCommand charge) {
      return new JsonObject().put("command", charge.start() ? "start" : "stop");
    }
    ClimateCommand climate = (ClimateCommand) action;
    if (!climate.start()) {
      return new JsonObject().put("command", "stop");
    }
    ClimateSettings s = climate.settings();
    JsonObject body = new JsonObject().put("command", "start").put("ignitionDuration", s.durationMinutes())
        .put("strgWhlHeating", s.steeringWheelHeat() ? 1 : 0).put("hvacTempType", 1)
        .put("hvacTemp", s.temperatureCelsius()).put("tempUnit", "C")
        .put("windshieldFrontDefogState", s.defrost()).put("sideRearMirrorHeating", s.defrost() ? 1 : 0)
        .put("drvSeatLoc", "L");
    Seats seats = s.seats();
    if (seats != null) {
      body.put("seatClimateInfo", new JsonObject().put("drvSeatClimateState", seats.driver())
          .put("psgSeatClimateState", seats.passenger()).put("rlSeatClimateState", seats.rearLeft())
          .put("rrSeatClimateState", seats.rearRight()));
    }
    return body;
  }
}
