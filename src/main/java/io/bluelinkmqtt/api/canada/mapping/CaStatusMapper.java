package io.bluelinkmqtt.api.canada.mapping;

import static io.bluelinkmqtt.api.canada.mapping.CaJson.array;
import static io.bluelinkmqtt.api.canada.mapping.CaJson.at;
import static io.bluelinkmqtt.api.canada.mapping.CaJson.flag;
import static io.bluelinkmqtt.api.canada.mapping.CaJson.object;
import static io.bluelinkmqtt.api.canada.mapping.CaJson.objectAt;
import static io.bluelinkmqtt.api.canada.mapping.CaJson.text;

import io.bluelinkmqtt.domain.VehicleData;
import io.bluelinkmqtt.domain.VehicleData.Distance;
import io.bluelinkmqtt.domain.VehicleData.DistanceUnit;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Canada's {@code result.status} (§5.7): the EU legacy field names, {@code lastStatusDate} for the time, the
 * set point as a hex index whose table starts at 14 °C for model year 2020 and later and at 16 °C before (§5.2).
 * Distances keep the unit the car reports (§5.9: 1 = km, 2/3 = miles); nothing is converted.
 */
public final class CaStatusMapper {

  private static final String[] FOUR = {"frontLeft", "frontRight", "backLeft", "backRight"};
  private static final String[] TYRE_LAMPS = {
      "tirePressureLampFL", "tirePressureLampFR", "tirePressureLampRL", "tirePressureLampRR"};
  private static final double MAX_RANGE = 5_000;
  private static final double MAX_ODOMETER = 10_000_000;
  private static final int MAX_MINUTES = 7 * 24 * 60;
  private static final int PLUG_DC = 0;
  private static final int PLUG_AC = 1;

  private CaStatusMapper() {
  }

  /**
   * Maps one status.
   *
   * @param status {@code result.status}
   * @param zone the zone {@code lastStatusDate} is in: the car's for cached data, UTC for forced data
   * @param modelYear the car's model year (from the vehicle list), or null when unknown: then the set point is absent
   */
  public static VehicleData map(JsonObject status, ZoneId zone, Integer modelYear) {
    if (status == null) {
      return VehicleData.EMPTY;
    }
    JsonObject ev = object(status, "evStatus");
    return new VehicleData(
        CaTime.parse(text(at(status, "lastStatusDate")), zone),
        battery(ev),
        evData(ev),
        CaJson.wholeIn(at(status, "battery", "batSoc"), 0, 100),
        null,
        null,
        openings(status),
        climate(status, modelYear),
        tyreWarning(object(status, "tirePressureLamp")));
  }

  /** Adds the odometer of {@code nxtsvc}'s {@code result.maintenanceInfo}. */
  public static VehicleData withOdometer(VehicleData data, JsonObject maintenanceInfo) {
    Distance odometer = distance(at(maintenanceInfo, "currentOdometer"), at(maintenanceInfo, "currentOdometerUnit"),
        MAX_ODOMETER);
    if (odometer == null) {
      return data;
    }
    return new VehicleData(data.lastUpdated(), data.battery(), data.ev(), data.auxBatteryLevel(), odometer,
        data.location(), data.openings(), data.climate(), data.tyrePressureWarning());
  }

  /** Adds the charge limits of {@code evc/selsoc}'s {@code result[]} ({@code plugType} 0 DC, 1 AC; above 100 ignored). */
  public static VehicleData withChargeLimits(VehicleData data, JsonArray limits) {
    Integer ac = limit(limits, PLUG_AC);
    Integer dc = limit(limits, PLUG_DC);
    if (ac == null && dc == null) {
      return data;
    }
    VehicleData.Ev old = data.ev();
    VehicleData.Ev ev = old == null ? new VehicleData.Ev(null, null, null, ac, dc, null)
        : new VehicleData.Ev(old.range(), old.minutesToFull(), old.minutesToTarget(), ac, dc, old.energyConsumption());
    return new VehicleData(data.lastUpdated(), data.battery(), ev, data.auxBatteryLevel(), data.odometer(),
        data.location(), data.openings(), data.climate(), data.tyrePressureWarning());
  }

  /** {@code fndmcr}'s {@code result}: {@code coord{lat, lon}} and {@code time} (as the status's, in the car's zone). */
  public static VehicleData.Location location(JsonObject result, ZoneId zone) {
    Double lat = CaJson.numberIn(at(result, "coord", "lat"), -90, 90);
    Double lon = CaJson.numberIn(at(result, "coord", "lon"), -180, 180);
    if (lat == null || lon == null) {
      return null;
    }
    return new VehicleData.Location(lat, lon, CaTime.parse(text(at(result, "time")), zone));
  }

  public static VehicleData withLocation(VehicleData data, VehicleData.Location location) {
    return new VehicleData(data.lastUpdated(), data.battery(), data.ev(), data.auxBatteryLevel(), data.odometer(),
        location, data.openings(), data.climate(), data.tyrePressureWarning());
  }

  /** The set point of a hex code ({@code "10H"}): 14 °C + 0.5 × index from 2020, 16 °C + 0.5 × index before. */
  public static Optional<Double> decodeTemperature(String code, Integer modelYear) {
    if (code == null || modelYear == null) {
      return Optional.empty();
    }
    String hex = code.trim().toUpperCase(Locale.ROOT);
    if (!hex.matches("[0-9A-F]{1,2}H")) {
      return Optional.empty();
    }
    int index = Integer.parseInt(hex.substring(0, hex.length() - 1), 16);
    double celsius = tableStart(modelYear) + index * 0.5;
    return celsius <= 32.0 ? Optional.of(celsius) : Optional.empty();
  }

  /** Where the car's 0.5 °C table starts (§5.2). */
  public static double tableStart(int modelYear) {
    return modelYear >= 2020 ? 14.0 : 16.0;
  }

  private static VehicleData.Battery battery(JsonObject ev) {
    Integer level = CaJson.wholeIn(at(ev, "batteryStatus"), 0, 100);
    Boolean charging = flag(at(ev, "batteryCharge"));
    Integer plug = CaJson.wholeIn(at(ev, "batteryPlugin"), 0, 3);
    Boolean plugged = plug == null ? null : plug != 0;
    return level == null && charging == null && plugged == null ? null
        : new VehicleData.Battery(level, charging, plugged, null);
  }

  private static VehicleData.Ev evData(JsonObject ev) {
    JsonObject range = object(objectAt(array(ev, "drvDistance"), 0), "rangeByFuel", "evModeRange");
    Distance evRange = distance(at(range, "value"), at(range, "unit"), MAX_RANGE);
    Integer toFull = CaJson.wholeIn(at(ev, "remainTime2", "atc", "value"), 0, MAX_MINUTES);
    Integer plug = CaJson.wholeIn(at(ev, "batteryPlugin"), 0, 3);
    Integer toTarget = plug == null || plug == 0 ? null
        : CaJson.wholeIn(at(ev, "remainTime2", "etc" + plug, "value"), 0, MAX_MINUTES);
    return evRange == null && toFull == null && toTarget == null ? null
        : new VehicleData.Ev(evRange, toFull, toTarget, null, null, null);
  }

  /** A distance when the value is in range and the unit code known (§5.1: 1 km, 2 and 3 miles). */
  private static Distance distance(Object value, Object unitCode, double max) {
    Double number = CaJson.numberIn(value, 0, max);
    Integer unit = CaJson.wholeIn(unitCode, 1, 3);
    if (number == null || unit == null) {
      return null;
    }
    return new Distance(number, unit == 1 ? DistanceUnit.KM : DistanceUnit.MILES);
  }

  private static VehicleData.Openings openings(JsonObject status) {
    Boolean[] doors = new Boolean[FOUR.length];
    Boolean[] windows = new Boolean[FOUR.length];
    for (int i = 0; i < FOUR.length; i++) {
      doors[i] = flag(at(status, "doorOpen", FOUR[i]));
      Double level = CaJson.numberIn(at(status, "windowOpen", FOUR[i]), 0, 100);
      windows[i] = level == null ? null : level > 0;
    }
    Boolean locked = flag(at(status, "doorLock"));
    Boolean trunk = flag(at(status, "trunkOpen"));
    Boolean hood = flag(at(status, "hoodOpen"));
    Boolean anyDoor = anyTrue(doors);
    Boolean anyWindow = anyTrue(windows);
    if (Arrays.asList(locked, trunk, hood, anyDoor, anyWindow).stream().allMatch(Objects::isNull)) {
      return null;
    }
    return new VehicleData.Openings(locked, anyDoor, trunk, hood, anyWindow);
  }

  private static VehicleData.Climate climate(JsonObject status, Integer modelYear) {
    Boolean on = flag(at(status, "airCtrlOn"));
    // the cloud's unit: 0 (or "C" at the root) is Celsius; a Fahrenheit code is not turned into Celsius here
    Integer unit = CaJson.wholeIn(at(status, "airTemp", "unit"), 0, 1);
    String rootUnit = text(at(status, "airTempUnit"));
    boolean celsius = (unit == null || unit == 0) && (rootUnit == null || "C".equalsIgnoreCase(rootUnit));
    Double setPoint = celsius ? decodeTemperature(text(at(status, "airTemp", "value")), modelYear).orElse(null) : null;
    return on == null && setPoint == null ? null : new VehicleData.Climate(on, setPoint);
  }

  private static Boolean tyreWarning(JsonObject lamps) {
    Boolean all = flag(at(lamps, "tirePressureLampAll"));
    Boolean[] wheels = new Boolean[TYRE_LAMPS.length];
    for (int i = 0; i < TYRE_LAMPS.length; i++) {
      wheels[i] = flag(at(lamps, TYRE_LAMPS[i]));
    }
    if (Boolean.TRUE.equals(all) || Arrays.asList(wheels).contains(Boolean.TRUE)) {
      return true;
    }
    return Boolean.FALSE.equals(all) ? Boolean.FALSE : anyTrue(wheels);
  }

  private static Integer limit(JsonArray limits, int plugType) {
    Integer found = null;
    for (int i = 0; limits != null && i < limits.size(); i++) {
      JsonObject entry = objectAt(limits, i);
      Integer type = CaJson.wholeIn(at(entry, "plugType"), 0, 1);
      Integer level = CaJson.wholeIn(at(entry, "level"), 0, 100);
      if (type != null && type == plugType && level != null) {
        found = level;
      }
    }
    return found;
  }

  private static Boolean anyTrue(Boolean... values) {
    if (Arrays.asList(values).contains(Boolean.TRUE)) {
      return true;
    }
    return Arrays.stream(values).allMatch(Objects::nonNull) ? Boolean.FALSE : null;
  }
}
