package io.bluelinkmqtt.codec;

import static io.bluelinkmqtt.codec.JsonFields.instant;
import static io.bluelinkmqtt.codec.JsonFields.objectOrNull;
import static io.bluelinkmqtt.codec.JsonFields.putIfPresent;

import io.bluelinkmqtt.domain.VehicleData;
import io.bluelinkmqtt.domain.VehicleData.ActionState;
import io.bluelinkmqtt.domain.VehicleData.Battery;
import io.bluelinkmqtt.domain.VehicleData.Climate;
import io.bluelinkmqtt.domain.VehicleData.Distance;
import io.bluelinkmqtt.domain.VehicleData.DistanceUnit;
import io.bluelinkmqtt.domain.VehicleData.Ev;
import io.bluelinkmqtt.domain.VehicleData.Location;
import io.bluelinkmqtt.domain.VehicleData.Openings;
import io.bluelinkmqtt.domain.VehicleData.TemperatureUnit;
import io.bluelinkmqtt.domain.VehicleData.WindowPosition;
import io.vertx.core.json.JsonObject;

/** {@link VehicleData} ⇄ JSON. Absent values are left out, never written as null. */
public final class VehicleDataJson {

  private VehicleDataJson() {
  }

  public static JsonObject toJson(VehicleData d) {
    JsonObject json = new JsonObject();
    putIfPresent(json, "lastUpdated", d.lastUpdated());
    if (d.battery() != null) {
      Battery b = d.battery();
      JsonObject battery = new JsonObject();
      putIfPresent(battery, "level", b.level());
      putIfPresent(battery, "charging", b.charging());
      putIfPresent(battery, "pluggedIn", b.pluggedIn());
      putIfPresent(battery, "temperatureCelsius", b.temperatureCelsius());
      putIfPresent(json, "battery", objectOrNull(battery));
    }
    if (d.ev() != null) {
      Ev e = d.ev();
      JsonObject ev = new JsonObject();
      putIfPresent(ev, "range", distance(e.range()));
      putIfPresent(ev, "minutesToFull", e.minutesToFull());
      putIfPresent(ev, "minutesToTarget", e.minutesToTarget());
      putIfPresent(ev, "chargeLimitAc", e.chargeLimitAc());
      putIfPresent(ev, "chargeLimitDc", e.chargeLimitDc());
      putIfPresent(ev, "energyConsumption", e.energyConsumption());
      putIfPresent(json, "ev", objectOrNull(ev));
    }
    putIfPresent(json, "auxBatteryLevel", d.auxBatteryLevel());
    putIfPresent(json, "odometer", distance(d.odometer()));
    if (d.location() != null) {
      JsonObject location = new JsonObject()
          .put("latitude", d.location().latitude())
          .put("longitude", d.location().longitude());
      putIfPresent(location, "time", d.location().time());
      json.put("location", location);
    }
    if (d.openings() != null) {
      Openings o = d.openings();
      JsonObject openings = new JsonObject();
      putIfPresent(openings, "locked", o.locked());
      putIfPresent(openings, "doorsOpen", o.doorsOpen());
      putIfPresent(openings, "trunkOpen", o.trunkOpen());
      putIfPresent(openings, "hoodOpen", o.hoodOpen());
      putIfPresent(openings, "windowsOpen", o.windowsOpen());
      putIfPresent(json, "openings", objectOrNull(openings));
    }
    if (d.climate() != null) {
      JsonObject climate = new JsonObject();
      putIfPresent(climate, "on", d.climate().on());
      putIfPresent(climate, "setTemperatureCelsius", d.climate().setTemperatureCelsius());
      if (d.climate().unit() == TemperatureUnit.FAHRENHEIT) {
        putIfPresent(climate, "setTemperatureFahrenheit", d.climate().setTemperature());
      }
      putIfPresent(json, "climate", objectOrNull(climate));
    }
    putIfPresent(json, "tyrePressureWarning", d.tyrePressureWarning());
    if (d.actionState() != null) {
      ActionState a = d.actionState();
      JsonObject state = new JsonObject();
      putIfPresent(state, "chargePortOpen", a.chargePortOpen());
      putIfPresent(state, "chargingCurrentPercent", a.chargingCurrentPercent());
      putIfPresent(state, "windowFrontLeft", wireName(a.frontLeft()));
      putIfPresent(state, "windowFrontRight", wireName(a.frontRight()));
      putIfPresent(state, "windowRearLeft", wireName(a.rearLeft()));
      putIfPresent(state, "windowRearRight", wireName(a.rearRight()));
      putIfPresent(json, "actionState", objectOrNull(state));
    }
    return json;
  }

  public static VehicleData fromJson(JsonObject json) {
    if (json == null) {
      return VehicleData.EMPTY;
    }
    JsonObject b = json.getJsonObject("battery");
    JsonObject e = json.getJsonObject("ev");
    JsonObject l = json.getJsonObject("location");
    JsonObject o = json.getJsonObject("openings");
    JsonObject c = json.getJsonObject("climate");
    return new VehicleData(
        instant(json, "lastUpdated"),
        b == null ? null : new Battery(b.getInteger("level"), b.getBoolean("charging"), b.getBoolean("pluggedIn"),
            b.getDouble("temperatureCelsius")),
        e == null ? null : new Ev(distance(e.getJsonObject("range")), e.getInteger("minutesToFull"),
            e.getInteger("minutesToTarget"), e.getInteger("chargeLimitAc"), e.getInteger("chargeLimitDc"),
            e.getDouble("energyConsumption")),
        json.getInteger("auxBatteryLevel"),
        distance(json.getJsonObject("odometer")),
        l == null ? null : new Location(l.getDouble("latitude"), l.getDouble("longitude"), instant(l, "time")),
        o == null ? null : new Openings(o.getBoolean("locked"), o.getBoolean("doorsOpen"), o.getBoolean("trunkOpen"),
            o.getBoolean("hoodOpen"), o.getBoolean("windowsOpen")),
        c == null ? null : climate(c),
        json.getBoolean("tyrePressureWarning"),
        actionState(json.getJsonObject("actionState")));
  }

  private static ActionState actionState(JsonObject a) {
    return a == null ? null : new ActionState(a.getBoolean("chargePortOpen"), a.getInteger("chargingCurrentPercent"),
        WindowPosition.fromWireName(a.getString("windowFrontLeft")),
        WindowPosition.fromWireName(a.getString("windowFrontRight")),
        WindowPosition.fromWireName(a.getString("windowRearLeft")),
        WindowPosition.fromWireName(a.getString("windowRearRight")));
  }

  private static String wireName(WindowPosition position) {
    return position == null ? null : position.wireName();
  }

  /** °C under {@code setTemperatureCelsius}, a US car's °F under {@code setTemperatureFahrenheit}. */
  private static Climate climate(JsonObject c) {
    Double fahrenheit = c.getDouble("setTemperatureFahrenheit");
    return fahrenheit != null ? new Climate(c.getBoolean("on"), fahrenheit, TemperatureUnit.FAHRENHEIT)
        : new Climate(c.getBoolean("on"), c.getDouble("setTemperatureCelsius"));
  }

  private static JsonObject distance(Distance distance) {
    return distance == null ? null
        : new JsonObject().put("value", distance.value()).put("unit", distance.unit().symbol());
  }

  private static Distance distance(JsonObject json) {
    if (json == null || json.getDouble("value") == null) {
      return null;
    }
    DistanceUnit unit = "mi".equals(json.getString("unit")) ? DistanceUnit.MILES : DistanceUnit.KM;
    return new Distance(json.getDouble("value"), unit);
  }
}
