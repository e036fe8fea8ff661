package io.bluelinkmqtt.command;

import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.codec.ActionJson;
import io.bluelinkmqtt.codec.ActionJson.ActionRequest;
import io.bluelinkmqtt.codec.DrainJson;
import io.bluelinkmqtt.codec.RefreshJson;
import io.bluelinkmqtt.domain.ActionCommand;
import io.bluelinkmqtt.domain.RefreshCommand;
import io.bluelinkmqtt.domain.RefreshRequest;
import io.bluelinkmqtt.domain.Served;
import io.bluelinkmqtt.domain.VehicleCommand;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;

/**
 * Sends each command to the API, which runs it in the car's lane: {@link Addresses#API_REFRESH} for a refresh,
 * {@link Addresses#API_ACTION} for an action.
 * The send timeout ({@link CommandTimings#sendTimeoutMs()}) is longer than any answer the API's lane gives.
 */
final class ApiRoute {

  private final Vertx vertx;
  private final CommandTimings timings;

  ApiRoute(Vertx vertx, CommandTimings timings) {
    this.vertx = vertx;
    this.timings = timings;
  }

  /**
   * The API's answer to one command: the result ({@link io.bluelinkmqtt.domain.RefreshResult} or
   * {@link io.bluelinkmqtt.domain.ActionResult}), and whether the command led its operation or joined one.
   */
  Future<Served<?>> send(PendingCommand pending) {
    VehicleCommand command = pending.command().command();
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(timings.sendTimeoutMs());
    if (command instanceof ActionCommand action) {
      return vertx.eventBus()
          .<JsonObject>request(Addresses.API_ACTION, ActionJson.requestToJson(new ActionRequest(action, pending.id())),
              options)
          .map(reply -> ActionJson.servedFromJson(reply.body()));
    }
    RefreshCommand refresh = (RefreshCommand) command; // the sealed VehicleCommand has no third kind
    return vertx.eventBus()
        .<JsonObject>request(Addresses.API_REFRESH, RefreshJson.requestToJson(RefreshRequest.of(refresh, pending.id())),
            options)
        .map(reply -> RefreshJson.servedFromJson(reply.body()));
  }

  /** Asks the API to answer what still waits in the cars' lanes "shutdown"; an API that is not there is fine. */
  void closeLanes() {
    vertx.eventBus().request(Addresses.API_DRAIN, DrainJson.request(),
        new DeliveryOptions().setSendTimeout(timings.shutdownGraceMs()));
  }
}
