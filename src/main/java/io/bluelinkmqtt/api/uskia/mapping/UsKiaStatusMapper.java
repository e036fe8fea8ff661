package io.bluelinkmqtt.api.uskia.mapping;

import io.bluelinkmqtt.domain.VehicleData;
import io.bluelinkmqtt.domain.VehicleData.Battery;
import io.bluelinkmqtt.domain.VehicleData.Climate;
import io.bluelinkmqtt.domain.VehicleData.Distance;
import io.bluelinkmqtt.domain.VehicleData.DistanceUnit;
import io.bluelinkmqtt.domain.VehicleData.Ev;
import io.bluelinkmqtt.domain.VehicleData.Location;
import io.bluelinkmqtt.domain.VehicleData.Openings;
import io.bluelinkmqtt.domain.VehicleData.TemperatureUnit;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * One entry of {@code cmm/gvi}'s {@code payload.vehicleInfoList[]} (§5.6) → {@link VehicleData}. Ranges and the
 * odometer stay in miles (distance unit 3, or 2) as reported, the set point in °F; {@code syncDate.utc} is UTC,
 * {@code yyyyMMddHHmmss} or, since mid-2025, RFC 1123. What is absent or unreadable stays absent: a malformed answer
 * yields fewer values, never an exception.
 */
public final class UsKiaStatusMapper {

  private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
  /** The cloud's plug types in {@code targetSOC[]} (§5.1). */
  private static final int PLUG_DC = 0;
  private static final int PLUG_AC = 1;

  private UsKiaStatusMapper() {
  }

  public static VehicleData fromVehicleInfo(JsonObject info) {
    if (info == null) {
      return VehicleData.EMPTY;
    }
    JsonObject last = obj(info, "lastVehicleInfo");
    JsonObject status = obj(obj(last, "vehicleStatusRpt"), "vehicleStatus");
    JsonObject ev = obj(status, "evStatus");
    return new VehicleData(time(obj(status, "syncDate")), battery(ev), ev(ev), auxLevel(status),
        odometer(info), location(obj(last, "location")), openings(status), climate(obj(status, "climate")),
        tyreWarning(status));
  }

  /** {@code yyyyMMddHHmmss} or RFC 1123, both UTC; null when absent or unreadable. */
  public static Instant time(JsonObject syncDate) {
    String text = str(syncDate, "utc");
    if (text == null) {
      return null;
    }
    try {
      return text.length() == 14 ? LocalDateTime.parse(text, COMPACT).toInstant(ZoneOffset.UTC)
          : ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Battery battery(JsonObject ev) {
    if (ev == null) {
      return null;
    }
    Integer plug = integer(ev, "batteryPlugin");
    return new Battery(percent(integer(ev, "batteryStatus")), bool(ev, "batteryCharge"),
        plug == null ? null : plug > 0, null);
  }

  private static Ev ev(JsonObject ev) {
    if (ev == null) {
      return null;
    }
    JsonObject range = obj(obj(first(ev, "drvDistance"), "rangeByFuel"), "evModeRange");
    Integer toFull = integer(obj(first(ev, "remainChargeTime"), "timeInterval"), "value");
    return new Ev(distance(range), toFull, null, chargeLimit(ev, PLUG_AC), chargeLimit(ev, PLUG_DC), null);
  }

  /** {@code targetSOC[]}: 50–100 valid, 0 = no data (§5.6). */
  private static Integer chargeLimit(JsonObject ev, int plugType) {
    JsonArray limits = ev.getValue("targetSOC") instanceof JsonArray a ? a : null;
    if (limits == null) {
      return null;
    }
    for (Object entry : limits) {
      if (entry instanceof JsonObject limit && Integer.valueOf(plugType).equals(integer(limit, "plugType"))) {
        Integer level = integer(limit, "targetSOClevel");
        return level != null && level >= 50 && level <= 100 ? level : null;
      }
    }
    return null;
  }

  private static Integer auxLevel(JsonObject status) {
    return percent(integer(obj(status, "batteryStatus"), "stateOfCharge"));
  }

  /** {@code vehicleConfig.vehicleDetail.vehicle.mileage}: miles, as a string. */
  private static Distance odometer(JsonObject info) {
    Double miles = number(obj(obj(obj(info, "vehicleConfig"), "vehicleDetail"), "vehicle"), "mileage");
    return miles == null ? null : new Distance(miles, DistanceUnit.MILES);
  }

  private static Location location(JsonObject location) {
    JsonObject coord = obj(location, "coord");
    Double lat = number(coord, "lat");
    Double lon = number(coord, "lon");
    if (lat == null || lon == null || (lat == 0 && lon == 0)) {
      return null;
    }
    return new Location(lat, lon, time(obj(location, "syncDate")));
  }

  private static Openings openings(JsonObject status) {
    if (status == null) {
      return null;
    }
    JsonObject doors = obj(status, "doorStatus");
    Boolean doorsOpen = anyOpen(doors, List.of("frontLeft", "frontRight", "backLeft", "backRight"));
    Boolean windowsOpen = anyOpen(obj(status, "windowOpen"), List.of("frontLeft", "frontRight", "backLeft",
        "backRight"));
    return new Openings(bool(status, "doorLock"), doorsOpen, flag(doors, "trunk"), flag(doors, "hood"), windowsOpen);
  }

  /** {@code airTemp.value} in °F ("72"); "LOW" / "HIGH" / "OFF" are no number and stay absent. */
  private static Climate climate(JsonObject climate) {
    if (climate == null) {
      return null;
    }
    Double fahrenheit = number(obj(climate, "airTemp"), "value");
    return new Climate(bool(climate, "airCtrl"), fahrenheit, TemperatureUnit.FAHRENHEIT);
  }

  private static Boolean tyreWarning(JsonObject status) {
    return flag(obj(status, "tirePressure"), "all");
  }

  private static Distance distance(JsonObject value) {
    Double number = number(value, "value");
    Integer unit = integer(value, "unit");
    if (number == null || unit == null) {
      return null;
    }
    return switch (unit) {
      case 1 -> new Distance(number, DistanceUnit.KM);
      case 2, 3 -> new Distance(number, DistanceUnit.MILES);
      default -> null; // 0 = unknown: a number without a unit would mislead
    };
  }

  private static Boolean anyOpen(JsonObject parent, List<String> keys) {
    if (parent == null) {
      return null;
    }
    Boolean any = null;
    for (String key : keys) {
      Boolean open = flag(parent, key);
      if (open != null) {
        any = (any != null && any) || open;
      }
    }
    return any;
  }

  /** A 0/1 (or boolean) flag; null when absent. */
  private static Boolean flag(JsonObject parent, String key) {
    Object v = parent == null ? null : parent.getValue(key);
    if (v instanceof Boolean b) {
      return b;
    }
    return v instanceof Number n ? n.intValue() != 0 : null;
  }

  private static Integer percent(Integer value) {
    return value == null || value < 0 || value > 100 ? null : value;
  }

  private static JsonObject first(JsonObject parent, String key) {
    Object v = parent == null ? null : parent.getValue(key);
    return v instanceof JsonArray a && !a.isEmpty() && a.getValue(0) instanceof JsonObject o ? o : null;
  }

  static JsonObject obj(JsonObject parent, String key) {
    Object v = parent == null ? null : parent.getValue(key);
    return v instanceof JsonObject o ? o : null;
  }

  private static String str(JsonObject parent, String key) {
    Object v = parent == null ? null : parent.getValue(key);
    return v instanceof String s && !s.isBlank() ? s.trim() : null;
  }

  private static Boolean bool(JsonObject parent, String key) {
    Object v = parent == null ? null : parent.getValue(key);
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Number n) {
      return n.intValue() != 0;
    }
    return v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))
        ? Boolean.parseBoolean(s.toLowerCase(Locale.ROOT)) : null;
  }

  private static Integer integer(JsonObject parent, String key) {
    Double d = number(parent, key);
    return d == null || d != Math.rint(d) ? null : d.intValue();
  }

  /** A number, or a string holding one ("23456", "72"); null for anything else. */
  private static Double number(JsonObject parent, String key) {
    Object v = parent == null ? null : parent.getValue(key);
    if (v instanceof Number n) {
      return Double.isFinite(n.doubleValue()) ? n.doubleValue() : null;
    }
    if (v instanceof String s) {
      try {
        double d = Double.parseDouble(s.trim());
        return Double.isFinite(d) ? d : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }
}
