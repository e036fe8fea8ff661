package io.bluelinkmqtt.mqtt;

import java.util.Random;

/**
 * Delays between connection attempts: capped exponential backoff with full jitter (a uniform draw in
 * {@code [0, min(cap, base·2^n)]}, never below a small floor), so that many bridges restarting with one
 * broker do not reconnect in lockstep. A refused login is not going to fix itself within seconds, so
 * it waits between half the cap and the cap.
 */
public final class ReconnectPolicy {

  /** No two attempts closer than this, whatever the draw: a floor against hot loops. */
  static final long MIN_DELAY_MS = 20;
  private static final int MAX_SHIFT = 30;

  private final long baseMs;
  private final long capMs;
  private final Random random;
  private int failures;

  public ReconnectPolicy(long baseMs, long capMs, Random random) {
    if (baseMs <= 0 || capMs < baseMs) {
      throw new IllegalArgumentException("need 0 < base <= cap");
    }
    this.baseMs = baseMs;
    this.capMs = capMs;
    this.random = random;
  }

  /** The delay before the next attempt after an ordinary failure or loss; grows the exponent. */
  public long nextDelayMs() {
    long ceiling = ceilingMs(failures);
    failures = Math.min(failures + 1, MAX_SHIFT);
    return Math.max(MIN_DELAY_MS, (long) (random.nextDouble() * ceiling));
  }

  /** The delay after the broker refused our credentials: between cap/2 and cap. */
  public long authFailureDelayMs() {
    failures = Math.min(failures + 1, MAX_SHIFT);
    long half = capMs / 2;
    return Math.max(MIN_DELAY_MS, half + (long) (random.nextDouble() * (capMs - half)));
  }

  /** After a connection that lasted: the next loss starts again from the base delay. */
  public void reset() {
    failures = 0;
  }

  /** Consecutive failures since the last reset. */
  public int failures() {
    return failures;
  }

  public long capMs() {
    return capMs;
  }

  long ceilingMs(int n) {
    long exp = baseMs << Math.min(n, MAX_SHIFT);
    return exp <= 0 ? capMs : Math.min(capMs, exp);
  }
}
