package io.bluelinkmqtt.command;

import io.bluelinkmqtt.domain.CommandOutcome;
import io.bluelinkmqtt.domain.Served;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The commands sent to the API and not answered yet. Queueing, joining and the bulkhead are the API's, in the
 * car's lane; this class only makes sure each command gets exactly one outcome, also when the bridge stops:
 * once closed, new commands are answered "shutdown", and {@link #drain} answers whatever is left "shutdown"
 * when the grace time ends (a late reply then adds nothing). A command identical to one already sent and not
 * answered (same coalescing key) sends no request of its own: it rides on that one and is answered as a joiner,
 * so a flood of identical commands costs one bus request and a few dozen bytes per command, not a pending
 * request each. Not thread-safe: the verticle's event loop only.
 */
final class CommandsInFlight {

  private final Function<PendingCommand, Future<Served<?>>> route;
  private final OutcomeFactory outcomes;
  private final Consumer<CommandOutcome> sink;
  private final Map<Long, Sent> waiting = new LinkedHashMap<>();
  private final Map<Object, Sent> byKey = new HashMap<>();
  private long sequence;
  private boolean closed;
  private Runnable idleHandler = () -> { };

  CommandsInFlight(Function<PendingCommand, Future<Served<?>>> route, OutcomeFactory outcomes,
                   Consumer<CommandOutcome> sink) {
    this.route = route;
    this.outcomes = outcomes;
    this.sink = sink;
  }

  /** Sends a command; its outcome goes to the sink exactly once, when the API answers (or at shutdown). */
  void submit(PendingCommand command) {
    if (closed) {
      sink.accept(outcomes.failed(command, OutcomeFactory.REASON_SHUTDOWN));
      return;
    }
    Object coalescingKey = command.command().command().coalescingKey();
    Sent same = byKey.get(coalescingKey);
    if (same != null) {
      same.riders.add(command.id(), command.startedAtMillis());
      if (same.actionId != null) {
        sink.accept(outcomes.accepted(command, same.actionId)); // joined an action the cloud already took
      }
      return;
    }
    long key = ++sequence;
    Sent sent = new Sent(command);
    waiting.put(key, sent);
    byKey.put(coalescingKey, sent);
    Future<Served<?>> reply;
    try {
      reply = route.apply(command);
    } catch (RuntimeException e) {
      reply = Future.failedFuture(e);
    }
    reply.onComplete(ar -> {
      if (waiting.remove(key) == null) {
        return; // answered "shutdown" already
      }
      byKey.remove(coalescingKey, sent);
      sink.accept(ar.succeeded() ? outcomes.fromResult(command, ar.result()) : outcomes.fromFailure(command, ar.cause()));
      sent.riders.forEach((id, startedAt) -> {
        PendingCommand rider = new PendingCommand(command.command(), id, startedAt);
        sink.accept(ar.succeeded() ? outcomes.fromResult(rider, asJoiner(ar.result(), command.id()))
            : outcomes.fromFailure(rider, ar.cause()));
      });
      if (waiting.isEmpty()) {
        idleHandler.run();
      }
    });
  }

  /** What a rider gets: the leader's result, as one who joined the leader's operation. */
  private static Served<?> asJoiner(Served<?> leaders, String leaderId) {
    return leaders.joined() ? leaders : new Served<>(leaders.result(), true, leaderId);
  }

  /**
   * The cloud accepted the action the command {@code leaderId} sent for the car: its one progress message, and one
   * for each command riding on it. Ignored when no such command waits (answered already).
   */
  void accepted(String vehicleId, String leaderId, String actionId) {
    for (Sent sent : waiting.values()) {
      if (sent.actionId == null && sent.leader.id().equals(leaderId)
          && sent.leader.command().vehicleId().equals(vehicleId)) {
        sent.actionId = actionId;
        sink.accept(outcomes.accepted(sent.leader, actionId));
        sent.riders.forEach((id, startedAt) -> sink.accept(outcomes.accepted(
            new PendingCommand(sent.leader.command(), id, startedAt), actionId)));
        return;
      }
    }
  }

  /** Commands not answered yet (requests sent and the commands riding on them); 0 when idle. */
  int size() {
    return waiting.values().stream().mapToInt(sent -> 1 + sent.riders.size()).sum();
  }

  /**
   * Shutdown: takes nothing new (answered "shutdown"), runs {@code closeLanes} so the API starts nothing that
   * still waits, waits up to {@code graceMs} for the answers, then answers the rest "shutdown"; completes when
   * every command has its outcome.
   */
  Future<Void> drain(Vertx vertx, long graceMs, Runnable closeLanes) {
    closed = true;
    Promise<Void> drained = Promise.promise();
    idleHandler = drained::tryComplete;
    long graceTimer = vertx.setTimer(graceMs, t -> {
      abort();
      drained.tryComplete();
    });
    closeLanes.run();
    if (waiting.isEmpty()) {
      drained.tryComplete();
    }
    return drained.future().andThen(ar -> vertx.cancelTimer(graceTimer));
  }

  private void abort() {
    waiting.values().forEach(sent -> {
      sink.accept(outcomes.failed(sent.leader, OutcomeFactory.REASON_SHUTDOWN));
      sent.riders.forEach((id, startedAt) -> sink.accept(outcomes.failed(
          new PendingCommand(sent.leader.command(), id, startedAt), OutcomeFactory.REASON_SHUTDOWN)));
    });
    waiting.clear();
    byKey.clear();
  }

  /** One request to the API: the command that caused it and the identical ones riding on it. */
  private static final class Sent {
    private final PendingCommand leader;
    private final Joiners riders = new Joiners();
    /** The cloud's id of the action, once it accepted it. */
    private String actionId;

    Sent(PendingCommand leader) {
      this.leader = leader;
    }
  }
}
