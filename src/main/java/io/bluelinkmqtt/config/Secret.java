package io.bluelinkmqtt.config;

import java.util.Objects;

/**
 * A password, PIN or token. Its {@code toString()} is always {@code ***}; the value comes out only
 * through {@link #reveal()}, which is called where the value is sent, never where it is logged.
 */
public final class Secret {

  private static final Secret EMPTY = new Secret("");
  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  public static Secret of(String value) {
    return value == null || value.isEmpty() ? EMPTY : new Secret(value);
  }

  public static Secret empty() {
    return EMPTY;
  }

  public String reveal() {
    return value;
  }

  public boolean isEmpty() {
    return value.isEmpty();
  }

  @Override
  public String toString() {
    return isEmpty() ? "" : "***";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other && value.equals(other.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value);
  }
}
