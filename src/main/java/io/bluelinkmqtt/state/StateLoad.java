package io.bluelinkmqtt.state;

import java.time.Instant;
import java.util.Optional;

/**
 * What {@link JsonStateFile#loadChecked} found: the parsed state (from the file or its last good copy), nothing
 * because there never was a file (a first start), or nothing readable although a file existed (it was damaged).
 *
 * @param value the parsed state; null when none was readable
 * @param damagedAt when nothing was readable: the newest last-modified time of the damaged files, which bounds
 *     when the lost state was last written; null otherwise
 */
public record StateLoad<T>(T value, Instant damagedAt) {

  public static <T> StateLoad<T> of(T value) {
    return new StateLoad<>(value, null);
  }

  public static <T> StateLoad<T> firstStart() {
    return new StateLoad<>(null, null);
  }

  public static <T> StateLoad<T> lost(Instant damagedAt) {
    return new StateLoad<>(null, damagedAt);
  }

  public Optional<T> state() {
    return Optional.ofNullable(value);
  }

  /** True when a state file existed but neither it nor its last good copy could be read. */
  public boolean lost() {
    return value == null && damagedAt != null;
  }
}
