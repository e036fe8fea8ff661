package io.bluelinkmqtt.homeassistant;

import static io.bluelinkmqtt.homeassistant.SampleVehicles.BASE;
import static io.bluelinkmqtt.homeassistant.SampleVehicles.EVERYTHING_ALLOWED;
import static io.bluelinkmqtt.homeassistant.SampleVehicles.KONA_WITH_ACTIONS;
import static io.bluelinkmqtt.homeassistant.SampleVehicles.PREFIX;
import static io.bluelinkmqtt.homeassistant.SampleVehicles.SMART_MAX_AGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.config.AppConfig.ActionSettings;
import io.bluelinkmqtt.config.BridgeInfo;
import io.bluelinkmqtt.domain.CommandName;
import io.bluelinkmqtt.publish.PublishedValue;
import io.bluelinkmqtt.publish.Topics;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Which action entities a car gets, and what they say; the rules and the contract are in DiscoveryRulesTest. */
class ActionEntitiesTest {

  private static final Topics TOPICS = new Topics(BASE);
  private static final String NODE = "bluelinkmqtt_bluelink_kona-1";

  private static DiscoveryPayloads payloads(ActionAccess access) {
    return new DiscoveryPayloads(PREFIX, TOPICS, SMART_MAX_AGE, false, access);
  }

  /** The action entities (by entity id) among a car's configs. */
  private static Map<String, JsonObject> actionEntities(List<DiscoveryMessage> messages) {
    DiscoveryPayloads any = payloads(ActionAccess.NONE);
    return messages.stream().filter(m -> any.isActionTopic(m.topic()))
        .collect(Collectors.toMap(m -> m.payload().getString("default_entity_id"), DiscoveryMessage::payload,
            (a, b) -> a, TreeMap::new));
  }

  private static JsonObject config(ActionAccess access, String entityId) {
    JsonObject config = actionEntities(payloads(access).forVehicle(KONA_WITH_ACTIONS, SampleVehicles.FULL))
        .get(entityId);
    assertTrue(config != null, entityId);
    return config;
  }

  @Test
  @DisplayName("every action offered and allowed, with a PIN: one entity each (no windows), beside the data entities")
  void everyActionGetsItsEntity() {
    List<DiscoveryMessage> messages = payloads(EVERYTHING_ALLOWED).forVehicle(KONA_WITH_ACTIONS, SampleVehicles.FULL);
    assertEquals(List.of("button.my_kona_hazard_lights", "button.my_kona_horn_and_lights", "cover.my_kona_charge_port",
            "lock.my_kona_door_lock", "number.my_kona_set_ac_charge_limit", "number.my_kona_set_dc_charge_limit",
            "number.my_kona_start_climate_at", "select.my_kona_charging_current", "switch.my_kona_charging_control",
            "switch.my_kona_climate_control"),
        List.copyOf(actionEntities(messages).keySet()));
    // the data entities are those of a car without actions, unchanged
    List<DiscoveryMessage> withoutActions = payloads(EVERYTHING_ALLOWED).forVehicle(SampleVehicles.KONA,
        SampleVehicles.FULL);
    assertEquals(withoutActions, messages.subList(0, withoutActions.size()));
    assertEquals(withoutActions.size() + 10, messages.size());
  }

  @Test
  @DisplayName("no PIN: no action entity at all, whatever actions.allowed says")
  void noPinNoActionEntities() {
    ActionAccess noPin = new ActionAccess(false, EVERYTHING_ALLOWED.allowed());
    assertEquals(Map.of(), actionEntities(payloads(noPin).forVehicle(KONA_WITH_ACTIONS, SampleVehicles.FULL)));
    assertEquals(Set.of(), payloads(noPin).actionTopics(KONA_WITH_ACTIONS));
  }

  @Test
  @DisplayName("only what the car offers: a car without charge actions gets no charge entities")
  void onlyOfferedActions() {
    var iceCar = SampleVehicles.withActions(SampleVehicles.KONA,
        EnumSet.of(CommandName.LOCK, CommandName.CLIMATE, CommandName.HAZARD, CommandName.HORN_LIGHTS));
    assertEquals(Set.of("button.my_kona_hazard_lights", "button.my_kona_horn_and_lights", "lock.my_kona_door_lock",
            "number.my_kona_start_climate_at", "switch.my_kona_climate_control"),
        actionEntities(payloads(EVERYTHING_ALLOWED).forVehicle(iceCar, SampleVehicles.FULL)).keySet());
  }

  @Test
  @DisplayName("actions.allowed: a dropped action has no entity; without unlock the lock is a 'Lock doors' button")
  void allowedActionsOnly() {
    ActionAccess noUnlock = new ActionAccess(true, Set.of("lock", "climate", "charge", "hazard"));
    assertEquals(Set.of("button.my_kona_hazard_lights", "button.my_kona_lock_doors", "number.my_kona_start_climate_at",
            "switch.my_kona_charging_control", "switch.my_kona_climate_control"),
        actionEntities(payloads(noUnlock).forVehicle(KONA_WITH_ACTIONS, SampleVehicles.FULL)).keySet());
    JsonObject lockButton = config(noUnlock, "button.my_kona_lock_doors");
    assertEquals("bluelink/kona-1/commands/lock", lockButton.getString("command_topic"));
    assertEquals("lock", lockButton.getString("payload_press"));
    assertEquals("Lock doors", lockButton.getString("name"));

    ActionAccess onlyUnlock = new ActionAccess(true, Set.of("unlock"));
    JsonObject unlockButton = config(onlyUnlock, "button.my_kona_unlock_doors");
    assertEquals("unlock", unlockButton.getString("payload_press"));
    assertEquals(1, actionEntities(payloads(onlyUnlock).forVehicle(KONA_WITH_ACTIONS, SampleVehicles.FULL)).size());
  }

  @Test
  @DisplayName("the bridge's default actions.allowed (every action it implements) gives each of them its entity")
  void defaultAllowedList() {
    Set<String> expected = ActionEntities.offered(KONA_WITH_ACTIONS, new ActionAccess(true, ActionSettings.ALL))
        .stream().map(kind -> kind.command.wireName()).collect(Collectors.toSet());
    Set<String> implemented = ActionSettings.ALL.stream().map(name -> name.equals("unlock") ? "lock" : name)
        .collect(Collectors.toSet());
    implemented.remove("windows"); // no Home Assistant entity for windows (docs/home-assistant.md)
    assertEquals(implemented, expected);
  }

  @Test
  @DisplayName("door lock: exact config, state from doors/locked, lock/unlock to commands/lock, not retained")
  void doorLockConfigIsExact() {
    JsonObject expected = new JsonObject()
        .put("name", "Door lock")
        .put("unique_id", NODE + "_door_lock")
        .put("default_entity_id", "lock.my_kona_door_lock")
        .put("device", new JsonObject().put("identifiers", new JsonArray().add("bluelinkmqtt_vin_KMHK381GFNU000001"))
            .put("name", "My Kona").put("manufacturer", "Hyundai").put("via_device", "bluelinkmqtt_bluelink")
            .put("model", "Kona Electric"))
        .put("origin", new JsonObject().put("name", "bluelink-mqtt").put("sw_version", BridgeInfo.currentVersion()))
        .put("qos", 1)
        .put("availability_topic", "bluelink/bridge/state")
        .put("payload_available", "online")
        .put("payload_not_available", "offline")
        .put("command_topic", "bluelink/kona-1/commands/lock")
        .put("retain", false)
        .put("payload_lock", "lock")
        .put("payload_unlock", "unlock")
        .put("state_topic", "bluelink/kona-1/doors/locked")
        .put("value_template", "{{ 'LOCKED' if value_json.value else 'UNLOCKED' }}")
        .put("state_locked", "LOCKED")
        .put("state_unlocked", "UNLOCKED");
    assertEquals(expected, config(EVERYTHING_ALLOWED, "lock.my_kona_door_lock"));
    assertTrue(payloads(EVERYTHING_ALLOWED).forVehicle(KONA_WITH_ACTIONS, SampleVehicles.FULL).stream()
        .anyMatch(m -> m.topic().equals("homeassistant/lock/" + NODE + "/door_lock/config")));
  }

  @Test
  @DisplayName("climate: a switch on climate/on sending start/stop, and a 14-30 °C number that starts at its value")
  void climateEntities() {
    JsonObject control = config(EVERYTHING_ALLOWED, "switch.my_kona_climate_control");
    assertEquals("bluelink/kona-1/commands/climate", control.getString("command_topic"));
    assertEquals("start", control.getString("payload_on"));
    assertEquals("stop", control.getString("payload_off"));
    assertEquals("bluelink/kona-1/climate/on", control.getString("state_topic"));
    assertEquals("ON", control.getString("state_on"));
    assertEquals("OFF", control.getString("state_off"));

    JsonObject temperature = config(EVERYTHING_ALLOWED, "number.my_kona_start_climate_at");
    assertEquals("bluelink/kona-1/commands/climate", temperature.getString("command_topic"));
    assertEquals("{\"action\":\"start\",\"temperature\":{{ value }}}", temperature.getString("command_template"));
    assertEquals("bluelink/kona-1/climate/set_temperature", temperature.getString("state_topic"));
    assertEquals(14.0, temperature.getDouble("min"));
    assertEquals(30.0, temperature.getDouble("max"));
    assertEquals(0.5, temperature.getDouble("step"));
    assertEquals("°C", temperature.getString("unit_of_measurement"));
    assertEquals("temperature", temperature.getString("device_class"));
  }

  @Test
  @DisplayName("charging: a switch on battery/charging_status's own words; AC and DC limit numbers of 50-100 step 10")
  void chargingEntities() {
    JsonObject charging = config(EVERYTHING_ALLOWED, "switch.my_kona_charging_control");
    assertEquals("bluelink/kona-1/commands/charge", charging.getString("command_topic"));
    assertEquals("start", charging.getString("payload_on"));
    assertEquals("stop", charging.getString("payload_off"));
    assertEquals("bluelink/kona-1/battery/charging_status", charging.getString("state_topic"));
    assertEquals(PublishedValue.BATTERY_CHARGING_STATUS.entity().onPayload(), charging.getString("state_on"));
    assertEquals("not_charging", charging.getString("state_off"));

    for (String side : List.of("ac", "dc")) {
      JsonObject limit = config(EVERYTHING_ALLOWED, "number.my_kona_set_" + side + "_charge_limit");
      assertEquals("bluelink/kona-1/commands/charge_limits", limit.getString("command_topic"));
      assertEquals("{\"" + side + "\":{{ value }}}", limit.getString("command_template"));
      assertEquals(side.equals("ac") ? "bluelink/kona-1/ev/charge_limit" : "bluelink/kona-1/ev/charge_limit_dc",
          limit.getString("state_topic"));
      assertEquals(50, limit.getInteger("min"));
      assertEquals(100, limit.getInteger("max"));
      assertEquals(10, limit.getInteger("step"));
      assertEquals("%", limit.getString("unit_of_measurement"));
      assertEquals(false, limit.getBoolean("retain"));
    }
  }

  @Test
  @DisplayName("charging current select (100/90/60) and charge port cover (open/close, no stop) show the state the "
      + "car reports; hazard and horn buttons")
  void otherActionEntities() {
    JsonObject current = config(EVERYTHING_ALLOWED, "select.my_kona_charging_current");
    assertEquals("bluelink/kona-1/commands/charging_current", current.getString("command_topic"));
    assertEquals(new JsonArray().add("100").add("90").add("60"), current.getJsonArray("options"));
    assertFalse(current.containsKey("command_template"), "the option itself is the payload");
    assertEquals("bluelink/kona-1/ev/charging_current", current.getString("state_topic"));
    assertEquals("{{ value_json.value }}", current.getString("value_template"));
    assertFalse(current.containsKey("optimistic"));

    JsonObject port = config(EVERYTHING_ALLOWED, "cover.my_kona_charge_port");
    assertEquals("bluelink/kona-1/commands/charge_port", port.getString("command_topic"));
    assertEquals("open", port.getString("payload_open"));
    assertEquals("close", port.getString("payload_close"));
    assertTrue(port.containsKey("payload_stop") && port.getValue("payload_stop") == null, "no stop button");
    assertEquals("bluelink/kona-1/ev/charge_port_open", port.getString("state_topic"));
    assertEquals("{{ 'open' if value_json.value else 'closed' }}", port.getString("value_template"));
    assertEquals("open", port.getString("state_open"));
    assertEquals("closed", port.getString("state_closed"));
    assertFalse(port.containsKey("optimistic"), "the car reports the door");

    JsonObject hazard = config(EVERYTHING_ALLOWED, "button.my_kona_hazard_lights");
    assertEquals("bluelink/kona-1/commands/hazard", hazard.getString("command_topic"));
    assertEquals("on", hazard.getString("payload_press"));
    JsonObject horn = config(EVERYTHING_ALLOWED, "button.my_kona_horn_and_lights");
    assertEquals("bluelink/kona-1/commands/horn_lights", horn.getString("command_topic"));
    assertEquals("on", horn.getString("payload_press"));
  }

  @Test
  @DisplayName("a car that reports neither the charge port nor the charging current: cover and select are optimistic")
  void unreportedStateLeavesCoverAndSelectOptimistic() {
    Map<String, JsonObject> entities = actionEntities(payloads(EVERYTHING_ALLOWED)
        .forVehicle(KONA_WITH_ACTIONS, SampleVehicles.BATTERY_ONLY));
    JsonObject current = entities.get("select.my_kona_charging_current");
    assertFalse(current.containsKey("state_topic"), "no level reported");
    assertFalse(current.containsKey("value_template"));
    JsonObject port = entities.get("cover.my_kona_charge_port");
    assertEquals(true, port.getBoolean("optimistic"));
    assertFalse(port.containsKey("state_topic"), "no door reported");
    assertFalse(port.containsKey("value_template"));
  }

  @Test
  @DisplayName("action topics are recognised by shape (also from an earlier run); data, button and bridge topics are not")
  void actionTopicsRecognised() {
    DiscoveryPayloads p = payloads(EVERYTHING_ALLOWED);
    Set<String> actionTopics = p.actionTopics(KONA_WITH_ACTIONS);
    assertEquals(10, actionTopics.size());
    for (DiscoveryMessage m : p.forVehicle(KONA_WITH_ACTIONS, SampleVehicles.FULL)) {
      assertEquals(actionTopics.contains(m.topic()), p.isActionTopic(m.topic()), m.topic());
    }
    assertTrue(payloads(ActionAccess.NONE).isActionTopic("homeassistant/button/" + NODE + "/lock_doors/config"));
    assertFalse(p.isActionTopic("homeassistant/binary_sensor/" + NODE + "/lock/config"));
    assertFalse(p.isActionTopic("homeassistant/sensor/" + NODE + "/door_lock/config"), "component and key together");
    assertFalse(p.isActionTopic("homeassistant/lock/other_program/door_lock/config"));
    assertFalse(p.isActionTopic("otherprefix/lock/" + NODE + "/door_lock/config"));
    p.forBridge().forEach(m -> assertFalse(p.isActionTopic(m.topic())));
    // an action key never names a data entity, so data entities are never removed as actions
    for (PublishedValue value : PublishedValue.withEntity()) {
      assertFalse(ActionEntities.isActionEntity(value.entity().component(), value.entity().key()), value.name());
    }
  }
}
