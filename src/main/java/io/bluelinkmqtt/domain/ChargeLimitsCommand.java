package io.bluelinkmqtt.domain;

import java.util.Optional;

/**
 * {@code commands/charge_limits}: the AC and DC charge limits, 50–100 % in steps of 10. The cloud takes both at once
 * (bluelink-protocol.md §6.1), so a level the command leaves out (null) keeps the car's current one, filled in from
 * the last data read before the action is sent ({@link #resolved}).
 *
 * @param ac the AC (slow) limit, or null to keep it
 * @param dc the DC (fast) limit, or null to keep it
 */
public record ChargeLimitsCommand(String vehicleId, Integer ac, Integer dc) implements ActionCommand {

  public static final int MIN = 50;
  public static final int MAX = 100;
  public static final int STEP = 10;

  public ChargeLimitsCommand {
    VehicleIds.require(vehicleId);
    if (ac == null && dc == null) {
      throw new IllegalArgumentException("no limit given");
    }
    if (ac != null && !valid(ac) || dc != null && !valid(dc)) {
      throw new IllegalArgumentException("limit out of range");
    }
  }

  public static boolean valid(long level) {
    return level >= MIN && level <= MAX && level % STEP == 0;
  }

  /** True when both levels are given. */
  public boolean complete() {
    return ac != null && dc != null;
  }

  /**
   * Both levels, the missing one from the car's last data; empty when that value is not known (or not valid as a
   * limit).
   */
  public Optional<ChargeLimitsCommand> resolved(VehicleData last) {
    if (complete()) {
      return Optional.of(this);
    }
    VehicleData.Ev ev = last == null ? null : last.ev();
    Integer knownAc = ev == null ? null : ev.chargeLimitAc();
    Integer knownDc = ev == null ? null : ev.chargeLimitDc();
    Integer a = ac != null ? ac : knownAc;
    Integer d = dc != null ? dc : knownDc;
    if (a == null || d == null || !valid(a) || !valid(d)) {
      return Optional.empty();
    }
    return Optional.of(new ChargeLimitsCommand(vehicleId, a, d));
  }

  @Override
  public CommandName name() {
    return CommandName.CHARGE_LIMITS;
  }

  @Override
  public String action() {
    return "set";
  }

  @Override
  public String policyName() {
    return name().wireName();
  }
}
