package io.bluelinkmqtt.homeassistant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.bluelinkmqtt.codec.MqttPublishJson.MqttMessageOut;
import io.bluelinkmqtt.codec.StatusUpdateJson.StatusUpdate;
import io.bluelinkmqtt.codec.VehicleDataJson;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.DataSource;
import io.bluelinkmqtt.domain.RefreshMode;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.VehicleData;
import io.bluelinkmqtt.domain.VehicleData.Climate;
import io.bluelinkmqtt.domain.VehicleData.Distance;
import io.bluelinkmqtt.domain.VehicleData.DistanceUnit;
import io.bluelinkmqtt.domain.VehicleData.TemperatureUnit;
import io.bluelinkmqtt.publish.TopicMapper;
import io.bluelinkmqtt.publish.Topics;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A car that reports miles and °F (the USA) keeps them end to end: on the bus (codec round trip), on its MQTT leaves'
 * {@code unit}, and in Home Assistant's {@code unit_of_measurement}; nothing is converted.
 */
class CarUnitsTest {

  private static final Topics TOPICS = new Topics("units");
  private static final Vehicle CAR = new Vehicle("H3IONIQ50001", "H3IONIQ50001", "KM8KRDAF0PU000001", "Sparky",
      "IONIQ 5", Brand.HYUNDAI, Vehicle.EngineType.EV);
  private static final VehicleData US = new VehicleData(Instant.parse("2026-07-01T10:00:00Z"),
      new VehicleData.Battery(80, false, true, null),
      new VehicleData.Ev(new Distance(240, DistanceUnit.MILES), null, null, 90, 80, null), 88,
      new Distance(12_500, DistanceUnit.MILES), null, null, new Climate(false, 72.0, TemperatureUnit.FAHRENHEIT), false);

  @Test
  @DisplayName("°F survives the bus codec, and is never read as °C")
  void codecKeepsFahrenheit() {
    JsonObject json = VehicleDataJson.toJson(US);
    assertEquals(72.0, json.getJsonObject("climate").getDouble("setTemperatureFahrenheit"));
    assertFalse(json.getJsonObject("climate").containsKey("setTemperatureCelsius"));
    VehicleData back = VehicleDataJson.fromJson(json);
    assertEquals(US, back);
    assertNull(back.climate().setTemperatureCelsius());
  }

  @Test
  @DisplayName("the leaves say mi and °F")
  void leavesCarryTheCarsUnits() {
    List<MqttMessageOut> out = new TopicMapper(TOPICS).map(new StatusUpdate(CAR, RefreshMode.CACHED, DataSource.CACHED, US));
    assertEquals("°F", leaf(out, "climate/set_temperature").getString("unit"));
    assertEquals(72.0, leaf(out, "climate/set_temperature").getDouble("value"));
    assertEquals("mi", leaf(out, "ev/range").getString("unit"));
    assertEquals("mi", leaf(out, "vehicle/odometer").getString("unit"));
  }

  @Test
  @DisplayName("Home Assistant is told °F and mi, so it converts for a metric user")
  void discoverySaysFahrenheitAndMiles() {
    List<DiscoveryMessage> configs = new DiscoveryPayloads("homeassistant", TOPICS, 3600).forVehicle(CAR, US);
    assertEquals("°F", unitOf(configs, "climate_set_temperature"));
    assertEquals("mi", unitOf(configs, "range"));
    assertEquals("mi", unitOf(configs, "odometer"));
  }

  private static JsonObject leaf(List<MqttMessageOut> out, String leaf) {
    return new JsonObject(out.stream().filter(m -> m.topic().equals("units/" + CAR.id() + "/" + leaf)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + leaf)).payload());
  }

  private static String unitOf(List<DiscoveryMessage> configs, String key) {
    return configs.stream().filter(m -> m.topic().contains("/" + key + "/") || m.topic().contains("_" + key + "/"))
        .findFirst().orElseThrow(() -> new AssertionError("no entity " + key)).payload().getString("unit_of_measurement");
  }
}
