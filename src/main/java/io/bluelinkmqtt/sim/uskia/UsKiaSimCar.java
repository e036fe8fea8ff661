package io.bluelinkmqtt.sim.uskia;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One simulated car of the US Kia account: what {@code cmm/gvi} reports (miles, °F, UTC times), changed by wakes and
 * actions. {@code rfc1123Dates} reports {@code syncDate.utc} in the RFC 1123 form some cars use since mid-2025.
 */
public final class UsKiaSimCar {

  private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
      .withZone(ZoneOffset.UTC);

  private final String id;
  private final String vin;
  private final String nickName;
  private final String modelName;
  private final boolean ev;
  private final boolean rfc1123Dates;
  private int soc = 68;
  private boolean charging;
  private boolean plugged;
  private int rangeMiles = 170;
  private double odometerMiles = 23456;
  private boolean locked = true;
  private boolean climateOn;
  private int airTempF = 72;
  private int aux = 87;
  private int chargeLimitAc = 80;
  private int chargeLimitDc = 90;
  /**
   * Whether the cloud's copy carries {@code targetSOC}: a plain {@code cmm/gvi} usually does not (§5.6, the cached
   * fixture), the read after a wake does, and so does the report of a car that has just applied new limits.
   */
  private boolean targetsReported;
  private Instant reportedAt = Instant.parse("2026-01-01T00:00:00Z");

  public UsKiaSimCar(String id, String vin, String nickName, String modelName, boolean ev, boolean rfc1123Dates) {
    this.id = id;
    this.vin = vin;
    this.nickName = nickName;
    this.modelName = modelName;
    this.ev = ev;
    this.rfc1123Dates = rfc1123Dates;
  }

  /** An EV (Niro EV, compact dates) and a combustion SUV (RFC 1123 dates). */
  public static java.util.List<UsKiaSimCar> fleet() {
    UsKiaSimCar niro = new UsKiaSimCar("1000000001", "KNDCE3LG5L5000001", "Niro", "NIRO EV", true, false);
    UsKiaSimCar telluride = new UsKiaSimCar("1000000002", "5XYP5DHC0NG000002", "Family", "TELLURIDE", false, true);
    telluride.rangeMiles = 310;
    telluride.odometerMiles = 8120;
    return java.util.List.of(niro, telluride);
  }

  public String id() {
    return id;
  }

  public boolean ev() {
    return ev;
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

  public synchronized Instant reportedAt() {
    return reportedAt;
  }

  synchronized void reported(Instant at) {
    reportedAt = at;
  }

  /** A wake: the car reports now, having driven a little. */
  synchronized void woke(Instant at) {
    reportedAt = at;
    odometerMiles += 4;
    targetsReported = true;
  }

  synchronized void lock(boolean lock) {
    locked = lock;
  }

  synchronized void climate(boolean on, Integer fahrenheit) {
    climateOn = on;
    if (fahrenheit != null) {
      airTempF = fahrenheit;
    }
  }

  synchronized void charge(boolean on) {
    plugged = plugged || on;
    charging = on;
  }

  public synchronized int chargeLimitAc() {
    return chargeLimitAc;
  }

  public synchronized int chargeLimitDc() {
    return chargeLimitDc;
  }

  synchronized void chargeLimits(int ac, int dc) {
    chargeLimitAc = ac;
    chargeLimitDc = dc;
    targetsReported = true;
  }

  synchronized JsonObject summary(String vehicleKey) {
    return new JsonObject().put("vehicleIdentifier", id).put("vin", vin).put("nickName", nickName)
        .put("modelName", modelName).put("vehicleKey", vehicleKey).put("fuelType", ev ? 4 : 1);
  }

  /** The entry of {@code payload.vehicleInfoList[]} (§5.6). */
  synchronized JsonObject vehicleInfo() {
    JsonObject sync = new JsonObject().put("utc", rfc1123Dates
        ? DateTimeFormatter.RFC_1123_DATE_TIME.format(reportedAt.atOffset(ZoneOffset.UTC))
        : COMPACT.format(reportedAt));
    JsonObject status = new JsonObject()
        .put("syncDate", sync)
        .put("batteryStatus", new JsonObject().put("stateOfCharge", aux))
        .put("engine", false)
        .put("doorLock", locked)
        .put("doorStatus", new JsonObject().put("frontLeft", 0).put("frontRight", 0).put("backLeft", 0)
            .put("backRight", 0).put("hood", 0).put("trunk", 0))
        .put("windowOpen", new JsonObject().put("frontLeft", 0).put("frontRight", 0).put("backLeft", 0)
            .put("backRight", 0))
        .put("climate", new JsonObject().put("airCtrl", climateOn).put("defrost", false)
            .put("airTemp", new JsonObject().put("value", climateOn ? Integer.toString(airTempF) : "OFF")))
        .put("tirePressure", new JsonObject().put("all", 0));
    if (ev) {
      status.put("evStatus", new JsonObject()
          .put("batteryStatus", soc).put("batteryCharge", charging).put("batteryPlugin", plugged ? 1 : 0)
          .put("drvDistance", new JsonArray().add(new JsonObject().put("rangeByFuel", new JsonObject()
              .put("evModeRange", new JsonObject().put("value", rangeMiles).put("unit", 3))
              .put("totalAvailableRange", new JsonObject().put("value", rangeMiles).put("unit", 3)))))
          .put("remainChargeTime", new JsonArray().add(new JsonObject()
              .put("timeInterval", new JsonObject().put("value", charging ? 240 : 0)))));
      if (targetsReported) {
        status.getJsonObject("evStatus").put("targetSOC", new JsonArray()
            .add(new JsonObject().put("plugType", 0).put("targetSOClevel", chargeLimitDc))
            .add(new JsonObject().put("plugType", 1).put("targetSOClevel", chargeLimitAc)));
      }
    } else {
      status.put("distanceToEmpty", new JsonObject().put("value", rangeMiles).put("unit", 3));
    }
    return new JsonObject()
        .put("vehicleConfig", new JsonObject().put("vehicleDetail", new JsonObject().put("vehicle",
            new JsonObject().put("mileage", Long.toString(Math.round(odometerMiles))).put("modelName", modelName))))
        .put("lastVehicleInfo", new JsonObject()
            .put("vehicleStatusRpt", new JsonObject().put("vehicleStatus", status))
            .put("location", new JsonObject().put("coord", new JsonObject().put("lat", 33.6846).put("lon", -117.8265))
                .put("syncDate", sync)));
  }
}
