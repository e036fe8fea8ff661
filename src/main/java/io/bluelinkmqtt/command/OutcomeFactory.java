package io.bluelinkmqtt.command;

import io.bluelinkmqtt.api.ReadWindow;
import io.bluelinkmqtt.api.WakePolicy;
import io.bluelinkmqtt.bus.Failure;
import io.bluelinkmqtt.bus.Replies;
import io.bluelinkmqtt.domain.ActionCommand;
import io.bluelinkmqtt.domain.ActionResult;
import io.bluelinkmqtt.domain.CommandName;
import io.bluelinkmqtt.domain.CommandOutcome;
import io.bluelinkmqtt.domain.CommandOutcome.Status;
import io.bluelinkmqtt.domain.RefreshResult;
import io.bluelinkmqtt.domain.Served;
import java.time.Clock;

/**
 * Builds the one {@link CommandOutcome} each command gets, with its duration from the injected clock.
 *
 * <p>Mapping of a refresh reply: {@code deniedBy == "min_interval"} → {@code throttled},
 * {@code "read_window"} → {@code ok} with that reason (served from the car's recent read), any other
 * {@code deniedBy} → {@code denied} (reason = the rule name, data_source as served), else {@code ok}.
 * A failed refresh → {@code failed} with {@link io.bluelinkmqtt.bus.Failure#reason()} as reason.
 * Commands that joined another one's refresh in the car's lane get {@code coalesced} when that refresh was ok,
 * and the same status and reason as the first command otherwise; they caused no upstream call of their own.
 */
public final class OutcomeFactory {

  /** The {@code command} of a rejection whose topic named no command we serve (as the refresh-only bridge said). */
  static final String UNNAMED_COMMAND = CommandName.REFRESH.wireName();
  public static final String REASON_BUSY = CommandOutcome.REASON_BUSY;
  public static final String REASON_SHUTDOWN = CommandOutcome.REASON_SHUTDOWN;
  public static final String REASON_NOT_READY = CommandOutcome.REASON_NOT_READY;
  public static final String REASON_MALFORMED = "malformed bus message";

  private final Clock clock;

  public OutcomeFactory(Clock clock) {
    this.clock = clock;
  }

  public CommandOutcome rejected(CommandRejected rejected, String id, long startedAtMillis) {
    String command = rejected.command() == null ? UNNAMED_COMMAND : rejected.command().wireName();
    return new CommandOutcome(rejected.vehicleId(), id, command, rejected.modeText(), Status.INVALID,
        rejected.reason(), null, 0, elapsed(startedAtMillis));
  }

  /** A command that never reached the API: busy, shutdown or not ready. */
  public CommandOutcome failed(PendingCommand c, String reason) {
    return outcome(c, Status.FAILED, reason, null, 0);
  }

  /**
   * The outcome of {@code c} given how its car's lane served it: the leader gets the result and its calls, a
   * joiner {@code coalesced} (or the leader's status when that was not ok) and no calls.
   */
  public CommandOutcome fromResult(PendingCommand c, Served<?> served) {
    if (served.result() instanceof ActionResult action) {
      return fromAction(c, action, served);
    }
    RefreshResult result = (RefreshResult) served.result();
    Status status = Status.OK;
    String reason = null;
    if (result.deniedBy() != null) {
      status = WakePolicy.MIN_INTERVAL.equals(result.deniedBy()) ? Status.THROTTLED
          : ReadWindow.REASON.equals(result.deniedBy()) ? Status.OK : Status.DENIED;
      reason = result.deniedBy();
    }
    if (!served.joined()) {
      return outcome(c, status, reason, result, result.upstreamCalls());
    }
    return status == Status.OK ? outcome(c, Status.COALESCED, "joined " + served.leaderCommandId(), result, 0)
        : outcome(c, status, reason, result, 0);
  }

  /**
   * An action's final outcome: its status as the API decided; a joiner gets the same status, no calls of its own
   * and, when ok, the leader's id as reason.
   */
  private CommandOutcome fromAction(PendingCommand c, ActionResult result, Served<?> served) {
    String reason = served.joined() && result.status() == Status.OK ? "joined " + served.leaderCommandId()
        : result.reason();
    return new CommandOutcome(c.command().vehicleId(), c.id(), c.command().command().name().wireName(),
        c.command().modeText(), result.status(), reason, null, served.joined() ? 0 : result.upstreamCalls(),
        elapsed(c.startedAtMillis()), true, result.actionId());
  }

  /** An action's one progress message: the cloud accepted it; the final outcome follows. */
  public CommandOutcome accepted(PendingCommand c, String actionId) {
    return new CommandOutcome(c.command().vehicleId(), c.id(), c.command().command().name().wireName(),
        c.command().modeText(), Status.ACCEPTED, null, null, 0, elapsed(c.startedAtMillis()), false, actionId);
  }

  /** An action refused before it reached the API (its {@code "ts"} is too old): {@code denied}, 0 calls. */
  public CommandOutcome denied(PendingCommand c, String reason) {
    return outcome(c, Status.DENIED, reason, null, 0);
  }

  /**
   * The outcome of {@code c} when its operation failed; joiners share the error. An action the car's lane did not
   * finish in time is a {@code timeout}.
   */
  public CommandOutcome fromFailure(PendingCommand c, Throwable cause) {
    Failure failure = Replies.toBridgeException(cause).failure();
    Status status = failure == Failure.UPSTREAM_TIMEOUT && c.command().command() instanceof ActionCommand
        ? Status.TIMEOUT : Status.FAILED;
    return outcome(c, status, failure.reason(), null, 0);
  }

  private CommandOutcome outcome(PendingCommand c, Status status, String reason, RefreshResult result, int calls) {
    return new CommandOutcome(c.command().vehicleId(), c.id(), c.command().command().name().wireName(),
        c.command().modeText(), status, reason,
        result == null ? null : result.dataSource(), calls, elapsed(c.startedAtMillis()));
  }

  private long elapsed(long startedAtMillis) {
    return Math.max(0, clock.millis() - startedAtMillis);
  }
}
