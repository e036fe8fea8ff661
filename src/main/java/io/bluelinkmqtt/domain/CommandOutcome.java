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
 * @param status ok, coalesced, throttled, denied, invalid or failed; for actions also accepted (progress),
 *     timeout, unsupported, busy
 * @param reason why, for anything but ok; null for ok
 * @param dataSource where the data came from, when data was served
 * @param upstreamCalls HTTP calls to the car cloud this command caused
 * @param durationMs from receipt to outcome
 * @param finalOutcome false only for an action's one progress message ({@code accepted}); every command gets
 *     exactly one outcome with {@code final: true}
 * @param actionId the cloud's id of an accepted action; null otherwise
 */
public record CommandOutcome(String vehicleId, String id, String command, String mode, Status status, String reason,
                             DataSource dataSource, int upstreamCalls, long durationMs, boolean finalOutcome,
                             String actionId) {

  /** A final outcome without an action id: every refresh outcome, every refusal. */
  public CommandOutcome(String vehicleId, String id, String command, String mode, Status status, String reason,
                        DataSource dataSource, int upstreamCalls, long durationMs) {
    this(vehicleId, id, command, mode, status, reason, dataSource, upstreamCalls, durationMs, true, null);
  }

  /** A {@code denied} action: no PIN configured. */
  public static final String REASON_PIN_REQUIRED = "pin_required";
  /** A {@code denied} action: {@code actions.allowed} does not list it. */
  public static final String REASON_NOT_ALLOWED = "not_allowed";
  /** A {@code denied} action: its {@code "ts"} is older than the bridge accepts. */
  public static final String REASON_EXPIRED = "expired";
  /** A {@code failed} action (the cloud refused the PIN), or a {@code denied} one during the lockout after it. */
  public static final String REASON_WRONG_PIN = "wrong_pin";
  /** A {@code failed} action: the car reported it could not do it. */
  public static final String REASON_CAR_REFUSED = "car_refused";
  /** A {@code timeout} action: the car never answered the cloud ({@code non-response}). */
  public static final String REASON_NON_RESPONSE = "non_response";
  /** A {@code timeout} action: no final state before {@code api.actionDeadlineMs}. */
  public static final String REASON_DEADLINE = "deadline";
  /** A {@code busy} action: the cloud still has another action of this car pending (4004); not resent. */
  public static final String REASON_DUPLICATE = "duplicate_request";
  /** An {@code unsupported} action: the cloud said the car cannot do it (4005), or it said so before. */
  public static final String REASON_UNSUPPORTED = "unsupported_by_car";

  /** A {@code failed} command the bridge could not take now: too many distinct refreshes waiting. */
  public static final String REASON_BUSY = "busy";
  /** A {@code failed} command the bridge did not start or finish because it is stopping. */
  public static final String REASON_SHUTDOWN = "shutdown";
  /** A {@code failed} command that arrived while the account's vehicle list could not be loaded. */
  public static final String REASON_NOT_READY = "vehicle list not loaded yet";
  /**
   * A {@code failed} command: the cloud asks for a one-time code and the owner has not given it yet
   * ({@code bridge/otp}); no login is attempted meanwhile.
   */
  public static final String REASON_LOGIN_PENDING = "login_pending";
  private static final Set<String> BRIDGE_REFUSALS = Set.of(REASON_BUSY, REASON_SHUTDOWN, REASON_NOT_READY,
      REASON_LOGIN_PENDING);

  /** True when the bridge itself refused the command: it says nothing about the car (no {@code status/error}). */
  public boolean bridgeRefusal() {
    return status == Status.FAILED && BRIDGE_REFUSALS.contains(reason);
  }

  /** The outcomes a command can have; {@code accepted} is the only one that is not final. */
  public enum Status {
    OK, COALESCED, THROTTLED, DENIED, INVALID, FAILED, ACCEPTED, TIMEOUT, UNSUPPORTED, BUSY;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Status fromWire(String name) {
      return valueOf(name.toUpperCase(Locale.ROOT));
    }
  }
}
