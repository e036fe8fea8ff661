package io.bluelinkmqtt.api.ushyundai;

import io.bluelinkmqtt.domain.ChargeLimitsCommand;
import io.bluelinkmqtt.domain.ClimateCommand.ClimateSettings;
import io.bluelinkmqtt.domain.ClimateCommand.Seats;
import io.bluelinkmqtt.domain.Vehicle;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The request bodies of the US Hyundai actions, as §6.3 gives them. */
final class UsActionBodies {

  /** The dial of the US cars, in whole °F. */
  static final int MIN_FAHRENHEIT = 62;
  static final int MAX_FAHRENHEIT = 82;
  /** {@code heating1} 3 = steering wheel (§5.1). */
  static final int HEATING_STEERING_WHEEL = 3;

  private UsActionBodies() {
  }

  /**
   * The command's set point (°C, the bridge's contract) on the car's °F dial: rounded to a whole degree and kept within
   * 62–82 °F, the range the US cars accept.
   */
  static int fahrenheit(double celsius) {
    long f = Math.round(celsius * 9 / 5 + 32);
    return (int) Math.max(MIN_FAHRENHEIT, Math.min(MAX_FAHRENHEIT, f));
  }

  static JsonObject door(String username, Vehicle vehicle) {
    return new JsonObject().put("userName", username).put("vin", vehicle.vin());
  }

  /** {@code evc/charge/targetsoc/set} (§6.3): plug type 0 is DC (fast), 1 is AC (slow), both levels at once. */
  static JsonObject chargeTargets(ChargeLimitsCommand limits) {
    return new JsonObject().put("targetSOClist", new JsonArray()
        .add(new JsonObject().put("plugType", 0).put("targetSOClevel", limits.dc()))
        .add(new JsonObject().put("plugType", 1).put("targetSOClevel", limits.ac())));
  }

  /** EV climate start; generation 3 cars also take the duration and the seats. */
  static JsonObject evClimate(ClimateSettings s, boolean gen3) {
    JsonObject body = new JsonObject().put("airCtrl", 1)
        .put("airTemp", new JsonObject().put("value", Integer.toString(fahrenheit(s.temperatureCelsius()))).put("unit", 1))
        .put("defrost", s.defrost())
        .put("heating1", s.steeringWheelHeat() ? HEATING_STEERING_WHEEL : 0);
    if (gen3) {
      body.put("igniOnDuration", s.durationMinutes());
      if (s.seats() != null) {
        body.put("seatHeaterVentInfo", seats(s.seats()));
      }
    }
    return body;
  }

  /** Combustion climate start (remote engine start); the real VIN in {@code vin}, as bluelinky sends it. */
  static JsonObject iceClimate(ClimateSettings s, String username, Vehicle vehicle) {
    JsonObject body = new JsonObject().put("Ims", 0).put("airCtrl", 1)
        .put("airTemp", new JsonObject().put("unit", 1).put("value", fahrenheit(s.temperatureCelsius())))
        .put("defrost", s.defrost())
        .put("heating1", s.steeringWheelHeat() ? HEATING_STEERING_WHEEL : 0)
        .put("igniOnDuration", s.durationMinutes())
        .put("username", username)
        .put("vin", vehicle.vin());
    if (s.seats() != null) {
      body.put("seatHeaterVentInfo", seats(s.seats()));
    }
    return body;
  }

  private static JsonObject seats(Seats seats) {
    return new JsonObject().put("drvSeatHeatState", seats.driver()).put("astSeatHeatState", seats.passenger())
        .put("rlSeatHeatState", seats.rearLeft()).put("rrSeatHeatState", seats.rearRight());
  }
}
