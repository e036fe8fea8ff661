package io.bluelinkmqtt.sim.ushyundai;

import io.bluelinkmqtt.sim.ushyundai.UsSimCalls.Endpoint;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The daily remote-request limit (§7): valid forced reads and actions spend it, cached reads and status polls do not;
 * when spent, the cloud answers {@code 502 HT_534} until the next UTC day.
 */
final class UsSimQuota {

  private final int limit;
  private final Clock clock;
  private final UsSimAnswers answers;
  private LocalDate day;
  private int used;

  UsSimQuota(int limit, Clock clock, UsSimAnswers answers) {
    this.limit = limit;
    this.clock = clock;
    this.answers = answers;
  }

  /** Spends one remote request; false, after answering HT_534, when the day's limit is spent. */
  boolean allows(RoutingContext ctx, Endpoint endpoint) {
    if (trySpend()) {
      return true;
    }
    answers.error(ctx, endpoint, 502, 502, "HT_534", "HATA",
        "You have exceeded the daily remote service request limit. Your last request was not processed.");
    return false;
  }

  synchronized void exhaust() {
    rollDay();
    used = limit;
  }

  synchronized int left() {
    rollDay();
    return Math.max(0, limit - used);
  }

  private synchronized boolean trySpend() {
    rollDay();
    if (used >= limit) {
      return false;
    }
    used++;
    return true;
  }

  private void rollDay() {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    if (!today.equals(day)) {
      day = today;
      used = 0;
    }
  }
}
