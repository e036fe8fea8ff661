package io.bluelinkmqtt.domain;

import java.util.Set;

/** {@code commands/hazard} and {@code commands/horn_lights}: flash the hazard lights, or horn and lights, once. */
public record SignalCommand(String vehicleId, CommandName name) implements ActionCommand {

  /** The commands this record carries. */
  public static final Set<CommandName> NAMES = Set.of(CommandName.HAZARD, CommandName.HORN_LIGHTS);

  public SignalCommand {
    VehicleIds.require(vehicleId);
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException("not a signal command");
    }
  }

  /** True for horn and lights, false for the hazard lights alone. */
  public boolean horn() {
    return name == CommandName.HORN_LIGHTS;
  }

  @Override
  public String action() {
    return "on";
  }

  @Override
  public String policyName() {
    return name.wireName();
  }
}
