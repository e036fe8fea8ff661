package io.bluelinkmqtt.domain;

/** {@code commands/lock}: lock or unlock the doors. */
public record LockCommand(String vehicleId, boolean lock) implements ActionCommand {

  public LockCommand {
    VehicleIds.require(vehicleId);
  }

  @Override
  public CommandName name() {
    return CommandName.LOCK;
  }

  @Override
  public String action() {
    return lock ? "lock" : "unlock";
  }

  @Override
  public String policyName() {
    return action();
  }
}
