package io.bluelinkmqtt.api.ushyundai.mapping;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/** Defensive reads of the US Hyundai JSON, whose types vary (booleans as 0/1 or strings, numbers as strings). */
public final class UsJson {

  private UsJson() {
  }

  /** The value at a path of object keys; null when any step is missing or not an object. */
  public static Object at(JsonObject root, String... path) {
    Object node = root;
    for (String key : path) {
      if (!(node instanceof JsonObject object)) {
        return null;
      }
      node = object.getValue(key);
    }
    return node;
  }

  public static JsonObject object(JsonObject root, String... path) {
    return at(root, path) instanceof JsonObject o ? o : null;
  }

  public static JsonArray array(JsonObject root, String... path) {
    return at(root, path) instanceof JsonArray a ? a : null;
  }

  public static JsonObject objectAt(JsonArray array, int index) {
    return array != null && index < array.size() && array.getValue(index) instanceof JsonObject o ? o : null;
  }

  /** A string, number or boolean as text; null otherwise. */
  public static String text(Object value) {
    return value instanceof String || value instanceof Number || value instanceof Boolean ? String.valueOf(value) : null;
  }

  /** A finite number, also from a numeric string; null otherwise. */
  public static Double number(Object value) {
    if (value instanceof Number n) {
      double d = n.doubleValue();
      return Double.isFinite(d) ? d : null;
    }
    if (value instanceof String s && s.strip().matches("-?\\d{1,12}(\\.\\d{1,6})?")) {
      return Double.parseDouble(s.strip());
    }
    return null;
  }

  /** A whole number within [min, max]; null otherwise. */
  public static Integer wholeIn(Object value, int min, int max) {
    Double d = number(value);
    if (d == null || d != Math.rint(d) || d < min || d > max) {
      return null;
    }
    return d.intValue();
  }

  /** true/false, 1/0, "true"/"false", "1"/"0"; null for anything else. */
  public static Boolean flag(Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof Number n) {
      return n.intValue() == 1 ? Boolean.TRUE : n.intValue() == 0 ? Boolean.FALSE : null;
    }
    if (value instanceof String s) {
      return switch (s.strip().toLowerCase(Locale.ROOT)) {
        case "true", "1" -> Boolean.TRUE;
        case "false", "0" -> Boolean.FALSE;
        default -> null;
      };
    }
    return null;
  }

  /** True when any reading is true, false when all read values are false, null when none could be read. */
  public static Boolean anyTrue(Boolean... values) {
    Boolean result = null;
    for (Boolean value : values) {
      if (value != null) {
        result = value || Boolean.TRUE.equals(result);
      }
    }
    return result;
  }
}
