package io.bluelinkmqtt.codec;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
    if (value == null) {
      return null;
    }
    Instant known = PARSED.get(value);
    if (known != null) {
      return known;
    }
    Instant parsed = Instant.parse(value);
    if (PARSED.size() >= PARSED_KEPT) {
      PARSED.clear();
    }
    PARSED.put(value, parsed);
    return parsed;
  }

  /**
   * Instants read before: a car's times repeat from one update to the next, and every verticle that takes the update
   * reads them again, so parsing each time was a good part of a read's garbage. Bounded: emptied when full.
   */
  private static final Map<String, Instant> PARSED = new ConcurrentHashMap<>();
  private static final int PARSED_KEPT = 512;

  static JsonObject objectOrNull(JsonObject json) {
    return json == null || json.isEmpty() ? null : json;
  }
}
