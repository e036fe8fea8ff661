package io.bluelinkmqtt.api.ushyundai.mapping;

import static io.bluelinkmqtt.api.ushyundai.mapping.UsJson.anyTrue;
import static io.bluelinkmqtt.api.ushyundai.mapping.UsJson.array;
import static io.bluelinkmqtt.api.ushyundai.mapping.UsJson.at;
import static io.bluelinkmqtt.api.ushyundai.mapping.UsJson.flag;
import static io.bluelinkmqtt.api.ushyundai.mapping.UsJson.number;
import static io.bluelinkmqtt.api.ushyundai.mapping.UsJson.object;
import static io.bluelinkmqtt.api.ushyundai.mapping.UsJson.objectAt;
import static io.bluelinkmqtt.api.ushyundai.mapping.UsJson.text;
import static io.bluelinkmqtt.api.ushyundai.mapping.UsJson.wholeIn;

import io.bluelinkmqtt.domain.VehicleData;
import io.bluelinkmqtt.domain.VehicleData.Distance;
import io.bluelinkmqtt.domain.VehicleData.DistanceUnit;
import io.bluelinkmqtt.domain.VehicleData.TemperatureUnit;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * The US Hyundai {@code vehicleStatus} of {@code GET /ac/v2/rcs/rvs/vehicleStatus} (§5.5), cached or forced (same
 * shape). Distances keep the car's unit (code 3 or 2 = miles, 1 = km), the set point its °F (airTemp unit 1, the US
 * default); {@code "LO"}/{@code "HI"} are the ends of the dial, not a temperature, so they stay absent.
 */
public final class UsStatusMapper {

  private static final int PLUG_TYPE_DC = 0;
  private static final int PLUG_TYPE_AC = 1;
  private static final String[] WHEELS = {"FrontLeft", "FrontRight", "RearLeft", "RearRight"};
  private static final String[] DOORS = {"frontLeft", "frontRight", "backLeft", "backRight"};
  private static final double MAX_RANGE = 2_000;
  private static final double MAX_ODOMETER = 2_000_000;

  private UsStatusMapper() {
  }

  /**
   * @param status the {@code vehicleStatus} object
   * @param listedOdometer the enrollment {@code vehicleDetails.odometer} (miles), or null; the larger of it and the
   *     status's own odometer is the car's (§5.5)
   */
  public static VehicleData map(JsonObject status, Double listedOdometer) {
    JsonObject ev = object(status, "evStatus");
    return new VehicleData(
        UsTime.parse(text(at(status, "dateTime"))),
        ev == null ? null : battery(ev),
        ev == null ? null : ev(ev),
        wholeIn(at(status, "battery", "batSoc"), 0, 100),
        odometer(status, listedOdometer),
        location(status),
        openings(status),
        climate(status),
        tyreWarning(object(status, "tirePressureLamp")));
  }

  /** The body of the status call: {@code {"vehicleStatus":{…}}}; null when it has none. */
  public static JsonObject statusOf(JsonObject body) {
    return object(body, "vehicleStatus");
  }

  private static VehicleData.Battery battery(JsonObject ev) {
    Integer level = wholeIn(at(ev, "batteryStatus"), 0, 100);
    Boolean charging = flag(at(ev, "batteryCharge"));
    Integer plug = plugCode(ev);
    Boolean plugged = plug == null ? null : plug != 0;
    return level == null && charging == null && plugged == null ? null
        : new VehicleData.Battery(level, charging, plugged, null);
  }

  /** {@code batteryPlugin}: 0 = not plugged, 1 = DC, 2 = portable cable, 3 = AC station (§5.1). */
  private static Integer plugCode(JsonObject ev) {
    return wholeIn(at(ev, "batteryPlugin"), 0, 3);
  }

  private static VehicleData.Ev ev(JsonObject ev) {
    JsonObject evRange = object(objectAt(array(ev, "drvDistance"), 0), "rangeByFuel", "evModeRange");
    Distance range = distance(at(evRange, "value"), at(evRange, "unit"), MAX_RANGE);
    JsonArray targets = array(ev, "reservChargeInfos", "targetSOClist");
    Integer toFull = wholeIn(at(ev, "remainTime2", "atc", "value"), 0, 100_000);
    Integer plug = plugCode(ev);
    Integer toTarget = plug == null || plug == 0 ? null : wholeIn(at(ev, "remainTime2", "etc" + plug, "value"), 0, 100_000);
    Integer ac = lastLimit(targets, PLUG_TYPE_AC);
    Integer dc = lastLimit(targets, PLUG_TYPE_DC);
    if (range == null && toFull == null && toTarget == null && ac == null && dc == null) {
      return null;
    }
    return new VehicleData.Ev(range, toFull, toTarget, ac, dc, null);
  }

  /** The list may repeat a plug type; the last entry is the one the car applies. */
  private static Integer lastLimit(JsonArray targets, int plugType) {
    Integer limit = null;
    for (int i = 0; targets != null && i < targets.size(); i++) {
      JsonObject entry = objectAt(targets, i);
      Integer type = wholeIn(at(entry, "plugType"), 0, 1);
      Integer level = wholeIn(at(entry, "targetSOClevel"), 0, 100);
      if (type != null && type == plugType && level != null) {
        limit = level;
      }
    }
    return limit;
  }

  /** Unit codes of §5.1: 1 km, 2 or 3 miles; the US default (absent code) is miles. */
  static Distance distance(Object value, Object unitCode, double max) {
    Double v = number(value);
    if (v == null || v < 0 || v > max) {
      return null;
    }
    Integer unit = wholeIn(unitCode, 0, 3);
    return new Distance(v, unit != null && unit == 1 ? DistanceUnit.KM : DistanceUnit.MILES);
  }

  private static Distance odometer(JsonObject status, Double listed) {
    Object own = at(status, "odometer");
    Distance fromStatus = own instanceof JsonObject o ? distance(at(o, "value"), at(o, "unit"), MAX_ODOMETER)
        : distance(own, null, MAX_ODOMETER);
    Distance fromList = listed == null ? null : distance(listed, null, MAX_ODOMETER);
    if (fromStatus == null || fromList == null || fromStatus.unit() != fromList.unit()) {
      return fromStatus != null ? fromStatus : fromList;
    }
    return fromStatus.value() >= fromList.value() ? fromStatus : fromList;
  }

  private static VehicleData.Location location(JsonObject status) {
    JsonObject location = object(status, "vehicleLocation");
    Double lat = number(at(location, "coord", "lat"));
    Double lon = number(at(location, "coord", "lon"));
    if (lat == null || lon == null || Math.abs(lat) > 90 || Math.abs(lon) > 180 || (lat == 0 && lon == 0)) {
      return null;
    }
    Instant time = UsTime.parse(text(at(location, "time")));
    return new VehicleData.Location(lat, lon, time);
  }

  private static VehicleData.Openings openings(JsonObject status) {
    Boolean[] doors = new Boolean[DOORS.length];
    Boolean[] windows = new Boolean[DOORS.length];
    for (int i = 0; i < DOORS.length; i++) {
      doors[i] = flag(at(status, "doorOpen", DOORS[i]));
      windows[i] = flag(at(status, "windowOpen", DOORS[i]));
    }
    Boolean locked = flag(at(status, "doorLock"));
    if (locked == null) {
      locked = flag(at(status, "doorLockStatus"));
    }
    Boolean trunk = flag(at(status, "trunkOpen"));
    Boolean hood = flag(at(status, "hoodOpen"));
    Boolean doorsOpen = anyTrue(doors);
    Boolean windowsOpen = anyTrue(windows);
    if (locked == null && trunk == null && hood == null && doorsOpen == null && windowsOpen == null) {
      return null;
    }
    return new VehicleData.Openings(locked, doorsOpen, trunk, hood, windowsOpen);
  }

  private static VehicleData.Climate climate(JsonObject status) {
    Boolean on = flag(at(status, "airCtrlOn"));
    Integer unitCode = wholeIn(at(status, "airTemp", "unit"), 0, 1);
    TemperatureUnit unit = unitCode != null && unitCode == 0 ? TemperatureUnit.CELSIUS : TemperatureUnit.FAHRENHEIT;
    Double set = number(at(status, "airTemp", "value"));
    double low = unit == TemperatureUnit.FAHRENHEIT ? 50 : 10;
    double high = unit == TemperatureUnit.FAHRENHEIT ? 95 : 35;
    if (set != null && (set < low || set > high)) {
      set = null;
    }
    return on == null && set == null ? null : new VehicleData.Climate(on, set, unit);
  }

  private static Boolean tyreWarning(JsonObject lamps) {
    Boolean all = flag(at(lamps, "tirePressureWarningLampAll"));
    Boolean[] wheels = new Boolean[WHEELS.length];
    for (int i = 0; i < WHEELS.length; i++) {
      wheels[i] = flag(at(lamps, "tirePressureWarningLamp" + WHEELS[i]));
    }
    Boolean any = anyTrue(wheels);
    return all == null ? any : anyTrue(all, any);
  }
}
