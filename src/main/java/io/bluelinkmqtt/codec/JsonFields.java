package io.bluelinkmqtt.codec;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** Small helpers shared by the mappers: absent stays absent. */
final class JsonFields {

  private JsonFields() {
  }

  static void putIfPresent(JsonObject json, String key, Object value) {
    if (value != null) {
      json.put(key, value instanceof Instant instant ? instant.toString() : value);
    }
  }

  static Instant instant(JsonObject json, String key) {
    String value = json.getString(key);
    return value == null ? null : Instant.parse(value);
  }

  static JsonObject objectOrNull(JsonObject json) {
    return json == null || json.isEmpty() ? null : json;
  }
}
