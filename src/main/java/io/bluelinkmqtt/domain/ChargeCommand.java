package io.bluelinkmqtt.domain;

/** {@code commands/charge}: start or stop charging. */
public record ChargeCommand(String vehicleId, boolean start) implements ActionCommand {

  public ChargeCommand {
    VehicleIds.require(vehicleId);
  }

  @Override
  public CommandName name() {
    return CommandName.CHARGE;
  }

  @Override
  public String action() {
    return start ? "start" : "stop";
  }

  @Override
  public String policyName() {
    return "charge";
  }
}
