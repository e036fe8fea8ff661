package io.bluelinkmqtt.domain;

/**
 * Read a car: cached, force or smart:N.
 *
 * @param vehicleId the bridge's vehicle id
 * @param mode cached, force or smart
 * @param maxAgeSeconds the N of {@code smart:N}; 0 for the other modes
 * @param override the sender asked to bypass the wake rules that allow it (12 V floor, quiet hours)
 */
public record RefreshCommand(String vehicleId, RefreshMode mode, long maxAgeSeconds, boolean override)
    implements VehicleCommand {

  public RefreshCommand {
    VehicleIds.require(vehicleId);
    if (mode == null) {
      throw new IllegalArgumentException("mode is required");
    }
    if (maxAgeSeconds < 0) {
      throw new IllegalArgumentException("maxAgeSeconds must not be negative");
    }
  }

  @Override
  public CommandName name() {
    return CommandName.REFRESH;
  }

  @Override
  public String argument() {
    return mode == RefreshMode.SMART ? "smart:" + maxAgeSeconds : mode.wireName();
  }

  /** Same vehicle, mode, maximum age and override: the whole record. */
  @Override
  public Object coalescingKey() {
    return this;
  }

  @Override
  public Throttle throttle() {
    return switch (mode) {
      case CACHED -> Throttle.READ_WINDOW;
      case FORCE -> Throttle.WAKE_POLICY;
      case SMART -> Throttle.WAKE_POLICY_WHEN_STALE;
    };
  }
}
