package io.bluelinkmqtt.api;

import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.bus.Replies;
import io.bluelinkmqtt.codec.DrainJson;
import io.bluelinkmqtt.codec.RefreshJson;
import io.bluelinkmqtt.codec.StatusUpdateJson;
import io.bluelinkmqtt.codec.StatusUpdateJson.StatusUpdate;
import io.bluelinkmqtt.domain.RefreshResult;
import io.bluelinkmqtt.domain.Served;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * The {@link RefreshService} on the bus: {@link Addresses#API_REFRESH} (one request per command; a joiner's reply
 * says so), {@link Addresses#API_DRAIN} (close the lanes) and {@link Addresses#VEHICLE_STATUS_UPDATED} once per
 * refresh, from its leader's reply only, so a thousand joiners publish the car's state once.
 */
final class RefreshEndpoint {

  private final Vertx vertx;
  private final RefreshService service;
  private final ApiAddresses addresses;

  RefreshEndpoint(Vertx vertx, RefreshService service) {
    this(vertx, service, ApiAddresses.SINGLE);
  }

  RefreshEndpoint(Vertx vertx, RefreshService service, ApiAddresses addresses) {
    this.vertx = vertx;
    this.service = service;
    this.addresses = addresses;
  }

  /** Registers the consumers; completes when they are registered. */
  Future<?> register() {
    return Future.all(
        ApiConsumers.register(vertx, addresses, addresses.refresh(), msg -> Replies.respond(msg, this::refresh)),
        ApiConsumers.register(vertx, addresses, addresses.drain(), msg -> Replies.respond(msg, this::drain)));
  }

  private Future<JsonObject> refresh(JsonObject body) {
    return Future.succeededFuture(body)
        .map(RefreshJson::requestFromJson)
        .compose(service::serve)
        .onSuccess(this::publishUpdate)
        .map(RefreshJson::servedToJson);
  }

  private Future<JsonObject> drain(JsonObject body) {
    Replies.requireSchema(body);
    return Future.succeededFuture(DrainJson.reply(service.lanes().close()));
  }

  /** Publishes the car's state from a refresh this side led. */
  void publishUpdate(Served<RefreshResult> served) {
    if (served.joined()) {
      return; // the leader's reply published it
    }
    RefreshResult result = served.result();
    service.vehicle(result.vehicleId()).ifPresent(vehicle -> vertx.eventBus().publish(
        Addresses.VEHICLE_STATUS_UPDATED,
        StatusUpdateJson.toJson(new StatusUpdate(vehicle, result.path(), result.dataSource(), result.data()))));
  }
}
