package io.bluelinkmqtt.testsupport;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Plays a verticle on the event bus: records every JSON body sent or published to one address and
 * lets a test wait for a matching one with a future.
 */
public final class BusRecorder {

  private record Waiter(Predicate<JsonObject> predicate, Promise<JsonObject> promise) {
  }

  private final List<JsonObject> bodies = new CopyOnWriteArrayList<>();
  private final List<Waiter> waiters = new CopyOnWriteArrayList<>();
  private final MessageConsumer<JsonObject> consumer;

  private BusRecorder(Vertx vertx, String address) {
    consumer = vertx.eventBus().localConsumer(address, m -> record(m.body()));
  }

  /** Registers the consumer; completes once it is registered. */
  public static Future<BusRecorder> start(Vertx vertx, String address) {
    BusRecorder recorder = new BusRecorder(vertx, address);
    return recorder.consumer.completion().map(recorder);
  }

  private void record(JsonObject body) {
    bodies.add(body);
    for (Waiter w : waiters) {
      if (w.predicate.test(body) && w.promise.tryComplete(body)) {
        waiters.remove(w);
      }
    }
  }

  /** The first body (recorded or still to come) matching {@code predicate}. */
  public Future<JsonObject> await(Predicate<JsonObject> predicate) {
    for (JsonObject b : bodies) {
      if (predicate.test(b)) {
        return Future.succeededFuture(b);
      }
    }
    return next(predicate);
  }

  /** The next body from now on matching {@code predicate}. */
  public Future<JsonObject> next(Predicate<JsonObject> predicate) {
    Promise<JsonObject> promise = Promise.promise();
    waiters.add(new Waiter(predicate, promise));
    return promise.future();
  }

  public List<JsonObject> bodies() {
    return List.copyOf(bodies);
  }

  public int count() {
    return bodies.size();
  }

  public void clear() {
    bodies.clear();
  }

  public Future<Void> close() {
    return consumer.unregister();
  }
}
