package io.bluelinkmqtt.api;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;

/** Registers an API consumer node-local (the single account) or cluster-wide (an account's own address). */
final class ApiConsumers {

  private ApiConsumers() {
  }

  static Future<Void> register(Vertx vertx, ApiAddresses addresses, String address,
                               Handler<Message<JsonObject>> handler) {
    return addresses.clusterWide() ? vertx.eventBus().<JsonObject>consumer(address, handler).completion()
        : vertx.eventBus().<JsonObject>localConsumer(address, handler).completion();
  }
}
