package io.bluelinkmqtt.mqtt;

import static io.bluelinkmqtt.mqtt.BridgeHarness.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.publish.PublisherVerticle;
import io.bluelinkmqtt.testsupport.Await;
import io.bluelinkmqtt.testsupport.LogCapture;
import io.bluelinkmqtt.testsupport.MosquittoProcess;
import io.bluelinkmqtt.testsupport.MqttObserver;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Another client with the bridge's client id (a second bridge, a copied config): the broker hands the id to
 * whoever connected last. The bridge must recognise it, say so, show it in bridge/health and stop fighting.
 */
@Tag("fault")
@ExtendWith(VertxExtension.class)
class ClientIdClashFaultTest {

  private static final Logger LOG = LoggerFactory.getLogger(ClientIdClashFaultTest.class);
  private static final long CAP_MS = 3000;
  private static final long RIVAL_RETRY_MS = 100;

  @Test
  @DisplayName("12: a client that keeps taking the bridge's id: reason client_id_in_use, one plain WARN, health shows it, "
      + "attempts spaced >= cap/2; once it is gone the problem clears")
  void clientIdTakeoverIsRecognisedAndNotFought(Vertx vertx) {
    try (MosquittoProcess broker = MosquittoProcess.startDefault(); LogCapture logs = LogCapture.attach()) {
      BridgeHarness h = BridgeHarness.settings(broker.host(), broker.port()).keepAlive(1).backoff(50, CAP_MS).build(vertx);
      ConnectionTimeline timeline = ConnectionTimeline.record(vertx);
      String publisher = Await.result(vertx.deployVerticle(new PublisherVerticle(h.topics.base())), WAIT);
      MqttObserver user = Await.result(MqttObserver.start(vertx, broker.host(), broker.port(), h.topics.bridgeHealth()),
          WAIT);
      h.deploy();
      h.awaitFirstConnect();

      Rival rival = new Rival(vertx, broker, h.config.clientId());
      rival.connect();
      JsonObject detected = Await.result(h.connection.await(b -> LossReason.CLIENT_ID_IN_USE.equals(b.getString("reason"))),
          WAIT);
      assertFalse(detected.getBoolean("connected"));
      long attemptsAtDetection = h.verticle.gauges().connectAttempts();
      int changesAtDetection = indexOf(timeline.caughtUpWith(vertx, h.connection.count()).changes(),
          b -> LossReason.CLIENT_ID_IN_USE.equals(b.getString("reason")));

      // two more rounds: the bridge comes back after its long delay, the rival takes the id again
      for (int round = 0; round < 2; round++) {
        Await.result(h.nextConnection(true), WAIT);
        JsonObject lost = Await.result(h.nextConnection(false), WAIT);
        assertEquals(LossReason.CLIENT_ID_IN_USE, lost.getString("reason"), lost.encode());
      }
      Await.result(user.awaitMessage(h.topics.bridgeHealth(),
          m -> LossReason.CLIENT_ID_IN_USE.equals(new JsonObject(m.payload()).getString("mqtt_problem"))), WAIT);
      long attempts = h.verticle.gauges().connectAttempts() - attemptsAtDetection;
      List<Long> gaps = timeline.caughtUpWith(vertx, h.connection.count()).downtimesFrom(changesAtDetection);
      LOG.info("12 measured: rival connected {} times; after the detection the bridge tried {} times, {} ms apart",
          rival.connects.get(), attempts, gaps);
      assertEquals(2, attempts, "one attempt per round, no fast retries");
      assertEquals(2, gaps.size(), gaps.toString());
      assertTrue(gaps.stream().allMatch(gap -> gap >= CAP_MS / 2), "reconnected faster than cap/2: " + gaps);
      assertEquals(1, logs.count("WARN", "another client is using MQTT client id " + h.config.clientId()), logs.text());
      List<ConnectionTimeline.Change> changes = timeline.changes();
      assertTrue(changes.subList(changesAtDetection, changes.size()).stream().map(ConnectionTimeline.Change::body)
          .allMatch(b -> LossReason.CLIENT_ID_IN_USE.equals(b.getString("problem"))), "every event while suspected");

      // the other client goes away: the bridge keeps the id, and after two keep-alives the problem is over
      Await.result(rival.stop(), WAIT);
      Future<JsonObject> settled = h.connection.next(b -> b.getBoolean("connected") && !b.containsKey("problem"));
      Await.result(settled, WAIT);
      Await.result(user.awaitMessage(h.topics.bridgeHealth(), m -> {
        JsonObject health = new JsonObject(m.payload());
        return "connected".equals(health.getString("mqtt")) && !health.containsKey("mqtt_problem");
      }), WAIT);
      assertEquals(1, logs.count("INFO", "MQTT client id " + h.config.clientId() + " is ours again"));
      Await.result(vertx.undeploy(publisher), WAIT);
      Await.result(h.undeploy(), WAIT);
    }
  }

  private static int indexOf(List<ConnectionTimeline.Change> changes, Predicate<JsonObject> match) {
    for (int i = 0; i < changes.size(); i++) {
      if (match.test(changes.get(i).body())) {
        return i;
      }
    }
    throw new AssertionError("no such change in " + changes);
  }

  /** Takes the id back {@link #RIVAL_RETRY_MS} after every loss, like a second bridge in a hurry. */
  private static final class Rival {
    private final Vertx vertx;
    private final MosquittoProcess broker;
    private final String clientId;
    private final AtomicInteger connects = new AtomicInteger();
    private volatile boolean stopped;
    private volatile MqttClient client;

    Rival(Vertx vertx, MosquittoProcess broker, String clientId) {
      this.vertx = vertx;
      this.broker = broker;
      this.clientId = clientId;
    }

    void connect() {
      if (stopped) {
        return;
      }
      MqttClient c = MqttClient.create(vertx, new MqttClientOptions().setClientId(clientId).setCleanSession(true)
          .setKeepAliveInterval(5));
      client = c;
      AtomicInteger retries = new AtomicInteger();
      Runnable retry = () -> {
        if (retries.getAndIncrement() == 0) {
          vertx.setTimer(RIVAL_RETRY_MS, t -> connect());
        }
      };
      c.closeHandler(v -> retry.run());
      c.connect(broker.port(), broker.host()).onSuccess(ack -> connects.incrementAndGet()).onFailure(e -> retry.run());
    }

    Future<Void> stop() {
      stopped = true;
      Promise<Void> done = Promise.promise();
      MqttClient c = client;
      (c != null && c.isConnected() ? c.disconnect() : Future.<Void>succeededFuture()).onComplete(ar -> done.complete());
      return done.future();
    }
  }
}
