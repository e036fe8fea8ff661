package io.bluelinkmqtt.stewardship;

import java.time.Instant;

/**
 * How often the bridge woke one car, as published on {@code {base}/{id}/status/wake_audit}.
 *
 * @param vehicleId the bridge's vehicle id
 * @param today car-waking calls today (the local day in the configured zone)
 * @param total car-waking calls since the audit began
 * @param last when the last one was sent; null when never
 * @param lastCause the remote action that sent the last one ({@code lock unlock}, {@code climate start}, …); null
 *     for a forced refresh, and when not known (not since the bridge started)
 */
public record WakeRecord(String vehicleId, int today, long total, Instant last, String lastCause) {

  public WakeRecord(String vehicleId, int today, long total, Instant last) {
    this(vehicleId, today, total, last, null);
  }
}
