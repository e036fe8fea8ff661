package io.bluelinkmqtt.api.canada.mapping;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Lenient readers for the TODS JSON, which sends booleans as {@code true}/{@code 0}/{@code "1"}, numbers as strings
 * and empty objects where a value is unknown ({@code windowOpen:{}}). Each returns null for what it cannot read
 * with certainty.
 */
public final class CaJson {

  private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d{1,20}(\\.\\d{0,20})?|\\.\\d{1,20})");

  private CaJson() {
  }

  /** The value at {@code path}, or null when a step is missing or not an object. */
  public static Object at(JsonObject root, String... path) {
    Object current = root;
    for (String key : path) {
      if (!(current instanceof JsonObject object)) {
        return null;
      }
      current = object.getValue(key);
    }
    return current;
  }

  public static JsonObject object(JsonObject root, String... path) {
    return at(root, path) instanceof JsonObject object ? object : null;
  }

  public static JsonArray array(JsonObject root, String... path) {
    return at(root, path) instanceof JsonArray array ? array : null;
  }

  /** The element at {@code index} of an array when it is an object. */
  public static JsonObject objectAt(JsonArray array, int index) {
    if (array == null || index < 0 || index >= array.size()) {
      return null;
    }
    return array.getValue(index) instanceof JsonObject object ? object : null;
  }

  /** A finite number from a JSON number or a plain numeric string; booleans are not numbers. */
  public static Double number(Object value) {
    double result;
    if (value instanceof Number n) {
      result = n.doubleValue();
    } else if (value instanceof String text && text.trim().length() <= 40 && DECIMAL.matcher(text.trim()).matches()) {
      result = Double.parseDouble(text.trim());
    } else {
      return null;
    }
    return Double.isFinite(result) ? result : null;
  }

  /** A number within {@code [min, max]}, else null. */
  public static Double numberIn(Object value, double min, double max) {
    Double n = number(value);
    return n != null && n >= min && n <= max ? n : null;
  }

  /** A whole number within {@code [min, max]}. */
  public static Integer wholeIn(Object value, int min, int max) {
    Double n = numberIn(value, min, max);
    return n != null && n == Math.rint(n) ? (int) Math.rint(n) : null;
  }

  /** A two-state flag: {@code true/false}, {@code 0/1} or their strings; any other number is unknown. */
  public static Boolean flag(Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof String text) {
      if ("true".equalsIgnoreCase(text.trim())) {
        return true;
      }
      if ("false".equalsIgnoreCase(text.trim())) {
        return false;
      }
    }
    Integer code = wholeIn(value, 0, 1);
    return code == null ? null : code == 1;
  }

  /** A string, or the digits of a whole JSON number. */
  public static String text(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
      return value.toString();
    }
    if (value instanceof BigDecimal d && d.scale() <= 0) {
      return d.toBigInteger().toString();
    }
    return null;
  }
}
