package io.bluelinkmqtt.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares the bridge's clock with the cloud's {@code Date} header. The cloud refuses every request
 * whose Stamp carries a time too far from its own with 4017 "invalid stamp", which says nothing about
 * clocks; this turns it into "system clock is N s ahead of the cloud's": one WARN, repeated at most
 * hourly while it lasts, and the same words in the failed call's message. Thread-safe.
 */
public final class ClockSkew {

  /** Offsets up to this are normal (the Date header has whole seconds, the answer takes a while). */
  public static final Duration THRESHOLD = Duration.ofSeconds(60);
  static final Duration WARN_INTERVAL = Duration.ofHours(1);
  private static final Logger LOG = LoggerFactory.getLogger(ClockSkew.class);

  private final Clock clock;
  private Instant lastWarned;
  /** The last header read and its instant: the header has whole seconds, so most responses repeat it. */
  private volatile ParsedDate lastParsed;

  private record ParsedDate(String header, Instant instant) {
  }

  public ClockSkew(Clock clock) {
    this.clock = clock;
  }

  /** Looks at one response's {@code Date} header; warns (rate-limited) when the clocks disagree. */
  public void observe(String dateHeader) {
    OptionalLong offset = offsetSeconds(dateHeader);
    if (offset.isEmpty()) {
      return;
    }
    synchronized (this) {
      Instant now = clock.instant();
      if (Math.abs(offset.getAsLong()) > THRESHOLD.toSeconds()) {
        if (lastWarned == null || !now.isBefore(lastWarned.plus(WARN_INTERVAL))) {
          lastWarned = now;
          LOG.warn("{} (its Date header); the cloud refuses requests stamped with a wrong time (4017): "
              + "fix the time synchronisation (NTP) of this machine", describe(offset.getAsLong()));
        }
      } else if (lastWarned != null) {
        lastWarned = null;
        LOG.info("system clock agrees with the cloud's again");
      }
    }
  }

  /**
   * "system clock is N s ahead of/behind the cloud's", when a response's {@code Date} differs from
   * {@code clock} by more than {@link #THRESHOLD}.
   */
  public static Optional<String> explain(String dateHeader, Clock clock) {
    OptionalLong offset = offsetSeconds(dateHeader, clock);
    return offset.isPresent() && Math.abs(offset.getAsLong()) > THRESHOLD.toSeconds()
        ? Optional.of(describe(offset.getAsLong())) : Optional.empty();
  }

  private OptionalLong offsetSeconds(String dateHeader) {
    ParsedDate last = lastParsed;
    if (last != null && last.header().equals(dateHeader)) {
      return OptionalLong.of(Duration.between(last.instant(), clock.instant()).toSeconds());
    }
    Instant cloud = cloudTime(dateHeader);
    if (cloud == null) {
      return OptionalLong.empty();
    }
    lastParsed = new ParsedDate(dateHeader, cloud);
    return OptionalLong.of(Duration.between(cloud, clock.instant()).toSeconds());
  }

  /** Our clock minus the cloud's, in whole seconds; empty without a readable {@code Date}. */
  static OptionalLong offsetSeconds(String dateHeader, Clock clock) {
    Instant cloud = cloudTime(dateHeader);
    return cloud == null ? OptionalLong.empty() : OptionalLong.of(Duration.between(cloud, clock.instant()).toSeconds());
  }

  /** The instant of a {@code Date} header; null when there is none or it cannot be read. */
  private static Instant cloudTime(String dateHeader) {
    if (dateHeader == null || dateHeader.isBlank() || dateHeader.length() > 64) {
      return null;
    }
    try {
      return ZonedDateTime.parse(dateHeader.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  static String describe(long offsetSeconds) {
    return "system clock is " + Math.abs(offsetSeconds) + " s " + (offsetSeconds > 0 ? "ahead of" : "behind")
        + " the cloud's";
  }
}
