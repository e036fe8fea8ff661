package io.bluelinkmqtt.domain;

/** {@code commands/charge_port}: open or close the charge port door. */
public record ChargePortCommand(String vehicleId, boolean open) implements ActionCommand {

  public ChargePortCommand {
    VehicleIds.require(vehicleId);
  }

  @Override
  public CommandName name() {
    return CommandName.CHARGE_PORT;
  }

  @Override
  public String action() {
    return open ? "open" : "close";
  }

  @Override
  public String policyName() {
    return name().wireName();
  }
}
