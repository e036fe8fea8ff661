package io.bluelinkmqtt.sim;

import io.bluelinkmqtt.domain.Brand;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One simulated electric car of the account: its identity and its mutable state. Tests change the
 * state through the setters; the simulator moves it when the car answers a forced refresh
 * ({@link #report(Instant)}). All methods are synchronized because tests and the server's event loop
 * both touch it.
 */
public final class SimCar {

  /** Unknown/invalid value the real cloud sends for sensors without a reading (§5.1). */
  public static final int SENTINEL = 255;

  private final String vehicleId;
  private final String vin;
  private final String nickname;
  private final String model;
  private final boolean ccs2;

  private int soc = 62;
  private int chargeLimit = 80;
  private int chargeLimitDc = 80;
  /** False for a car whose status carries no charge limits (they are read with {@code GET …/charge/target}). */
  private boolean reportsChargeLimits = true;
  /** The CCS2 charging current level: 1 = 100 %, 2 = 90 %, 3 = 60 % (§5.1). */
  private int chargingCurrentLevel = 1;
  private boolean chargePortOpen;
  /** Window positions front left, front right, rear left, rear right: 0 closed, 1 open, 2 vent (§5.1). */
  private final int[] windows = new int[4];
  private int hazardFlashes;
  private int hornSounds;
  private String type = "EV";
  private boolean seatClimate = true;
  private boolean charging;
  private boolean plugged;
  private int auxBatteryLevel = 86;
  private double odometerKm = 12_345.6;
  private double latitude = 52.520_008;
  private double longitude = 13.404_954;
  private boolean locked = true;
  private boolean driverDoorOpen;
  private boolean trunkOpen;
  private boolean climateOn;
  private double climateSetpointCelsius = 21.5;
  private boolean unresponsive;
  private Instant lastUpdated;

  public SimCar(String vehicleId, String vin, String nickname, String model, boolean ccs2) {
    this.vehicleId = Objects.requireNonNull(vehicleId, "vehicleId");
    this.vin = Objects.requireNonNull(vin, "vin");
    this.nickname = Objects.requireNonNull(nickname, "nickname");
    this.model = Objects.requireNonNull(model, "model");
    this.ccs2 = ccs2;
  }

  /** {@link #defaultFleet(Brand)} of Kia. */
  public static List<SimCar> defaultFleet() {
    return defaultFleet(Brand.KIA);
  }

  /**
   * One legacy-format EV and one CCS2 EV of the brand (models and VIN prefixes of that maker: KNA Kia, KMH Hyundai,
   * KMT/KMU Genesis), as most EU accounts with two cars of different ages look. The vehicle ids are the same for
   * every brand.
   */
  public static List<SimCar> defaultFleet(Brand brand) {
    String[][] cars = switch (brand) {
      case KIA -> new String[][] {{"KNACC81GFL5012345", "Family e-Niro", "e-Niro"},
          {"KNAV2819XS6004321", "Blue EV3", "EV3"}};
      case HYUNDAI -> new String[][] {{"KMHK581GFLU012345", "Family Kona", "Kona Electric"},
          {"KMHKN81AFRU004321", "Blue IONIQ 5", "IONIQ 5"}};
      case GENESIS -> new String[][] {{"KMTK381AFNU012345", "Family GV60", "GV60"},
          {"KMUMB81AFRU004321", "Blue GV70", "Electrified GV70"}};
    };
    SimCar legacy = new SimCar("7d3c2e1a-5b4f-4a6e-9c8d-1f2e3a4b5c6d", cars[0][0], cars[0][1], cars[0][2], false);
    SimCar ccs2 = new SimCar("0f9e8d7c-6b5a-4c3d-8e2f-a1b2c3d4e5f6", cars[1][0], cars[1][1], cars[1][2], true);
    ccs2.setSoc(48);
    ccs2.setLocation(48.137_154, 11.576_124);
    ccs2.setOdometerKm(3_210.0);
    return List.of(legacy, ccs2);
  }

  public String vehicleId() {
    return vehicleId;
  }

  public String vin() {
    return vin;
  }

  public String nickname() {
    return nickname;
  }

  public String model() {
    return model;
  }

  /** The type code of the vehicle list (§3.1): EV unless a test says otherwise (GN, PHEV, HV, …). */
  public synchronized String type() {
    return type;
  }

  /** False for a car without seat heating or ventilation: a CCS2 climate start with seat settings is 4005. */
  public synchronized boolean seatClimate() {
    return seatClimate;
  }

  public synchronized void setSeatClimate(boolean value) {
    seatClimate = value;
  }

  public synchronized void setType(String value) {
    type = Objects.requireNonNull(value, "type");
  }

  public boolean ccs2() {
    return ccs2;
  }

  /**
   * The car answers a wake-up at {@code now}: a charging car gained 1 % per minute since its last
   * report (capped at the charge limit, where charging stops), and the car's timestamp moves. An
   * unresponsive car does not answer, so nothing changes.
   *
   * @return true when the car answered
   */
  public synchronized boolean report(Instant now) {
    if (unresponsive) {
      return false;
    }
    if (charging && plugged && lastUpdated != null) {
      long minutes = Math.max(0, Duration.between(lastUpdated, now).toMinutes());
      soc = (int) Math.min(chargeLimit, soc + minutes);
      if (soc >= chargeLimit) {
        charging = false;
      }
    }
    lastUpdated = now;
    return true;
  }

  /** Sets the car's own timestamp once, when the simulator starts, unless a test already did. */
  synchronized void initialiseLastUpdated(Instant instant) {
    if (lastUpdated == null) {
      lastUpdated = instant;
    }
  }

  public synchronized int soc() {
    return soc;
  }

  public synchronized void setSoc(int value) {
    soc = value;
  }

  public synchronized int chargeLimit() {
    return chargeLimit;
  }

  public synchronized void setChargeLimit(int value) {
    chargeLimit = value;
  }

  /** The DC (fast) charge limit; {@link #chargeLimit()} is the AC one. */
  public synchronized int chargeLimitDc() {
    return chargeLimitDc;
  }

  public synchronized void setChargeLimitDc(int value) {
    chargeLimitDc = value;
  }

  public synchronized boolean reportsChargeLimits() {
    return reportsChargeLimits;
  }

  public synchronized void setReportsChargeLimits(boolean value) {
    reportsChargeLimits = value;
  }

  public synchronized int chargingCurrentLevel() {
    return chargingCurrentLevel;
  }

  public synchronized void setChargingCurrentLevel(int value) {
    chargingCurrentLevel = value;
  }

  public synchronized boolean chargePortOpen() {
    return chargePortOpen;
  }

  public synchronized void setChargePortOpen(boolean value) {
    chargePortOpen = value;
  }

  /** The four window positions (front left, front right, rear left, rear right; 0 closed, 1 open, 2 vent). */
  public synchronized int[] windows() {
    return windows.clone();
  }

  public synchronized void setWindows(int frontLeft, int frontRight, int rearLeft, int rearRight) {
    windows[0] = frontLeft;
    windows[1] = frontRight;
    windows[2] = rearLeft;
    windows[3] = rearRight;
  }

  /** How often the hazard lights were flashed by an action. */
  public synchronized int hazardFlashes() {
    return hazardFlashes;
  }

  /** How often horn and lights were sounded by an action. */
  public synchronized int hornSounds() {
    return hornSounds;
  }

  synchronized void signal(boolean horn) {
    if (horn) {
      hornSounds++;
    } else {
      hazardFlashes++;
    }
  }

  public synchronized boolean charging() {
    return charging;
  }

  /** Starting to charge implies the plug is in. */
  public synchronized void setCharging(boolean value) {
    charging = value;
    if (value) {
      plugged = true;
    }
  }

  public synchronized boolean plugged() {
    return plugged;
  }

  public synchronized void setPlugged(boolean value) {
    plugged = value;
    if (!value) {
      charging = false;
    }
  }

  /** 12 V battery state of charge in %, or {@link #SENTINEL} for "no reading". */
  public synchronized int auxBatteryLevel() {
    return auxBatteryLevel;
  }

  public synchronized void setAuxBatteryLevel(int value) {
    auxBatteryLevel = value;
  }

  public synchronized double odometerKm() {
    return odometerKm;
  }

  public synchronized void setOdometerKm(double value) {
    odometerKm = value;
  }

  public synchronized double latitude() {
    return latitude;
  }

  public synchronized double longitude() {
    return longitude;
  }

  public synchronized void setLocation(double lat, double lon) {
    latitude = lat;
    longitude = lon;
  }

  public synchronized boolean locked() {
    return locked;
  }

  public synchronized void setLocked(boolean value) {
    locked = value;
  }

  public synchronized boolean driverDoorOpen() {
    return driverDoorOpen;
  }

  public synchronized void setDriverDoorOpen(boolean value) {
    driverDoorOpen = value;
  }

  public synchronized boolean trunkOpen() {
    return trunkOpen;
  }

  public synchronized void setTrunkOpen(boolean value) {
    trunkOpen = value;
  }

  public synchronized boolean climateOn() {
    return climateOn;
  }

  public synchronized void setClimateOn(boolean value) {
    climateOn = value;
  }

  public synchronized double climateSetpointCelsius() {
    return climateSetpointCelsius;
  }

  /** Set-point in °C, 14.0 … 29.5 in 0.5 steps (the legacy hex table of §5.2). */
  public synchronized void setClimateSetpointCelsius(double value) {
    climateSetpointCelsius = value;
  }

  public synchronized boolean unresponsive() {
    return unresponsive;
  }

  /** An unresponsive car ignores wake-ups: forced refreshes do not move its timestamp. */
  public synchronized void setUnresponsive(boolean value) {
    unresponsive = value;
  }

  /** The car's own "last updated" instant (what the payloads carry), null before the simulator starts. */
  public synchronized Instant lastUpdated() {
    return lastUpdated;
  }

  public synchronized void setLastUpdated(Instant value) {
    lastUpdated = value;
  }

  /** Remaining range estimate in km, derived from the SOC (about 4.6 km per %). */
  public synchronized int rangeKm() {
    return (int) Math.round(soc * 4.6);
  }

  /** A consistent copy of the state for building one response. */
  synchronized Snapshot snapshot() {
    return new Snapshot(soc, chargeLimit, charging, plugged, auxBatteryLevel, odometerKm, latitude, longitude,
        locked, driverDoorOpen, trunkOpen, climateOn, climateSetpointCelsius, rangeKm(), lastUpdated, chargeLimitDc,
        chargingCurrentLevel, chargePortOpen, windows.clone(), reportsChargeLimits);
  }

  /** Immutable view of a car's state at one moment. */
  record Snapshot(int soc, int chargeLimit, boolean charging, boolean plugged, int auxBatteryLevel,
                  double odometerKm, double latitude, double longitude, boolean locked, boolean driverDoorOpen,
                  boolean trunkOpen, boolean climateOn, double setpointCelsius, int rangeKm, Instant lastUpdated,
                  int chargeLimitDc, int chargingCurrentLevel, boolean chargePortOpen, int[] windows,
                  boolean reportsChargeLimits) {
  }

  @Override
  public String toString() {
    return "SimCar[" + vehicleId + ", " + model + (ccs2 ? ", ccs2" : ", legacy") + "]";
  }
}
