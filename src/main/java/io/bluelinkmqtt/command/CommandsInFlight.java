package io.bluelinkmqtt.command;

import io.bluelinkmqtt.domain.CommandOutcome;
import io.bluelinkmqtt.domain.RefreshResult;
import io.bluelinkmqtt.domain.Served;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The commands sent to the API and not answered yet. Queueing, joining and the bulkhead are the API's, in the
 * car's lane; this class only makes sure each command gets exactly one outcome, also when the bridge stops:
 * once closed, new commands are answered "shutdown", and {@link #drain} answers whatever is left "shutdown"
 * when the grace time ends (a late reply then adds nothing). Not thread-safe: the verticle's event loop only.
 */
final class CommandsInFlight {

  private final Function<PendingCommand, Future<Served<RefreshResult>>> route;
  private final OutcomeFactory outcomes;
  private final Consumer<CommandOutcome> sink;
  private final Map<Long, PendingCommand> waiting = new LinkedHashMap<>();
  private long sequence;
  private boolean closed;
  private Runnable idleHandler = () -> { };

  CommandsInFlight(Function<PendingCommand, Future<Served<RefreshResult>>> route, OutcomeFactory outcomes,
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
    long key = ++sequence;
    waiting.put(key, command);
    Future<Served<RefreshResult>> reply;
    try {
      reply = route.apply(command);
    } catch (RuntimeException e) {
      reply = Future.failedFuture(e);
    }
    reply.onComplete(ar -> {
      if (waiting.remove(key) == null) {
        return; // answered "shutdown" already
      }
      sink.accept(ar.succeeded() ? outcomes.fromResult(command, ar.result()) : outcomes.fromFailure(command, ar.cause()));
      if (waiting.isEmpty()) {
        idleHandler.run();
      }
    });
  }

  /** Commands sent and not answered; 0 when idle. */
  int size() {
    return waiting.size();
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
    waiting.values().forEach(command -> sink.accept(outcomes.failed(command, OutcomeFactory.REASON_SHUTDOWN)));
    waiting.clear();
  }
}
