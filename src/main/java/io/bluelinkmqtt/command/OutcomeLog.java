package io.bluelinkmqtt.command;

import io.bluelinkmqtt.domain.CommandOutcome;
import java.time.Clock;
import org.slf4j.Logger;

/**
 * One INFO line per outcome, except that a flood of invalid commands cannot flood the log: the first
 * {@link #PER_WINDOW} invalid ones of each window are logged, the rest only counted, and the count
 * is logged as one line once the window has passed (at the next invalid command or the next
 * {@link #flush()}, whichever comes first). Not thread-safe: used from the verticle's event loop only.
 */
final class OutcomeLog {

  /** INFO lines per window; enough to see what a misconfigured sender does. */
  static final int PER_WINDOW = 10;
  static final long WINDOW_MS = 60_000;

  private final Logger log;
  private final Clock clock;
  private long windowStart = Long.MIN_VALUE;
  private int logged;
  private long suppressed;

  OutcomeLog(Logger log, Clock clock) {
    this.log = log;
    this.clock = clock;
  }

  void log(CommandOutcome outcome) {
    if (outcome.status() != CommandOutcome.Status.INVALID) {
      info(outcome);
      return;
    }
    flush();
    if (windowStart == Long.MIN_VALUE) {
      windowStart = clock.millis();
    }
    if (logged < PER_WINDOW) {
      logged++;
      info(outcome);
    } else {
      suppressed++;
    }
  }

  /** Ends the window when it has passed, logging how many lines it left out. */
  void flush() {
    if (windowStart == Long.MIN_VALUE) {
      return;
    }
    long elapsed = clock.millis() - windowStart;
    if (elapsed < WINDOW_MS && elapsed >= 0) {
      return;
    }
    if (suppressed > 0) {
      log.info("{} more invalid commands in the last {} s (not logged one by one)", suppressed,
          Math.max(0, elapsed) / 1000);
    }
    windowStart = Long.MIN_VALUE;
    logged = 0;
    suppressed = 0;
  }

  private void info(CommandOutcome o) {
    log.info("command {} for {}: {} {}", o.id(), o.vehicleId(), o.status().wireName(),
        o.reason() == null ? "" : o.reason());
  }
}
