package io.bluelinkmqtt.command;

import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.codec.RefreshJson;
import io.bluelinkmqtt.codec.VehicleJson;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.DataSource;
import io.bluelinkmqtt.domain.RefreshMode;
import io.bluelinkmqtt.domain.RefreshRequest;
import io.bluelinkmqtt.domain.RefreshResult;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.VehicleData;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** Plays the HyundaiApiVerticle on the bus: counts calls, answers as the test says, or holds requests. */
final class FakeApi {

  final List<RefreshRequest> refreshRequests = new CopyOnWriteArrayList<>();
  final List<Message<JsonObject>> held = new CopyOnWriteArrayList<>();
  final AtomicInteger vehicleRequests = new AtomicInteger();
  final Promise<Void> vehiclesServed = Promise.promise();
  /** How many vehicle-list requests fail with 503 before one is answered. */
  volatile int failVehicleRequests;
  /** When false, refresh requests are kept in {@link #held} until the test answers them. */
  volatile boolean answerAtOnce = true;
  volatile Function<RefreshRequest, RefreshResult> answer = FakeApi::fresh;
  volatile Promise<Void> firstRefresh = Promise.promise();

  private final List<String> vehicleIds;

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

  Future<Void> register(Vertx vertx) {
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
      refreshRequests.add(request);
      if (answerAtOnce) {
        reply(msg);
      } else {
        held.add(msg);
      }
      // last: completing it runs the test's next step at once, which may answer what is held
      firstRefresh.tryComplete();
    });
    return Future.all(vehicles.completion(), refresh.completion()).mapEmpty();
  }

  void reply(Message<JsonObject> msg) {
    msg.reply(RefreshJson.resultToJson(answer.apply(RefreshJson.requestFromJson(msg.body()))));
  }

  void replyHeld() {
    List<Message<JsonObject>> now = List.copyOf(held);
    held.clear();
    now.forEach(this::reply);
  }
}
