package io.bluelinkmqtt.command;

import io.bluelinkmqtt.codec.InboundCommandJson;
import io.bluelinkmqtt.codec.InboundCommandJson.InboundCommand;
import io.bluelinkmqtt.domain.CommandOutcome;
import io.vertx.core.json.JsonObject;
import java.util.function.Consumer;

/**
 * One raw command from the bus: decoded, parsed and validated, then either queued for its vehicle
 * or answered at once with its rejection. Commands without a correlation id get {@code auto-<n>}.
 */
final class CommandIntake {

  private final CommandParser parser;
  private final KnownVehicles known;
  private final OutcomeFactory outcomes;
  private final VehicleQueues queues;
  private final Consumer<CommandOutcome> publish;
  private long sequence;

  CommandIntake(CommandParser parser, KnownVehicles known, OutcomeFactory outcomes, VehicleQueues queues,
                Consumer<CommandOutcome> publish) {
    this.parser = parser;
    this.known = known;
    this.outcomes = outcomes;
    this.queues = queues;
    this.publish = publish;
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
    ParseResult parsed = parser.parse(inbound.topic(), inbound.payload(), known.ids());
    String id = parsed.correlationId() != null ? parsed.correlationId() : nextId();
    if (parsed instanceof ParsedCommand command) {
      queues.submit(new PendingCommand(command, id, receivedAtMillis));
    } else if (parsed instanceof CommandRejected rejected) {
      // before the vehicle list arrived every vehicle is unknown: say so instead of "unknown vehicle"
      boolean notReady = !known.listLoaded() && CommandParser.Reasons.UNKNOWN_VEHICLE.equals(rejected.reason());
      publish.accept(notReady ? outcomes.failedUnattributed(id, OutcomeFactory.REASON_NOT_READY, receivedAtMillis)
          : outcomes.rejected(rejected, id, receivedAtMillis));
    }
  }

  private String nextId() {
    return "auto-" + (++sequence);
  }
}
