package io.bluelinkmqtt.sim.ushyundai;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One simulated US car and its state, answered in the §5.5 shape: miles (unit 3), °F strings, ISO-8601 UTC times.
 *
 * @param evStatus the enrollment code: E electric, P plug-in hybrid, N combustion
 * @param generation the enrollment {@code vehicleGeneration}, which the client must echo as the {@code gen} header
 */
public final class UsSimCar {

  private final String regid;
  private final String vin;
  private final String nickName;
  private final String modelCode;
  private final String evStatus;
  private final String generation;
  private int soc = 72;
  private boolean charging;
  private boolean pluggedIn = true;
  private boolean locked = true;
  private boolean climateOn;
  private int setFahrenheit = 70;
  private int auxSoc = 88;
  private int limitDc = 80;
  private int limitAc = 90;
  private double odometer = 12_500;
  private Instant lastUpdated;

  public UsSimCar(String regid, String vin, String nickName, String modelCode, String evStatus, String generation) {
    this.regid = regid;
    this.vin = vin;
    this.nickName = nickName;
    this.modelCode = modelCode;
    this.evStatus = evStatus;
    this.generation = generation;
  }

  public String regid() {
    return regid;
  }

  public String vin() {
    return vin;
  }

  public String generation() {
    return generation;
  }

  public boolean electric() {
    return !"N".equals(evStatus);
  }

  public synchronized boolean locked() {
    return locked;
  }

  public synchronized boolean climateOn() {
    return climateOn;
  }

  public synchronized boolean charging() {
    return charging;
  }

  public synchronized int soc() {
    return soc;
  }

  public synchronized Instant lastUpdated() {
    return lastUpdated;
  }

  /** The cloud's times have whole seconds. */
  synchronized void reported(Instant at) {
    lastUpdated = at.truncatedTo(ChronoUnit.SECONDS);
  }

  /** A forced read: the car reports, its battery moved on a little. */
  synchronized void wake(Instant at) {
    lastUpdated = at.truncatedTo(ChronoUnit.SECONDS);
    if (charging && soc < 100) {
      soc++;
    }
  }

  synchronized void setLocked(boolean value) {
    locked = value;
  }

  synchronized void setClimate(boolean on, Integer fahrenheit) {
    climateOn = on;
    if (fahrenheit != null) {
      setFahrenheit = fahrenheit;
    }
  }

  synchronized void setChargeLimits(int dc, int ac) {
    limitDc = dc;
    limitAc = ac;
  }

  public synchronized int chargeLimitAc() {
    return limitAc;
  }

  public synchronized int chargeLimitDc() {
    return limitDc;
  }

  synchronized void setCharging(boolean value) {
    charging = value && pluggedIn;
  }

  JsonObject enrollment() {
    return new JsonObject().put("vehicleDetails", new JsonObject()
        .put("regid", regid).put("nickName", nickName).put("vin", vin).put("evStatus", evStatus)
        .put("modelCode", modelCode).put("enrollmentStatus", "ACTIVE").put("vehicleGeneration", generation)
        .put("odometer", odometer).put("brandIndicator", "H"));
  }

  synchronized JsonObject status() {
    JsonObject status = new JsonObject()
        .put("dateTime", lastUpdated.toString())
        .put("battery", new JsonObject().put("batSoc", auxSoc).put("batState", 0).put("sjbDeliveryMode", 0))
        .put("engine", false)
        .put("airCtrlOn", climateOn)
        .put("airTemp", new JsonObject().put("unit", 1).put("hvacTempType", 1).put("value", Integer.toString(setFahrenheit)))
        .put("defrost", false)
        .put("doorLock", locked)
        .put("doorLockStatus", Boolean.toString(locked))
        .put("doorOpen", openings())
        .put("windowOpen", openings())
        .put("trunkOpen", false)
        .put("hoodOpen", false)
        .put("tirePressureLamp", new JsonObject().put("tirePressureWarningLampAll", 0)
            .put("tirePressureWarningLampFrontLeft", 0).put("tirePressureWarningLampFrontRight", 0)
            .put("tirePressureWarningLampRearLeft", 0).put("tirePressureWarningLampRearRight", 0))
        .put("vehicleLocation", new JsonObject()
            .put("coord", new JsonObject().put("lat", 34.0522).put("lon", -118.2437)).put("time", lastUpdated.toString()));
    if (electric()) {
      status.put("evStatus", new JsonObject()
          .put("batteryStatus", soc).put("batteryCharge", charging).put("batteryPlugin", pluggedIn ? 3 : 0)
          .put("drvDistance", new JsonArray().add(new JsonObject().put("rangeByFuel", new JsonObject()
              .put("evModeRange", miles(soc * 3)).put("totalAvailableRange", miles(soc * 3)))))
          .put("remainTime2", new JsonObject().put("atc", minutes(charging ? (100 - soc) * 6 : 0))
              .put("etc3", minutes(charging ? Math.max(0, 80 - soc) * 6 : 0)))
          .put("reservChargeInfos", new JsonObject().put("targetSOClist", new JsonArray()
              .add(new JsonObject().put("plugType", 0).put("targetSOClevel", limitDc))
              .add(new JsonObject().put("plugType", 1).put("targetSOClevel", limitAc)))));
    } else {
      status.put("dte", miles(310)).put("fuelLevel", 64).put("lowFuelLight", false);
    }
    return status;
  }

  private static JsonObject openings() {
    return new JsonObject().put("frontLeft", 0).put("frontRight", 0).put("backLeft", 0).put("backRight", 0);
  }

  private static JsonObject miles(int value) {
    return new JsonObject().put("value", value).put("unit", 3);
  }

  private static JsonObject minutes(int value) {
    return new JsonObject().put("value", value).put("unit", 1);
  }
}
