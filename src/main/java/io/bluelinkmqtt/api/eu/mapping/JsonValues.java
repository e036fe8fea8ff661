package io.bluelinkmqtt.api.eu.mapping;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Lenient readers for car-cloud JSON. The clouds send booleans as {@code true}/{@code 0}/{@code "1"} and numbers
 * as strings; every reader here returns {@code null} for anything it cannot read with certainty instead of
 * throwing or guessing.
 */
final class JsonValues {

  /** A plain decimal; rejects what {@link Double#parseDouble} would also take ("NaN", "0x1p3", "22f"). */
  private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d{1,20}(\\.\\d{0,20})?|\\.\\d{1,20})([eE][-+]?\\d{1,3})?");
  private static final int MAX_NUMBER_TEXT = 48;

  private JsonValues() {
  }

  /** The value at {@code path}, or null when any step is missing or not an object. */
  static Object at(JsonObject root, String... path) {
    Object current = root;
    for (String key : path) {
      if (!(current instanceof JsonObject object)) {
        return null;
      }
      current = object.getValue(key);
    }
    return current;
  }

  static JsonObject object(JsonObject root, String... path) {
    return at(root, path) instanceof JsonObject object ? object : null;
  }

  static JsonArray array(JsonObject root, String... path) {
    return at(root, path) instanceof JsonArray array ? array : null;
  }

  /** The element at {@code index} of an array when it is an object. */
  static JsonObject objectAt(JsonArray array, int index) {
    if (array == null || index < 0 || index >= array.size()) {
      return null;
    }
    return array.getValue(index) instanceof JsonObject object ? object : null;
  }

  /** A finite number from a JSON number or a numeric string; booleans are not numbers. */
  static Double number(Object value) {
    double result;
    if (value instanceof Number number) {
      result = number.doubleValue();
    } else if (value instanceof String text) {
      String trimmed = text.trim();
      if (trimmed.length() > MAX_NUMBER_TEXT || !DECIMAL.matcher(trimmed).matches()) {
        return null;
      }
      result = Double.parseDouble(trimmed);
    } else {
      return null;
    }
    return Double.isFinite(result) ? result : null;
  }

  /** A number within {@code [min, max]}, else null. */
  static Double numberIn(Object value, double min, double max) {
    Double number = number(value);
    return number != null && number >= min && number <= max ? number : null;
  }

  /** A whole number within {@code [min, max]} (80.0 counts as 80; 80.5 does not). */
  static Integer wholeIn(Object value, int min, int max) {
    Double number = numberIn(value, min, max);
    return number != null && number == Math.rint(number) ? (int) Math.rint(number) : null;
  }

  /** A percentage 0..100, rounded half up (GSPA sends 56.5). */
  static Integer percent(Object value) {
    Double number = numberIn(value, 0, 100);
    return number == null ? null : (int) Math.round(number);
  }

  /**
   * A two-state flag: {@code true/false}, {@code 0/1}, {@code "true"/"false"/"0"/"1"}. Any other number is an
   * unknown code, not a truth value.
   */
  static Boolean flag(Object value) {
    if (value instanceof Boolean bool) {
      return bool;
    }
    if (value instanceof String text) {
      String trimmed = text.trim();
      if ("true".equalsIgnoreCase(trimmed)) {
        return true;
      }
      if ("false".equalsIgnoreCase(trimmed)) {
        return false;
      }
    }
    Integer code = wholeIn(value, 0, 1);
    return code == null ? null : code == 1;
  }

  /** Open-ness of a window: a flag, or a level where anything above 0 means open (2 = ventilation). */
  static Boolean openness(Object value) {
    Boolean flag = flag(value);
    if (flag != null) {
      return flag;
    }
    Double level = numberIn(value, 0, 100);
    return level == null ? null : level > 0;
  }

  /** A string, or the digits of a whole JSON number (some clouds send timestamps as numbers). */
  static String text(Object value) {
    if (value instanceof String text) {
      return text;
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof BigInteger) {
      return value.toString();
    }
    if (value instanceof BigDecimal decimal && decimal.scale() <= 0 && decimal.precision() - decimal.scale() <= 20) {
      return decimal.toBigInteger().toString();
    }
    return null;
  }
}
