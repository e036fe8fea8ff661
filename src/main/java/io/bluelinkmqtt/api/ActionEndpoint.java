package io.bluelinkmqtt.api;

import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.bus.Replies;
import io.bluelinkmqtt.codec.ActionJson;
import io.bluelinkmqtt.domain.ActionResult;
import io.bluelinkmqtt.domain.CommandOutcome.Status;
import io.bluelinkmqtt.domain.RefreshMode;
import io.bluelinkmqtt.domain.RefreshRequest;
import io.bluelinkmqtt.domain.Served;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ActionService} on the bus: {@link Addresses#API_ACTION} (one request per action command, answered with
 * its final result). After an action that led and ended {@code ok}, one cached read of the car (queued in its lane
 * behind the action) publishes the new state on {@link Addresses#VEHICLE_STATUS_UPDATED}.
 */
final class ActionEndpoint {

  private static final Logger LOG = LoggerFactory.getLogger(ActionEndpoint.class);

  private final Vertx vertx;
  private final ActionService actions;
  private final RefreshService refreshes;
  private final RefreshEndpoint refreshEndpoint;
  private final ApiAddresses addresses;

  ActionEndpoint(Vertx vertx, ActionService actions, RefreshService refreshes, RefreshEndpoint refreshEndpoint) {
    this(vertx, actions, refreshes, refreshEndpoint, ApiAddresses.SINGLE);
  }

  ActionEndpoint(Vertx vertx, ActionService actions, RefreshService refreshes, RefreshEndpoint refreshEndpoint,
                 ApiAddresses addresses) {
    this.addresses = addresses;
    this.vertx = vertx;
    this.actions = actions;
    this.refreshes = refreshes;
    this.refreshEndpoint = refreshEndpoint;
  }

  Future<?> register() {
    return ApiConsumers.register(vertx, addresses, addresses.action(), msg -> Replies.respond(msg, this::action));
  }

  private Future<JsonObject> action(JsonObject body) {
    return Future.succeededFuture(body)
        .map(ActionJson::requestFromJson)
        .compose(request -> actions.serve(request).onSuccess(served -> readAfter(served, request.commandId())))
        .map(ActionJson::servedToJson);
  }

  private void readAfter(Served<ActionResult> served, String commandId) {
    if (served.joined() || served.result().status() != Status.OK) {
      return;
    }
    String vehicle = served.result().vehicleId();
    refreshes.serve(new RefreshRequest(vehicle, RefreshMode.CACHED, 0, false, commandId))
        .onSuccess(refreshEndpoint::publishUpdate)
        .onFailure(err -> LOG.info("the read after an action on {} failed: {}", vehicle,
            Replies.toBridgeException(err).failure().reason()));
  }
}
