package io.bluelinkmqtt.mqtt;

import java.util.function.LongSupplier;

/**
 * Detects a dead broker link even while the bridge keeps writing. vertx-mqtt pings only when the
 * writer is idle, so a bridge that publishes more often than the keep-alive never notices a
 * half-open connection. This watchdog looks at the other direction: when nothing was read for one
 * keep-alive it asks for a ping, and when nothing was read for two keep-alives the link is dead.
 * Checked every quarter keep-alive, a dead link is found within 2.25 × keep-alive.
 */
public final class LinkWatchdog {

  /** What the connection should do after a check. */
  public enum Action { NONE, PING, DEAD }

  private final long keepAliveMs;
  private final LongSupplier clockMs;
  private long lastReadMs;
  private long lastPingMs;

  public LinkWatchdog(long keepAliveMs, LongSupplier clockMs) {
    this.keepAliveMs = keepAliveMs;
    this.clockMs = clockMs;
    restart();
  }

  /** A fresh connection counts as a read. */
  public void restart() {
    lastReadMs = clockMs.getAsLong();
    lastPingMs = Long.MIN_VALUE / 2;
  }

  /** Any packet from the broker: PINGRESP, PUBACK, SUBACK, PUBLISH. */
  public void markRead() {
    lastReadMs = clockMs.getAsLong();
  }

  public Action check() {
    long now = clockMs.getAsLong();
    long silence = now - lastReadMs;
    if (silence >= 2 * keepAliveMs) {
      return Action.DEAD;
    }
    if (silence >= keepAliveMs && now - lastPingMs >= keepAliveMs) {
      lastPingMs = now;
      return Action.PING;
    }
    return Action.NONE;
  }

  /** How often {@link #check()} should run. */
  public long checkIntervalMs() {
    return Math.max(50, keepAliveMs / 4);
  }
}
