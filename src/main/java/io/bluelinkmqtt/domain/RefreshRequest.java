package io.bluelinkmqtt.domain;

/**
 * A validated request for fresh vehicle data: a {@link RefreshCommand} and who asked.
 *
 * @param vehicleId the bridge's vehicle id
 * @param mode cached, force or smart
 * @param maxAgeSeconds for {@link RefreshMode#SMART}: the oldest car timestamp that still counts as fresh; else 0
 * @param override the user asked to bypass the wake rules that allow it (12 V floor, quiet hours)
 * @param commandId correlation id of the command that asked; may be null
 */
public record RefreshRequest(String vehicleId, RefreshMode mode, long maxAgeSeconds, boolean override, String commandId) {

  /** The correlation id of the one cached refresh per car the bridge makes at start-up (not a user's command). */
  public static final String STARTUP_ID = "initial-refresh";

  /** True for the bridge's own start-up refresh. */
  public boolean startup() {
    return STARTUP_ID.equals(commandId);
  }

  public RefreshRequest {
    command(vehicleId, mode, maxAgeSeconds, override); // the command's own checks
  }

  public static RefreshRequest of(RefreshCommand command, String commandId) {
    return new RefreshRequest(command.vehicleId(), command.mode(), command.maxAgeSeconds(), command.override(),
        commandId);
  }

  public RefreshCommand command() {
    return command(vehicleId, mode, maxAgeSeconds, override);
  }

  private static RefreshCommand command(String vehicleId, RefreshMode mode, long maxAgeSeconds, boolean override) {
    return new RefreshCommand(vehicleId, mode, maxAgeSeconds, override);
  }
}
