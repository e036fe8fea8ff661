package io.bluelinkmqtt.command;

import java.time.Clock;
import org.slf4j.Logger;

/**
 * Keeps a flood of invalid commands from flooding the log: the first {@code perWindow} of each
 * window are logged at INFO, the rest only counted, and the count is logged as one line once the
 * window has passed (at the next invalid command or the next {@link #flush()}, whichever comes first).
 * Not thread-safe: used from the verticle's event loop only.
 */
final class InvalidCommandLog {

  /** INFO lines per window; enough to see what a misconfigured sender does. */
  static final int PER_WINDOW = 10;
  static final long WINDOW_MS = 60_000;

  private final Logger log;
  private final Clock clock;
  private long windowStart = Long.MIN_VALUE;
  private int logged;
  private long suppressed;

  InvalidCommandLog(Logger log, Clock clock) {
    this.log = log;
    this.clock = clock;
  }

  /** One invalid command; {@code line} and {@code args} are logged only while the window has room. */
  void invalid(String line, Object... args) {
    flush();
    if (windowStart == Long.MIN_VALUE) {
      windowStart = clock.millis();
    }
    if (logged < PER_WINDOW) {
      logged++;
      log.info(line, args);
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
}
