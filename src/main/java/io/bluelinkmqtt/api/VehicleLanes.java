package io.bluelinkmqtt.api;

import io.bluelinkmqtt.bus.BridgeException;
import io.bluelinkmqtt.bus.Failure;
import io.bluelinkmqtt.domain.Served;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One lane per car, the only one: every upstream operation on a car (refreshes now, actions next) runs in it, one
 * at a time, so a car never has two operations running at once and cars never wait for each other.
 *
 * <ul>
 *   <li><b>Joining.</b> A request whose coalescing key equals that of an operation running or waiting (and not yet
 *   answered) joins it and shares its result; joining is never refused (a joiner costs one mapped future).</li>
 *   <li><b>Bulkhead.</b> At most {@code maxWaitingPerVehicle} distinct operations wait behind the running one; a
 *   further distinct one is refused {@link Failure#BUSY}.</li>
 *   <li><b>Deadlines.</b> An operation is answered {@link Failure#UPSTREAM_TIMEOUT} when it runs longer than its run
 *   deadline, and in any case {@code answerWithinMs} after it was asked for (so the bus send timeout of the asker,
 *   which is longer, never fires first). The lane still waits for the work itself before it starts the next one;
 *   an answered operation takes no joiners, and one answered while it waited is never started.</li>
 *   <li><b>Close.</b> {@link #close()} (the commands are stopping) answers waiting operations
 *   {@link Failure#SHUTDOWN} and refuses new ones; running ones finish.</li>
 * </ul>
 * Lanes are removed when idle. Confined to one event loop; deadlines need to be asked for on a Vert.x context.
 */
public final class VehicleLanes {

  private final int maxWaitingPerVehicle;
  private final long answerWithinMs;
  private final Map<String, Lane> lanes = new HashMap<>();
  private boolean closed;

  /**
   * @param maxWaitingPerVehicle distinct operations that may wait behind the running one
   * @param answerWithinMs every operation is answered within this long of its request (0: no bound)
   */
  public VehicleLanes(int maxWaitingPerVehicle, long answerWithinMs) {
    this.maxWaitingPerVehicle = maxWaitingPerVehicle;
    this.answerWithinMs = answerWithinMs;
  }

  /**
   * Runs {@code work} in the car's lane, or joins an identical operation.
   *
   * @param key the command's coalescing key: equal keys share one operation
   * @param requesterId the asking command's id, named in the joiners' answers; may be null
   * @param runDeadlineMs answered {@link Failure#UPSTREAM_TIMEOUT} this long after it started (0: no deadline)
   * @param what the operation in words, for the timeout message ("the force refresh")
   * @param work starts the operation; called once, when its turn comes
   */
  public <T> Future<Served<T>> submit(String vehicleId, Object key, String requesterId, long runDeadlineMs, String what,
                                      Supplier<Future<T>> work) {
    if (closed) {
      return Future.failedFuture(new BridgeException(Failure.SHUTDOWN, "the bridge is stopping"));
    }
    Lane lane = lanes.computeIfAbsent(vehicleId, id -> new Lane(id));
    Operation<T> same = lane.find(key);
    if (same != null) {
      return same.answer.future().map(result -> new Served<>(result, true, same.leaderId));
    }
    lane.waiting.removeIf(Operation::answered); // timed out while waiting: they hold no place
    if (lane.running != null && lane.waiting.size() >= maxWaitingPerVehicle) {
      return Future.failedFuture(new BridgeException(Failure.BUSY,
          "vehicle busy: " + maxWaitingPerVehicle + " operations already waiting"));
    }
    Operation<T> op = new Operation<>(key, requesterId, runDeadlineMs, what, work);
    Future<Served<T>> led = op.answer.future().map(Served::led);
    op.bound(answerWithinMs, what + " did not finish within " + answerWithinMs + " ms of its request");
    lane.waiting.add(op);
    if (lane.running == null) {
      lane.startNext();
    }
    return led;
  }

  /** Operations running or waiting unanswered, over all cars; 0 when idle. */
  public int pendingOperations() {
    return lanes.values().stream()
        .mapToInt(l -> (l.running == null ? 0 : 1) + (int) l.waiting.stream().filter(op -> !op.answered()).count())
        .sum();
  }

  /** Cars with work; 0 when idle. */
  public int activeVehicles() {
    return lanes.size();
  }

  /** Refuses new operations and answers the waiting ones {@link Failure#SHUTDOWN}; returns how many it answered. */
  public int close() {
    closed = true;
    int refused = 0;
    for (Lane lane : lanes.values()) {
      for (Operation<?> op : lane.waiting) {
        refused += op.answer.tryFail(new BridgeException(Failure.SHUTDOWN, "the bridge is stopping; not started"))
            ? 1 : 0;
      }
      lane.waiting.clear();
    }
    lanes.values().removeIf(lane -> lane.running == null);
    return refused;
  }

  /** One car's work: the running operation and those waiting behind it. */
  private final class Lane {
    private final String vehicleId;
    private Operation<?> running;
    private final Deque<Operation<?>> waiting = new ArrayDeque<>();

    Lane(String vehicleId) {
      this.vehicleId = vehicleId;
    }

    @SuppressWarnings("unchecked") // equal keys belong to one command type, so to one result type
    <T> Operation<T> find(Object key) {
      if (running != null && !running.answered() && running.key.equals(key)) {
        return (Operation<T>) running;
      }
      return (Operation<T>) waiting.stream().filter(op -> !op.answered() && op.key.equals(key)).findFirst()
          .orElse(null);
    }

    void startNext() {
      Operation<?> polled = waiting.poll();
      while (polled != null && polled.answered()) {
        polled = waiting.poll(); // answered while it waited: nobody wants it any more
      }
      Operation<?> next = polled;
      running = next;
      if (next == null) {
        lanes.remove(vehicleId, this);
        return;
      }
      next.start().onComplete(ar -> {
        if (running == next) {
          startNext();
        }
      });
    }
  }

  /** One operation and the promise its leader and joiners share. */
  private static final class Operation<T> {
    private final Object key;
    private final String leaderId;
    private final long runDeadlineMs;
    private final String what;
    private final Supplier<Future<T>> work;
    private final Promise<T> answer = Promise.promise();
    private Context context;

    Operation(Object key, String leaderId, long runDeadlineMs, String what, Supplier<Future<T>> work) {
      this.key = Objects.requireNonNull(key, "key");
      this.leaderId = leaderId;
      this.runDeadlineMs = runDeadlineMs;
      this.what = what;
      this.work = work;
    }

    boolean answered() {
      return answer.future().isComplete();
    }

    /** Starts the work; the returned future completes when the work itself does, whatever was answered. */
    Future<T> start() {
      Future<T> running;
      try {
        running = work.get();
      } catch (RuntimeException e) {
        running = Future.failedFuture(e);
      }
      bound(runDeadlineMs, what + " did not finish within " + runDeadlineMs + " ms");
      running.onComplete(ar -> {
        if (ar.succeeded()) {
          answer.tryComplete(ar.result());
        } else {
          answer.tryFail(ar.cause());
        }
      });
      return running;
    }

    /** Answers {@link Failure#UPSTREAM_TIMEOUT} unless answered within {@code ms}, on the asker's event loop. */
    void bound(long ms, String message) {
      if (ms <= 0 || answered()) {
        return;
      }
      if (context == null) {
        context = Objects.requireNonNull(Vertx.currentContext(), "lane deadlines are set on a Vert.x context");
      }
      Context owner = context;
      long timer = owner.owner().setTimer(ms, t -> owner.runOnContext(
          v -> answer.tryFail(new BridgeException(Failure.UPSTREAM_TIMEOUT, message))));
      answer.future().onComplete(ar -> owner.owner().cancelTimer(timer));
    }
  }
}
