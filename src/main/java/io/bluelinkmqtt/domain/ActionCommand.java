package io.bluelinkmqtt.domain;

/**
 * A remote action on a car (bluelink-protocol.md §6): sent once, accepted by the cloud, then confirmed by the car
 * (or not). Two actions coalesce only when they are equal records: same car, same action, same parameters, so
 * {@code climate 21} and {@code climate 23} run one after the other.
 */
public sealed interface ActionCommand extends VehicleCommand permits LockCommand, ClimateCommand, ChargeCommand,
    ChargeLimitsCommand, ChargingCurrentCommand, ChargePortCommand, WindowsCommand, SignalCommand {

  /**
   * The shorthand as sent: {@code lock}, {@code unlock}, {@code start}, {@code stop}, {@code open}, {@code 90}, …;
   * {@code set} for charge limits, {@code custom} for windows set one by one.
   */
  String action();

  /**
   * The name {@code actions.allowed} lists to allow this action: {@code lock}, {@code unlock}, {@code climate},
   * {@code charge}, and the command's own name for the others ({@code charge_limits}, {@code windows}, …).
   */
  String policyName();

  /** The action, the outcome's {@code mode}. */
  @Override
  default String argument() {
    return action();
  }

  /** The whole record: identical parameters join, different ones never do. */
  @Override
  default Object coalescingKey() {
    return this;
  }

  @Override
  default Throttle throttle() {
    return Throttle.ACTION_POLICY;
  }
}
