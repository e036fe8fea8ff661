package io.bluelinkmqtt.api.eu.mapping;

import static io.bluelinkmqtt.api.eu.mapping.JsonValues.array;
import static io.bluelinkmqtt.api.eu.mapping.JsonValues.at;
import static io.bluelinkmqtt.api.eu.mapping.JsonValues.flag;
import static io.bluelinkmqtt.api.eu.mapping.JsonValues.object;
import static io.bluelinkmqtt.api.eu.mapping.JsonValues.objectAt;
import static io.bluelinkmqtt.api.eu.mapping.JsonValues.openness;
import static io.bluelinkmqtt.api.eu.mapping.JsonValues.percent;
import static io.bluelinkmqtt.api.eu.mapping.JsonValues.text;

import io.bluelinkmqtt.domain.VehicleData;
import io.bluelinkmqtt.domain.VehicleData.Distance;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.ZoneId;

/**
 * The CCAPI legacy status ({@code ccuCCS2ProtocolSupport = 0}, protocol doc §5.3). {@code S} = {@code vehicleStatus};
 * times are wall-clock time of the region and converted to UTC here.
 */
final class LegacyStatusMapper {

  private static final int PLUG_TYPE_DC = 0;
  private static final int PLUG_TYPE_AC = 1;
  private static final String[] DOORS = {"frontLeft", "frontRight", "backLeft", "backRight"};
  private static final String[] TYRE_LAMPS = {
      "tirePressureLampFL", "tirePressureLampFR", "tirePressureLampRL", "tirePressureLampRR"};

  private LegacyStatusMapper() {
  }

  /** {@code resMsg.vehicleStatusInfo} of {@code GET …/status/latest}: status + embedded location + odometer. */
  static VehicleData mapCached(JsonObject statusInfo, ZoneId zone) {
    JsonObject location = object(statusInfo, "vehicleLocation");
    JsonObject coord = object(location, "coord");
    return mapStatus(object(statusInfo, "vehicleStatus"), zone, odometer(statusInfo),
        Readings.location(at(coord, "lat"), at(coord, "lon"), CarTime.parse(text(at(location, "time")), zone)));
  }

  /** {@code resMsg} of the forced {@code GET …/status}: the status alone, without odometer or location. */
  static VehicleData mapForced(JsonObject status, ZoneId zone) {
    return mapStatus(status, zone, null, null);
  }

  private static VehicleData mapStatus(JsonObject status, ZoneId zone, Distance odometer,
                                       VehicleData.Location location) {
    JsonObject ev = object(status, "evStatus");
    return new VehicleData(
        CarTime.parse(text(at(status, "time")), zone),
        Readings.battery(percent(at(ev, "batteryStatus")), flag(at(ev, "batteryCharge")), pluggedIn(ev), null),
        ev(ev),
        Readings.auxLevel(at(status, "battery", "batSoc"), null),
        odometer,
        location,
        openings(status),
        Readings.climate(flag(at(status, "airCtrlOn")),
            EuVehicleDataMapper.decodeTemperatureCode(text(at(status, "airTemp", "value"))).orElse(null)),
        tyreWarning(object(status, "tirePressureLamp")),
        Readings.actionState(chargePortOpen(ev), null, windowPositions(object(status, "windowOpen"))));
  }

  /** {@code evStatus.chargePortDoorOpenStatus}: 1 open, 2 closed (§5.1); anything else is unknown. */
  private static Boolean chargePortOpen(JsonObject ev) {
    Integer code = JsonValues.wholeIn(at(ev, "chargePortDoorOpenStatus"), 1, 2);
    return code == null ? null : code == 1;
  }

  /** {@code windowOpen.*}: 0/1 (a flag), 2 where a car reports the ventilation position. */
  private static VehicleData.WindowPosition[] windowPositions(JsonObject windows) {
    VehicleData.WindowPosition[] positions = new VehicleData.WindowPosition[DOORS.length];
    for (int i = 0; i < DOORS.length; i++) {
      Object value = at(windows, DOORS[i]);
      Integer code = JsonValues.wholeIn(value, 0, 2);
      if (code == null) {
        Boolean open = flag(value);
        code = open == null ? null : open ? 1 : 0;
      }
      positions[i] = Readings.windowPosition(code);
    }
    return positions;
  }

  private static Distance odometer(JsonObject statusInfo) {
    return Readings.distance(at(statusInfo, "odometer", "value"), Readings.unit(at(statusInfo, "odometer", "unit")),
        Readings.MAX_ODOMETER);
  }

  /** {@code batteryPlugin}: 0 = not plugged, 1 = DC, 2 = portable cable, 3 = AC station (§5.1). */
  private static Integer plugCode(JsonObject ev) {
    return JsonValues.wholeIn(at(ev, "batteryPlugin"), 0, 3);
  }

  private static Boolean pluggedIn(JsonObject ev) {
    Integer code = plugCode(ev);
    return code == null ? null : code != 0;
  }

  private static VehicleData.Ev ev(JsonObject ev) {
    JsonObject evRange = object(objectAt(array(ev, "drvDistance"), 0), "rangeByFuel", "evModeRange");
    Distance range = Readings.distance(at(evRange, "value"), Readings.unit(at(evRange, "unit")), Readings.MAX_RANGE);
    JsonArray targets = array(ev, "reservChargeInfos", "targetSOClist");
    return Readings.ev(range, Readings.minutes(at(ev, "remainTime2", "atc", "value")), minutesToTarget(ev),
        lastLimit(targets, PLUG_TYPE_AC), lastLimit(targets, PLUG_TYPE_DC), null);
  }

  /**
   * The estimate for the charger that is plugged in: {@code remainTime2.etc1} (DC), {@code etc2} (portable cable),
   * {@code etc3} (AC station). These are times to each plug type's charge limit (bluelinky's capture: 54 % → DC 80 %
   * in 22 min, AC 100 % in 230 min). Absent when nothing is plugged in.
   */
  private static Integer minutesToTarget(JsonObject ev) {
    Integer code = plugCode(ev);
    if (code == null || code == 0) {
      return null;
    }
    return Readings.minutes(at(ev, "remainTime2", "etc" + code, "value"));
  }

  /** {@code resMsg} of {@code GET v1/…/charge/target}: only the limits. */
  static VehicleData.Ev chargeTargets(JsonObject resMsg) {
    JsonArray targets = array(resMsg, "targetSOClist");
    return Readings.ev(null, null, null, lastLimit(targets, PLUG_TYPE_AC), lastLimit(targets, PLUG_TYPE_DC), null);
  }

  /** The list may repeat a plug type; the car applies the last entry (§5.3, car-verified). */
  private static Integer lastLimit(JsonArray targets, int plugType) {
    Integer limit = null;
    for (int i = 0; targets != null && i < targets.size(); i++) {
      JsonObject entry = objectAt(targets, i);
      Integer type = JsonValues.wholeIn(at(entry, "plugType"), 0, 1);
      Integer level = percent(at(entry, "targetSOClevel"));
      if (type != null && type == plugType && level != null) {
        limit = level;
      }
    }
    return limit;
  }

  private static VehicleData.Openings openings(JsonObject status) {
    JsonObject doors = object(status, "doorOpen");
    JsonObject windows = object(status, "windowOpen");
    Boolean[] doorOpen = new Boolean[DOORS.length];
    Boolean[] windowOpen = new Boolean[DOORS.length];
    for (int i = 0; i < DOORS.length; i++) {
      doorOpen[i] = flag(at(doors, DOORS[i]));
      windowOpen[i] = openness(at(windows, DOORS[i]));
    }
    return Readings.openings(flag(at(status, "doorLock")), Readings.anyTrue(doorOpen),
        flag(at(status, "trunkOpen")), flag(at(status, "hoodOpen")), Readings.anyTrue(windowOpen));
  }

  private static Boolean tyreWarning(JsonObject lamps) {
    Boolean[] wheels = new Boolean[TYRE_LAMPS.length];
    for (int i = 0; i < TYRE_LAMPS.length; i++) {
      wheels[i] = flag(at(lamps, TYRE_LAMPS[i]));
    }
    return Readings.tyreWarning(flag(at(lamps, "tirePressureLampAll")), wheels);
  }
}
