package io.bluelinkmqtt.command;

import io.bluelinkmqtt.api.VehicleLanes;
import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.bus.BridgeException;
import io.bluelinkmqtt.bus.Failure;
import io.bluelinkmqtt.bus.Replies;
import io.bluelinkmqtt.codec.DrainJson;
import io.bluelinkmqtt.codec.RefreshJson;
import io.bluelinkmqtt.codec.VehicleJson;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.DataSource;
import io.bluelinkmqtt.domain.RefreshMode;
import io.bluelinkmqtt.domain.RefreshRequest;
import io.bluelinkmqtt.domain.RefreshResult;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.VehicleData;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Plays the HyundaiApiVerticle on the bus with the real car lanes ({@link VehicleLanes}) in front of a fake
 * upstream: counts the refreshes that ran upstream, answers them as the test says, or holds them. Everything
 * touching the lanes runs on the fake's own context.
 */
final class FakeApi {

  /** The requests that led a refresh upstream (joiners never get here). */
  final List<RefreshRequest> refreshRequests = new CopyOnWriteArrayList<>();
  /** Refresh requests that reached the API over the bus, joiners included. */
  final AtomicInteger received = new AtomicInteger();
  final AtomicInteger vehicleRequests = new AtomicInteger();
  final Promise<Void> vehiclesServed = Promise.promise();
  /** How many vehicle-list requests fail with 503 before one is answered. */
  volatile int failVehicleRequests;
  /** When false, refreshes are held until the test answers them. */
  volatile boolean answerAtOnce = true;
  volatile Function<RefreshRequest, RefreshResult> answer = FakeApi::fresh;
  volatile Promise<Void> firstRefresh = Promise.promise();

  private final List<String> vehicleIds;
  private final List<Held> held = new ArrayList<>();
  private final List<Waiter> waiters = new ArrayList<>();
  private VehicleLanes lanes;
  private Context context;

  private record Held(RefreshRequest request, Promise<RefreshResult> promise) {
  }

  private record Waiter(int count, Promise<Void> promise) {
  }

  FakeApi(List<String> vehicleIds) {
    this.vehicleIds = vehicleIds;
  }

  static RefreshResult fresh(RefreshRequest r) {
    return new RefreshResult(r.vehicleId(), r.mode() == RefreshMode.CACHED ? RefreshMode.CACHED : RefreshMode.FORCE,
        r.mode() == RefreshMode.CACHED ? DataSource.CACHED : DataSource.FRESH, 3, VehicleData.EMPTY, null);
  }

  static RefreshResult denied(RefreshRequest r, String rule) {
    return new RefreshResult(r.vehicleId(), RefreshMode.CACHED, DataSource.CACHED, 1, VehicleData.EMPTY, rule);
  }

  /** Registers the fake with lanes of {@code maxWaitingPerVehicle} distinct refreshes waiting per car. */
  Future<Void> register(Vertx vertx, int maxWaitingPerVehicle) {
    lanes = new VehicleLanes(maxWaitingPerVehicle, 0);
    context = vertx.getOrCreateContext();
    Promise<Void> registered = Promise.promise();
    context.runOnContext(v -> {
      var vehicles = vertx.eventBus().<JsonObject>consumer(Addresses.API_VEHICLES, msg -> {
        if (vehicleRequests.incrementAndGet() <= failVehicleRequests) {
          msg.fail(503, "logging in");
          return;
        }
        msg.reply(VehicleJson.listToJson(vehicleIds.stream()
            .map(id -> new Vehicle(id, "api-" + id, null, null, null, Brand.HYUNDAI, Vehicle.EngineType.EV))
            .toList()));
        vehiclesServed.tryComplete();
      });
      var refresh = vertx.eventBus().<JsonObject>consumer(Addresses.API_REFRESH, msg -> {
        RefreshRequest request = RefreshJson.requestFromJson(msg.body());
        Replies.respond(msg, lanes.submit(request.vehicleId(), request.command().coalescingKey(), request.commandId(),
            0, "the refresh", () -> upstream(request)).map(RefreshJson::servedToJson));
        int count = received.incrementAndGet();
        waiters.removeIf(w -> w.count() <= count && w.promise().tryComplete());
      });
      var drain = vertx.eventBus().<JsonObject>consumer(Addresses.API_DRAIN,
          msg -> msg.reply(DrainJson.reply(lanes.close())));
      Future.all(vehicles.completion(), refresh.completion(), drain.completion()).<Void>mapEmpty()
          .onComplete(registered);
    });
    return registered.future();
  }

  private Future<RefreshResult> upstream(RefreshRequest request) {
    refreshRequests.add(request);
    Future<RefreshResult> result;
    if (answerAtOnce) {
      result = Future.succeededFuture(answer.apply(request));
    } else {
      Promise<RefreshResult> promise = Promise.promise();
      held.add(new Held(request, promise));
      result = promise.future();
    }
    // last: completing it runs the test's next step at once, which may answer what is held
    firstRefresh.tryComplete();
    return result;
  }

  /** Completes once {@code count} refresh requests (joiners included) reached the API. */
  Future<Void> received(int count) {
    return onContext(p -> {
      if (received.get() >= count) {
        p.complete();
      } else {
        waiters.add(new Waiter(count, p));
      }
    });
  }

  /** Refreshes running or waiting in the lanes (joiners are not counted: they share one). */
  Future<Integer> pendingRefreshes() {
    return onContext(p -> p.complete(lanes.pendingOperations()));
  }

  Future<Void> replyHeld() {
    return onContext(p -> {
      List<Held> now = List.copyOf(held);
      held.clear();
      now.forEach(h -> h.promise().complete(answer.apply(h.request())));
      p.complete();
    });
  }

  Future<Void> failHeld(Failure failure) {
    return onContext(p -> {
      List<Held> now = List.copyOf(held);
      held.clear();
      now.forEach(h -> h.promise().fail(new BridgeException(failure, "circuit open")));
      p.complete();
    });
  }

  private <T> Future<T> onContext(Consumer<Promise<T>> action) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> action.accept(promise));
    return promise.future();
  }
}
