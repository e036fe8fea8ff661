package io.bluelinkmqtt.stewardship;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * A daily span of local time in which the bridge does not wake the car, e.g. 22:00–06:00 (spans midnight).
 * The start is inclusive, the end exclusive; the same start and end mean no quiet hours.
 */
public record QuietHours(LocalTime start, LocalTime end, ZoneId zone) {

  /** Quiet hours from "HH:mm" strings; empty when either is empty or both are equal. */
  public static Optional<QuietHours> parse(String start, String end, ZoneId zone) {
    if (start == null || end == null || start.isBlank() || end.isBlank()) {
      return Optional.empty();
    }
    LocalTime from = LocalTime.parse(start.strip());
    LocalTime to = LocalTime.parse(end.strip());
    return from.equals(to) ? Optional.empty() : Optional.of(new QuietHours(from, to, zone));
  }

  /** True when {@code instant} falls inside the quiet hours, in local time. */
  public boolean contains(Instant instant) {
    LocalTime time = instant.atZone(zone).toLocalTime();
    if (start.isBefore(end)) {
      return !time.isBefore(start) && time.isBefore(end);
    }
    return !time.isBefore(start) || time.isBefore(end);
  }
}
