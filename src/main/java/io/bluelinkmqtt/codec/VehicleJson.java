package io.bluelinkmqtt.codec;

import static io.bluelinkmqtt.codec.JsonFields.putIfPresent;

import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.Vehicle;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** {@link Vehicle} ⇄ JSON, and the reply of {@code bluelink.api.vehicles}. */
public final class VehicleJson {

  private VehicleJson() {
  }

  public static JsonObject toJson(Vehicle v) {
    JsonObject json = new JsonObject()
        .put("id", v.id())
        .put("apiId", v.apiId())
        .put("brand", v.brand().name())
        .put("engine", v.engine().name())
        .put("ccs2", v.ccs2());
    putIfPresent(json, "vin", v.vin());
    putIfPresent(json, "name", v.name());
    putIfPresent(json, "model", v.model());
    return json;
  }

  public static Vehicle fromJson(JsonObject json) {
    return new Vehicle(json.getString("id"), json.getString("apiId"), json.getString("vin"), json.getString("name"),
        json.getString("model"), Brand.valueOf(json.getString("brand")),
        Vehicle.EngineType.valueOf(json.getString("engine", "UNKNOWN")), json.getBoolean("ccs2", false));
  }

  /** The reply body of {@code bluelink.api.vehicles}. */
  public static JsonObject listToJson(List<Vehicle> vehicles) {
    JsonArray array = new JsonArray();
    vehicles.forEach(v -> array.add(toJson(v)));
    return Envelope.versioned().put("vehicles", array);
  }

  public static List<Vehicle> listFromJson(JsonObject body) {
    return body.getJsonArray("vehicles", new JsonArray()).stream()
        .map(o -> fromJson((JsonObject) o))
        .toList();
  }
}
