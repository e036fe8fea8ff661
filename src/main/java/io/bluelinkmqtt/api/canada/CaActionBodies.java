package io.bluelinkmqtt.api.canada;

import io.bluelinkmqtt.api.ApiException;
import io.bluelinkmqtt.api.ApiException.Kind;
import io.bluelinkmqtt.api.canada.mapping.CaStatusMapper;
import io.bluelinkmqtt.domain.ActionCommand;
import io.bluelinkmqtt.domain.ChargeCommand;
import io.bluelinkmqtt.domain.ClimateCommand;
import io.bluelinkmqtt.domain.ClimateCommand.ClimateSettings;
import io.bluelinkmqtt.domain.ClimateCommand.Seats;
import io.bluelinkmqtt.domain.LockCommand;
import io.bluelinkmqtt.domain.Vehicle.EngineType;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/** The paths and bodies of the Canadian actions, as §6.5 gives them; every body carries the PIN. */
final class CaActionBodies {

  private CaActionBodies() {
  }

  /** {@code drlck}, {@code drulck}, {@code evc/rfon}, {@code rmtstrt}, {@code evc/rfoff}, {@code rmtstp}, … */
  static String path(ActionCommand action, EngineType engine) {
    boolean electric = engine == EngineType.EV || engine == EngineType.PHEV;
    if (action instanceof LockCommand lock) {
      return lock.lock() ? "drlck" : "drulck";
    }
    if (action instanceof ChargeCommand charge) {
      if (!electric) {
        throw new ApiException(Kind.UNSUPPORTED, "charging needs an electric car");
      }
      return charge.start() ? "evc/rcstrt" : "evc/rcstp";
    }
    ClimateCommand climate = (ClimateCommand) action;
    if (electric) {
      return climate.start() ? "evc/rfon" : "evc/rfoff";
    }
    return climate.start() ? "rmtstrt" : "rmtstp";
  }

  static JsonObject body(ActionCommand action, EngineType engine, Integer modelYear, String pin) {
    JsonObject body = new JsonObject().put("pin", pin);
    if (!(action instanceof ClimateCommand climate) || !climate.start()) {
      return body;
    }
    ClimateSettings s = climate.settings();
    boolean electric = engine == EngineType.EV || engine == EngineType.PHEV;
    JsonObject settings = new JsonObject().put("airCtrl", 1).put("defrost", s.defrost())
        .put("heating1", s.steeringWheelHeat() ? 1 : 0).put("igniOnDuration", s.durationMinutes())
        .put("airTemp", new JsonObject().put("value", tempCode(s.temperatureCelsius(), modelYear)).put("unit", 0)
            .put("hvacTempType", electric ? 1 : 0));
    Seats seats = s.seats();
    if (seats != null) {
      settings.put("seatHeaterVentCMD", new JsonObject().put("drvSeatOptCmd", seats.driver())
          .put("astSeatOptCmd", seats.passenger()).put("rlSeatOptCmd", seats.rearLeft())
          .put("rrSeatOptCmd", seats.rearRight()));
    }
    if (electric) {
      return body.put("hvacInfo", settings);
    }
    return body.put("setting", settings.put("ims", 0));
  }

  /**
   * The set point as the car's hex index (§5.2): from 14 °C for model year 2020 and later, from 16 °C before. A
   * temperature below the car's table is refused, not moved.
   */
  static String tempCode(double celsius, Integer modelYear) {
    double start = CaStatusMapper.tableStart(modelYear == null ? 2020 : modelYear);
    if (celsius < start) {
      throw new ApiException(Kind.UNSUPPORTED, "this car's lowest set point is " + start + " °C");
    }
    return String.format(Locale.ROOT, "%02XH", (int) Math.round((celsius - start) * 2));
  }
}
