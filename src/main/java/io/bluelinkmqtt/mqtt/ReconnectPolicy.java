package io.bluelinkmqtt.mqtt;

import java.util.Random;

/**
 * Delays between connection attempts: capped exponential backoff with full jitter (a uniform draw in
 * {@code [0, min(cap, base·2^n)]}, never below a small floor), so that many bridges restarting with one
 * broker do not reconnect in lockstep. A refused login or another client holding our client id is not
 * going to go away within seconds, so those wait between half the cap and the cap. A reconnect the bridge
 * forced itself (an oversized packet) is not a failure: at once, or the base delay if it happens again
 * within {@link #OVERSIZED_WINDOW_MS}, and the exponent is left alone.
 */
public final class ReconnectPolicy {

  /** No two attempts closer than this, whatever the draw: a floor against hot loops. */
  static final long MIN_DELAY_MS = 20;
  private static final int MAX_SHIFT = 30;

  /** Only the first forced reconnect in this window is immediate, so a flood cannot make a hot loop. */
  static final long OVERSIZED_WINDOW_MS = 10_000;

  private final long baseMs;
  private final long capMs;
  private final Random random;
  private int failures;
  private long lastOversizedMs = Long.MIN_VALUE / 2;

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
    return halfCapToCapMs();
  }

  /** The delay while another client seems to hold our client id: between cap/2 and cap, so we stop fighting. */
  public long clientIdInUseDelayMs() {
    return halfCapToCapMs();
  }

  /**
   * The delay after we closed the link because of an oversized packet: 0 for the first in
   * {@link #OVERSIZED_WINDOW_MS}, else the base delay; never the grown backoff, and the exponent is unchanged.
   */
  public long oversizedDelayMs(long nowMs) {
    boolean recent = nowMs - lastOversizedMs < OVERSIZED_WINDOW_MS;
    lastOversizedMs = nowMs;
    return recent ? baseMs : 0;
  }

  private long halfCapToCapMs() {
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
