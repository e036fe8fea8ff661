package io.bluelinkmqtt.api;

import io.bluelinkmqtt.bus.BridgeException;
import io.bluelinkmqtt.bus.Failure;
import io.bluelinkmqtt.domain.Vehicle;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account's cars. A start with a saved list serves it without asking the cloud (a restart costs no
 * vehicle-list call); the cloud is asked after {@link #RELOAD_SPACING}, or at once for an id the saved list lacks.
 * Without a saved list it is read from the cloud once (single-flight) and saved; when the cloud cannot give the list
 * (down, login failing, budget), the saved list is served instead. While only the saved list is held, and after a
 * fresh list for an id it does not contain, the cloud is asked again at most once per {@link #RELOAD_SPACING}, so
 * unknown ids or a dead cloud cannot turn into a call storm. Confined to the API verticle's event loop.
 */
final class VehicleRoster {

  static final Duration RELOAD_SPACING = Duration.ofMinutes(5);
  private static final Logger LOG = LoggerFactory.getLogger(VehicleRoster.class);

  private final VehicleCloud cloud;
  private final SavedVehicles saved;
  private final Clock clock;
  private final Map<String, Vehicle> vehicles = new LinkedHashMap<>();
  private boolean fromCloud;
  private Instant lastCloudAttempt;
  private Future<List<Vehicle>> loading;
  private Future<Void> savedAtStart;
  private Instant savedServedAt;

  VehicleRoster(VehicleCloud cloud, SavedVehicles saved, Clock clock) {
    this.cloud = cloud;
    this.saved = saved;
    this.clock = clock;
  }

  /** The list: the cloud's once it was read, else the cloud is asked (or the saved list served). */
  Future<List<Vehicle>> list(CallContext context) {
    return startedUp() ? listAfterStart(context) : startFromSaved().compose(v -> listAfterStart(context));
  }

  private Future<List<Vehicle>> listAfterStart(CallContext context) {
    if (fromCloud || (!vehicles.isEmpty() && askedRecently())) {
      return Future.succeededFuture(List.copyOf(vehicles.values()));
    }
    return load(context);
  }

  Optional<Vehicle> get(String id) {
    return Optional.ofNullable(vehicles.get(id));
  }

  /** The vehicle of {@code id}; an id not in the list reloads it, at most once per {@link #RELOAD_SPACING}. */
  Future<Vehicle> resolve(String id, CallContext context) {
    return startedUp() ? resolveAfterStart(id, context)
        : startFromSaved().compose(v -> resolveAfterStart(id, context));
  }

  private Future<Vehicle> resolveAfterStart(String id, CallContext context) {
    Vehicle known = vehicles.get(id);
    if (known != null) {
      return Future.succeededFuture(known);
    }
    // an id the saved list lacks may be a car added since: ask the cloud at once, then at most once per spacing
    boolean onlySaved = !fromCloud && lastCloudAttempt != null && lastCloudAttempt.equals(savedServedAt);
    Future<List<Vehicle>> reloaded = askedRecently() && !vehicles.isEmpty() && !onlySaved
        ? Future.succeededFuture() : load(context);
    return reloaded.compose(list -> {
      Vehicle found = vehicles.get(id);
      return found != null ? Future.succeededFuture(found)
          : Future.failedFuture(new BridgeException(Failure.UNKNOWN_VEHICLE, "no vehicle " + id + " on the account"));
    });
  }

  /** After the start: every command takes the direct path, no future composed on the start's. */
  private boolean startedUp() {
    return savedAtStart != null && savedAtStart.isComplete();
  }

  /** Once: the saved list, when there is one, as if the cloud had just been asked (failures: start empty). */
  private Future<Void> startFromSaved() {
    if (savedAtStart == null) {
      savedAtStart = saved.load().<Void>map(list -> {
        if (list.isPresent() && !list.get().isEmpty() && vehicles.isEmpty()) {
          list.get().forEach(v -> vehicles.put(v.id(), v));
          savedServedAt = clock.instant();
          lastCloudAttempt = savedServedAt;
          LOG.info("serving the {} vehicle(s) saved last time; the cloud's list is read in {} min or for an unknown id",
              vehicles.size(), RELOAD_SPACING.toMinutes());
        }
        return null;
      }).otherwiseEmpty();
    }
    return savedAtStart;
  }

  private boolean askedRecently() {
    Instant now = clock.instant();
    return lastCloudAttempt != null && !now.isBefore(lastCloudAttempt)
        && now.isBefore(lastCloudAttempt.plus(RELOAD_SPACING));
  }

  private Future<List<Vehicle>> load(CallContext context) {
    if (loading != null) {
      return loading;
    }
    lastCloudAttempt = clock.instant();
    Future<List<Vehicle>> load = cloud.vehicles(context).map(list -> {
      vehicles.clear();
      list.forEach(v -> vehicles.put(v.id(), v));
      fromCloud = true;
      saved.save(list);
      return list;
    }).recover(this::fallBackToSaved);
    loading = load;
    load.onComplete(ar -> loading = null);
    return load;
  }

  private Future<List<Vehicle>> fallBackToSaved(Throwable cloudFailure) {
    if (!vehicles.isEmpty()) {
      return Future.succeededFuture(List.copyOf(vehicles.values()));
    }
    return saved.load().compose(list -> {
      if (list.isEmpty() || list.get().isEmpty()) {
        return Future.failedFuture(cloudFailure);
      }
      LOG.warn("Vehicle list not available from the cloud ({}); serving the {} vehicle(s) saved last time until it is",
          cloudFailure.getMessage(), list.get().size());
      list.get().forEach(v -> vehicles.putIfAbsent(v.id(), v));
      return Future.succeededFuture(List.copyOf(vehicles.values()));
    });
  }
}
