package io.bluelinkmqtt.sim;

import io.bluelinkmqtt.api.eu.EuBrandProfile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Builds the vehicle payloads in the real shapes with the simulator's own values: the legacy format
 * (§5.3, local Europe/Berlin times, hex set-point, duplicated {@code targetSOClist} entries where the
 * last one wins) and the CCS2 format (§5.4, UTC {@code Date}, inverted door {@code Lock}, mixed
 * boolean encodings, "OFF" set-point strings).
 */
final class SimPayloads {

  private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
  private static final DateTimeFormatter COMPACT_MILLIS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSS");
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
  private static final int KM = 1;

  private SimPayloads() {
  }

  /** One entry of {@code resMsg.vehicles[]} (§3.1). */
  static JsonObject vehicleListEntry(SimCar car) {
    return new JsonObject()
        .put("vin", car.vin())
        .put("type", car.type())
        .put("vehicleId", car.vehicleId())
        .put("vehicleName", car.model())
        .put("nickname", car.nickname())
        .put("year", car.ccs2() ? "2025" : "2021")
        .put("master", true)
        .put("carShare", 1)
        .put("personalFlag", "0")
        .put("protocolType", car.ccs2() ? 2 : 0)
        .put("regDate", car.ccs2() ? "2025-03-14 09:12:45.000" : "2021-06-02 17:40:03.000")
        .put("detailInfo", new JsonObject().put("bodyType", "1").put("inColor", "WK").put("outColor", "C7R")
            .put("saleCarmdlCd", car.ccs2() ? "SV" : "DE").put("saleCarmdlEnNm", car.model()))
        .put("ccuCCS2ProtocolSupport", car.ccs2() ? 1 : 0);
  }

  /** {@code resMsg.vehicleStatusInfo} of legacy {@code GET /status/latest}: status, embedded location, odometer. */
  static JsonObject legacyStatusInfo(SimCar.Snapshot s) {
    return new JsonObject()
        .put("vehicleStatus", legacyVehicleStatus(s))
        .put("vehicleLocation", new JsonObject()
            .put("coord", coord(s))
            .put("head", 0)
            .put("speed", valueUnit(0, KM))
            .put("accuracy", new JsonObject().put("hdop", 1).put("pdop", 2))
            .put("time", local(s.lastUpdated())))
        .put("odometer", valueUnit(s.odometerKm(), KM));
  }

  /** The legacy {@code vehicleStatus} object (also {@code resMsg} of the forced {@code GET /status}). */
  static JsonObject legacyVehicleStatus(SimCar.Snapshot s) {
    JsonObject range = new JsonObject().put("rangeByFuel", new JsonObject()
        .put("evModeRange", valueUnit(s.rangeKm(), KM))
        .put("totalAvailableRange", valueUnit(s.rangeKm(), KM))).put("type", 2);
    int toLimit = Math.max(0, s.chargeLimit() - s.soc());
    JsonObject evStatus = new JsonObject()
        .put("batteryCharge", s.charging())
        .put("batteryStatus", s.soc())
        .put("batterySoh", 98)
        .put("batteryPlugin", s.plugged() ? 3 : 0)
        .put("batteryPower", new JsonObject().put("batteryStndChrgPower", s.charging() ? 10.9 : 0)
            .put("batteryFstChrgPower", 0))
        .put("remainTime2", new JsonObject()
            .put("etc1", valueUnit(Math.max(5, toLimit / 3), 1))
            .put("etc2", valueUnit(toLimit * 12, 1))
            .put("etc3", valueUnit(toLimit * 3, 1))
            .put("atc", valueUnit(s.charging() ? toLimit : 0, 1)))
        .put("drvDistance", new JsonArray().add(range))
        .put("chargePortDoorOpenStatus", s.plugged() || s.chargePortOpen() ? 1 : 2)
        .put("reservChargeInfos", new JsonObject()
            .put("reservFlag", 0)
            .put("targetSOClist", !s.reportsChargeLimits() ? new JsonArray() : new JsonArray()
                .add(targetSoc(0, s.chargeLimitDc()))
                .add(targetSoc(1, 100))
                .add(targetSoc(1, s.chargeLimit()))));
    return new JsonObject()
        .put("airCtrlOn", s.climateOn())
        .put("engine", false)
        .put("doorLock", s.locked())
        .put("doorOpen", fourWheels("frontLeft", "frontRight", "backLeft", "backRight", s.driverDoorOpen() ? 1 : 0))
        .put("trunkOpen", s.trunkOpen())
        .put("airTemp", new JsonObject().put("value", hexSetpoint(s.setpointCelsius())).put("unit", 0)
            .put("hvacTempType", 1))
        .put("defrost", false)
        .put("acc", false)
        .put("evStatus", evStatus)
        .put("ign3", false)
        .put("hoodOpen", false)
        .put("transCond", true)
        .put("steerWheelHeat", 0)
        .put("sideBackWindowHeat", 0)
        .put("sideMirrorHeat", 0)
        .put("seatHeaterVentState", new JsonObject().put("flSeatHeatState", 2).put("frSeatHeatState", 2)
            .put("rlSeatHeatState", 2).put("rrSeatHeatState", 2))
        .put("windowOpen", new JsonObject().put("frontLeft", s.windows()[0] == 0 ? 0 : 1)
            .put("frontRight", s.windows()[1] == 0 ? 0 : 1).put("backLeft", s.windows()[2] == 0 ? 0 : 1)
            .put("backRight", s.windows()[3] == 0 ? 0 : 1))
        .put("tirePressureLamp", new JsonObject().put("tirePressureLampAll", 0).put("tirePressureLampFL", 0)
            .put("tirePressureLampFR", 0).put("tirePressureLampRL", 0).put("tirePressureLampRR", 0))
        .put("battery", new JsonObject().put("batSoc", s.auxBatteryLevel()).put("batState", 0)
            .put("sjbDeliveryMode", 0))
        .put("washerFluidStatus", false)
        .put("breakOilStatus", false)
        .put("smartKeyBatteryWarning", false)
        .put("sleepModeCheck", true)
        .put("remoteIgnition", true)
        .put("time", local(s.lastUpdated()));
  }

  /** {@code resMsg} of {@code GET /ccs2/carstatus/latest}. */
  static JsonObject ccs2CarStatus(SimCar.Snapshot s) {
    return new JsonObject()
        .put("lastUpdateTime", Long.toString(s.lastUpdated().toEpochMilli()))
        .put("state", new JsonObject().put("Vehicle", ccs2Vehicle(s)));
  }

  static JsonObject ccs2Vehicle(SimCar.Snapshot s) {
    int toLimit = Math.max(0, s.chargeLimit() - s.soc());
    JsonObject green = new JsonObject()
        .put("BatteryManagement", new JsonObject()
            .put("BatteryRemain", new JsonObject().put("Ratio", s.soc()).put("Value", s.soc() * 2_930.4)
                .put("Unit", "kJ"))
            .put("BatteryCapacity", new JsonObject().put("Value", 293_040).put("Unit", "kJ"))
            .put("SoH", new JsonObject().put("Ratio", 100))
            .put("Temperature", new JsonObject().put("Min", new JsonObject().put("Raw", 38).put("Decimal", 19))
                .put("Max", new JsonObject().put("Raw", 42).put("Decimal", 21)))
            .put("BatteryPreCondition", new JsonObject().put("Status", 0)))
        .put("ChargingInformation", new JsonObject()
            .put("ConnectorFastening", new JsonObject().put("State", s.plugged() ? 1 : 0))
            .put("Charging", new JsonObject().put("RemainTime", s.charging() ? toLimit : 0).put("RemainTimeUnit", 4))
            .put("EstimatedTime", new JsonObject().put("Quick", Math.max(5, toLimit / 3)).put("ICCB", toLimit * 12)
                .put("Standard", toLimit * 3))
            .put("TargetSoC", !s.reportsChargeLimits() ? new JsonObject()
                : new JsonObject().put("Standard", s.chargeLimit()).put("Quick", s.chargeLimitDc()))
            .put("DTE", new JsonObject().put("TargetSoC", new JsonObject()
                .put("Standard", Math.round(s.chargeLimit() * 4.6)).put("Quick", Math.round(s.chargeLimit() * 4.6))))
            .put("ElectricCurrentLevel", new JsonObject().put("State", s.chargingCurrentLevel()))
            .put("ExpectedTime", new JsonObject()
                .put("StartDay", 0).put("StartHour", 31).put("StartMin", 63)
                .put("EndDay", 0).put("EndHour", 31).put("EndMin", 63)))
        .put("ChargingDoor", new JsonObject().put("State", s.plugged() || s.chargePortOpen() ? 1 : 2))
        .put("Electric", new JsonObject().put("SmartGrid", new JsonObject()
            .put("RealTimePower", s.charging() ? 10.8 : 0)
            .put("VehicleToLoad", new JsonObject().put("DischargeLimitation", new JsonObject().put("SoC", 20)))))
        .put("Reservation", new JsonObject().put("Departure", new JsonObject()
            .put("Schedule1", new JsonObject().put("Enable", false))
            .put("Schedule2", new JsonObject().put("Enable", 0).put("Hour", 31).put("Min", 70))));
    return new JsonObject()
        .put("Date", utc(s.lastUpdated(), COMPACT_MILLIS))
        .put("Offset", "1")
        .put("Version", "CCU2026061208150001")
        .put("DrivingReady", 0)
        .put("Electronics", new JsonObject()
            .put("Battery", new JsonObject().put("Level", s.auxBatteryLevel())
                .put("SensorReliability", s.auxBatteryLevel() == SimCar.SENTINEL ? 1 : 0)
                .put("Auxiliary", new JsonObject().put("FailWarning", 0))
                .put("Charging", new JsonObject().put("WarningLevel", 0))
                .put("PowerStateAlert", new JsonObject().put("ClassC", 0)))
            .put("FOB", new JsonObject().put("LowBattery", 0))
            .put("PowerSupply", new JsonObject().put("Accessory", 0).put("Ignition1", 0).put("Ignition3", 0)))
        .put("Green", green)
        .put("Drivetrain", new JsonObject()
            .put("FuelSystem", new JsonObject().put("DTE", new JsonObject().put("Total", s.rangeKm()).put("Unit", KM)))
            .put("Odometer", s.odometerKm()))
        .put("Cabin", ccs2Cabin(s))
        .put("Body", new JsonObject()
            .put("Hood", new JsonObject().put("Open", 0))
            .put("Trunk", new JsonObject().put("Open", s.trunkOpen()))
            .put("Sunroof", new JsonObject().put("Glass", new JsonObject().put("Open", 0)))
            .put("Windshield", new JsonObject()
                .put("Front", new JsonObject().put("Defog", new JsonObject().put("State", 0))
                    .put("WasherFluid", new JsonObject().put("LevelLow", 0)))
                .put("Rear", new JsonObject().put("Defog", new JsonObject().put("State", 0)))))
        .put("Chassis", new JsonObject()
            .put("Axle", new JsonObject()
                .put("Row1", axle(37, 37)).put("Row2", axle(38, SimCar.SENTINEL))
                .put("Tire", new JsonObject().put("PressureLow", 0).put("PressureUnit", 0)))
            .put("Brake", new JsonObject().put("Fluid", new JsonObject().put("Warning", 0)))
            .put("DrivingMode", new JsonObject().put("State", "Eco")))
        .put("Location", ccs2Location(s))
        .put("RemoteControl", new JsonObject().put("SleepMode", 0))
        .put("Service", new JsonObject().put("ConnectedCar", new JsonObject().put("RemoteControl",
            new JsonObject().put("Available", 1).put("WaitingTime", 15))));
  }

  private static JsonObject ccs2Cabin(SimCar.Snapshot s) {
    // Lock is inverted in CCS2: 0 = locked, 1 = unlocked.
    int lock = s.locked() ? 0 : 1;
    JsonObject doors = new JsonObject()
        .put("Row1", new JsonObject()
            .put("Driver", new JsonObject().put("Open", s.driverDoorOpen() ? 1 : 0).put("Lock", lock))
            .put("Passenger", new JsonObject().put("Open", 0).put("Lock", lock)))
        .put("Row2", new JsonObject()
            .put("Left", new JsonObject().put("Open", 0).put("Lock", lock))
            .put("Right", new JsonObject().put("Open", 0).put("Lock", lock)));
    JsonObject seatOff = new JsonObject().put("Climate", new JsonObject().put("State", 2));
    return new JsonObject()
        .put("HVAC", new JsonObject()
            .put("Row1", new JsonObject().put("Driver", new JsonObject()
                .put("Temperature", new JsonObject()
                    .put("Value", s.climateOn() ? String.format(Locale.ROOT, "%.1f", s.setpointCelsius()) : "OFF")
                .put("Unit", 0))
                .put("Blower", new JsonObject().put("SpeedLevel", s.climateOn() ? 4 : 0))))
            .put("OutsideTemperature", new JsonObject().put("Value", "14.5").put("Unit", 0)))
        .put("SteeringWheel", new JsonObject().put("Heat", new JsonObject().put("State", 0)))
        .put("Seat", new JsonObject()
            .put("Row1", new JsonObject().put("Driver", seatOff.copy()).put("Passenger", seatOff.copy()))
            .put("Row2", new JsonObject().put("Left", seatOff.copy()).put("Right", seatOff.copy())))
        .put("Door", doors)
        .put("Window", new JsonObject()
            .put("Row1", new JsonObject().put("Driver", window(s.windows()[0])).put("Passenger", window(s.windows()[1])))
            .put("Row2", new JsonObject().put("Left", window(s.windows()[2])).put("Right", window(s.windows()[3]))));
  }

  private static JsonObject ccs2Location(SimCar.Snapshot s) {
    ZonedDateTime local = s.lastUpdated().atZone(EuBrandProfile.DATA_ZONE);
    int offsetHours = local.getOffset().getTotalSeconds() / 3600;
    return new JsonObject()
        .put("GeoCoord", new JsonObject().put("Latitude", s.latitude()).put("Longitude", s.longitude())
            .put("Altitude", 41).put("Type", 0))
        .put("Heading", 0)
        .put("Speed", new JsonObject().put("Value", 0).put("Unit", 0))
        .put("TimeStamp", new JsonObject().put("Year", local.getYear()).put("Mon", local.getMonthValue())
            .put("Day", local.getDayOfMonth()).put("Hour", local.getHour()).put("Min", local.getMinute())
            .put("Sec", local.getSecond()))
        .put("Date", utc(s.lastUpdated(), COMPACT_MILLIS))
        .put("Offset", Integer.toString(offsetHours));
  }

  /** {@code resMsg} of {@code GET /location/park}: the parked position, region-local time. */
  static JsonObject parkLocation(SimCar.Snapshot s) {
    return new JsonObject().put("coord", coord(s)).put("head", 0).put("speed", valueUnit(0, KM))
        .put("accuracy", new JsonObject().put("hdop", 1).put("pdop", 2))
        .put("time", local(s.lastUpdated()));
  }

  /** {@code resMsg} of the live {@code GET /location}: {@code gpsDetail} with a UTC time. */
  static JsonObject liveLocation(SimCar.Snapshot s) {
    return new JsonObject().put("gpsDetail", new JsonObject().put("coord", coord(s)).put("head", 0)
        .put("speed", valueUnit(0, KM)).put("accuracy", new JsonObject().put("hdop", 1).put("pdop", 2))
        .put("time", utc(s.lastUpdated(), COMPACT)));
  }

  /** What legacy {@code GET /status} returns on a CCS2 car: metadata only (lib PR #1124). */
  static JsonObject ccs2MetadataShell(String serviceNo) {
    return new JsonObject().put("ServiceNo", serviceNo).put("RetCode", "S");
  }

  /** {@code resMsg} of {@code POST /drvhistory}: all-time totals (1) or 30 days plus per-day details (0). */
  static JsonObject drivingHistory(SimCar.Snapshot s, int periodTarget, Instant now) {
    if (periodTarget == 1) {
      return new JsonObject().put("drivingInfo", new JsonArray().add(energy(s.odometerKm())));
    }
    JsonArray days = new JsonArray();
    LocalDate today = now.atZone(EuBrandProfile.DATA_ZONE).toLocalDate();
    for (int back = 2; back >= 0; back--) {
      days.add(energy(31 + back * 7).put("drivingDate", today.minusDays(back).format(DAY)));
    }
    return new JsonObject()
        .put("drivingInfo", new JsonArray().add(energy(412).put("drivingPeriod", 0)))
        .put("drivingInfoDetail", days);
  }

  private static JsonObject energy(double km) {
    long total = Math.round(km * 165);
    return new JsonObject().put("totalPwrCsp", total).put("motorPwrCsp", Math.round(total * 0.82))
        .put("climatePwrCsp", Math.round(total * 0.09)).put("eDPwrCsp", Math.round(total * 0.05))
        .put("batteryMgPwrCsp", Math.round(total * 0.04)).put("regenPwr", Math.round(total * 0.21))
        .put("calculativeOdo", Math.round(km));
  }

  /** {@code resMsg} of {@code GET v1/.../charge/target}: the two limits, whatever the car's status reports. */
  static JsonObject chargeTargets(SimCar.Snapshot s) {
    return new JsonObject().put("targetSOClist", new JsonArray()
        .add(targetSoc(0, s.chargeLimitDc()))
        .add(targetSoc(1, s.chargeLimit())));
  }

  /** Legacy set-point code: hex index into the 0.5 °C table from 14.0 °C, e.g. 21.5 → "0FH" (§5.2). */
  static String hexSetpoint(double celsius) {
    int index = (int) Math.round((Math.max(14.0, Math.min(29.5, celsius)) - 14.0) / 0.5);
    return String.format(Locale.ROOT, "%02XH", index);
  }

  /** A CCS2 window: {@code Open} 1 when open, {@code OpenLevel} 1 in the ventilation position. */
  private static JsonObject window(int position) {
    return new JsonObject().put("Open", position == 1 ? 1 : 0).put("OpenLevel", position == 2 ? 1 : 0);
  }

  private static JsonObject targetSoc(int plugType, int level) {
    return new JsonObject().put("plugType", plugType).put("targetSOClevel", level)
        .put("dte", new JsonObject().put("rangeByFuel", new JsonObject()
            .put("totalAvailableRange", valueUnit(Math.round(level * 4.6), KM))).put("type", 2));
  }

  private static JsonObject axle(int leftPsi, int rightPsi) {
    return new JsonObject()
        .put("Left", new JsonObject().put("Tire", new JsonObject().put("PressureLow", 0).put("Pressure", leftPsi)))
        .put("Right", new JsonObject().put("Tire", new JsonObject().put("PressureLow", 0).put("Pressure", rightPsi)));
  }

  private static JsonObject coord(SimCar.Snapshot s) {
    return new JsonObject().put("lat", s.latitude()).put("lon", s.longitude()).put("alt", 41).put("type", 0);
  }

  private static JsonObject fourWheels(String a, String b, String c, String d, int first) {
    return new JsonObject().put(a, first).put(b, 0).put(c, 0).put(d, 0);
  }

  private static JsonObject valueUnit(Number value, int unit) {
    return new JsonObject().put("value", value).put("unit", unit);
  }

  static String local(Instant instant) {
    return instant.atZone(EuBrandProfile.DATA_ZONE).format(COMPACT);
  }

  static String utc(Instant instant, DateTimeFormatter format) {
    return instant.atZone(ZoneOffset.UTC).format(format);
  }

  static String utcCompact(Instant instant) {
    return utc(instant, COMPACT);
  }
}
