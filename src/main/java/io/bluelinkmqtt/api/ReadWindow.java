package io.bluelinkmqtt.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The per-car rate limit on cloud reads: a cached or smart read of a car within {@code interval} of its last
 * read from the cloud (cached or forced) is answered from that read, with no call. So however many clients
 * ask, and with whatever {@code smart:N}, one car costs at most one cached read per window. Confined to the
 * API verticle's event loop.
 */
public final class ReadWindow {

  /** The outcome reason of an answer from the window ({@code data_source} is {@code last_known}). */
  public static final String REASON = "read_window";

  private final Duration interval;
  private final Clock clock;
  private final Map<String, Instant> lastRead = new HashMap<>();

  /** @param interval zero turns the window off */
  public ReadWindow(Duration interval, Clock clock) {
    this.interval = interval;
    this.clock = clock;
  }

  /** The car was just read from the cloud. */
  public void read(String vehicleId) {
    lastRead.put(vehicleId, clock.instant());
  }

  /** The car's state changed (an action was done): the next read asks the cloud, whatever the window says. */
  public void forget(String vehicleId) {
    lastRead.remove(vehicleId);
  }

  /** True when the car's last read is recent enough to answer from. */
  public boolean covers(String vehicleId) {
    Instant last = lastRead.get(vehicleId);
    if (last == null || interval.isZero() || interval.isNegative()) {
      return false;
    }
    Instant now = clock.instant();
    if (last.isAfter(now)) {
      // the clock was corrected backwards: the read happened "now", not hours ahead
      last = now;
      lastRead.put(vehicleId, now);
    }
    return now.isBefore(last.plus(interval));
  }
}
