package io.bluelinkmqtt.domain;

import java.util.regex.Pattern;

/** The one rule for ids that may appear as a topic level: letters, digits, '_' and '-', 1 to 64 of them. */
public final class VehicleIds {

  public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private VehicleIds() {
  }

  /** The same as {@link #PATTERN}, without a matcher: every topic the bridge builds asks this. */
  public static boolean isValid(String id) {
    if (id == null || id.isEmpty() || id.length() > 64) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  public static String require(String id) {
    if (!isValid(id)) {
      throw new IllegalArgumentException("vehicle id must match " + PATTERN.pattern());
    }
    return id;
  }
}
