package io.bluelinkmqtt.cluster;

import io.bluelinkmqtt.bus.Addresses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/** Where the account router finds each account's API: in this process, or at the node holding its seat. */
public interface Seats {

  Future<Void> start(Vertx vertx);

  /** Sends {@code body} to the account's API at {@code address} (one of the plain API addresses). */
  Future<Message<JsonObject>> request(String account, String address, JsonObject body, DeliveryOptions options);

  Future<Void> stop();

  /** Every account's API runs in this process, at its {@link Addresses#forAccount} addresses. */
  static Seats local() {
    return new Seats() {
      private Vertx vertx;

      @Override
      public Future<Void> start(Vertx v) {
        this.vertx = v;
        return Future.succeededFuture();
      }

      @Override
      public Future<Message<JsonObject>> request(String account, String address, JsonObject body,
                                                 DeliveryOptions options) {
        return vertx.eventBus().request(Addresses.forAccount(address, account), body, options);
      }

      @Override
      public Future<Void> stop() {
        return Future.succeededFuture();
      }
    };
  }
}
