package io.bluelinkmqtt.mqtt;

import io.bluelinkmqtt.config.BridgeInfo;
import io.bluelinkmqtt.publish.Topics;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.function.Supplier;

/**
 * The bridge's own retained topics. {@code bridge/state}: {@code online} after every connect, {@code offline} at a
 * graceful stop (the will covers the rest), or in demo mode every retained topic of the run emptied instead
 * ({@link RetainedClearing}). {@code bridge/info}: after every connect, with the vehicle list once it could be had;
 * the list is asked (through the owner's bus request) at each connect until it once succeeds, and once more when a
 * one-time code is accepted, since the first login may have waited for one.
 */
final class BridgePresence {

  private final BridgeInfo info;
  private final Topics topics;
  private final RetainedState retained;
  private final boolean clearRetainedOnStop;
  private final Supplier<Future<JsonArray>> requestVehicles;
  private JsonArray vehicles;

  /** @param requestVehicles the public vehicle list, asked anew on each call (see {@link BridgeInfoJson}) */
  BridgePresence(BridgeInfo info, Topics topics, RetainedState retained, boolean clearRetainedOnStop,
                 Supplier<Future<JsonArray>> requestVehicles) {
    this.info = info;
    this.topics = topics;
    this.retained = retained;
    this.clearRetainedOnStop = clearRetainedOnStop;
    this.requestVehicles = requestVehicles;
  }

  void online(BrokerConnection broker) {
    broker.publish(topics.bridgeState(), Buffer.buffer(MqttClientFactory.ONLINE), 1, true);
  }

  /** After a connect: bridge/info goes out whether or not the vehicle list could be had. */
  void publishInfo(BrokerConnection broker) {
    vehicles().onComplete(ar -> publishInfoNow(broker));
  }

  /** The first login waited for a one-time code: once it is accepted, bridge/info gets the cars. */
  void otpChanged(JsonObject state, BrokerConnection broker) {
    if (vehicles == null && "accepted".equals(state.getString("state")) && broker != null && broker.isConnected()) {
      vehicles().onSuccess(list -> publishInfoNow(broker));
    }
  }

  /** What a graceful stop publishes before DISCONNECT. */
  Future<?> farewell(BrokerConnection broker) {
    return clearRetainedOnStop ? RetainedClearing.clearAll(broker, retained, topics)
        : broker.publish(topics.bridgeState(), Buffer.buffer(MqttClientFactory.OFFLINE), 1, true);
  }

  private Future<JsonArray> vehicles() {
    if (vehicles != null) {
      return Future.succeededFuture(vehicles);
    }
    return requestVehicles.get().onSuccess(list -> vehicles = list);
  }

  private void publishInfoNow(BrokerConnection broker) {
    String payload = BridgeInfoJson.toJson(info, vehicles).encode();
    broker.publish(topics.bridgeInfo(), Buffer.buffer(payload), 1, true);
  }
}
