package io.bluelinkmqtt.command;

import io.bluelinkmqtt.codec.VehicleListClient;
import io.bluelinkmqtt.codec.StatusUpdateJson;
import io.bluelinkmqtt.domain.Vehicle;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills {@link KnownVehicles}: asks {@code bluelink.api.vehicles} until it answers (the account may
 * still be logging in), with a doubling delay capped at {@code retryCapMs}; later status updates add
 * vehicles too. Calls {@code onFirstList} once with the ids of the first list that arrived.
 */
final class VehicleDirectory {

  private static final Logger LOG = LoggerFactory.getLogger(VehicleDirectory.class);

  private final KnownVehicles known;
  private final VehicleListClient lister;
  private final Consumer<List<String>> onFirstList;

  VehicleDirectory(Vertx vertx, KnownVehicles known, CommandTimings timings, Consumer<List<String>> onFirstList) {
    this.known = known;
    this.lister = new VehicleListClient(vertx, "commands", timings.sendTimeoutMs(), timings.vehiclesRetryBaseMs(),
        timings.vehiclesRetryCapMs());
    this.onFirstList = onFirstList;
  }

  void load() {
    lister.fetch().onSuccess(this::accept);
  }

  /** A status update names a vehicle the API serves: it may be commanded. */
  void learnFrom(JsonObject statusUpdate) {
    try {
      known.add(StatusUpdateJson.fromJson(statusUpdate).vehicle().id());
    } catch (RuntimeException e) {
      LOG.warn("status update without a usable vehicle ignored: {}", e.getClass().getSimpleName());
    }
  }

  /** The list may be there now (a one-time code was accepted): ask at once rather than at the next retry. */
  void retryNow() {
    lister.retryNow();
  }

  void stop() {
    lister.cancel();
  }

  private void accept(List<Vehicle> vehicles) {
    List<String> ids = new java.util.ArrayList<>();
    for (Vehicle vehicle : vehicles) {
      if (known.add(vehicle.id())) {
        ids.add(vehicle.id());
      }
    }
    boolean first = !known.listLoaded();
    known.markListLoaded();
    LOG.info("vehicle list loaded: {} vehicle(s)", ids.size());
    if (first) {
      onFirstList.accept(ids);
    }
  }
}
