package io.bluelinkmqtt.state;

import io.bluelinkmqtt.api.SavedVehicles;
import io.bluelinkmqtt.codec.VehicleJson;
import io.bluelinkmqtt.domain.Vehicle;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last vehicle list read from the cloud, in {@code <stateDir>/vehicles.json} ({@code {v, vehicles: [Vehicle]}},
 * the body of {@code bluelink.api.vehicles}); written through a {@link JsonStateFile}, so with a last good copy.
 */
public final class SavedVehicleList implements SavedVehicles {

  public static final String FILE = "vehicles.json";
  private static final Logger LOG = LoggerFactory.getLogger(SavedVehicleList.class);

  private final JsonStateFile file;
  private final StateWriteWatch watch;

  public SavedVehicleList(JsonStateFile file, StateWriteWatch watch) {
    this.file = file;
    this.watch = watch;
  }

  @Override
  public Future<Optional<List<Vehicle>>> load() {
    return file.loadChecked(SavedVehicleList::parse).map(StateLoad::state).recover(err -> {
      LOG.warn("Saved vehicle list {} cannot be read: {}", file.path(), err.toString());
      return Future.succeededFuture(Optional.empty());
    });
  }

  @Override
  public void save(List<Vehicle> vehicles) {
    JsonObject json = VehicleJson.listToJson(vehicles);
    file.save(json).onComplete(ar -> {
      if (ar.succeeded()) {
        watch.written();
      } else {
        watch.failed(file.path(), ar.cause());
      }
    });
  }

  private static List<Vehicle> parse(JsonObject json) {
    if (json.getInteger("v", -1) != 1) {
      throw new IllegalArgumentException("unknown vehicle list version " + json.getValue("v"));
    }
    return VehicleJson.listFromJson(json);
  }
}
