package io.bluelinkmqtt.mqtt;

/**
 * Lets a recurring warning through at most once per interval and counts what it held back, so a flood
 * of hostile input cannot flood the log as well. Not thread-safe.
 */
final class LogEvery {

  private final long intervalMs;
  private long lastMs = Long.MIN_VALUE / 2;
  private long held;

  LogEvery(long intervalMs) {
    this.intervalMs = intervalMs;
  }

  /** True when the caller should log now; otherwise the occurrence is counted. */
  boolean due(long nowMs) {
    if (nowMs - lastMs >= intervalMs) {
      lastMs = nowMs;
      return true;
    }
    held++;
    return false;
  }

  /** Occurrences held back since the last line that was let through; resets the count. */
  long takeHeld() {
    long n = held;
    held = 0;
    return n;
  }
}
