package io.bluelinkmqtt.api;

import io.bluelinkmqtt.domain.Vehicle;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/** Where the last vehicle list read from the cloud is kept, so a restart can serve without the cloud. */
public interface SavedVehicles {

  /** The saved list; empty when none was saved or it cannot be read. Never fails. */
  Future<Optional<List<Vehicle>>> load();

  /** Keeps {@code vehicles}, replacing the saved list (in the background; a failure is only reported). */
  void save(List<Vehicle> vehicles);

  /** Nothing is kept. */
  SavedVehicles NONE = new SavedVehicles() {
    @Override
    public Future<Optional<List<Vehicle>>> load() {
      return Future.succeededFuture(Optional.empty());
    }

    @Override
    public void save(List<Vehicle> vehicles) {
    }
  };
}
