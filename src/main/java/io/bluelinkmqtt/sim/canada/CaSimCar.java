package io.bluelinkmqtt.sim.canada;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** One simulated Canadian car: what {@code vhcllst} lists and the state its status reads show. Thread-safe. */
public final class CaSimCar {

  private static final DateTimeFormatter STATUS_DATE = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT);

  private final String vehicleId;
  private final String vin;
  private final String nickname;
  private final String model;
  private final int modelYear;
  private final String fuelKind;
  private boolean locked = true;
  private boolean climateOn;
  private boolean charging;
  private boolean plugged = true;
  private int soc = 64;
  private int auxLevel = 88;
  private double odometerKm = 23_456;
  private int rangeKm = 310;
  private int chargeLimitAc = 90;
  private int chargeLimitDc = 80;
  private int signals;
  private double latitude = 49.2827;
  private double longitude = -123.1207;
  /** When the car last reported (the cloud's copy). */
  private Instant reportedAt;

  public CaSimCar(String vehicleId, String vin, String nickname, String model, int modelYear, String fuelKind) {
    this.vehicleId = vehicleId;
    this.vin = vin;
    this.nickname = nickname;
    this.model = model;
    this.modelYear = modelYear;
    this.fuelKind = fuelKind;
  }

  /** An EV (Niro EV 2022) and a gasoline car (Sorento 2019, the older set-point table). */
  public static List<CaSimCar> defaultFleet() {
    return List.of(new CaSimCar("CA00KIA0NIRO0EV1", "KNDCE3LG0N5000001", "Niro", "NIRO EV", 2022, "E"),
        new CaSimCar("CA00KIA0SORENTO1", "5XYPH4A50KG000002", "Sorento", "SORENTO", 2019, "G"));
  }

  public String vehicleId() {
    return vehicleId;
  }

  public String vin() {
    return vin;
  }

  public int modelYear() {
    return modelYear;
  }

  public boolean electric() {
    return "E".equals(fuelKind) || "P".equals(fuelKind);
  }

  public synchronized boolean locked() {
    return locked;
  }

  public synchronized void setLocked(boolean value) {
    locked = value;
  }

  public synchronized boolean climateOn() {
    return climateOn;
  }

  public synchronized void setClimateOn(boolean value) {
    climateOn = value;
  }

  public synchronized boolean charging() {
    return charging;
  }

  public synchronized void setCharging(boolean value) {
    charging = value && plugged;
  }

  public synchronized int chargeLimitAc() {
    return chargeLimitAc;
  }

  public synchronized int chargeLimitDc() {
    return chargeLimitDc;
  }

  public synchronized void setChargeLimits(int ac, int dc) {
    chargeLimitAc = ac;
    chargeLimitDc = dc;
  }

  /** {@code evc/selsoc}'s result: one level per plug type, 0 DC and 1 AC (§5.7). */
  synchronized JsonArray chargeLimits() {
    return new JsonArray().add(new JsonObject().put("plugType", 0).put("level", chargeLimitDc))
        .add(new JsonObject().put("plugType", 1).put("level", chargeLimitAc));
  }

  /** How often the car sounded the horn and flashed its lights. */
  public synchronized int signals() {
    return signals;
  }

  synchronized void signalled() {
    signals++;
  }

  public synchronized int soc() {
    return soc;
  }

  public synchronized void setSoc(int value) {
    soc = value;
  }

  public synchronized double odometerKm() {
    return odometerKm;
  }

  /** The car is driven: the odometer and the position move. */
  public synchronized void drive(double km, double lat, double lon) {
    odometerKm += km;
    latitude = lat;
    longitude = lon;
  }

  public synchronized double latitude() {
    return latitude;
  }

  public synchronized Instant reportedAt() {
    return reportedAt;
  }

  /** The car reports now (a wake, or the end of an action). */
  public synchronized void report(Instant now) {
    reportedAt = now;
  }

  synchronized JsonObject listing() {
    return new JsonObject().put("vehicleId", vehicleId).put("nickName", nickname).put("modelCode", model.substring(0, 2))
        .put("modelName", model).put("modelYear", Integer.toString(modelYear)).put("fuelKindCode", fuelKind)
        .put("trim", "EX").put("exteriorColor", "WHITE").put("dtcCount", 0).put("subscriptionStatus", "ACTIVE")
        .put("genType", "G2.5").put("enrollmentStatus", "ACTIVE").put("defaultVehicle", true)
        .put("valetParkingModeOn", false).put("vin", vin);
  }

  /** {@code result.status}: the time in {@code zone} (the car's for the cached copy, UTC for a forced read). */
  synchronized JsonObject status(ZoneId zone) {
    JsonObject status = new JsonObject()
        .put("lastStatusDate", STATUS_DATE.format(reportedAt.atZone(zone)))
        .put("airCtrlOn", climateOn).put("engine", climateOn && !electric()).put("doorLock", locked)
        .put("doorOpen", new JsonObject().put("frontLeft", 0).put("frontRight", 0).put("backLeft", 0).put("backRight", 0))
        .put("trunkOpen", false).put("hoodOpen", false).put("airTempUnit", "C")
        .put("airTemp", new JsonObject().put("value", "10H").put("unit", 0)).put("defrost", false).put("acc", false)
        .put("battery", new JsonObject().put("batSoc", auxLevel))
        .put("tirePressureLamp", new JsonObject().put("tirePressureLampAll", 0))
        .put("windowOpen", new JsonObject()).put("sleepModeCheck", false);
    if (electric()) {
      status.put("evStatus", new JsonObject().put("batteryStatus", soc).put("batteryCharge", charging)
          .put("batteryPlugin", plugged ? 3 : 0).put("batteryPreconditiong", false)
          .put("drvDistance", new JsonArray().add(new JsonObject().put("rangeByFuel", new JsonObject()
              .put("evModeRange", new JsonObject().put("value", rangeKm).put("unit", 1))
              .put("totalAvailableRange", new JsonObject().put("value", rangeKm).put("unit", 1)))))
          .put("remainTime2", new JsonObject().put("atc", new JsonObject().put("value", 240).put("unit", 1))
              .put("etc3", new JsonObject().put("value", 180).put("unit", 1))));
    } else {
      status.put("dte", new JsonObject().put("value", 540).put("unit", 1)).put("fuelLevel", 70);
    }
    return status;
  }

  /** {@code fndmcr}'s result: the position now, its time in {@code zone}. */
  synchronized JsonObject position(Instant now, ZoneId zone) {
    return new JsonObject().put("coord", new JsonObject().put("lat", latitude).put("lon", longitude).put("alt", 70)
        .put("type", 0)).put("time", STATUS_DATE.format(now.atZone(zone)));
  }

  synchronized JsonObject maintenance() {
    return new JsonObject().put("currentOdometer", odometerKm).put("currentOdometerUnit", 1)
        .put("imatServiceOdometer", 24_000).put("imatServiceOdometerUnit", 1)
        .put("msopServiceOdometer", 30_000).put("msopServiceOdometerUnit", 1);
  }
}
