package io.bluelinkmqtt.api;

import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.VehicleData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The default wake rule until the stewardship policy is wired: at most one forced refresh per
 * vehicle per interval. The user's override does not lift it (it protects the 12 V battery and
 * the quota alike). Used from one event loop only.
 */
public final class MinIntervalWakePolicy implements WakePolicy {

  private final Duration interval;
  private final Clock clock;
  private final Map<String, Instant> lastWake = new HashMap<>();

  public MinIntervalWakePolicy(Duration interval, Clock clock) {
    if (interval.isNegative()) {
      throw new IllegalArgumentException("interval must not be negative");
    }
    this.interval = interval;
    this.clock = clock;
  }

  @Override
  public Optional<String> check(Vehicle vehicle, VehicleData lastKnown, boolean override) {
    Instant last = lastWake.get(vehicle.id());
    if (last != null && clock.instant().isBefore(last.plus(interval))) {
      return Optional.of(MIN_INTERVAL);
    }
    return Optional.empty();
  }

  @Override
  public void recordWake(Vehicle vehicle) {
    lastWake.put(vehicle.id(), clock.instant());
  }
}
