package io.bluelinkmqtt.sim;

import io.vertx.core.http.HttpServerResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The account's daily budget of vehicle calls (§7): every vehicle call spends one unit, cached ones
 * too; when spent the server answers 509 / 5091 until the next UTC midnight. Each answer carries the
 * {@code x-ratelimit-*} headers.
 */
final class Quota {

  private final int limit;
  private final Clock clock;
  private LocalDate day;
  private int used;

  Quota(int limit, Clock clock) {
    this.limit = limit;
    this.clock = clock;
  }

  /** Spends one call if any is left; false when the day's quota is exhausted. */
  synchronized boolean trySpend() {
    rollDay();
    if (used >= limit) {
      return false;
    }
    used++;
    return true;
  }

  synchronized int remaining() {
    rollDay();
    return Math.max(0, limit - used);
  }

  synchronized void writeHeaders(HttpServerResponse response) {
    rollDay();
    long resetEpochSeconds = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    response.putHeader("x-ratelimit-limit", Integer.toString(limit))
        .putHeader("x-ratelimit-remaining", Integer.toString(Math.max(0, limit - used)))
        .putHeader("x-ratelimit-reset", Long.toString(resetEpochSeconds));
  }

  private void rollDay() {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    if (!today.equals(day)) {
      day = today;
      used = 0;
    }
  }
}
