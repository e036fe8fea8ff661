package io.bluelinkmqtt.domain;

import java.util.regex.Pattern;

/** The one rule for ids that may appear as a topic level: letters, digits, '_' and '-', 1 to 64 of them. */
public final class VehicleIds {

  public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private VehicleIds() {
  }

  public static boolean isValid(String id) {
    return id != null && PATTERN.matcher(id).matches();
  }

  public static String require(String id) {
    if (!isValid(id)) {
      throw new IllegalArgumentException("vehicle id must match " + PATTERN.pattern());
    }
    return id;
  }
}
