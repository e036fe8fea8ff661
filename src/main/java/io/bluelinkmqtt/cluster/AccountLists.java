package io.bluelinkmqtt.cluster;

import io.bluelinkmqtt.bus.BridgeException;
import io.bluelinkmqtt.bus.Failure;
import io.bluelinkmqtt.codec.Envelope;
import io.bluelinkmqtt.codec.RefreshJson;
import io.bluelinkmqtt.domain.RefreshMode;
import io.bluelinkmqtt.domain.RefreshRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The account router's view of the accounts' vehicle lists, and the decisions it takes from them: which account a
 * request for a car goes to ({@link VehicleOwnership}: a car listed by two accounts stays with the first in
 * configuration order), and the union answered to {@code bluelink.api.vehicles}. An account that does not answer its
 * list (wrong password, cloud down) is left out of the union, asked again in the background with a doubling delay,
 * and once its list arrives each of its cars gets one cached read, whose status update makes the car known to the
 * commands. No I/O: the router sends the requests and hands the replies in. Confined to the router's event loop.
 */
final class AccountLists {

  private static final long FIRST_RETRY_MS = 2_000;
  private static final long MAX_RETRY_MS = 300_000;

  private final List<String> accounts;
  private final VehicleOwnership ownership;
  /** The router's logger: the log pattern shows the logger's name, and to operators these lines are the router's. */
  private final Logger log;
  /** Accounts missing from a list already answered: their cars get a first read when their list arrives. */
  private final Set<String> lateAccounts = new HashSet<>();
  private final Map<String, Long> retryDelay = new HashMap<>();

  AccountLists(List<String> accounts, Logger log) {
    this.accounts = List.copyOf(accounts);
    this.ownership = new VehicleOwnership(this.accounts);
    this.log = log;
  }

  /** The accounts in configuration order. */
  List<String> accounts() {
    return accounts;
  }

  /** True once the account's list arrived. */
  boolean listed(String account) {
    return ownership.listed(account);
  }

  /**
   * The account to forward a request for the car to: its owner; when no account owns it yet, the owner once the
   * accounts not listed yet were asked (the car may be one of theirs). Fails {@code unknown_vehicle} otherwise.
   */
  Future<String> route(String vehicleId, Supplier<Future<Void>> askUnlisted) {
    String known = owner(vehicleId);
    return known != null ? Future.succeededFuture(known) : askUnlisted.get().compose(v -> {
      String late = owner(vehicleId);
      return late == null ? Future.failedFuture(new BridgeException(Failure.UNKNOWN_VEHICLE,
          "no account serves this vehicle")) : Future.succeededFuture(late);
    });
  }

  private String owner(String vehicleId) {
    return vehicleId == null ? null : ownership.owner(vehicleId);
  }

  /** The accounts whose list has not arrived yet. */
  List<String> unlisted() {
    return accounts.stream().filter(account -> !ownership.listed(account)).toList();
  }

  /** Records a list that answered a union request (its cars reach the commands through that union). */
  void learn(String account, JsonObject reply) {
    ownership.learn(account, reply);
  }

  /**
   * The reply to {@code bluelink.api.vehicles} from the accounts' answers, all complete and in account order: the
   * union of the cars each account owns; an account that did not answer is left out (and its cars get a first read
   * once its list arrives). Fails only when no account answered, with the first account's failure.
   */
  Future<JsonObject> union(List<Future<JsonObject>> answers) {
    JsonArray union = new JsonArray();
    for (int i = 0; i < accounts.size(); i++) {
      String account = accounts.get(i);
      if (answers.get(i).failed()) {
        log.warn("account {}: vehicle list not available ({}); its cars are left out for now", account,
            answers.get(i).cause().getMessage());
        if (!ownership.listed(account)) {
          lateAccounts.add(account);
        }
      }
      ownership.owned(account).forEach(union::add);
    }
    if (union.isEmpty() && answers.stream().allMatch(Future::failed)) {
      return Future.failedFuture(answers.get(0).cause());
    }
    return Future.succeededFuture(Envelope.versioned().put("vehicles", union));
  }

  /**
   * Records a list asked for outside a union (in the background, or for a command's unknown car).
   *
   * @return the cars that need one cached read ({@link #firstRead}): the account's new cars when a union already
   *     answered left this account out, else none
   */
  List<String> arrived(String account, JsonObject reply) {
    boolean first = !ownership.listed(account);
    List<String> fresh = ownership.learn(account, reply);
    if (first) {
      log.info("account {}: vehicle list loaded ({} car(s))", account, fresh.size());
    }
    // the commands' first list did not have these cars: one cached read each makes them known
    return first && lateAccounts.remove(account) ? fresh : List.of();
  }

  /** The delay before asking again an account whose list did not come: 2 s, doubling each time, at most 5 min. */
  long retryDelayMs(String account) {
    return retryDelay.merge(account, FIRST_RETRY_MS, (old, first) -> Math.min(old * 2, MAX_RETRY_MS));
  }

  /** The refresh request of a late car's first read: the cloud's copy (never wakes the car), as at start-up. */
  static JsonObject firstRead(String vehicleId) {
    return RefreshJson.requestToJson(new RefreshRequest(vehicleId, RefreshMode.CACHED, 0, false,
        RefreshRequest.STARTUP_ID));
  }
}
