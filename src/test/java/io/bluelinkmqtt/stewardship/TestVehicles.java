package io.bluelinkmqtt.stewardship;

import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.VehicleData;

/** Vehicles and snapshots for the stewardship tests. */
final class TestVehicles {

  static final Vehicle CAR1 = vehicle("car1");
  static final Vehicle CAR2 = vehicle("car2");

  private TestVehicles() {
  }

  static Vehicle vehicle(String id) {
    return new Vehicle(id, "api-" + id, "KMHTEST000000" + id, "Test " + id, "IONIQ 5", Brand.HYUNDAI,
        Vehicle.EngineType.EV);
  }

  /** A snapshot that knows only the 12 V level (null = not reported). */
  static VehicleData withAuxBattery(Integer percent) {
    return new VehicleData(null, null, null, percent, null, null, null, null, null);
  }
}
