package io.bluelinkmqtt.domain;

/**
 * A validated request for fresh vehicle data.
 *
 * @param vehicleId the bridge's vehicle id
 * @param mode cached, force or smart
 * @param maxAgeSeconds for {@link RefreshMode#SMART}: the oldest car timestamp that still counts as fresh; else 0
 * @param override the user asked to bypass the wake rules that allow it (12 V floor, quiet hours)
 * @param commandId correlation id of the command that asked; may be null
 */
public record RefreshRequest(String vehicleId, RefreshMode mode, long maxAgeSeconds, boolean override, String commandId) {

  public RefreshRequest {
    VehicleIds.require(vehicleId);
    if (mode == null) {
      throw new IllegalArgumentException("mode is required");
    }
    if (maxAgeSeconds < 0) {
      throw new IllegalArgumentException("maxAgeSeconds must not be negative");
    }
  }
}
