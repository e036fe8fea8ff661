package io.bluelinkmqtt.api;

import io.bluelinkmqtt.config.AppConfig.ActionSettings;
import io.bluelinkmqtt.domain.ActionCommand;
import io.bluelinkmqtt.domain.CommandOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What may refuse an action before any call: no PIN configured ({@code pin_required}), {@code actions.allowed}
 * ({@code not_allowed}), an action the car said it cannot do ({@code unsupported}, remembered per car until the
 * bridge restarts), and the hour after the cloud refused the PIN ({@code wrong_pin}: the cloud locks PIN entry
 * after 5 failures, so a wrong PIN is never tried again on its own; the PIN setting changes only with a restart,
 * which forgets the lockout). Confined to one event loop.
 */
final class ActionPolicy {

  /** How long a refused PIN keeps every action refused locally. */
  static final Duration WRONG_PIN_LOCKOUT = Duration.ofHours(1);

  /** A refusal: the outcome's status and reason. */
  record Refusal(CommandOutcome.Status status, String reason) {
  }

  private final boolean pinConfigured;
  private final Set<String> allowed;
  private final Clock clock;
  private final Set<String> unsupported = new HashSet<>();
  private Instant wrongPinUntil;

  ActionPolicy(boolean pinConfigured, ActionSettings settings, Clock clock) {
    this.pinConfigured = pinConfigured;
    this.allowed = settings.allowed();
    this.clock = clock;
  }

  Optional<Refusal> check(ActionCommand action) {
    if (!pinConfigured) {
      return refuse(CommandOutcome.Status.DENIED, CommandOutcome.REASON_PIN_REQUIRED);
    }
    if (!allowed.contains(action.policyName())) {
      return refuse(CommandOutcome.Status.DENIED, CommandOutcome.REASON_NOT_ALLOWED);
    }
    if (unsupported.contains(key(action))) {
      return refuse(CommandOutcome.Status.UNSUPPORTED, CommandOutcome.REASON_UNSUPPORTED);
    }
    if (wrongPinUntil != null && clock.instant().isBefore(wrongPinUntil)) {
      return refuse(CommandOutcome.Status.DENIED, CommandOutcome.REASON_WRONG_PIN);
    }
    return Optional.empty();
  }

  /** The cloud answered 4005 for this action of this car. */
  void unsupported(ActionCommand action) {
    unsupported.add(key(action));
  }

  /** The cloud refused the PIN. */
  void wrongPin() {
    wrongPinUntil = clock.instant().plus(WRONG_PIN_LOCKOUT);
  }

  private static String key(ActionCommand action) {
    return action.vehicleId() + "/" + action.name().wireName() + "/" + action.action();
  }

  private static Optional<Refusal> refuse(CommandOutcome.Status status, String reason) {
    return Optional.of(new Refusal(status, reason));
  }
}
