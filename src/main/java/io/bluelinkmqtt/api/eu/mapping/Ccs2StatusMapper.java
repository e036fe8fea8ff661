package io.bluelinkmqtt.api.eu.mapping;

import static io.bluelinkmqtt.api.eu.mapping.JsonValues.at;
import static io.bluelinkmqtt.api.eu.mapping.JsonValues.flag;
import static io.bluelinkmqtt.api.eu.mapping.JsonValues.object;
import static io.bluelinkmqtt.api.eu.mapping.JsonValues.openness;
import static io.bluelinkmqtt.api.eu.mapping.JsonValues.percent;
import static io.bluelinkmqtt.api.eu.mapping.JsonValues.text;

import io.bluelinkmqtt.domain.VehicleData;
import io.bluelinkmqtt.domain.VehicleData.Distance;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The CCS2 tree {@code V = resMsg.state.Vehicle} (protocol doc §5.4); the GSPA stored-status {@code data} has the
 * same {@code {lastUpdateTime, state.Vehicle}} shape. {@code V.Date} is UTC; {@code V.Offset} ignores DST and is
 * never used.
 *
 * <p>Open point: in the EV3 (ccNC) capture {@code V.Date} 20:27:23 sits one minute before the location's local
 * {@code TimeStamp} 20:28:25 (UTC 18:28:25 per {@code Location.Date}), which would fit local time better than UTC.
 * The doc's UTC rule (lib PR #1147) is followed until a live check says otherwise.
 */
final class Ccs2StatusMapper {

  private static final String[][] SEATS = {{"Row1", "Driver"}, {"Row1", "Passenger"}, {"Row2", "Left"},
      {"Row2", "Right"}};
  private static final String[][] WHEELS = {{"Row1", "Left"}, {"Row1", "Right"}, {"Row2", "Left"}, {"Row2", "Right"}};
  private static final int TEMPERATURE_UNIT_FAHRENHEIT = 1;
  /** Widest set point any HVAC offers (°C), with room for Fahrenheit rounding. */
  private static final double MIN_SET_POINT = 10;
  private static final double MAX_SET_POINT = 35;
  private static final double MIN_BATTERY_TEMPERATURE = -50;
  private static final double MAX_BATTERY_TEMPERATURE = 100;

  private Ccs2StatusMapper() {
  }

  static VehicleData map(JsonObject resMsg, ZoneId zone) {
    JsonObject vehicle = object(resMsg, "state", "Vehicle");
    JsonObject charging = object(vehicle, "Green", "ChargingInformation");
    Boolean pluggedIn = flag(at(charging, "ConnectorFastening", "State"));
    Integer remainMinutes = Readings.minutes(at(charging, "Charging", "RemainTime"));
    return new VehicleData(
        CarTime.parse(text(at(vehicle, "Date")), ZoneOffset.UTC),
        Readings.battery(percent(at(vehicle, "Green", "BatteryManagement", "BatteryRemain", "Ratio")),
            charging(remainMinutes, pluggedIn), pluggedIn, batteryTemperature(vehicle)),
        Readings.ev(evRange(vehicle), remainMinutes, null, percent(at(charging, "TargetSoC", "Standard")),
            percent(at(charging, "TargetSoC", "Quick")), null),
        Readings.auxLevel(at(vehicle, "Electronics", "Battery", "Level"),
            at(vehicle, "Electronics", "Battery", "SensorReliability")),
        Readings.distance(at(vehicle, "Drivetrain", "Odometer"), VehicleData.DistanceUnit.KM, Readings.MAX_ODOMETER),
        location(object(vehicle, "Location"), zone),
        openings(vehicle),
        climate(object(vehicle, "Cabin", "HVAC", "Row1", "Driver")),
        tyreWarning(object(vehicle, "Chassis", "Axle")),
        Readings.actionState(chargePortOpen(vehicle),
            Readings.chargingCurrentPercent(at(charging, "ElectricCurrentLevel", "State")),
            windowPositions(object(vehicle, "Cabin", "Window"))));
  }

  /** {@code Green.ChargingDoor.State}: 1 open, 0 or 2 closed (§5.1); anything else is unknown. */
  private static Boolean chargePortOpen(JsonObject vehicle) {
    Integer code = JsonValues.wholeIn(at(vehicle, "Green", "ChargingDoor", "State"), 0, 2);
    return code == null ? null : code == 1;
  }

  /** {@code Open} (fully open) wins over {@code OpenLevel} above 0 (the ventilation position). */
  private static VehicleData.WindowPosition[] windowPositions(JsonObject windows) {
    VehicleData.WindowPosition[] positions = new VehicleData.WindowPosition[SEATS.length];
    for (int i = 0; i < SEATS.length; i++) {
      JsonObject window = object(windows, SEATS[i]);
      Boolean open = flag(at(window, "Open"));
      Boolean vented = openness(at(window, "OpenLevel"));
      Integer code = Boolean.TRUE.equals(open) ? Integer.valueOf(1) : Boolean.TRUE.equals(vented) ? Integer.valueOf(2)
          : open != null || vented != null ? Integer.valueOf(0) : null;
      positions[i] = Readings.windowPosition(code);
    }
    return positions;
  }

  /**
   * The lib's rule: charging ⇔ {@code Charging.RemainTime > 0}. A car that reports no plug cannot be charging,
   * whatever a stale remaining time says.
   */
  private static Boolean charging(Integer remainMinutes, Boolean pluggedIn) {
    if (remainMinutes == null) {
      return null;
    }
    return remainMinutes > 0 && !Boolean.FALSE.equals(pluggedIn);
  }

  /**
   * The warmest cell ({@code Temperature.Max}) is what limits charging power, so it is the one reported; the
   * coldest is used only when no maximum is sent. {@code Decimal} has 0.1 °C resolution and is preferred when it
   * agrees with {@code Raw} within 1 °C (the fixtures show Raw 22 / Decimal 21.7 and Raw 20 / Decimal 20.5);
   * otherwise {@code Raw} (what the lib shows) is taken.
   */
  private static Double batteryTemperature(JsonObject vehicle) {
    JsonObject temperature = object(vehicle, "Green", "BatteryManagement", "Temperature");
    Double max = cellTemperature(object(temperature, "Max"));
    return max != null ? max : cellTemperature(object(temperature, "Min"));
  }

  private static Double cellTemperature(JsonObject reading) {
    Double raw = JsonValues.numberIn(at(reading, "Raw"), MIN_BATTERY_TEMPERATURE, MAX_BATTERY_TEMPERATURE);
    Double decimal = JsonValues.numberIn(at(reading, "Decimal"), MIN_BATTERY_TEMPERATURE, MAX_BATTERY_TEMPERATURE);
    if (decimal != null && (raw == null || Math.abs(decimal - raw) <= 1)) {
      return decimal;
    }
    return raw;
  }

  /** BEV: {@code DTE.Total}; PHEV: {@code DTE.EV} (Total includes fuel), chosen by the presence of {@code DTE.EV}. */
  private static Distance evRange(JsonObject vehicle) {
    JsonObject dte = object(vehicle, "Drivetrain", "FuelSystem", "DTE");
    Object electric = at(dte, "EV");
    Object value = JsonValues.number(electric) != null ? electric : at(dte, "Total");
    return Readings.distance(value, Readings.unit(at(dte, "Unit")), Readings.MAX_RANGE);
  }

  /**
   * {@code GeoCoord} may be null (location sharing off) → absent. Time: {@code Location.Date} (UTC) first, else the
   * wall-clock {@code TimeStamp} with {@code Location.Offset} (which includes DST) or the region zone.
   */
  private static VehicleData.Location location(JsonObject location, ZoneId zone) {
    JsonObject coord = object(location, "GeoCoord");
    Instant time = CarTime.parse(text(at(location, "Date")), ZoneOffset.UTC);
    if (time == null) {
      time = CarTime.fromParts(object(location, "TimeStamp"), at(location, "Offset"), zone);
    }
    return Readings.location(at(coord, "Latitude"), at(coord, "Longitude"), time);
  }

  private static VehicleData.Openings openings(JsonObject vehicle) {
    JsonObject doors = object(vehicle, "Cabin", "Door");
    JsonObject windows = object(vehicle, "Cabin", "Window");
    Boolean[] locked = new Boolean[SEATS.length];
    Boolean[] doorOpen = new Boolean[SEATS.length];
    Boolean[] windowOpen = new Boolean[SEATS.length];
    for (int i = 0; i < SEATS.length; i++) {
      JsonObject door = object(doors, SEATS[i]);
      JsonObject window = object(windows, SEATS[i]);
      // inverted on CCS2: Lock 0/false means locked
      locked[i] = Readings.negate(flag(at(door, "Lock")));
      doorOpen[i] = flag(at(door, "Open"));
      windowOpen[i] = windowOpen(openness(at(window, "Open")), openness(at(window, "OpenLevel")));
    }
    return Readings.openings(Readings.allTrue(locked), Readings.anyTrue(doorOpen),
        flag(at(vehicle, "Body", "Trunk", "Open")), flag(at(vehicle, "Body", "Hood", "Open")),
        Readings.anyTrue(windowOpen));
  }

  /** Fully open ({@code Open}) or vented ({@code OpenLevel > 0}); one known "closed" reading is enough. */
  private static Boolean windowOpen(Boolean open, Boolean vented) {
    if (Boolean.TRUE.equals(open) || Boolean.TRUE.equals(vented)) {
      return true;
    }
    return open != null || vented != null ? Boolean.FALSE : null;
  }

  /** On ⇔ blower speed above 0; the set point is a number, a numeric string or "OFF" (→ absent). */
  private static VehicleData.Climate climate(JsonObject driver) {
    Double speed = JsonValues.numberIn(at(driver, "Blower", "SpeedLevel"), 0, Integer.MAX_VALUE);
    Double value = JsonValues.number(at(driver, "Temperature", "Value"));
    Integer unit = JsonValues.wholeIn(at(driver, "Temperature", "Unit"), 0, 1);
    Double celsius = value;
    if (value != null && unit != null && unit == TEMPERATURE_UNIT_FAHRENHEIT) {
      celsius = (value - 32) * 5 / 9;
    }
    Double setPoint = celsius != null && celsius >= MIN_SET_POINT && celsius <= MAX_SET_POINT ? celsius : null;
    return Readings.climate(speed == null ? null : speed > 0, setPoint);
  }

  private static Boolean tyreWarning(JsonObject axle) {
    Boolean[] wheels = new Boolean[WHEELS.length];
    for (int i = 0; i < WHEELS.length; i++) {
      wheels[i] = flag(at(object(axle, WHEELS[i]), "Tire", "PressureLow"));
    }
    return Readings.tyreWarning(flag(at(axle, "Tire", "PressureLow")), wheels);
  }
}
