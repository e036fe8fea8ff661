package io.bluelinkmqtt.stewardship;

import io.bluelinkmqtt.api.WakePolicy;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.VehicleData;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules every forced refresh passes, checked in this order; the first that denies names the outcome:
 * <ol>
 *   <li>{@code budget}: the force call and its follow-up reads must fit in the {@link ApiBudget}. Never bypassed.</li>
 *   <li>{@code aux_battery}: the last known 12 V level is below the floor. An unknown level allows the
 *       force (many cars never report it, or report 255, which the mapper drops). Bypassed by override.</li>
 *   <li>{@code min_interval}: the vehicle was woken less than the minimum interval ago (the audit's last wake,
 *       so it survives restarts). Not bypassed by override: the override only covers the 12 V floor and quiet
 *       hours, and a repeated override must not become a way to wake the car every second.</li>
 *   <li>{@code quiet_hours}: local time lies within the configured quiet hours. Bypassed by override.</li>
 * </ol>
 * The client asks before every forced refresh (a user's {@code force} or a {@code smart:N} decision) and
 * calls {@link #recordWake} as soon as it sends the force.
 */
public final class StewardWakePolicy implements WakePolicy {

  /** Calls a forced refresh costs by default: the wake call plus two follow-up reads. */
  public static final int DEFAULT_CALLS_PER_FORCE = 3;
  private static final Logger LOG = LoggerFactory.getLogger(StewardWakePolicy.class);

  private final Clock clock;
  private final ApiBudget budget;
  private final WakeAudit audit;
  private final int auxBatteryFloorPercent;
  private final Duration minInterval;
  private final Optional<QuietHours> quietHours;
  private final int callsPerForce;

  /**
   * @param auxBatteryFloorPercent 0 turns the 12 V rule off
   * @param minInterval zero turns the interval rule off
   * @param callsPerForce calls that must fit in the budget for a force (the wake and its follow-up reads)
   */
  public StewardWakePolicy(Clock clock, ApiBudget budget, WakeAudit audit, int auxBatteryFloorPercent,
                           Duration minInterval, Optional<QuietHours> quietHours, int callsPerForce) {
    this.clock = Objects.requireNonNull(clock);
    this.budget = Objects.requireNonNull(budget);
    this.audit = Objects.requireNonNull(audit);
    this.auxBatteryFloorPercent = auxBatteryFloorPercent;
    this.minInterval = Objects.requireNonNull(minInterval);
    this.quietHours = Objects.requireNonNull(quietHours);
    this.callsPerForce = Math.max(1, callsPerForce);
  }

  @Override
  public Optional<String> check(Vehicle vehicle, VehicleData lastKnown, boolean override) {
    Optional<String> denial = firstDenyingRule(vehicle, lastKnown == null ? VehicleData.EMPTY : lastKnown, override);
    denial.ifPresent(rule -> LOG.debug("Forced refresh of {} denied by rule {} (override {})", vehicle.id(), rule, override));
    return denial;
  }

  @Override
  public void recordWake(Vehicle vehicle) {
    audit.record(vehicle.id());
  }

  @Override
  public void recordWake(Vehicle vehicle, String cause) {
    audit.record(vehicle.id(), cause);
  }

  private Optional<String> firstDenyingRule(Vehicle vehicle, VehicleData lastKnown, boolean override) {
    Instant now = clock.instant();
    if (!budget.canAfford(callsPerForce, true)) {
      return Optional.of(BUDGET);
    }
    if (!override && belowAuxFloor(lastKnown)) {
      return Optional.of(AUX_BATTERY);
    }
    if (tooSoon(vehicle, now)) {
      return Optional.of(MIN_INTERVAL);
    }
    if (!override && quietHours.map(quiet -> quiet.contains(now)).orElse(false)) {
      return Optional.of(QUIET_HOURS);
    }
    return Optional.empty();
  }

  private boolean belowAuxFloor(VehicleData lastKnown) {
    Integer level = lastKnown.auxBatteryLevel();
    return auxBatteryFloorPercent > 0 && level != null && level < auxBatteryFloorPercent;
  }

  private boolean tooSoon(Vehicle vehicle, Instant now) {
    if (minInterval.isZero() || minInterval.isNegative()) {
      return false;
    }
    // A last wake after now (the clock stepped back) is taken as now by the audit: too soon, for one interval.
    return audit.lastWake(vehicle.id()).map(last -> now.isBefore(last.plus(minInterval))).orElse(false);
  }
}
