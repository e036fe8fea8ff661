package io.bluelinkmqtt.api.eu.mapping;

import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The car clouds' timestamps. Legacy {@code time} and {@code /location/park} are wall-clock time of the region,
 * CCS2 {@code Date} and forced {@code gpsDetail.time} are UTC (protocol doc §5.12). Every parser returns null for
 * text it cannot read.
 */
final class CarTime {

  /** {@code yyyyMMddHHmmss} with optional {@code .S}, {@code .SS} or {@code .SSS}. */
  private static final Pattern CAR_TIME =
      Pattern.compile("(\\d{4})(\\d{2})(\\d{2})(\\d{2})(\\d{2})(\\d{2})(?:\\.(\\d{1,3}))?");
  /** Years outside this window are sentinels or garbage, not a car's clock. */
  private static final int FIRST_YEAR = 2000;
  private static final int LAST_YEAR = 2199;
  private static final int MAX_OFFSET_HOURS = 14;

  private CarTime() {
  }

  /**
   * Parses {@code yyyyMMddHHmmss[.SSS]} as wall-clock time in {@code zone}. In a DST gap the time moves forward
   * by the gap; in an overlap the earlier (summer) offset wins, like {@link ZonedDateTime#of}.
   */
  static Instant parse(String text, ZoneId zone) {
    if (text == null) {
      return null;
    }
    Matcher matcher = CAR_TIME.matcher(text.trim());
    if (!matcher.matches()) {
      return null;
    }
    int year = Integer.parseInt(matcher.group(1));
    if (year < FIRST_YEAR || year > LAST_YEAR) {
      return null;
    }
    String fraction = matcher.group(7) == null ? "0" : (matcher.group(7) + "00").substring(0, 3);
    try {
      LocalDateTime local = LocalDateTime.of(year, Integer.parseInt(matcher.group(2)),
          Integer.parseInt(matcher.group(3)), Integer.parseInt(matcher.group(4)), Integer.parseInt(matcher.group(5)),
          Integer.parseInt(matcher.group(6)), Integer.parseInt(fraction) * 1_000_000);
      return ZonedDateTime.of(local, zone).toInstant();
    } catch (DateTimeException invalidField) {
      return null;
    }
  }

  /**
   * CCS2 {@code Location.TimeStamp {Year, Mon, Day, Hour, Min, Sec}}: wall-clock time, read with {@code offsetHours}
   * when the car sent a usable one ({@code Location.Offset} includes DST), else in {@code zone}.
   */
  static Instant fromParts(JsonObject parts, Object offsetHours, ZoneId zone) {
    if (parts == null) {
      return null;
    }
    Integer year = JsonValues.wholeIn(parts.getValue("Year"), FIRST_YEAR, LAST_YEAR);
    Integer month = JsonValues.wholeIn(parts.getValue("Mon"), 1, 12);
    Integer day = JsonValues.wholeIn(parts.getValue("Day"), 1, 31);
    Integer hour = JsonValues.wholeIn(parts.getValue("Hour"), 0, 23);
    Integer minute = JsonValues.wholeIn(parts.getValue("Min"), 0, 59);
    Integer second = JsonValues.wholeIn(parts.getValue("Sec"), 0, 59);
    if (year == null || month == null || day == null || hour == null || minute == null || second == null) {
      return null;
    }
    try {
      LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second);
      Double offset = JsonValues.numberIn(offsetHours, -MAX_OFFSET_HOURS, MAX_OFFSET_HOURS);
      ZoneId effective = offset == null ? zone : ZoneOffset.ofTotalSeconds((int) Math.round(offset * 3600));
      return ZonedDateTime.of(local, effective).toInstant();
    } catch (DateTimeException invalidField) {
      return null;
    }
  }
}
