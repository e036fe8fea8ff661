package io.bluelinkmqtt.command;

import io.bluelinkmqtt.domain.RefreshMode;

/**
 * A refresh command that passed every check.
 *
 * @param vehicleId a known vehicle id (safe as a topic level)
 * @param mode cached, force or smart
 * @param maxAgeSeconds the N of {@code smart:N}; 0 for the other modes
 * @param override the sender asked to bypass the wake rules that allow it (JSON form only)
 * @param correlationId the sender's id, matching {@code [A-Za-z0-9_.:-]{1,64}}, or null
 */
public record ParsedCommand(String vehicleId, RefreshMode mode, long maxAgeSeconds, boolean override,
                            String correlationId) implements ParseResult {

  /** The mode in its canonical text form: {@code cached}, {@code force} or {@code smart:300}. */
  public String modeText() {
    return mode == RefreshMode.SMART ? "smart:" + maxAgeSeconds : mode.wireName();
  }

  /** Two commands with equal keys ask for the same work and may share one refresh. */
  public RefreshKey key() {
    return new RefreshKey(vehicleId, mode, maxAgeSeconds, override);
  }

  /** What makes two refresh commands identical. */
  public record RefreshKey(String vehicleId, RefreshMode mode, long maxAgeSeconds, boolean override) {
  }
}
