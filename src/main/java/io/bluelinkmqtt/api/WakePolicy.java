package io.bluelinkmqtt.api;

import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.VehicleData;
import java.util.Optional;

/**
 * The one rule set every forced refresh passes, whether a user asked for {@code force} or
 * {@code smart:N} decided to force. A denial is answered with the cached state.
 */
public interface WakePolicy {

  /** Rule names, as they appear in outcomes ({@code "reason"}) and docs. */
  String MIN_INTERVAL = "min_interval";
  String AUX_BATTERY = "aux_battery";
  String QUIET_HOURS = "quiet_hours";
  String BUDGET = "budget";

  /**
   * @param lastKnown the newest data we have of the car (may be {@link VehicleData#EMPTY})
   * @param override the user asked to bypass the rules that allow it (12 V floor, quiet hours; never the budget)
   * @return empty when the car may be woken now; else the name of the rule that denies it
   */
  Optional<String> check(Vehicle vehicle, VehicleData lastKnown, boolean override);

  /** A forced refresh of {@code vehicle} was sent to the cloud just now. */
  void recordWake(Vehicle vehicle);

  /**
   * A call that wakes {@code vehicle} for {@code cause} (a remote action: {@code lock}, {@code climate}, …) was sent
   * just now. Counts like a forced refresh; the audit names the cause.
   */
  default void recordWake(Vehicle vehicle, String cause) {
    recordWake(vehicle);
  }
}
