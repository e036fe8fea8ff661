package io.bluelinkmqtt.command;

import io.bluelinkmqtt.codec.InboundCommandJson;
import io.bluelinkmqtt.codec.InboundCommandJson.InboundCommand;
import io.bluelinkmqtt.domain.ActionCommand;
import io.bluelinkmqtt.domain.CommandOutcome;
import io.bluelinkmqtt.domain.RefreshMode;
import io.bluelinkmqtt.domain.RefreshRequest;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;

/**
 * One raw command from the bus: decoded, parsed and validated, then either sent to the API (its car's lane)
 * or answered at once with its rejection. Commands without a correlation id get {@code auto-<n>}.
 * While the vehicle list is not loaded, a well-formed command is answered {@code failed} with
 * {@link OutcomeFactory#REASON_NOT_READY} (or {@code shutdown} once {@link #close()}d), keeping its
 * id, mode and vehicle topic. It also sends the bridge's own start-up refreshes ({@link #refreshAtStartup}).
 */
final class CommandIntake {

  /** An action older than this (by its {@code "ts"}) is refused {@code expired}: an old unlock is no unlock. */
  static final long MAX_ACTION_AGE_MS = 60_000;
  /** The id of the outcomes of the start-up refreshes. */
  static final String INITIAL_REFRESH_ID = RefreshRequest.STARTUP_ID;

  private final CommandParser parser;
  private final KnownVehicles known;
  private final OutcomeFactory outcomes;
  private final CommandsInFlight inFlight;
  private final Consumer<CommandOutcome> publish;
  private String notLoadedReason = OutcomeFactory.REASON_NOT_READY;
  private boolean closed;
  private long sequence;

  CommandIntake(CommandParser parser, KnownVehicles known, OutcomeFactory outcomes, CommandsInFlight inFlight,
                Consumer<CommandOutcome> publish) {
    this.parser = parser;
    this.known = known;
    this.outcomes = outcomes;
    this.inFlight = inFlight;
    this.publish = publish;
  }

  /** The bridge is stopping: commands it cannot serve are answered "shutdown" from now on. */
  void close() {
    closed = true;
    notLoadedReason = OutcomeFactory.REASON_SHUTDOWN;
  }

  /** While the login waits for the owner's one-time code, commands without a list say so ({@code login_pending}). */
  void loginPending(boolean pending) {
    if (!closed) {
      notLoadedReason = pending ? CommandOutcome.REASON_LOGIN_PENDING : OutcomeFactory.REASON_NOT_READY;
    }
  }

  /** The bridge's own cached refresh of one car when the vehicle list first arrives. */
  void refreshAtStartup(String vehicleId, long nowMillis) {
    ParsedCommand cached = new ParsedCommand(vehicleId, RefreshMode.CACHED, 0, false, null);
    inFlight.submit(new PendingCommand(cached, INITIAL_REFRESH_ID, nowMillis));
  }

  void handle(JsonObject body, long receivedAtMillis) {
    InboundCommand inbound;
    try {
      inbound = InboundCommandJson.fromJson(body);
    } catch (RuntimeException e) {
      publish.accept(outcomes.rejected(new CommandRejected(null, OutcomeFactory.REASON_MALFORMED, null, null),
          nextId(), receivedAtMillis));
      return;
    }
    if (!known.listLoaded()) {
      refuseUnlisted(inbound, receivedAtMillis);
      return;
    }
    ParseResult parsed = parser.parse(inbound.topic(), inbound.payload(), known.ids());
    String id = idOf(parsed);
    if (parsed instanceof ParsedCommand command) {
      PendingCommand pending = new PendingCommand(command, id, receivedAtMillis);
      if (expired(command, receivedAtMillis)) {
        publish.accept(outcomes.denied(pending, CommandOutcome.REASON_EXPIRED));
      } else {
        inFlight.submit(pending);
      }
    } else if (parsed instanceof CommandRejected rejected) {
      publish.accept(outcomes.rejected(rejected, id, receivedAtMillis));
    }
  }

  /** Without a vehicle list nothing can be served: a valid command is refused on its own topic, a bad one invalid. */
  private void refuseUnlisted(InboundCommand inbound, long receivedAtMillis) {
    ParseResult parsed = parser.parseAssumingKnownVehicle(inbound.topic(), inbound.payload());
    String id = idOf(parsed);
    if (parsed instanceof ParsedCommand command) {
      publish.accept(outcomes.failed(new PendingCommand(command, id, receivedAtMillis), notLoadedReason));
    } else if (parsed instanceof CommandRejected rejected) {
      publish.accept(outcomes.rejected(rejected, id, receivedAtMillis));
    }
  }

  /** An action whose sender's {@code "ts"} lies more than {@link #MAX_ACTION_AGE_MS} before its arrival. */
  private static boolean expired(ParsedCommand command, long receivedAtMillis) {
    return command.command() instanceof ActionCommand && command.sentAtMillis() != null
        && receivedAtMillis - command.sentAtMillis() > MAX_ACTION_AGE_MS;
  }

  private String idOf(ParseResult parsed) {
    return parsed.correlationId() != null ? parsed.correlationId() : nextId();
  }

  private String nextId() {
    return "auto-" + (++sequence);
  }
}
