package io.bluelinkmqtt.api;

import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.VehicleData;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The car cloud as the {@link RefreshService} needs it; a region's client implements it. Every
 * method counts its HTTP calls (logins included) in the context and fails with {@link ApiException}.
 */
public interface VehicleCloud {

  /** The cars of the account, already filtered to the ones the bridge serves. */
  Future<List<Vehicle>> vehicles(CallContext context);

  /** The cloud's stored copy (does not wake the car), with the parking location and driving history added. */
  Future<VehicleData> cached(Vehicle vehicle, CallContext context);

  /**
   * Wakes the car and reads what it reports.
   *
   * @param baseline the car's timestamp before the wake (null when unknown), to tell fresh from stale data
   * @param wakeSent run once, when the waking request is actually sent
   */
  Future<ForcedRead> force(Vehicle vehicle, Instant baseline, CallContext context, Runnable wakeSent);

  /** The remote actions this region's cloud implements; empty when it implements none yet. */
  default Optional<VehicleActions> actions() {
    return Optional.empty();
  }

  /**
   * What a forced refresh obtained.
   *
   * @param data the data read after the wake
   * @param deadlinePassed true when the car did not report before the force deadline (CCS2 re-reads)
   */
  record ForcedRead(VehicleData data, boolean deadlinePassed) {
  }
}
