package io.bluelinkmqtt.api.type1;

import io.bluelinkmqtt.api.type1.Type1Profile.ClimateRoute;
import io.bluelinkmqtt.api.type1.mapping.Type1DataMapper;
import io.bluelinkmqtt.domain.ActionCommand;
import io.bluelinkmqtt.domain.ChargeCommand;
import io.bluelinkmqtt.domain.ChargeLimitsCommand;
import io.bluelinkmqtt.domain.ChargePortCommand;
import io.bluelinkmqtt.domain.ChargingCurrentCommand;
import io.bluelinkmqtt.domain.ClimateCommand;
import io.bluelinkmqtt.domain.ClimateCommand.ClimateSettings;
import io.bluelinkmqtt.domain.ClimateCommand.Seats;
import io.bluelinkmqtt.domain.LockCommand;
import io.bluelinkmqtt.domain.Region;
import io.bluelinkmqtt.domain.SignalCommand;
import io.bluelinkmqtt.domain.WindowsCommand;
import io.bluelinkmqtt.domain.WindowsCommand.Position;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Where each Type 1 action goes and what it carries, per region (bluelink-protocol.md §6.1 regional notes, §6.6).
 *
 * @param path below {@code {ccapi}}, the vehicle id already in it
 * @param body the JSON body; null for a call without one (Brazil's hazard lights)
 * @param control true when it needs the PIN's control token
 */
record Type1ActionBodies(String path, JsonObject body, boolean control) {

  private static final String V1 = "/api/v1/spa/vehicles/";
  private static final String V2 = "/api/v2/spa/vehicles/";

  /**
   * The request of {@code action} for a car ({@code ccs2}: its data format) of the profile's region.
   *
   * @throws IllegalArgumentException for an action the region's cloud cannot carry out this way (Brazil: a window
   *     in the ventilation position, or windows set one by one; a CCS2-only action on a legacy car)
   */
  static Type1ActionBodies of(Type1Profile profile, ActionCommand action, String vid, boolean ccs2, String deviceId) {
    if (profile.region() == Region.BRAZIL) {
      return brazil(profile, action, vid, deviceId);
    }
    Type1ActionBodies shared = shared(profile, action, vid, ccs2, deviceId);
    if (shared != null) {
      return shared;
    }
    if (ccs2) {
      return ccs2(profile, action, vid);
    }
    if (action instanceof LockCommand lock) {
      return new Type1ActionBodies(V1 + vid + "/control/door",
          new JsonObject().put("action", lock.lock() ? "close" : "open").put("deviceId", deviceId), false);
    }
    if (action instanceof ChargeCommand charge) {
      return new Type1ActionBodies(V1 + vid + "/control/charge",
          new JsonObject().put("action", charge.start() ? "start" : "stop").put("deviceId", deviceId), false);
    }
    ClimateCommand climate = (ClimateCommand) action;
    double table = profile.temperatureTableStart();
    if (profile.climate() == ClimateRoute.ENGINE) {
      // CN/IN: start with the access token on v1, stop with the control token on v2
      if (!climate.start()) {
        return new Type1ActionBodies(V2 + vid + "/control/engine", new JsonObject().put("action", "stop"), true);
      }
      ClimateSettings s = climate.settings();
      JsonObject options = new JsonObject().put("defrost", s.defrost()).put("heating1", s.steeringWheelHeat() ? 1 : 0);
      if (profile.region() == Region.INDIA) {
        options.put("igniOnDuration", s.durationMinutes());
      }
      return new Type1ActionBodies(V1 + vid + "/control/engine", new JsonObject().put("action", "start")
          .put("hvacType", 1).put("options", options)
          .put("tempCode", Type1DataMapper.temperatureCode(s.temperatureCelsius(), table)).put("unit", "C"), false);
    }
    if (!climate.start()) {
      return new Type1ActionBodies(V1 + vid + "/control/temperature", new JsonObject().put("action", "stop")
          .put("hvacType", 0).put("options", new JsonObject().put("defrost", true).put("heating1", 1))
          .put("tempCode", Type1DataMapper.temperatureCode(22.0, table)).put("unit", "C"), false);
    }
    ClimateSettings s = climate.settings();
    return new Type1ActionBodies(V1 + vid + "/control/temperature", new JsonObject().put("action", "start")
        .put("hvacType", 0).put("options", new JsonObject().put("defrost", s.defrost())
            .put("heating1", s.steeringWheelHeat() ? 1 : 0).put("igniOnDuration", s.durationMinutes()))
        .put("tempCode", Type1DataMapper.temperatureCode(s.temperatureCelsius(), table)).put("unit", "C"), false);
  }

  /**
   * The actions whose §6.1 request is one for both formats, or exists only for CCS2 cars; null for the lock, climate
   * and charge, whose route depends on the format.
   */
  private static Type1ActionBodies shared(Type1Profile profile, ActionCommand action, String vid, boolean ccs2,
                                          String deviceId) {
    if (action instanceof ChargeLimitsCommand limits) {
      // plug type 0 is DC (fast), 1 is AC (slow) (§5.1)
      return new Type1ActionBodies(V1 + vid + "/charge/target", new JsonObject().put("targetSOClist", new JsonArray()
          .add(new JsonObject().put("plugType", 0).put("targetSOClevel", limits.dc()))
          .add(new JsonObject().put("plugType", 1).put("targetSOClevel", limits.ac()))), false);
    }
    if (action instanceof ChargePortCommand port) {
      // the one body whose device id key is spelt per region: AU/NZ deviceId, IN deviceID (§6.1)
      String key = profile.region() == Region.INDIA ? "deviceID" : "deviceId";
      return new Type1ActionBodies(V2 + vid + "/control/portdoor",
          new JsonObject().put("action", port.open() ? "open" : "close").put(key, deviceId), true);
    }
    if (action instanceof WindowsCommand windows) {
      return new Type1ActionBodies(V2 + vid + "/control/windowcurtain", new JsonObject()
          .put("frontLeft", windows.frontLeft().code()).put("frontRight", windows.frontRight().code())
          .put("backLeft", windows.rearLeft().code()).put("backRight", windows.rearRight().code()), true);
    }
    if (action instanceof ChargingCurrentCommand current) {
      requireCcs2(ccs2, action);
      return new Type1ActionBodies(V1 + vid + "/ccs2/charge/chargingcurrent",
          new JsonObject().put("chargingCurrent", current.level()), false);
    }
    if (action instanceof SignalCommand signal) {
      requireCcs2(ccs2, action);
      return new Type1ActionBodies(V2 + vid + "/ccs2/control/" + (signal.horn() ? "hornlight" : "light"),
          new JsonObject().put("command", "on"), true);
    }
    return null;
  }

  private static void requireCcs2(boolean ccs2, ActionCommand action) {
    if (!ccs2) {
      throw new IllegalArgumentException(action.name().wireName() + " needs a CCS2 car");
    }
  }

  private static Type1ActionBodies ccs2(Type1Profile profile, ActionCommand action, String vid) {
    String base = V2 + vid + "/ccs2/control/";
    if (action instanceof LockCommand lock) {
      return new Type1ActionBodies(base + "door", new JsonObject().put("command", lock.lock() ? "close" : "open"), true);
    }
    if (action instanceof ChargeCommand charge) {
      return new Type1ActionBodies(base + "charge", new JsonObject().put("command", charge.start() ? "start" : "stop"),
          true);
    }
    ClimateCommand climate = (ClimateCommand) action;
    if (!climate.start()) {
      return new Type1ActionBodies(base + "temperature", new JsonObject().put("command", "stop"), true);
    }
    ClimateSettings s = climate.settings();
    // AU/NZ/IN cars are right-hand drive (§5.9): the driver sits on the right, so the front seats swap
    boolean rightHand = profile.region() != Region.CHINA;
    JsonObject body = new JsonObject().put("command", "start").put("ignitionDuration", s.durationMinutes())
        .put("strgWhlHeating", s.steeringWheelHeat() ? 1 : 0).put("hvacTempType", 1)
        .put("hvacTemp", s.temperatureCelsius()).put("tempUnit", "C")
        .put("windshieldFrontDefogState", s.defrost()).put("sideRearMirrorHeating", s.defrost() ? 1 : 0)
        .put("drvSeatLoc", rightHand ? "R" : "L");
    Seats seats = s.seats();
    if (seats != null) {
      body.put("seatClimateInfo", new JsonObject()
          .put("drvSeatClimateState", rightHand ? seats.passenger() : seats.driver())
          .put("psgSeatClimateState", rightHand ? seats.driver() : seats.passenger())
          .put("rlSeatClimateState", seats.rearLeft()).put("rrSeatClimateState", seats.rearRight()));
    }
    return new Type1ActionBodies(base + "temperature", body, true);
  }

  private static Type1ActionBodies brazil(Type1Profile profile, ActionCommand action, String vid, String deviceId) {
    if (action instanceof LockCommand lock) {
      return new Type1ActionBodies(V2 + vid + "/control/door",
          new JsonObject().put("deviceId", deviceId).put("action", lock.lock() ? "close" : "open"), true);
    }
    if (action instanceof WindowsCommand windows) {
      // all four at once, open or closed: BR has no ventilation position and no window of its own (§6.6)
      if (!windows.uniform() || windows.frontLeft() == Position.VENT) {
        throw new IllegalArgumentException("Brazil opens or closes all windows at once");
      }
      return new Type1ActionBodies(V2 + vid + "/control/window", new JsonObject()
          .put("action", windows.frontLeft() == Position.OPEN ? "open" : "close").put("deviceId", deviceId), true);
    }
    if (action instanceof SignalCommand signal && !signal.horn()) {
      return new Type1ActionBodies(V2 + vid + "/control/light", null, true);
    }
    if (!(action instanceof ClimateCommand climate)) {
      throw new IllegalArgumentException("Brazil has no " + action.name().wireName() + " command");
    }
    if (!climate.start()) {
      return new Type1ActionBodies(V2 + vid + "/control/engine",
          new JsonObject().put("action", "stop").put("deviceId", deviceId), true);
    }
    ClimateSettings s = climate.settings();
    int driverSeat = s.seats() == null ? 0 : s.seats().driver();
    JsonObject options = new JsonObject().put("airCtrl", 1).put("heating1", s.steeringWheelHeat() ? 1 : 0)
        .put("seatHeaterVentCMD", new JsonObject().put("drvSeatOptCmd", driverSeat))
        .put("defrost", s.defrost()).put("igniOnDuration", s.durationMinutes());
    return new Type1ActionBodies(V2 + vid + "/control/engine", new JsonObject().put("action", "start")
        .put("options", options).put("hvacType", 1).put("deviceId", deviceId)
        .put("tempCode", Type1DataMapper.temperatureCode(s.temperatureCelsius(), profile.temperatureTableStart()))
        .put("unit", "C"), true);
  }
}
