package io.bluelinkmqtt.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.bus.BridgeException;
import io.bluelinkmqtt.bus.Failure;
import io.bluelinkmqtt.codec.Envelope;
import io.bluelinkmqtt.testsupport.Await;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The account router's seat rules on one (unclustered) Vert.x: the bus behaves the same for the addresses
 * involved, so seat beats, seat addresses and losses can be played out exactly.
 */
class ClusterSeatsTest {

  private static final Duration WITHIN = Duration.ofSeconds(5);
  private final Vertx vertx = Vertx.vertx();
  private final ClusterSeats seats = new ClusterSeats(1_000, 2_000, System::currentTimeMillis);

  @AfterEach
  void close() {
    Await.result(vertx.close(), WITHIN);
  }

  private void beat(String seat) {
    vertx.eventBus().publish(Addresses.CLUSTER_SEAT, Envelope.versioned().put("account", "home").put("seat", seat)
        .put("node", "node-" + seat));
  }

  private Future<Message<JsonObject>> refresh(String id) {
    return seats.request("home", Addresses.API_REFRESH, Envelope.versioned().put("commandId", id),
        new DeliveryOptions().setSendTimeout(10_000));
  }

  /** An API at the seat's addresses that answers after {@code delayMs}, counting what it ran. */
  private AtomicInteger api(String seat, long delayMs) {
    AtomicInteger ran = new AtomicInteger();
    Await.result(vertx.eventBus().<JsonObject>consumer(Addresses.forSeat(Addresses.API_REFRESH, "home", seat), msg -> {
      ran.incrementAndGet();
      vertx.setTimer(delayMs, t -> msg.reply(Envelope.versioned().put("servedBy", seat)));
    }).completion(), WITHIN);
    return ran;
  }

  @Test
  @DisplayName("a request waits for a seat holder, then goes to that seat's own address")
  void waitsForTheSeat() {
    Await.result(seats.start(vertx), WITHIN);
    AtomicInteger ran = api("s1", 1);
    Future<Message<JsonObject>> answer = refresh("c1");
    assertTrue(Await.staysPending(answer, Duration.ofMillis(300)), "no seat yet: it waits");
    beat("s1");
    assertEquals("s1", Await.result(answer, WITHIN).body().getString("servedBy"));
    assertEquals(1, ran.get());
  }

  @Test
  @DisplayName("the seat moves mid-request: the request is answered upstream_unavailable once and never resent")
  void inFlightOnAMovedSeatFailsOnce() {
    Await.result(seats.start(vertx), WITHIN);
    AtomicInteger oldRan = api("s1", 60_000); // the old holder never answers (it died)
    AtomicInteger newRan = api("s2", 1);
    beat("s1");
    Future<Message<JsonObject>> answer = refresh("c2");
    Await.condition(vertx, () -> oldRan.get() == 1, WITHIN);
    beat("s2");
    Throwable failure = Await.failure(answer, WITHIN);
    assertEquals(Failure.UPSTREAM_UNAVAILABLE, ((BridgeException) failure).failure());
    assertEquals(0, newRan.get(), "not run again on the new holder");
    // the next request goes to the new holder
    assertEquals("s2", Await.result(refresh("c3"), WITHIN).body().getString("servedBy"));
    assertEquals(1, oldRan.get());
  }

  @Test
  @DisplayName("a holder the cluster dropped: in flight fails once, new requests wait for the next holder instead")
  void droppedMemberIsNeverSentTo() {
    java.util.Set<String> members = java.util.concurrent.ConcurrentHashMap.newKeySet();
    members.add("node-s1");
    ClusterSeats watching = new ClusterSeats(10_000, 5_000, System::currentTimeMillis, members::contains);
    Await.result(watching.start(vertx), WITHIN);
    AtomicInteger oldRan = api("s1", 60_000);
    beat("s1");
    Future<Message<JsonObject>> inFlight = watching.request("home", Addresses.API_REFRESH, Envelope.versioned(),
        new DeliveryOptions().setSendTimeout(30_000));
    Await.condition(vertx, () -> oldRan.get() == 1, WITHIN);
    members.remove("node-s1");
    Throwable lost = Await.failure(inFlight, WITHIN);
    assertTrue(lost.getMessage().contains("left the cluster"), lost.getMessage());
    Future<Message<JsonObject>> later = watching.request("home", Addresses.API_REFRESH, Envelope.versioned(),
        new DeliveryOptions().setSendTimeout(30_000));
    assertTrue(Await.staysPending(later, Duration.ofMillis(300)), "it waits instead of going to the dropped node");
    api("s2", 1);
    members.add("node-s2");
    beat("s2");
    assertEquals("s2", Await.result(later, WITHIN).body().getString("servedBy"));
    assertEquals(1, oldRan.get(), "the dropped node got nothing more");
  }

  @Test
  @DisplayName("a silent seat: in-flight requests fail once; with no new holder, waiting ones fail after the hand-over wait")
  void silentSeat() {
    Await.result(seats.start(vertx), WITHIN);
    AtomicInteger ran = api("s1", 60_000);
    beat("s1");
    Future<Message<JsonObject>> inFlight = refresh("c4");
    Await.condition(vertx, () -> ran.get() == 1, WITHIN);
    // no more beats: after the loss limit the request is answered
    Throwable lost = Await.failure(inFlight, WITHIN);
    assertTrue(lost.getMessage().contains("fell silent"), lost.getMessage());
    long asked = System.currentTimeMillis();
    Throwable none = Await.failure(refresh("c5"), WITHIN);
    assertEquals(Failure.UPSTREAM_UNAVAILABLE, ((BridgeException) none).failure());
    assertTrue(System.currentTimeMillis() - asked >= 1_900, "it waited for a holder first");
    assertEquals(1, ran.get(), "nothing was sent to the silent seat again");
  }
}
