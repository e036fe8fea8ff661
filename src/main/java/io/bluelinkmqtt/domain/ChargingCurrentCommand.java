package io.bluelinkmqtt.domain;

import java.util.List;

/**
 * {@code commands/charging_current}: the AC charging current as a share of the maximum, 100, 90 or 60 % (CCS2 cars;
 * the cloud's levels 1, 2, 3, bluelink-protocol.md §5.1).
 */
public record ChargingCurrentCommand(String vehicleId, int percent) implements ActionCommand {

  /** The levels the cloud knows, in the order of its codes 1, 2, 3. */
  public static final List<Integer> LEVELS = List.of(100, 90, 60);

  public ChargingCurrentCommand {
    VehicleIds.require(vehicleId);
    if (!LEVELS.contains(percent)) {
      throw new IllegalArgumentException("charging current must be 100, 90 or 60");
    }
  }

  /** The cloud's code: 1 = 100 %, 2 = 90 %, 3 = 60 %. */
  public int level() {
    return LEVELS.indexOf(percent) + 1;
  }

  @Override
  public CommandName name() {
    return CommandName.CHARGING_CURRENT;
  }

  @Override
  public String action() {
    return Integer.toString(percent);
  }

  @Override
  public String policyName() {
    return name().wireName();
  }
}
