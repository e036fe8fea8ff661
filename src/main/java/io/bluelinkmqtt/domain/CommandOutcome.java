package io.bluelinkmqtt.domain;

import java.util.Locale;

/**
 * The one outcome every command gets.
 *
 * @param vehicleId the vehicle the command was for; null when the topic named no valid vehicle
 * @param id the correlation id the sender gave, or one we made up
 * @param command the command name ("refresh")
 * @param mode the requested mode as sent ("cached", "force", "smart:300"); null when unparseable
 * @param status ok, coalesced, throttled, denied, invalid or failed
 * @param reason why, for anything but ok; null for ok
 * @param dataSource where the data came from, when data was served
 * @param upstreamCalls HTTP calls to the car cloud this command caused
 * @param durationMs from receipt to outcome
 */
public record CommandOutcome(String vehicleId, String id, String command, String mode, Status status, String reason,
                             DataSource dataSource, int upstreamCalls, long durationMs) {

  /** The six outcomes a command can have. */
  public enum Status {
    OK, COALESCED, THROTTLED, DENIED, INVALID, FAILED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Status fromWire(String name) {
      return valueOf(name.toUpperCase(Locale.ROOT));
    }
  }
}
