package io.bluelinkmqtt.domain;

import java.util.Locale;

/**
 * {@code commands/windows}: each window closed, open or in the ventilation position (the cloud sets all four at
 * once, bluelink-protocol.md §6.1).
 */
public record WindowsCommand(String vehicleId, Position frontLeft, Position frontRight, Position rearLeft,
                             Position rearRight) implements ActionCommand {

  /** A window's position, with the cloud's code (§5.1: 0 closed, 1 open, 2 ventilation). */
  public enum Position {
    CLOSE(0), OPEN(1), VENT(2);

    private final int code;

    Position(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }

    /** {@code close}, {@code open}, {@code vent}: the shorthand and the per-window value. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public WindowsCommand {
    VehicleIds.require(vehicleId);
    if (frontLeft == null || frontRight == null || rearLeft == null || rearRight == null) {
      throw new IllegalArgumentException("every window needs a position");
    }
  }

  /** All four windows the same way. */
  public static WindowsCommand all(String vehicleId, Position position) {
    return new WindowsCommand(vehicleId, position, position, position, position);
  }

  /** True when every window goes the same way. */
  public boolean uniform() {
    return frontLeft == frontRight && frontLeft == rearLeft && frontLeft == rearRight;
  }

  @Override
  public CommandName name() {
    return CommandName.WINDOWS;
  }

  /** {@code open}, {@code close}, {@code vent} when every window goes the same way; {@code custom} otherwise. */
  @Override
  public String action() {
    return uniform() ? frontLeft.wireName() : "custom";
  }

  @Override
  public String policyName() {
    return name().wireName();
  }
}
