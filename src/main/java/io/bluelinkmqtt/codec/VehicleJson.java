package io.bluelinkmqtt.codec;

import static io.bluelinkmqtt.codec.JsonFields.putIfPresent;

import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.CommandName;
import io.bluelinkmqtt.domain.Vehicle;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@link Vehicle} ⇄ JSON, and the reply of {@code bluelink.api.vehicles}. */
public final class VehicleJson {

  /**
   * The EU data-format flag as a vehicle list saved before module data wrote it (a top-level boolean); read into
   * the module data under the same name, which is where the EU module keeps it.
   */
  private static final String LEGACY_CCS2 = "ccs2";

  private VehicleJson() {
  }

  public static JsonObject toJson(Vehicle v) {
    JsonObject json = new JsonObject()
        .put("id", v.id())
        .put("apiId", v.apiId())
        .put("brand", v.brand().name())
        .put("engine", v.engine().name());
    if (!v.moduleData().isEmpty()) {
      json.put("moduleData", new JsonObject(new LinkedHashMap<String, Object>(v.moduleData())));
    }
    if (!v.actions().isEmpty()) {
      JsonArray actions = new JsonArray();
      v.actions().stream().sorted().forEach(action -> actions.add(action.wireName()));
      json.put("actions", actions);
    }
    putIfPresent(json, "vin", v.vin());
    putIfPresent(json, "name", v.name());
    putIfPresent(json, "model", v.model());
    return json;
  }

  public static Vehicle fromJson(JsonObject json) {
    return new Vehicle(json.getString("id"), json.getString("apiId"), json.getString("vin"), json.getString("name"),
        json.getString("model"), Brand.valueOf(json.getString("brand")),
        Vehicle.EngineType.valueOf(json.getString("engine", "UNKNOWN")), moduleData(json), actions(json));
  }

  /** The actions listed by wire name; a name this build does not know is dropped (a newer bridge wrote it). */
  private static Set<CommandName> actions(JsonObject json) {
    Set<CommandName> actions = EnumSet.noneOf(CommandName.class);
    if (json.getValue("actions") instanceof JsonArray array) {
      array.forEach(name -> CommandName.fromWire(String.valueOf(name)).ifPresent(actions::add));
    }
    return actions;
  }

  private static Map<String, String> moduleData(JsonObject json) {
    Map<String, String> data = new LinkedHashMap<>();
    if (json.getValue("moduleData") instanceof JsonObject object) {
      object.forEach(entry -> {
        if (entry.getValue() instanceof String text) {
          data.put(entry.getKey(), text);
        }
      });
    } else if (Boolean.TRUE.equals(json.getValue(LEGACY_CCS2))) {
      data.put(LEGACY_CCS2, "1");
    }
    return data;
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
