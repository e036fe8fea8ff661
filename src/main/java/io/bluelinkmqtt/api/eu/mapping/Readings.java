package io.bluelinkmqtt.api.eu.mapping;

import io.bluelinkmqtt.domain.ChargingCurrentCommand;
import io.bluelinkmqtt.domain.VehicleData;
import io.bluelinkmqtt.domain.VehicleData.WindowPosition;
import io.bluelinkmqtt.domain.VehicleData.Distance;
import io.bluelinkmqtt.domain.VehicleData.DistanceUnit;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * Domain values shared by the legacy and CCS2 mappers: distances with their unit code, positions, sentinel
 * handling and "any / all of four" aggregation. Sanity limits keep corrupt values (the doc's "huge DTE.ICE") out.
 */
final class Readings {

  /** More than any car's range in km or miles; larger values are corrupt. */
  static final double MAX_RANGE = 5_000;
  static final double MAX_ODOMETER = 10_000_000;
  /** A week; the slowest portable-cable estimates are about a day. */
  static final int MAX_MINUTES = 7 * 24 * 60;
  private static final int AUX_SENTINEL_UNRELIABLE = 1;

  private Readings() {
  }

  /** Distance unit codes of §5.1: 1 = km, 2 and 3 = miles; 0 (unknown) and others = absent. */
  static DistanceUnit unit(Object code) {
    Integer unit = JsonValues.wholeIn(code, 0, 3);
    if (unit == null || unit == 0) {
      return null;
    }
    return unit == 1 ? DistanceUnit.KM : DistanceUnit.MILES;
  }

  /** A distance when both the value (0..max) and the unit are known; a value without unit is not a distance. */
  static Distance distance(Object value, DistanceUnit unit, double max) {
    Double number = JsonValues.numberIn(value, 0, max);
    return number == null || unit == null ? null : new Distance(number, unit);
  }

  /** Minutes 0..a week. */
  static Integer minutes(Object value) {
    return JsonValues.wholeIn(value, 0, MAX_MINUTES);
  }

  /** A position when both coordinates are valid degrees. */
  static VehicleData.Location location(Object latitude, Object longitude, Instant time) {
    Double lat = JsonValues.numberIn(latitude, -90, 90);
    Double lon = JsonValues.numberIn(longitude, -180, 180);
    return lat == null || lon == null ? null : new VehicleData.Location(lat, lon, time);
  }

  /** 12 V state of charge: absent for 255 or anything outside 0..100 and when the sensor says it is unreliable. */
  static Integer auxLevel(Object level, Object sensorReliability) {
    Integer reliability = JsonValues.wholeIn(sensorReliability, Integer.MIN_VALUE, Integer.MAX_VALUE);
    if (reliability != null && reliability == AUX_SENTINEL_UNRELIABLE) {
      return null;
    }
    return JsonValues.wholeIn(level, 0, 100);
  }

  /** true when any is true; false only when all are known and false; otherwise unknown. */
  static Boolean anyTrue(Boolean... values) {
    if (Arrays.asList(values).contains(Boolean.TRUE)) {
      return true;
    }
    return Arrays.stream(values).allMatch(Objects::nonNull) ? Boolean.FALSE : null;
  }

  /** true only when all are known and true; false when any is false; otherwise unknown. */
  static Boolean allTrue(Boolean... values) {
    if (Arrays.asList(values).contains(Boolean.FALSE)) {
      return false;
    }
    return Arrays.stream(values).allMatch(Objects::nonNull) ? Boolean.TRUE : null;
  }

  /** A tyre warning: the "all" lamp or any wheel; false when the summary or all four wheels say so. */
  static Boolean tyreWarning(Boolean all, Boolean... wheels) {
    if (Boolean.TRUE.equals(all) || Arrays.asList(wheels).contains(Boolean.TRUE)) {
      return true;
    }
    return Boolean.FALSE.equals(all) ? Boolean.FALSE : anyTrue(wheels);
  }

  static Boolean negate(Boolean value) {
    return value == null ? null : !value;
  }

  static VehicleData.Battery battery(Integer level, Boolean charging, Boolean pluggedIn, Double temperature) {
    return allNull(level, charging, pluggedIn, temperature) ? null
        : new VehicleData.Battery(level, charging, pluggedIn, temperature);
  }

  static VehicleData.Ev ev(Distance range, Integer minutesToFull, Integer minutesToTarget, Integer limitAc,
                           Integer limitDc, Double consumption) {
    return allNull(range, minutesToFull, minutesToTarget, limitAc, limitDc, consumption) ? null
        : new VehicleData.Ev(range, minutesToFull, minutesToTarget, limitAc, limitDc, consumption);
  }

  static VehicleData.Openings openings(Boolean locked, Boolean doorsOpen, Boolean trunkOpen, Boolean hoodOpen,
                                       Boolean windowsOpen) {
    return allNull(locked, doorsOpen, trunkOpen, hoodOpen, windowsOpen) ? null
        : new VehicleData.Openings(locked, doorsOpen, trunkOpen, hoodOpen, windowsOpen);
  }

  static VehicleData.Climate climate(Boolean on, Double setTemperature) {
    return allNull(on, setTemperature) ? null : new VehicleData.Climate(on, setTemperature);
  }

  /**
   * The charging current level code of §5.1 (1 = 100 %, 2 = 90 %, 3 = 60 %) as percent; 0 (cars that report no
   * level, e.g. the EV9 fixture) and other codes are absent.
   */
  static Integer chargingCurrentPercent(Object code) {
    Integer level = JsonValues.wholeIn(code, 1, ChargingCurrentCommand.LEVELS.size());
    return level == null ? null : ChargingCurrentCommand.LEVELS.get(level - 1);
  }

  /** A window position code as the window commands use it (§5.1): 0 closed, 1 open, 2 ventilation. */
  static WindowPosition windowPosition(Integer code) {
    if (code == null) {
      return null;
    }
    return switch (code) {
      case 0 -> WindowPosition.CLOSED;
      case 1 -> WindowPosition.OPEN;
      case 2 -> WindowPosition.VENT;
      default -> null;
    };
  }

  static VehicleData.ActionState actionState(Boolean chargePortOpen, Integer chargingCurrentPercent,
                                             WindowPosition[] windows) {
    return allNull(chargePortOpen, chargingCurrentPercent, windows[0], windows[1], windows[2], windows[3]) ? null
        : new VehicleData.ActionState(chargePortOpen, chargingCurrentPercent, windows[0], windows[1], windows[2],
            windows[3]);
  }

  private static boolean allNull(Object... values) {
    return Arrays.stream(values).allMatch(Objects::isNull);
  }
}
