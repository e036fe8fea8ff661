package io.bluelinkmqtt.domain;

/**
 * A remote action on a car (bluelink-protocol.md §6): sent once, accepted by the cloud, then confirmed by the car
 * (or not). Two actions coalesce only when they are equal records: same car, same action, same parameters, so
 * {@code climate 21} and {@code climate 23} run one after the other.
 */
public sealed interface ActionCommand extends VehicleCommand permits LockCommand, ClimateCommand, ChargeCommand {

  /** The shorthand as sent: {@code lock}, {@code unlock}, {@code start}, {@code stop}. */
  String action();

  /**
   * The name {@code actions.allowed} lists to allow this action: {@code lock}, {@code unlock}, {@code climate},
   * {@code charge}.
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
