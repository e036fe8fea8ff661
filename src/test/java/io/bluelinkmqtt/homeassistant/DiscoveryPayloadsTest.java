package io.bluelinkmqtt.homeassistant;

import static io.bluelinkmqtt.homeassistant.SampleVehicles.BASE;
import static io.bluelinkmqtt.homeassistant.SampleVehicles.PREFIX;
import static io.bluelinkmqtt.homeassistant.SampleVehicles.SMART_MAX_AGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.config.BridgeInfo;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.VehicleData;
import io.bluelinkmqtt.domain.VehicleData.Distance;
import io.bluelinkmqtt.domain.VehicleData.DistanceUnit;
import io.bluelinkmqtt.publish.Topics;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DiscoveryPayloadsTest {

  private static final Topics TOPICS = new Topics(BASE);
  private final DiscoveryPayloads payloads = new DiscoveryPayloads(PREFIX, TOPICS, SMART_MAX_AGE);

  private static Map<String, JsonObject> byEntityId(List<DiscoveryMessage> messages) {
    return messages.stream().collect(Collectors.toMap(m -> m.payload().getString("default_entity_id"),
        DiscoveryMessage::payload));
  }

  @Test
  @DisplayName("a car that reported only its battery level gets that sensor, data source and the three buttons")
  void sparseCarGetsOnlyWhatItReported() {
    Map<String, JsonObject> entities = byEntityId(payloads.forVehicle(SampleVehicles.EV6, SampleVehicles.BATTERY_ONLY));
    assertEquals(List.of("button.kia_ev6_refresh_cached", "button.kia_ev6_refresh_force",
            "button.kia_ev6_refresh_smart", "sensor.kia_ev6_battery_level", "sensor.kia_ev6_data_source",
            "sensor.kia_ev6_last_command"),
        entities.keySet().stream().sorted().toList());
  }

  @Test
  @DisplayName("a fully populated car gets one entity per reported value, with readable entity ids")
  void fullCarGetsEveryEntity() {
    List<DiscoveryMessage> messages = payloads.forVehicle(SampleVehicles.KONA, SampleVehicles.FULL);
    List<String> expected = new ArrayList<>(List.of(
        "binary_sensor.my_kona_charging", "binary_sensor.my_kona_climate", "binary_sensor.my_kona_doors",
        "binary_sensor.my_kona_hood", "binary_sensor.my_kona_lock", "binary_sensor.my_kona_plugged_in",
        "binary_sensor.my_kona_trunk", "binary_sensor.my_kona_tyre_pressure_warning",
        "binary_sensor.my_kona_windows", "button.my_kona_refresh_cached", "button.my_kona_refresh_force",
        "button.my_kona_refresh_smart", "device_tracker.my_kona_location", "sensor.my_kona_aux_battery_level",
        "sensor.my_kona_battery_level", "sensor.my_kona_battery_temperature", "sensor.my_kona_charge_limit_ac",
        "sensor.my_kona_charge_limit_dc", "sensor.my_kona_charge_time_target",
        "sensor.my_kona_climate_set_temperature", "sensor.my_kona_data_source", "sensor.my_kona_energy_consumption",
        "sensor.my_kona_last_updated", "sensor.my_kona_odometer", "sensor.my_kona_range",
        "sensor.my_kona_last_command", "sensor.my_kona_charge_time_full", "binary_sensor.my_kona_charge_port_door",
        "sensor.my_kona_charging_current_level", "sensor.my_kona_window_front_left",
        "sensor.my_kona_window_front_right", "sensor.my_kona_window_rear_left", "sensor.my_kona_window_rear_right"));
    assertEquals(expected.stream().sorted().toList(), byEntityId(messages).keySet().stream().sorted().toList());
    assertTrue(messages.stream().allMatch(m -> m.topic().startsWith(PREFIX + "/" + m.component()
        + "/bluelinkmqtt_bluelink_kona-1/")), "node id per vehicle");
  }

  @Test
  @DisplayName("battery level config: exact topic, state topic, classes, availability, device and origin")
  void batteryLevelConfigIsExact() {
    DiscoveryMessage battery = payloads.forVehicle(SampleVehicles.KONA, SampleVehicles.FULL).stream()
        .filter(m -> m.topic().endsWith("/battery_level/config")).findFirst().orElseThrow();
    assertEquals("homeassistant/sensor/bluelinkmqtt_bluelink_kona-1/battery_level/config", battery.topic());
    JsonObject expected = new JsonObject()
        .put("name", "Battery level")
        .put("unique_id", "bluelinkmqtt_bluelink_kona-1_battery_level")
        .put("default_entity_id", "sensor.my_kona_battery_level")
        .put("device", new JsonObject().put("identifiers", new JsonArray().add("bluelinkmqtt_vin_KMHK381GFNU000001"))
            .put("name", "My Kona").put("manufacturer", "Hyundai").put("via_device", "bluelinkmqtt_bluelink")
            .put("model", "Kona Electric"))
        .put("origin", new JsonObject().put("name", "bluelink-mqtt").put("sw_version", BridgeInfo.currentVersion()))
        .put("qos", 1)
        .put("availability_topic", "bluelink/bridge/state")
        .put("payload_available", "online")
        .put("payload_not_available", "offline")
        .put("state_topic", "bluelink/kona-1/battery/level")
        .put("value_template", "{{ value_json.value }}")
        .put("device_class", "battery")
        .put("unit_of_measurement", "%")
        .put("state_class", "measurement");
    assertEquals(expected, battery.payload());
    JsonObject bus = battery.toPublish();
    assertEquals(1, bus.getInteger("v"));
    assertEquals(battery.topic(), bus.getString("topic"));
    assertEquals(1, bus.getInteger("qos"));
    assertEquals(true, bus.getBoolean("retain"));
    assertEquals(expected, new JsonObject(bus.getString("payload")));
  }

  @Test
  @DisplayName("values published without retain are read from the retained state document")
  void unretainedValuesReadTheStateDocument() {
    Map<String, JsonObject> entities = byEntityId(payloads.forVehicle(SampleVehicles.KONA, SampleVehicles.FULL));
    Map<String, String> templates = Map.of(
        "sensor.my_kona_battery_temperature", "{{ (value_json.battery | default({})).temperature | default('') }}",
        "sensor.my_kona_charge_time_full", "{{ (value_json.ev | default({})).charge_time_100 | default('') }}",
        "sensor.my_kona_charge_time_target", "{{ (value_json.ev | default({})).charge_time_target | default('') }}",
        "sensor.my_kona_energy_consumption", "{{ (value_json.ev | default({})).energy_consumption | default('') }}");
    templates.forEach((id, template) -> {
      assertEquals("bluelink/kona-1/state", entities.get(id).getString("state_topic"), id);
      assertEquals(template, entities.get(id).getString("value_template"), id);
    });
    JsonObject tracker = entities.get("device_tracker.my_kona_location");
    assertEquals("bluelink/kona-1/state", tracker.getString("json_attributes_topic"));
    assertEquals("{{ (value_json.vehicle | default({})).location | default('') | tojson }}",
        tracker.getString("json_attributes_template"));
  }

  @Test
  @DisplayName("energy consumption: no device class (energy_distance is unknown before Home Assistant 2025.1), unit and state class kept")
  void energyConsumptionWorksOnOldAndNewHomeAssistant() {
    JsonObject energy = byEntityId(payloads.forVehicle(SampleVehicles.KONA, SampleVehicles.FULL))
        .get("sensor.my_kona_energy_consumption");
    assertFalse(energy.containsKey("device_class"), energy.encode());
    assertEquals("Wh/km", energy.getString("unit_of_measurement"));
    assertEquals("measurement", energy.getString("state_class"));
  }

  @Test
  @DisplayName("last command: an enum sensor of every outcome status on the car's commands/result, diagnostic")
  void lastCommandSensor() {
    JsonObject sensor = byEntityId(payloads.forVehicle(SampleVehicles.KONA, SampleVehicles.BATTERY_ONLY))
        .get("sensor.my_kona_last_command");
    assertEquals("bluelink/kona-1/commands/result", sensor.getString("state_topic"));
    assertEquals("bluelink/kona-1/commands/result", sensor.getString("json_attributes_topic"));
    assertEquals("{{ value_json.status }}", sensor.getString("value_template"));
    assertEquals("enum", sensor.getString("device_class"));
    assertEquals(new JsonArray(List.of("ok", "coalesced", "throttled", "denied", "invalid", "failed", "accepted",
        "timeout", "unsupported", "busy")), sensor.getJsonArray("options"));
    assertEquals("diagnostic", sensor.getString("entity_category"));
  }

  @Test
  @DisplayName("legacy object ids: object_id (no domain) instead of default_entity_id, same ids otherwise")
  void legacyObjectIds() {
    DiscoveryPayloads legacy = new DiscoveryPayloads(PREFIX, TOPICS, SMART_MAX_AGE, true);
    List<DiscoveryMessage> modern = payloads.forVehicle(SampleVehicles.KONA, SampleVehicles.FULL);
    List<DiscoveryMessage> old = legacy.forVehicle(SampleVehicles.KONA, SampleVehicles.FULL);
    assertEquals(modern.size(), old.size());
    for (int i = 0; i < modern.size(); i++) {
      JsonObject m = modern.get(i).payload();
      JsonObject o = old.get(i).payload();
      assertFalse(o.containsKey("default_entity_id"), o.encode());
      assertFalse(m.containsKey("object_id"), m.encode());
      assertEquals(m.getString("default_entity_id"), modern.get(i).component() + "." + o.getString("object_id"));
      JsonObject withoutId = m.copy();
      withoutId.remove("default_entity_id");
      JsonObject oldWithoutId = o.copy();
      oldWithoutId.remove("object_id");
      assertEquals(withoutId, oldWithoutId);
    }
    JsonObject bridge = legacy.forBridge().get(0).payload();
    assertEquals("bluelink_bridge_connectivity", bridge.getString("object_id"));
  }

  @Test
  @DisplayName("name-based ids (Home Assistant before 2025.10 without object_id) slug device and entity name")
  void nameBasedIds() {
    assertEquals("sensor.my_kona_12_v_battery", DiscoveryPayloads.nameBasedEntityId("sensor", "My Kona", "12 V battery"));
    assertEquals("button.my_kona_refresh_wake_car",
        DiscoveryPayloads.nameBasedEntityId("button", "My Kona", "Refresh (wake car)"));
    assertEquals("sensor.kuhlschrank_strasse", DiscoveryPayloads.nameBasedEntityId("sensor", "Kühlschrank", "Straße"));
  }

  @Test
  @DisplayName("buttons publish cached, force and smart:<max age> to the car's refresh topic, not retained")
  void buttonsPublishRefreshCommands() {
    Map<String, JsonObject> entities = byEntityId(payloads.forVehicle(SampleVehicles.KONA, SampleVehicles.FULL));
    assertEquals("cached", entities.get("button.my_kona_refresh_cached").getString("payload_press"));
    assertEquals("force", entities.get("button.my_kona_refresh_force").getString("payload_press"));
    assertEquals("smart:1800", entities.get("button.my_kona_refresh_smart").getString("payload_press"));
    for (String id : List.of("cached", "force", "smart")) {
      JsonObject button = entities.get("button.my_kona_refresh_" + id);
      assertEquals("bluelink/kona-1/commands/refresh", button.getString("command_topic"));
      assertEquals(false, button.getBoolean("retain"));
    }
  }

  @Test
  @DisplayName("distances carry the car's own unit; the odometer is total_increasing")
  void distancesUseTheReportedUnit() {
    VehicleData miles = new VehicleData(null, null, new VehicleData.Ev(new Distance(190, DistanceUnit.MILES), null,
        null, null, null, null), null, new Distance(14000, DistanceUnit.MILES), null, null, null, null);
    Map<String, JsonObject> entities = byEntityId(payloads.forVehicle(SampleVehicles.KONA, miles));
    assertEquals("mi", entities.get("sensor.my_kona_range").getString("unit_of_measurement"));
    assertEquals("mi", entities.get("sensor.my_kona_odometer").getString("unit_of_measurement"));
    assertEquals("total_increasing", entities.get("sensor.my_kona_odometer").getString("state_class"));
  }

  @Test
  @DisplayName("lock: locked=true maps to off, because Home Assistant's lock class means unlocked when on")
  void lockIsInverted() {
    JsonObject lock = byEntityId(payloads.forVehicle(SampleVehicles.KONA, SampleVehicles.FULL))
        .get("binary_sensor.my_kona_lock");
    assertEquals("lock", lock.getString("device_class"));
    assertEquals("OFF", DiscoveryRulesTest.render(lock.getString("value_template"), new JsonObject().put("value", true)));
    assertEquals("ON", DiscoveryRulesTest.render(lock.getString("value_template"), new JsonObject().put("value", false)));
  }

  @Test
  @DisplayName("device name falls back from nickname to brand and model to brand and id; no VIN, the node id")
  void deviceNameFallbacks() {
    assertEquals("My Kona", DiscoveryPayloads.deviceName(SampleVehicles.KONA));
    assertEquals("Kia EV6", DiscoveryPayloads.deviceName(SampleVehicles.EV6));
    Vehicle bare = new Vehicle("abc", "api", null, " ", null, Brand.GENESIS, Vehicle.EngineType.UNKNOWN);
    assertEquals("Genesis abc", DiscoveryPayloads.deviceName(bare));
    JsonObject device = payloads.forVehicle(SampleVehicles.EV6, VehicleData.EMPTY).get(0).payload()
        .getJsonObject("device");
    assertEquals(new JsonArray().add("bluelinkmqtt_bluelink_ev6"), device.getJsonArray("identifiers"));
    assertEquals("Kia", device.getString("manufacturer"));
  }

  @Test
  @DisplayName("bridge device: connectivity, breaker and budget, diagnostic, under the bridge's node id")
  void bridgeDevice() {
    Map<String, JsonObject> entities = byEntityId(payloads.forBridge());
    assertEquals(List.of("binary_sensor.bluelink_bridge_connectivity", "sensor.bluelink_bridge_api_budget_remaining",
        "sensor.bluelink_bridge_breaker"), entities.keySet().stream().sorted().toList());
    entities.values().forEach(p -> {
      assertEquals("diagnostic", p.getString("entity_category"));
      assertEquals(new JsonArray().add("bluelinkmqtt_bluelink"), p.getJsonObject("device").getJsonArray("identifiers"));
    });
    assertEquals("bluelink/bridge/health",
        entities.get("sensor.bluelink_bridge_breaker").getString("state_topic"));
  }

  @Test
  @DisplayName("own discovery topics are recognised; other programs' and other bridges' are not")
  void ownDiscoveryTopics() {
    payloads.forVehicle(SampleVehicles.KONA, SampleVehicles.FULL)
        .forEach(m -> assertTrue(payloads.isOwnDiscoveryTopic(m.topic()), m.topic()));
    payloads.forBridge().forEach(m -> assertTrue(payloads.isOwnDiscoveryTopic(m.topic()), m.topic()));
    DiscoveryPayloads otherBridge = new DiscoveryPayloads(PREFIX, new Topics("garage"), SMART_MAX_AGE);
    otherBridge.forBridge().forEach(m -> assertFalse(payloads.isOwnDiscoveryTopic(m.topic()), m.topic()));
    assertFalse(payloads.isOwnDiscoveryTopic("homeassistant/sensor/zigbee2mqtt_0x1234/battery/config"));
    assertFalse(payloads.isOwnDiscoveryTopic("homeassistant/sensor/bluelinkmqtt_bluelink_x/#/config"));
    assertFalse(payloads.isOwnDiscoveryTopic("bluelink/kona-1/battery/level"));
    assertFalse(payloads.isOwnDiscoveryTopic(null));
  }

  @Test
  @DisplayName("an invalid discovery prefix is refused")
  void invalidPrefixRefused() {
    assertThrows(IllegalArgumentException.class, () -> new DiscoveryPayloads("home/+", TOPICS, 60));
    assertThrows(IllegalArgumentException.class, () -> new DiscoveryPayloads("", TOPICS, 60));
  }

  @Test
  @DisplayName("a car's shape changes with what it reports and its units, not with the values: configs follow the shape")
  void shapeFollowsReportedValuesAndUnits() {
    VehicleData other = SampleVehicles.FULL.withOdometer(new Distance(99999.0, DistanceUnit.KM));
    assertEquals(DiscoveryPayloads.shape(SampleVehicles.KONA, SampleVehicles.FULL),
        DiscoveryPayloads.shape(SampleVehicles.KONA, other), "new values, same shape");
    VehicleData miles = SampleVehicles.FULL.withOdometer(new Distance(23456.7, DistanceUnit.MILES));
    assertFalse(DiscoveryPayloads.shape(SampleVehicles.KONA, SampleVehicles.FULL)
        .equals(DiscoveryPayloads.shape(SampleVehicles.KONA, miles)), "a unit changed");
    assertFalse(DiscoveryPayloads.shape(SampleVehicles.KONA, SampleVehicles.FULL)
        .equals(DiscoveryPayloads.shape(SampleVehicles.KONA, SampleVehicles.BATTERY_ONLY)), "fewer values reported");
    assertFalse(DiscoveryPayloads.shape(SampleVehicles.KONA, SampleVehicles.FULL)
        .equals(DiscoveryPayloads.shape(SampleVehicles.KONA_WITH_ACTIONS, SampleVehicles.FULL)), "other actions");
    // same shape, same configs: what lets the verticle skip building them
    assertEquals(payloads.forVehicle(SampleVehicles.KONA, SampleVehicles.FULL),
        payloads.forVehicle(SampleVehicles.KONA, other));
    assertFalse(payloads.forVehicle(SampleVehicles.KONA, SampleVehicles.FULL)
        .equals(payloads.forVehicle(SampleVehicles.KONA, miles)));
  }
}
