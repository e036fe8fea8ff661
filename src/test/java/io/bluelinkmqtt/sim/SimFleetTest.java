package io.bluelinkmqtt.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.domain.Brand;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.DisplayName;

class SimFleetTest {

  /** World manufacturer identifiers (the VIN's first three characters) of the brands' EVs. */
  private static final Map<Brand, Set<String>> MAKER_CODES = Map.of(
      Brand.KIA, Set.of("KNA", "KNC", "KND", "U5Y"),
      Brand.HYUNDAI, Set.of("KMH", "KM8", "TMA", "NLH"),
      Brand.GENESIS, Set.of("KMT", "KMU"));

  /** Models the other brands sell: a car of one brand must not carry them. */
  private static final Map<Brand, Set<String>> FOREIGN_MODELS = Map.of(
      Brand.KIA, Set.of("Kona", "IONIQ", "GV60", "GV70"),
      Brand.HYUNDAI, Set.of("Niro", "EV3", "EV6", "EV9", "GV60", "GV70"),
      Brand.GENESIS, Set.of("Niro", "EV3", "EV6", "Kona", "IONIQ"));

  @ParameterizedTest
  @EnumSource(Brand.class)
  @DisplayName("the demo's cars are that brand's models (VIN maker code and model name), with the same vehicle ids")
  void fleetMatchesTheBrand(Brand brand) {
    List<SimCar> fleet = SimulatorSettings.defaults(brand).cars();
    assertEquals(List.of("7d3c2e1a-5b4f-4a6e-9c8d-1f2e3a4b5c6d", "0f9e8d7c-6b5a-4c3d-8e2f-a1b2c3d4e5f6"),
        fleet.stream().map(SimCar::vehicleId).toList());
    for (SimCar car : fleet) {
      assertEquals(17, car.vin().length(), car.vin());
      assertTrue(MAKER_CODES.get(brand).contains(car.vin().substring(0, 3)), brand + ": " + car.vin());
      for (String foreign : FOREIGN_MODELS.get(brand)) {
        assertTrue(!car.model().contains(foreign) && !car.nickname().contains(foreign), brand + ": " + car.model());
      }
    }
  }
}
