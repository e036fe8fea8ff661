package io.bluelinkmqtt.domain;

import java.util.Locale;
import java.util.Set;

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

  /** A {@code failed} command the bridge could not take now: too many distinct refreshes waiting. */
  public static final String REASON_BUSY = "busy";
  /** A {@code failed} command the bridge did not start or finish because it is stopping. */
  public static final String REASON_SHUTDOWN = "shutdown";
  /** A {@code failed} command that arrived while the account's vehicle list could not be loaded. */
  public static final String REASON_NOT_READY = "vehicle list not loaded yet";
  private static final Set<String> BRIDGE_REFUSALS = Set.of(REASON_BUSY, REASON_SHUTDOWN, REASON_NOT_READY);

  /** True when the bridge itself refused the command: it says nothing about the car (no {@code status/error}). */
  public boolean bridgeRefusal() {
    return status == Status.FAILED && BRIDGE_REFUSALS.contains(reason);
  }

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
