package io.bluelinkmqtt.mqtt;

import io.bluelinkmqtt.config.BridgeInfo;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The retained {@code {base}/bridge/info} payload: version, vehicles and the effective config (which
 * {@link BridgeInfo} already built without secrets). Vehicles carry their topic id, name, model,
 * brand and engine; VIN and cloud id stay off the broker (personal data, readable by every user the ACL lets in).
 */
final class BridgeInfoJson {

  private BridgeInfoJson() {
  }

  static JsonObject toJson(BridgeInfo info, JsonArray vehicles) {
    JsonObject json = new JsonObject().put("version", info.version());
    if (vehicles != null) {
      json.put("vehicles", vehicles);
    }
    return json.put("config", info.effectiveConfig());
  }

  /** The public fields of each vehicle in a {@code bluelink.api.vehicles} reply. */
  static JsonArray publicVehicles(JsonObject reply) {
    JsonArray out = new JsonArray();
    for (Object o : reply.getJsonArray("vehicles", new JsonArray())) {
      if (o instanceof JsonObject v) {
        JsonObject pub = new JsonObject();
        for (String field : new String[] {"id", "name", "model", "brand", "engine"}) {
          if (v.getValue(field) != null) {
            pub.put(field, v.getValue(field));
          }
        }
        out.add(pub);
      }
    }
    return out;
  }
}
