package io.bluelinkmqtt.command;

import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.codec.CommandOutcomeJson;
import io.bluelinkmqtt.domain.CommandOutcome;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Collects every {@code bluelink.command.completed} body and tells when n of them have arrived. */
final class OutcomeCollector {

  private final List<CommandOutcome> outcomes = new ArrayList<>();
  private final List<JsonObject> bodies = new ArrayList<>();
  private int awaited = Integer.MAX_VALUE;
  private Promise<List<CommandOutcome>> waiter;

  Future<Void> register(Vertx vertx) {
    return vertx.eventBus().<JsonObject>consumer(Addresses.COMMAND_COMPLETED, msg -> add(msg.body())).completion();
  }

  private synchronized void add(JsonObject body) {
    bodies.add(body);
    outcomes.add(CommandOutcomeJson.fromJson(body));
    if (waiter != null && outcomes.size() >= awaited) {
      waiter.tryComplete(List.copyOf(outcomes));
    }
  }

  /** Completes once at least {@code n} outcomes have arrived, with all of them so far. */
  synchronized Future<List<CommandOutcome>> await(int n) {
    awaited = n;
    waiter = Promise.promise();
    if (outcomes.size() >= n) {
      waiter.tryComplete(List.copyOf(outcomes));
    }
    return waiter.future();
  }

  synchronized int count() {
    return outcomes.size();
  }

  synchronized List<JsonObject> bodies() {
    return List.copyOf(bodies);
  }
}
