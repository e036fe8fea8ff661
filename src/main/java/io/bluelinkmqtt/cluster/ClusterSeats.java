package io.bluelinkmqtt.cluster;

import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.bus.BridgeException;
import io.bluelinkmqtt.bus.Failure;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account router's view of the seats in a cluster, from the seat holders' {@link Addresses#CLUSTER_SEAT}
 * heartbeats. A request goes to the current seat's own addresses ({@link Addresses#forSeat}); with no live seat it
 * waits (a hand-over) up to {@code handoverWaitMs}. When a seat changes hands or falls silent, every request still in
 * flight to it is answered {@code upstream_unavailable} at once and never sent again: it may have run there.
 */
final class ClusterSeats implements Seats {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterSeats.class);
  static final long CHECK_MS = 250;

  private record Seat(String id, String node, long seenAt) {
  }

  private record Pending(String account, String address, JsonObject body, DeliveryOptions options, long deadline,
                         Promise<Message<JsonObject>> answer) {
  }

  private record InFlight(String seat, Promise<Message<JsonObject>> answer) {
  }

  private final long lostAfterMs;
  private final long handoverWaitMs;
  private final LongSupplier clock;
  private final Predicate<String> memberAlive;
  private final Map<String, Seat> seats = new HashMap<>();
  private final Map<String, List<Pending>> waiting = new HashMap<>();
  private final Map<String, List<InFlight>> inFlight = new HashMap<>();
  private Vertx vertx;
  private MessageConsumer<JsonObject> consumer;
  private long timer = -1;

  ClusterSeats(long lostAfterMs, long handoverWaitMs, LongSupplier clock) {
    this(lostAfterMs, handoverWaitMs, clock, node -> true);
  }

  /** @param memberAlive whether a node is still a cluster member: a seat on a dropped member is lost at once */
  ClusterSeats(long lostAfterMs, long handoverWaitMs, LongSupplier clock, Predicate<String> memberAlive) {
    this.memberAlive = memberAlive;
    this.lostAfterMs = lostAfterMs;
    this.handoverWaitMs = handoverWaitMs;
    this.clock = clock;
  }

  @Override
  public Future<Void> start(Vertx v) {
    this.vertx = v;
    consumer = vertx.eventBus().consumer(Addresses.CLUSTER_SEAT, msg -> onSeat(msg.body()));
    timer = vertx.setPeriodic(CHECK_MS, t -> check());
    return consumer.completion();
  }

  @Override
  public Future<Void> stop() {
    vertx.cancelTimer(timer);
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }

  @Override
  public Future<Message<JsonObject>> request(String account, String address, JsonObject body,
                                             DeliveryOptions options) {
    Promise<Message<JsonObject>> answer = Promise.promise();
    submit(new Pending(account, address, body, options, clock.getAsLong() + handoverWaitMs, answer));
    return answer.future();
  }

  private void submit(Pending pending) {
    Seat known = seats.get(pending.account());
    if (known != null && !memberAlive.test(known.node())) {
      // the cluster dropped the holder: never send to it; wait for the next holder
      seats.remove(pending.account());
      lost(pending.account(), known.id(), "left the cluster");
    }
    Seat seat = seats.get(pending.account());
    if (seat == null) {
      waiting.computeIfAbsent(pending.account(), k -> new ArrayList<>()).add(pending);
      return;
    }
    InFlight flight = new InFlight(seat.id(), pending.answer());
    inFlight.computeIfAbsent(pending.account(), k -> new ArrayList<>()).add(flight);
    vertx.eventBus().<JsonObject>request(Addresses.forSeat(pending.address(), pending.account(), seat.id()),
        pending.body(), pending.options()).onComplete(ar -> {
          List<InFlight> flights = inFlight.get(pending.account());
          if (flights != null) {
            flights.remove(flight);
          }
          if (ar.failed() && ar.cause() instanceof ReplyException reply
              && reply.failureType() == ReplyFailure.NO_HANDLERS && clock.getAsLong() < pending.deadline()
              && !pending.answer().future().isComplete()) {
            // never delivered: the seat is moving; wait for the next holder
            forget(pending.account(), seat.id());
            waiting.computeIfAbsent(pending.account(), k -> new ArrayList<>()).add(pending);
          } else {
            if (ar.succeeded()) {
              pending.answer().tryComplete(ar.result());
            } else {
              pending.answer().tryFail(ar.cause());
            }
          }
        });
  }

  private void onSeat(JsonObject beat) {
    String account = beat.getString("account");
    String id = beat.getString("seat");
    if (account == null || id == null || !memberAlive.test(beat.getString("node", ""))) {
      return; // a late beat of a dropped member must not displace its successor
    }
    Seat old = seats.put(account, new Seat(id, beat.getString("node", "?"), clock.getAsLong()));
    if (old != null && !old.id().equals(id)) {
      lost(account, old.id(), "moved to another node");
    }
    if (old == null || !old.id().equals(id)) {
      LOG.info("account {} is served by node {} (seat {})", account, beat.getString("node", "?"), id);
    }
    List<Pending> held = waiting.remove(account);
    if (held != null) {
      held.forEach(this::submit);
    }
  }

  private void check() {
    long now = clock.getAsLong();
    for (Iterator<Map.Entry<String, Seat>> it = seats.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Seat> e = it.next();
      boolean member = memberAlive.test(e.getValue().node());
      if (!member || now - e.getValue().seenAt() > lostAfterMs) {
        it.remove();
        LOG.warn("account {}: its seat on node {} {}; waiting for a standby", e.getKey(), e.getValue().node(),
            member ? "fell silent" : "left the cluster");
        lost(e.getKey(), e.getValue().id(), member ? "fell silent" : "left the cluster");
      }
    }
    waiting.forEach((account, list) -> list.removeIf(p -> {
      if (now < p.deadline()) {
        return false;
      }
      p.answer().tryFail(new BridgeException(Failure.UPSTREAM_UNAVAILABLE, "no node serves account " + account
          + " (no seat holder within " + handoverWaitMs + " ms)"));
      return true;
    }));
  }

  private void forget(String account, String seat) {
    Seat known = seats.get(account);
    if (known != null && known.id().equals(seat)) {
      seats.remove(account);
    }
  }

  /** Answers what was in flight to {@code seat} once; it is not sent again (it may have run there). */
  private void lost(String account, String seat, String why) {
    List<InFlight> flights = inFlight.getOrDefault(account, List.of());
    for (Iterator<InFlight> it = flights.iterator(); it.hasNext(); ) {
      InFlight flight = it.next();
      if (flight.seat().equals(seat)) {
        it.remove();
        flight.answer().tryFail(new BridgeException(Failure.UPSTREAM_UNAVAILABLE, "the node serving account "
            + account + " " + why + " while the command ran; it may have run there and is not repeated"));
      }
    }
  }
}
