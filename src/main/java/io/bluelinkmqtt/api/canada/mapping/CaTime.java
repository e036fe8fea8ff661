package io.bluelinkmqtt.api.canada.mapping;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Canada's timestamps (§5.7, §5.12): {@code lastStatusDate} is {@code yyyyMMddHHmmss}, in the head unit's Canadian
 * zone for cached data and in UTC for forced data. The zone comes from the account's province (the login answer's
 * {@code accountInformation.addresses.primary.province}); without one, Eastern time, where most owners live.
 */
public final class CaTime {

  public static final ZoneId DEFAULT_ZONE = ZoneId.of("America/Toronto");
  public static final ZoneId UTC = ZoneId.of("UTC");
  private static final Pattern CAR_TIME = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})(\\d{2})(\\d{2})(\\d{2})");
  private static final Map<String, String> PROVINCE_ZONES = Map.ofEntries(
      Map.entry("NL", "America/St_Johns"), Map.entry("NS", "America/Halifax"), Map.entry("NB", "America/Moncton"),
      Map.entry("PE", "America/Halifax"), Map.entry("QC", "America/Toronto"), Map.entry("ON", "America/Toronto"),
      Map.entry("MB", "America/Winnipeg"), Map.entry("SK", "America/Regina"), Map.entry("AB", "America/Edmonton"),
      Map.entry("BC", "America/Vancouver"), Map.entry("YT", "America/Whitehorse"),
      Map.entry("NT", "America/Yellowknife"), Map.entry("NU", "America/Iqaluit"));

  private CaTime() {
  }

  /** The zone of a province code ({@code QC}, {@code bc}); {@link #DEFAULT_ZONE} for an unknown or absent one. */
  public static ZoneId zoneOfProvince(String province) {
    if (province == null) {
      return DEFAULT_ZONE;
    }
    String zone = PROVINCE_ZONES.get(province.trim().toUpperCase(Locale.ROOT));
    return zone == null ? DEFAULT_ZONE : ZoneId.of(zone);
  }

  /** Parses {@code yyyyMMddHHmmss} as wall-clock time in {@code zone}; null for anything else. */
  public static Instant parse(String text, ZoneId zone) {
    if (text == null) {
      return null;
    }
    Matcher m = CAR_TIME.matcher(text.trim());
    if (!m.matches()) {
      return null;
    }
    int year = Integer.parseInt(m.group(1));
    if (year < 2000 || year > 2199) {
      return null;
    }
    try {
      return ZonedDateTime.of(LocalDateTime.of(year, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
          Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6))), zone).toInstant();
    } catch (DateTimeException invalid) {
      return null;
    }
  }
}
