package io.bluelinkmqtt.domain;

import java.util.Locale;
import java.util.Optional;

/** How fresh the data of a refresh must be. */
public enum RefreshMode {
  /** The cloud's copy; never wakes the car. */
  CACHED,
  /** Wake the car and read its live state. */
  FORCE,
  /** Force only when the car's own data is older than a maximum age, else cached. */
  SMART;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<RefreshMode> fromWire(String name) {
    for (RefreshMode mode : values()) {
      if (mode.wireName().equals(name)) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }
}
