package io.bluelinkmqtt.command;

import io.bluelinkmqtt.domain.CommandOutcome;
import io.bluelinkmqtt.domain.RefreshCommand;
import io.bluelinkmqtt.domain.RefreshRequest;
import io.bluelinkmqtt.domain.RefreshResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One lane per vehicle: at most one refresh in flight, and a bounded queue of distinct refreshes
 * waiting behind it. A command identical to one in flight or waiting ({@link io.bluelinkmqtt.domain.VehicleCommand#coalescingKey()}) joins it
 * and shares its result, so N identical commands cost one refresh; joining is never refused (a
 * joiner costs only its id and start time, see {@link Joiners}). A full queue answers a distinct
 * command {@code failed "busy"}; nothing is dropped silently. Lanes are removed when idle, so the map holds
 * only vehicles with work. Not thread-safe: used from the verticle's event loop only.
 */
public final class VehicleQueues {

  private final int capacity;
  private final Function<RefreshRequest, Future<RefreshResult>> refresher;
  private final OutcomeFactory outcomes;
  private final Consumer<CommandOutcome> sink;
  private final Map<String, Lane> lanes = new HashMap<>();
  private boolean closed;
  private Runnable idleHandler = () -> { };

  public VehicleQueues(int capacity, Function<RefreshRequest, Future<RefreshResult>> refresher,
                       OutcomeFactory outcomes, Consumer<CommandOutcome> sink) {
    this.capacity = capacity;
    this.refresher = refresher;
    this.outcomes = outcomes;
    this.sink = sink;
  }

  /** Takes a command; its outcome goes to the sink exactly once, now or when its refresh ends. */
  public void submit(PendingCommand command) {
    if (closed) {
      sink.accept(outcomes.failed(command, OutcomeFactory.REASON_SHUTDOWN));
      return;
    }
    String vehicle = command.command().vehicleId();
    Lane lane = lanes.computeIfAbsent(vehicle, v -> new Lane());
    Job same = lane.find(command.command().command().coalescingKey());
    if (same != null) {
      same.joiners.add(command.id(), command.startedAtMillis());
    } else if (lane.waiting.size() >= capacity) {
      sink.accept(outcomes.failed(command, OutcomeFactory.REASON_BUSY));
    } else {
      lane.waiting.add(new Job(command));
      if (lane.inFlight == null) {
        startNext(vehicle, lane);
      }
    }
  }

  /** Refreshes in flight or waiting, over all vehicles; 0 when idle (the coalescing map is empty). */
  public int pendingRefreshes() {
    return lanes.values().stream().mapToInt(l -> l.waiting.size() + (l.inFlight == null ? 0 : 1)).sum();
  }

  /** Vehicles with work; 0 when idle. */
  public int activeVehicles() {
    return lanes.size();
  }

  /** Runs {@code handler} whenever the last lane goes idle. */
  public void onIdle(Runnable handler) {
    this.idleHandler = handler;
  }

  /** Stops taking commands; waiting ones are answered "shutdown", refreshes in flight may finish. */
  public void close() {
    closed = true;
    lanes.values().forEach(lane -> {
      lane.waiting.forEach(job -> answer(job, OutcomeFactory.REASON_SHUTDOWN));
      lane.waiting.clear();
    });
    lanes.values().removeIf(lane -> lane.inFlight == null);
  }

  /**
   * Shutdown: takes nothing new, waits up to {@code graceMs} for the refreshes in flight, then
   * answers whatever is left "shutdown"; completes when every command has its outcome.
   */
  public Future<Void> drain(Vertx vertx, long graceMs) {
    Promise<Void> drained = Promise.promise();
    onIdle(drained::tryComplete);
    long graceTimer = vertx.setTimer(graceMs, t -> {
      abortInFlight();
      drained.tryComplete();
    });
    close();
    if (activeVehicles() == 0) {
      drained.tryComplete();
    }
    return drained.future().andThen(ar -> vertx.cancelTimer(graceTimer));
  }

  /** Answers every refresh still in flight "shutdown"; their late replies are ignored. */
  public void abortInFlight() {
    lanes.values().forEach(lane -> {
      lane.waiting.forEach(job -> answer(job, OutcomeFactory.REASON_SHUTDOWN));
      if (lane.inFlight != null) {
        answer(lane.inFlight, OutcomeFactory.REASON_SHUTDOWN);
      }
    });
    lanes.clear();
  }

  private void startNext(String vehicle, Lane lane) {
    Job job = lane.waiting.poll();
    lane.inFlight = job;
    if (job == null) {
      lanes.remove(vehicle);
      if (lanes.isEmpty()) {
        idleHandler.run();
      }
      return;
    }
    Future<RefreshResult> refresh;
    try {
      refresh = refresher.apply(RefreshRequest.of((RefreshCommand) job.leader.command().command(), job.leader.id()));
    } catch (RuntimeException e) {
      refresh = Future.failedFuture(e);
    }
    refresh.onComplete(ar -> {
      if (job.done) {
        return;
      }
      job.done = true;
      job.forEachMember(member -> sink.accept(ar.succeeded() ? outcomes.fromResult(member, job.leader, ar.result())
          : outcomes.fromFailure(member, job.leader, ar.cause())));
      if (lanes.get(vehicle) == lane) {
        startNext(vehicle, lane);
      }
    });
  }

  private void answer(Job job, String reason) {
    if (!job.done) {
      job.done = true;
      job.forEachMember(member -> sink.accept(outcomes.failed(member, reason)));
    }
  }

  /** One vehicle's work. */
  private static final class Lane {
    private Job inFlight;
    private final Deque<Job> waiting = new ArrayDeque<>();

    Job find(Object key) {
      if (inFlight != null && inFlight.key.equals(key)) {
        return inFlight;
      }
      return waiting.stream().filter(job -> job.key.equals(key)).findFirst().orElse(null);
    }
  }

  /** One refresh and the commands it answers: the leader, which caused it, and those that joined it. */
  private static final class Job {
    private final Object key;
    private final PendingCommand leader;
    private final Joiners joiners = new Joiners();
    private boolean done;

    Job(PendingCommand leader) {
      this.key = leader.command().command().coalescingKey();
      this.leader = leader;
    }

    /** The leader first, then each joiner as a command of its own (built only now, for its outcome). */
    void forEachMember(Consumer<PendingCommand> each) {
      each.accept(leader);
      joiners.forEach((id, startedAt) -> each.accept(new PendingCommand(leader.command(), id, startedAt)));
    }
  }
}
