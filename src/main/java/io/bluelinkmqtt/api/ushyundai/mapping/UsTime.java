package io.bluelinkmqtt.api.ushyundai.mapping;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The US Hyundai timestamps, all UTC (§5.12): ISO-8601 {@code 2021-04-03T19:58:29Z}, the older
 * {@code 2021/04/03T14:16:58Z} of reservations, and {@code yyyyMMddHHmmss} (what the reference library stores after
 * its own conversion from the UTC value, e.g. in the fixture). Anything else is absent, never invented.
 */
public final class UsTime {

  private static final DateTimeFormatter SLASHED = DateTimeFormatter.ofPattern("yyyy/MM/dd'T'HH:mm:ss'Z'");
  private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

  private UsTime() {
  }

  public static Instant parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.strip();
    try {
      if (t.matches("\\d{14}")) {
        return LocalDateTime.parse(t, COMPACT).toInstant(ZoneOffset.UTC);
      }
      if (t.matches("\\d{4}/\\d{2}/\\d{2}T\\d{2}:\\d{2}:\\d{2}Z")) {
        return LocalDateTime.parse(t, SLASHED).toInstant(ZoneOffset.UTC);
      }
      return t.length() <= 40 ? java.time.OffsetDateTime.parse(t).toInstant() : null;
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
