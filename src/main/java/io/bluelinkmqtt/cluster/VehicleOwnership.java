package io.bluelinkmqtt.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which account serves which car, from the accounts' vehicle lists: a car belongs to the first account in
 * configuration order that lists it, whichever list came first; another account's copy is not bridged (logged once
 * per car and account). Confined to the account router's event loop.
 */
final class VehicleOwnership {

  private static final Logger LOG = LoggerFactory.getLogger(VehicleOwnership.class);

  private final List<String> accounts;
  private final Map<String, String> owners = new HashMap<>();
  private final Map<String, JsonArray> lists = new LinkedHashMap<>();
  private final Set<String> clashesLogged = new HashSet<>();

  VehicleOwnership(List<String> accounts) {
    this.accounts = List.copyOf(accounts);
  }

  /** True once the account's list arrived. */
  boolean listed(String account) {
    return lists.containsKey(account);
  }

  /** The account serving the car, or null. */
  String owner(String vehicleId) {
    return owners.get(vehicleId);
  }

  /** The cars of the account's last list that it owns (a car another account listed first is not). */
  List<JsonObject> owned(String account) {
    List<JsonObject> out = new ArrayList<>();
    for (Object o : lists.getOrDefault(account, new JsonArray())) {
      if (o instanceof JsonObject vehicle && account.equals(owners.get(vehicle.getString("id")))) {
        out.add(vehicle);
      }
    }
    return out;
  }

  /**
   * Records the account's list ({@code bluelink.api.vehicles} reply) and recomputes who owns what.
   *
   * @return the ids of the cars this account owns that it did not own before
   */
  List<String> learn(String account, JsonObject reply) {
    lists.put(account, reply.getJsonArray("vehicles", new JsonArray()));
    Map<String, String> before = new HashMap<>(owners);
    owners.clear();
    for (String candidate : accounts) {
      for (Object o : lists.getOrDefault(candidate, new JsonArray())) {
        if (!(o instanceof JsonObject vehicle) || vehicle.getString("id") == null) {
          continue;
        }
        String id = vehicle.getString("id");
        String owner = owners.putIfAbsent(id, candidate);
        if (owner != null && !owner.equals(candidate) && clashesLogged.add(id + "/" + candidate)) {
          LOG.error("vehicle id {} is listed by account {} and by account {}: it stays with {} and {}'s copy is "
              + "not bridged (give one account a vehicleId filter, or use TOPIC_ID_SOURCE=VIN if the ids only look "
              + "alike)", id, owner, candidate, owner, candidate);
        }
      }
    }
    List<String> fresh = new ArrayList<>();
    owners.forEach((id, owner) -> {
      if (owner.equals(account) && !account.equals(before.get(id))) {
        fresh.add(id);
      }
    });
    return fresh;
  }
}
