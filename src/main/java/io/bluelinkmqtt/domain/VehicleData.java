package io.bluelinkmqtt.domain;

import java.time.Instant;

/**
 * One normalised snapshot of a car, whatever region or data format it came from. Every field may
 * be {@code null}: a value the car did not report stays absent, it is never invented.
 *
 * @param lastUpdated the car's own "last updated" time, in UTC (not the time we asked)
 * @param battery traction battery and charging
 * @param ev range, charge times, charge limits, consumption
 * @param auxBatteryLevel 12 V battery state of charge in percent; absent when the car reports 255 or an unreliable sensor
 * @param odometer total distance
 * @param location last known parking position
 * @param openings locks, doors, trunk, hood, windows
 * @param climate cabin climate
 * @param tyrePressureWarning true when any tyre warning lamp is on
 * @param actionState what the remote actions set and no other record carries: charge port, charging current,
 *     each window's position; null when the car reported none of it
 */
public record VehicleData(
    Instant lastUpdated,
    Battery battery,
    Ev ev,
    Integer auxBatteryLevel,
    Distance odometer,
    Location location,
    Openings openings,
    Climate climate,
    Boolean tyrePressureWarning,
    ActionState actionState) {

  public static final VehicleData EMPTY = new VehicleData(null, null, null, null, null, null, null, null, null);

  /** A snapshot without action state (regions and readers that do not report it). */
  public VehicleData(Instant lastUpdated, Battery battery, Ev ev, Integer auxBatteryLevel, Distance odometer,
                     Location location, Openings openings, Climate climate, Boolean tyrePressureWarning) {
    this(lastUpdated, battery, ev, auxBatteryLevel, odometer, location, openings, climate, tyrePressureWarning, null);
  }

  /** This snapshot with another odometer, everything else kept. */
  public VehicleData withOdometer(Distance value) {
    return new VehicleData(lastUpdated, battery, ev, auxBatteryLevel, value, location, openings, climate,
        tyrePressureWarning, actionState);
  }

  /** This snapshot with another climate record, everything else kept. */
  public VehicleData withClimate(Climate value) {
    return new VehicleData(lastUpdated, battery, ev, auxBatteryLevel, odometer, location, openings, value,
        tyrePressureWarning, actionState);
  }

  /** This snapshot with another location and EV record, everything else kept. */
  public VehicleData withLocationAndEv(Location newLocation, Ev newEv) {
    return new VehicleData(lastUpdated, battery, newEv, auxBatteryLevel, odometer, newLocation, openings, climate,
        tyrePressureWarning, actionState);
  }

  /**
   * @param level state of charge in percent
   * @param charging true while energy flows into the battery
   * @param pluggedIn true when a charging cable is connected
   * @param temperatureCelsius battery temperature
   */
  public record Battery(Integer level, Boolean charging, Boolean pluggedIn, Double temperatureCelsius) {
  }

  /**
   * @param range electric range
   * @param minutesToFull minutes until 100 % at the current charger
   * @param minutesToTarget minutes until the charge limit at the current charger
   * @param chargeLimitAc AC charge limit in percent
   * @param chargeLimitDc DC charge limit in percent
   * @param energyConsumption average consumption over the last 30 days in Wh per km
   */
  public record Ev(Distance range, Integer minutesToFull, Integer minutesToTarget, Integer chargeLimitAc,
                   Integer chargeLimitDc, Double energyConsumption) {
  }

  /** A distance with its unit as the car reports it. */
  public record Distance(double value, DistanceUnit unit) {
  }

  /** Units the car clouds use for distances. */
  public enum DistanceUnit {
    KM("km"), MILES("mi");

    private final String symbol;

    DistanceUnit(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  /**
   * @param latitude degrees
   * @param longitude degrees
   * @param time when the car was at this position, UTC; may be null
   */
  public record Location(double latitude, double longitude, Instant time) {
  }

  /**
   * @param locked true when all doors are locked
   * @param doorsOpen true when any door is open
   * @param trunkOpen true when the trunk / tailgate is open
   * @param hoodOpen true when the hood / frunk is open
   * @param windowsOpen true when any window is open
   */
  public record Openings(Boolean locked, Boolean doorsOpen, Boolean trunkOpen, Boolean hoodOpen, Boolean windowsOpen) {
  }

  /**
   * @param on true when the climate control runs
   * @param setTemperature the set point in {@code unit}, as the car reports it; absent when off or unknown
   * @param unit the set point's unit (the US clouds report °F); never null
   */
  public record Climate(Boolean on, Double setTemperature, TemperatureUnit unit) {

    public Climate {
      unit = unit == null ? TemperatureUnit.CELSIUS : unit;
    }

    /** A set point in °C (every region but the USA). */
    public Climate(Boolean on, Double setTemperatureCelsius) {
      this(on, setTemperatureCelsius, TemperatureUnit.CELSIUS);
    }

    /** The set point when the car reports it in °C; null when it reports another unit (never converted). */
    public Double setTemperatureCelsius() {
      return unit == TemperatureUnit.CELSIUS ? setTemperature : null;
    }
  }

  /** Units the car clouds use for temperatures. */
  public enum TemperatureUnit {
    CELSIUS("°C"), FAHRENHEIT("°F");

    private final String symbol;

    TemperatureUnit(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  /**
   * The state of what remote actions change that the other records do not carry. Every field may be null.
   *
   * @param chargePortOpen true when the charge port door is open
   * @param chargingCurrentPercent the AC charging current limit in percent of the maximum: 100, 90 or 60
   * @param frontLeft the front left window
   * @param frontRight the front right window
   * @param rearLeft the rear left window
   * @param rearRight the rear right window
   */
  public record ActionState(Boolean chargePortOpen, Integer chargingCurrentPercent, WindowPosition frontLeft,
                            WindowPosition frontRight, WindowPosition rearLeft, WindowPosition rearRight) {
  }

  /** Where a window stands; cars without a vent reading (EU legacy) report only open or closed. */
  public enum WindowPosition {
    CLOSED("closed"), OPEN("open"), VENT("vent");

    private final String wireName;

    WindowPosition(String wireName) {
      this.wireName = wireName;
    }

    /** The published word. */
    public String wireName() {
      return wireName;
    }

    /** The position named by {@code wireName}; null for anything else. */
    public static WindowPosition fromWireName(String wireName) {
      for (WindowPosition p : values()) {
        if (p.wireName.equals(wireName)) {
          return p;
        }
      }
      return null;
    }
  }
}
