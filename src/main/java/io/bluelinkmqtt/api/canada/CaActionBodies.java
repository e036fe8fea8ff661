package io.bluelinkmqtt.api.canada;

import io.bluelinkmqtt.api.ApiException;
import io.bluelinkmqtt.api.ApiException.Kind;
import io.bluelinkmqtt.api.canada.mapping.CaStatusMapper;
import io.bluelinkmqtt.domain.ActionCommand;
import io.bluelinkmqtt.domain.ChargeCommand;
import io.bluelinkmqtt.domain.ChargeLimitsCommand;
import io.bluelinkmqtt.domain.ClimateCommand;
import io.bluelinkmqtt.domain.ClimateCommand.ClimateSettings;
import io.bluelinkmqtt.domain.ClimateCommand.Seats;
import io.bluelinkmqtt.domain.LockCommand;
import io.bluelinkmqtt.domain.SignalCommand;
import io.bluelinkmqtt.domain.Vehicle.EngineType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;

/** The paths and bodies of the Canadian actions, as §6.5 gives them; every body carries the PIN. */
final class CaActionBodies {

  private CaActionBodies() {
  }

  /** The path the charge limits are set on; it also wants the app's {@link #SET_LIMITS_HEADERS}. */
  static final String SET_LIMITS = "evc/setsoc";
  /** {@code evc/setsoc} is one of the remote calls sent {@code from: SPA} (§1.3, §6.5), not the portal's CWP. */
  static final Map<String, String> SET_LIMITS_HEADERS = Map.of("from", "SPA");
  static final String HORN_LIGHTS = "hornlight";

  /**
   * {@code drlck}, {@code drulck}, {@code evc/rfon}, {@code rmtstrt}, {@code evc/rfoff}, {@code rmtstp},
   * {@code evc/setsoc}, {@code hornlight}, …; what §6.5 has no call for (the hazard lights alone) is unsupported.
   */
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
    if (action instanceof ChargeLimitsCommand) {
      if (!electric) {
        throw new ApiException(Kind.UNSUPPORTED, "charge limits need an electric car");
      }
      return SET_LIMITS;
    }
    if (action instanceof SignalCommand signal) {
      if (!signal.horn()) {
        throw new ApiException(Kind.UNSUPPORTED, "the Canadian cloud has no hazard-lights-only action");
      }
      return HORN_LIGHTS;
    }
    if (!(action instanceof ClimateCommand climate)) {
      throw new ApiException(Kind.UNSUPPORTED, "the Canadian cloud has no " + action.name().wireName() + " action");
    }
    if (electric) {
      return climate.start() ? "evc/rfon" : "evc/rfoff";
    }
    return climate.start() ? "rmtstrt" : "rmtstp";
  }

  /** The headers a command needs beyond the session's and its {@code pAuth}. */
  static Map<String, String> headers(ActionCommand action) {
    return action instanceof ChargeLimitsCommand ? SET_LIMITS_HEADERS : Map.of();
  }

  static JsonObject body(ActionCommand action, EngineType engine, Integer modelYear, String pin) {
    JsonObject body = new JsonObject().put("pin", pin);
    if (action instanceof ChargeLimitsCommand limits) {
      return chargeLimits(limits, pin);
    }
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
   * {@code evc/setsoc} (§6.5): both levels at once, {@code tsoc} of plug type 0 (DC, fast) and 1 (AC, slow), then the
   * PIN; the action service has filled a level the command left out.
   */
  static JsonObject chargeLimits(ChargeLimitsCommand limits, String pin) {
    if (!limits.complete()) {
      throw new ApiException(Kind.OTHER, "both charge limits are needed");
    }
    return new JsonObject().put("tsoc", new JsonArray()
            .add(new JsonObject().put("plugType", 0).put("level", limits.dc()))
            .add(new JsonObject().put("plugType", 1).put("level", limits.ac())))
        .put("pin", pin);
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
