package io.bluelinkmqtt.domain;

import java.util.Locale;

/** Where the published data came from, as users see it on {@code status/data_source}. */
public enum DataSource {
  /** The cloud's stored copy. */
  CACHED,
  /** The car answered a forced refresh and its timestamp moved. */
  FRESH,
  /** A forced refresh was made, but the car's timestamp did not move. */
  STALE,
  /** A forced refresh was made, but the car did not report before the deadline. */
  TIMEOUT,
  /** Nothing reached the cloud; the last state we already had was served. */
  LAST_KNOWN;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static DataSource fromWire(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
