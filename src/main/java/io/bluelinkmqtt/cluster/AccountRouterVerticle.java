package io.bluelinkmqtt.cluster;

import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.bus.Replies;
import io.bluelinkmqtt.codec.DrainJson;
import io.bluelinkmqtt.codec.Envelope;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's plain addresses when the bridge serves several accounts (or runs clustered): answers
 * {@link Addresses#API_VEHICLES} with the union of every account's list, and forwards {@link Addresses#API_REFRESH} and
 * {@link Addresses#API_ACTION} to the account that owns the car ({@link Addresses#forAccount}, who owns which car:
 * {@link VehicleOwnership}), {@link Addresses#API_DRAIN} to all. The Command verticle, the MQTT bridge and the HTTP
 * server keep speaking the plain addresses.
 *
 * <p>Failure isolation ({@link AccountLists}): an account that does not answer its list (wrong password, cloud down)
 * is left out of the union and asked again in the background; once its list arrives its cars get one cached read. A
 * car listed by two accounts stays with the first in configuration order; an error says so.
 *
 * <p>Clustered ({@link Seats}), a request goes to the node that holds the account's seat, at that node's own
 * addresses; while no node holds it (a hand-over) requests wait up to {@code handoverWaitMs}; requests in flight on a
 * node that left are answered {@code upstream_unavailable} once, never sent again (they may have run).
 */
public final class AccountRouterVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(AccountRouterVerticle.class);

  private final long forwardTimeoutMs;
  private final long listTimeoutMs;
  private final Seats seats;
  private final AccountLists lists;
  private boolean stopped;

  /**
   * @param forwardTimeoutMs send timeout of a forwarded refresh or action (below the Command verticle's own)
   * @param seats where each account is served: {@link Seats#local()} in one process
   */
  public AccountRouterVerticle(List<String> accounts, long forwardTimeoutMs, long listTimeoutMs, Seats seats) {
    this.lists = new AccountLists(accounts, LOG);
    this.forwardTimeoutMs = forwardTimeoutMs;
    this.listTimeoutMs = listTimeoutMs;
    this.seats = seats;
  }

  @Override
  public Future<?> start() {
    var bus = vertx.eventBus();
    return seats.start(vertx).compose(v -> Future.all(
            bus.<JsonObject>localConsumer(Addresses.API_REFRESH, msg -> forward(msg, Addresses.API_REFRESH)).completion(),
            bus.<JsonObject>localConsumer(Addresses.API_ACTION, msg -> forward(msg, Addresses.API_ACTION)).completion(),
            bus.<JsonObject>localConsumer(Addresses.API_VEHICLES, msg -> Replies.respond(msg, b -> vehicles()))
                .completion(),
            bus.<JsonObject>localConsumer(Addresses.API_DRAIN, msg -> Replies.respond(msg, b -> drain())).completion()))
        .onSuccess(v -> lists.accounts().forEach(this::askInBackground));
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    return seats.stop();
  }

  private void forward(Message<JsonObject> msg, String address) {
    Replies.respond(msg, body -> lists.route(Replies.requireSchema(body).getString("vehicleId"), this::askMissing)
        .compose(account -> send(account, address, body, forwardTimeoutMs)));
  }

  /** One request to the account's API, wherever its seat is; the API's own failure code is kept. */
  private Future<JsonObject> send(String account, String address, JsonObject body, long timeoutMs) {
    return seats.request(account, address, body, new DeliveryOptions().setSendTimeout(timeoutMs))
        .map(Message::body)
        .recover(err -> Future.failedFuture(Replies.toBridgeException(err)));
  }

  private Future<JsonObject> listOf(String account) {
    return send(account, Addresses.API_VEHICLES, Envelope.versioned(), listTimeoutMs);
  }

  /** The union of the accounts' lists ({@link AccountLists#union}). */
  private Future<JsonObject> vehicles() {
    List<Future<JsonObject>> asked = lists.accounts().stream()
        .map(account -> listOf(account).onSuccess(reply -> lists.learn(account, reply))).toList();
    return Future.join(asked).transform(ignored -> lists.union(asked));
  }

  /** Asks every account whose list has not arrived yet, once (a command for an unknown car may be one of theirs). */
  private Future<Void> askMissing() {
    List<Future<JsonObject>> asked = lists.unlisted().stream()
        .map(account -> listOf(account).onSuccess(reply -> arrived(account, reply))).toList();
    return Future.join(asked).otherwiseEmpty().mapEmpty();
  }

  /** Keeps asking an account for its list until it answers, with a doubling delay. */
  private void askInBackground(String account) {
    if (stopped || lists.listed(account)) {
      return;
    }
    listOf(account)
        .onSuccess(reply -> arrived(account, reply))
        .onFailure(err -> vertx.setTimer(lists.retryDelayMs(account), t -> askInBackground(account)));
  }

  private void arrived(String account, JsonObject reply) {
    for (String vehicle : lists.arrived(account, reply)) {
      send(account, Addresses.API_REFRESH, AccountLists.firstRead(vehicle), forwardTimeoutMs)
          .onFailure(err -> LOG.warn("account {}: first read of a late car failed: {}", account, err.getMessage()));
    }
  }

  private Future<JsonObject> drain() {
    List<Future<JsonObject>> drained = lists.accounts().stream()
        .map(account -> send(account, Addresses.API_DRAIN, DrainJson.request(), listTimeoutMs)).toList();
    return Future.join(drained).transform(ignored -> Future.succeededFuture(DrainTotal.of(drained)));
  }
}
