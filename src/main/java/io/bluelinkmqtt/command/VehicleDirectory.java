package io.bluelinkmqtt.command;

import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.codec.Envelope;
import io.bluelinkmqtt.codec.StatusUpdateJson;
import io.bluelinkmqtt.codec.VehicleJson;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
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

  private final Vertx vertx;
  private final KnownVehicles known;
  private final CommandTimings timings;
  private final Consumer<List<String>> onFirstList;
  private long retryTimer = -1;
  private boolean stopped;

  VehicleDirectory(Vertx vertx, KnownVehicles known, CommandTimings timings, Consumer<List<String>> onFirstList) {
    this.vertx = vertx;
    this.known = known;
    this.timings = timings;
    this.onFirstList = onFirstList;
  }

  void load(int attempt) {
    vertx.eventBus().<JsonObject>request(Addresses.API_VEHICLES, Envelope.versioned(),
            new DeliveryOptions().setSendTimeout(timings.sendTimeoutMs()))
        .onSuccess(reply -> accept(reply.body()))
        .onFailure(e -> retry(attempt, e));
  }

  /** A status update names a vehicle the API serves: it may be commanded. */
  void learnFrom(JsonObject statusUpdate) {
    try {
      known.add(StatusUpdateJson.fromJson(statusUpdate).vehicle().id());
    } catch (RuntimeException e) {
      LOG.warn("status update without a usable vehicle ignored: {}", e.getClass().getSimpleName());
    }
  }

  void stop() {
    stopped = true;
    vertx.cancelTimer(retryTimer);
  }

  private void accept(JsonObject body) {
    JsonArray vehicles = body == null ? new JsonArray() : body.getJsonArray("vehicles", new JsonArray());
    List<String> ids = new java.util.ArrayList<>();
    for (Object entry : vehicles) {
      try {
        String id = VehicleJson.fromJson((JsonObject) entry).id();
        if (known.add(id)) {
          ids.add(id);
        }
      } catch (RuntimeException e) {
        LOG.warn("vehicle entry ignored: {}", e.getClass().getSimpleName());
      }
    }
    boolean first = !known.listLoaded();
    known.markListLoaded();
    LOG.info("vehicle list loaded: {} vehicle(s)", ids.size());
    if (first) {
      onFirstList.accept(ids);
    }
  }

  private void retry(int attempt, Throwable cause) {
    if (stopped) {
      return;
    }
    long delay = Math.min(timings.vehiclesRetryCapMs(), timings.vehiclesRetryBaseMs() << Math.min(attempt, 20));
    LOG.warn("vehicle list not available ({}), retry {} in {} ms", cause.getMessage(), attempt + 1, delay);
    retryTimer = vertx.setTimer(Math.max(1, delay), t -> load(attempt + 1));
  }
}
