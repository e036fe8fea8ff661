package io.bluelinkmqtt.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.bluelinkmqtt.api.VehicleNaming.ListedVehicle;
import io.bluelinkmqtt.config.AppConfig.AccountConfig;
import io.bluelinkmqtt.config.AppConfig.TopicIdSource;
import io.bluelinkmqtt.config.Secret;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.Region;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.Vehicle.EngineType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class VehicleNamingTest {

  private static final ListedVehicle KONA = new ListedVehicle("api-1", "KMHVIN0000000001", " My\u0007 Kona ",
      "Kona Electric", EngineType.EV, Map.of("ccs2", "1"));
  private static final ListedVehicle NIRO = new ListedVehicle("api-2", "KNAVIN0000000002", null, "Niro",
      EngineType.PHEV, Map.of());

  private static VehicleNaming naming(Optional<String> only, TopicIdSource source) {
    return new VehicleNaming(new AccountConfig(Region.EUROPE, Brand.KIA, "me@example.com", Secret.of("pw"),
        Secret.empty(), only, source));
  }

  @Test
  @DisplayName("names from the cloud lose control characters and are cut to 64 characters; blank means absent")
  void labelsAreBounded() {
    assertEquals("My Car", VehicleNaming.label("  My\u0007 Car\n "));
    assertEquals(64, VehicleNaming.label("x".repeat(200)).length());
    assertNull(VehicleNaming.label("\u0000\u0001"));
    assertNull(VehicleNaming.label(null));
  }

  @Test
  @DisplayName("every listed car is served under the cloud's id, with the account's brand and its module data")
  void allCarsByCloudId() {
    List<Vehicle> served = naming(Optional.empty(), TopicIdSource.VEHICLE_ID).served(List.of(KONA, NIRO));
    assertEquals(List.of(new Vehicle("api-1", "api-1", "KMHVIN0000000001", "My Kona", "Kona Electric", Brand.KIA,
        EngineType.EV, Map.of("ccs2", "1")), new Vehicle("api-2", "api-2", "KNAVIN0000000002", null, "Niro",
        Brand.KIA, EngineType.PHEV)), served);
  }

  @Test
  @DisplayName("account.vehicleId keeps one car, by cloud id or VIN; TOPIC_ID_SOURCE=VIN names it by its VIN")
  void filterAndTopicId() {
    assertEquals(List.of("api-2"), naming(Optional.of("api-2"), TopicIdSource.VEHICLE_ID)
        .served(List.of(KONA, NIRO)).stream().map(Vehicle::id).toList());
    assertEquals(List.of("KMHVIN0000000001"), naming(Optional.of("KMHVIN0000000001"), TopicIdSource.VIN)
        .served(List.of(KONA, NIRO)).stream().map(Vehicle::id).toList());
  }

  @Test
  @DisplayName("a car whose id cannot name a topic (no VIN, no cloud id, 'bridge') is skipped, the others stay")
  void unusableIdsAreSkipped() {
    ListedVehicle noVin = new ListedVehicle("api-3", null, null, null, EngineType.EV, Map.of());
    ListedVehicle noId = new ListedVehicle(null, "KNAVIN0000000004", null, null, EngineType.EV, Map.of());
    ListedVehicle bridge = new ListedVehicle("Bridge", "KNAVIN0000000005", null, null, EngineType.EV, Map.of());
    assertEquals(List.of("KMHVIN0000000001"), naming(Optional.empty(), TopicIdSource.VIN)
        .served(List.of(noVin, noId, KONA)).stream().map(Vehicle::id).toList());
    assertEquals(List.of("api-1"), naming(Optional.empty(), TopicIdSource.VEHICLE_ID)
        .served(List.of(noId, bridge, KONA)).stream().map(Vehicle::id).toList());
  }
}
