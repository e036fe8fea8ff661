package io.bluelinkmqtt.cluster;

import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.bus.BridgeException;
import io.bluelinkmqtt.bus.Failure;
import io.bluelinkmqtt.bus.Replies;
import io.bluelinkmqtt.codec.DrainJson;
import io.bluelinkmqtt.codec.Envelope;
import io.bluelinkmqtt.codec.RefreshJson;
import io.bluelinkmqtt.domain.RefreshMode;
import io.bluelinkmqtt.domain.RefreshRequest;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's plain addresses when the bridge serves several accounts (or runs clustered): answers
 * {@link Addresses#API_VEHICLES} with the union of every account's list, and forwards {@link Addresses#API_REFRESH} and
 * {@link Addresses#API_ACTION} to the account that owns the car ({@link Addresses#forAccount}, who owns which car:
 * {@link VehicleOwnership}), {@link Addresses#API_DRAIN} to all. The Command verticle, the MQTT bridge and the HTTP server keep speaking the plain addresses.
 *
 * <p>Failure isolation: an account that does not answer its list (wrong password, cloud down) is left out of the
 * union, asked again in the background with a doubling delay, and once its list arrives each of its cars gets one
 * cached read, whose status update makes the car known to the commands. A car listed by two accounts stays with
 * the account that listed it first (configuration order at start-up); the other account's copy is not bridged and an
 * error says so.
 *
 * <p>Clustered ({@link Seats}), a request goes to the node that holds the account's seat, at that node's own
 * addresses; while no node holds it (a hand-over) requests wait up to {@code handoverWaitMs}; requests in flight on a
 * node that left are answered {@code upstream_unavailable} once, never sent again (they may have run).
 */
public final class AccountRouterVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(AccountRouterVerticle.class);
  private static final long FIRST_RETRY_MS = 2_000;
  private static final long MAX_RETRY_MS = 300_000;

  private final List<String> accounts;
  private final long forwardTimeoutMs;
  private final long listTimeoutMs;
  private final Seats seats;
  private final VehicleOwnership ownership;
  /** Accounts missing from a list already answered: their cars get a first read when their list arrives. */
  private final Set<String> lateAccounts = new HashSet<>();
  private final Map<String, Long> retryDelay = new HashMap<>();
  private boolean stopped;

  /**
   * @param forwardTimeoutMs send timeout of a forwarded refresh or action (below the Command verticle's own)
   * @param seats where each account is served: {@link Seats#local()} in one process
   */
  public AccountRouterVerticle(List<String> accounts, long forwardTimeoutMs, long listTimeoutMs, Seats seats) {
    this.accounts = List.copyOf(accounts);
    this.ownership = new VehicleOwnership(this.accounts);
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
        .onSuccess(v -> accounts.forEach(this::askInBackground));
  }

  @Override
  public Future<?> stop() {
    stopped = true;
    return seats.stop();
  }

  private void forward(Message<JsonObject> msg, String address) {
    Future<JsonObject> answer;
    try {
      Replies.requireSchema(msg.body());
      String vehicle = msg.body().getString("vehicleId");
      String account = vehicle == null ? null : ownership.owner(vehicle);
      answer = account != null ? send(account, address, msg.body(), forwardTimeoutMs)
          : askMissing().compose(v -> {
            String late = vehicle == null ? null : ownership.owner(vehicle);
            return late == null ? Future.failedFuture(new BridgeException(Failure.UNKNOWN_VEHICLE,
                "no account serves this vehicle")) : send(late, address, msg.body(), forwardTimeoutMs);
          });
    } catch (RuntimeException e) {
      answer = Future.failedFuture(e);
    }
    Replies.respond(msg, answer);
  }

  /** One request to the account's API, wherever its seat is; the API's own failure code is kept. */
  private Future<JsonObject> send(String account, String address, JsonObject body, long timeoutMs) {
    return seats.request(account, address, body, new DeliveryOptions().setSendTimeout(timeoutMs))
        .map(Message::body)
        .recover(err -> Future.failedFuture(Replies.toBridgeException(err)));
  }

  /** The union of the accounts' lists; fails only when no account answers (with the first account's failure). */
  private Future<JsonObject> vehicles() {
    List<Future<JsonObject>> asked = new ArrayList<>();
    for (String account : accounts) {
      asked.add(send(account, Addresses.API_VEHICLES, Envelope.versioned(), listTimeoutMs)
          .onSuccess(reply -> ownership.learn(account, reply)));
    }
    return Future.join(asked).transform(ignored -> {
      JsonArray union = new JsonArray();
      for (int i = 0; i < accounts.size(); i++) {
        String account = accounts.get(i);
        if (asked.get(i).failed()) {
          LOG.warn("account {}: vehicle list not available ({}); its cars are left out for now", account,
              asked.get(i).cause().getMessage());
          if (!ownership.listed(account)) {
            lateAccounts.add(account);
          }
        }
        ownership.owned(account).forEach(union::add);
      }
      if (union.isEmpty() && asked.stream().allMatch(Future::failed)) {
        return Future.failedFuture(asked.get(0).cause());
      }
      return Future.succeededFuture(Envelope.versioned().put("vehicles", union));
    });
  }

  /** Asks every account whose list has not arrived yet, once (a command for an unknown car may be one of theirs). */
  private Future<Void> askMissing() {
    List<Future<?>> asked = new ArrayList<>();
    for (String account : accounts) {
      if (!ownership.listed(account)) {
        asked.add(send(account, Addresses.API_VEHICLES, Envelope.versioned(), listTimeoutMs)
            .onSuccess(reply -> arrived(account, reply)));
      }
    }
    return Future.join(asked).otherwiseEmpty().mapEmpty();
  }

  /** Keeps asking an account for its list until it answers, with a doubling delay. */
  private void askInBackground(String account) {
    if (stopped || ownership.listed(account)) {
      return;
    }
    send(account, Addresses.API_VEHICLES, Envelope.versioned(), listTimeoutMs)
        .onSuccess(reply -> arrived(account, reply))
        .onFailure(err -> {
          long delay = retryDelay.merge(account, FIRST_RETRY_MS, (old, first) -> Math.min(old * 2, MAX_RETRY_MS));
          vertx.setTimer(delay, t -> askInBackground(account));
        });
  }

  private void arrived(String account, JsonObject reply) {
    boolean first = !ownership.listed(account);
    List<String> fresh = ownership.learn(account, reply);
    if (first) {
      LOG.info("account {}: vehicle list loaded ({} car(s))", account, fresh.size());
    }
    if (first && lateAccounts.remove(account)) {
      // the commands' first list did not have these cars: one cached read each makes them known
      for (String vehicle : fresh) {
        send(account, Addresses.API_REFRESH, RefreshJson.requestToJson(new RefreshRequest(vehicle, RefreshMode.CACHED,
            0, false, RefreshRequest.STARTUP_ID)), forwardTimeoutMs)
            .onFailure(err -> LOG.warn("account {}: first read of a late car failed: {}", account, err.getMessage()));
      }
    }
  }

  private Future<JsonObject> drain() {
    List<Future<JsonObject>> drained = new ArrayList<>();
    for (String account : accounts) {
      drained.add(send(account, Addresses.API_DRAIN, DrainJson.request(), listTimeoutMs));
    }
    return Future.join(drained).transform(ignored -> {
      int refused = 0;
      for (Future<JsonObject> one : drained) {
        if (one.succeeded()) {
          refused += DrainJson.refusedFromJson(one.result());
        }
      }
      return Future.succeededFuture(DrainJson.reply(refused));
    });
  }
}
