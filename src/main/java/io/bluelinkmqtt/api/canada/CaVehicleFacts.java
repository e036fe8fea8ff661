package io.bluelinkmqtt.api.canada;

import io.bluelinkmqtt.domain.Vehicle;
import java.util.HashMap;
import java.util.Map;

/**
 * What the Canadian module keeps of a car in {@link Vehicle#moduleData()}: its model year (the set-point table
 * starts at 14 °C from 2020, at 16 °C before, §3.5/§5.2) and its fuel kind ({@code G}, {@code E}, {@code P}).
 */
final class CaVehicleFacts {

  static final String MODEL_YEAR = "modelYear";
  static final String FUEL = "fuel";

  private CaVehicleFacts() {
  }

  static Map<String, String> of(Integer modelYear, String fuelKind) {
    Map<String, String> data = new HashMap<>();
    if (modelYear != null) {
      data.put(MODEL_YEAR, modelYear.toString());
    }
    if (fuelKind != null) {
      data.put(FUEL, fuelKind);
    }
    return data;
  }

  static Integer modelYear(Vehicle vehicle) {
    String year = vehicle.moduleData().get(MODEL_YEAR);
    try {
      return year == null ? null : Integer.valueOf(year);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
