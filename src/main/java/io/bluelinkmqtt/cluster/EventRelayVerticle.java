package io.bluelinkmqtt.cluster;

import io.bluelinkmqtt.bus.Addresses;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries the API's events across the cluster: the verticles consume node-local, so on an API node each event
 * published there goes once on {@link Addresses#CLUSTER_RELAY}, and on a front node each relayed event from another
 * node is published node-locally on its own address (marked, so it is not relayed back).
 */
public final class EventRelayVerticle extends VerticleBase {

  /** The events an API node publishes that a front node consumes. */
  static final List<String> API_EVENTS = List.of(Addresses.VEHICLE_STATUS_UPDATED, Addresses.API_ACTION_ACCEPTED,
      Addresses.API_BREAKER_CHANGED, Addresses.API_BUDGET_CHANGED, Addresses.API_STATE_DIR_CHANGED,
      Addresses.VEHICLE_WAKE_AUDIT_CHANGED);
  private static final String RELAYED = "relayed";

  private final String node;
  private final boolean sends;
  private final boolean receives;

  EventRelayVerticle(String node, boolean api, boolean front) {
    this.node = node;
    this.sends = api;
    this.receives = front;
  }

  @Override
  public Future<?> start() {
    List<Future<?>> registered = new ArrayList<>();
    var bus = vertx.eventBus();
    if (sends) {
      for (String address : API_EVENTS) {
        registered.add(bus.<JsonObject>localConsumer(address, msg -> {
          if (msg.headers().get(RELAYED) == null) {
            bus.publish(Addresses.CLUSTER_RELAY, msg.body(),
                new DeliveryOptions().addHeader("address", address).addHeader("origin", node));
          }
        }).completion());
      }
    }
    if (receives) {
      registered.add(bus.<JsonObject>consumer(Addresses.CLUSTER_RELAY, msg -> {
        String address = msg.headers().get("address");
        if (!node.equals(msg.headers().get("origin")) && API_EVENTS.contains(address)) {
          bus.publish(address, msg.body(), new DeliveryOptions().setLocalOnly(true).addHeader(RELAYED, node));
        }
      }).completion());
    }
    return Future.all(registered);
  }
}
