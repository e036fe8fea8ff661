package io.bluelinkmqtt.mqtt;

import static io.bluelinkmqtt.mqtt.BridgeHarness.WAIT;

import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.testsupport.Await;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every {@code connection-changed} event with the time the bus delivered it, for gaps measured on the event loop. */
final class ConnectionTimeline {

  /** One event and when it arrived. */
  record Change(JsonObject body, long atMillis) {
    boolean connected() {
      return body.getBoolean("connected");
    }
  }

  private final List<Change> changes = new CopyOnWriteArrayList<>();

  private ConnectionTimeline() {
  }

  static ConnectionTimeline record(Vertx vertx) {
    ConnectionTimeline timeline = new ConnectionTimeline();
    Await.result(vertx.eventBus().<JsonObject>localConsumer(Addresses.MQTT_CONNECTION_CHANGED,
        m -> timeline.changes.add(new Change(m.body(), System.currentTimeMillis()))).completion(), WAIT);
    return timeline;
  }

  List<Change> changes() {
    return List.copyOf(changes);
  }

  /** Waits until this timeline has caught up with {@code seen} events (another consumer may have them first). */
  ConnectionTimeline caughtUpWith(Vertx vertx, int seen) {
    Await.condition(vertx, () -> changes.size() >= seen, WAIT);
    return this;
  }

  /** Milliseconds from each loss to the next connect, for the events from index {@code from} on. */
  List<Long> downtimesFrom(int from) {
    List<Change> all = changes();
    List<Long> gaps = new ArrayList<>();
    for (int i = from; i + 1 < all.size(); i++) {
      if (!all.get(i).connected() && all.get(i + 1).connected()) {
        gaps.add(all.get(i + 1).atMillis() - all.get(i).atMillis());
      }
    }
    return gaps;
  }
}
