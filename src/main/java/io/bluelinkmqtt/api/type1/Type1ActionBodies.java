package io.bluelinkmqtt.api.type1;

import io.bluelinkmqtt.api.type1.Type1Profile.ClimateRoute;
import io.bluelinkmqtt.api.type1.mapping.Type1DataMapper;
import io.bluelinkmqtt.domain.ActionCommand;
import io.bluelinkmqtt.domain.ChargeCommand;
import io.bluelinkmqtt.domain.ClimateCommand;
import io.bluelinkmqtt.domain.ClimateCommand.ClimateSettings;
import io.bluelinkmqtt.domain.ClimateCommand.Seats;
import io.bluelinkmqtt.domain.LockCommand;
import io.bluelinkmqtt.domain.Region;
import io.vertx.core.json.JsonObject;

/**
 * Where each Type 1 action goes and what it carries, per region (bluelink-protocol.md §6.1 regional notes, §6.6).
 *
 * @param path below {@code {ccapi}}, the vehicle id already in it
 * @param body the JSON body
 * @param control true when it needs the PIN's control token
 */
record Type1ActionBodies(String path, JsonObject body, boolean control) {

  private static final String V1 = "/api/v1/spa/vehicles/";
  private static final String V2 = "/api/v2/spa/vehicles/";

  /** The request of {@code action} for a car ({@code ccs2}: its data format) of the profile's region. */
  static Type1ActionBodies of(Type1Profile profile, ActionCommand action, String vid, boolean ccs2, String deviceId) {
    if (profile.region() == Region.BRAZIL) {
      return brazil(profile, action, vid, deviceId);
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
    ClimateCommand climate = (ClimateCommand) action;
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
