package io.bluelinkmqtt.homeassistant;

import io.bluelinkmqtt.domain.ClimateCommand.ClimateSettings;
import io.bluelinkmqtt.domain.CommandName;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.publish.PublishedValue;
import io.bluelinkmqtt.publish.Topics;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The Home Assistant entities of a car's remote actions (docs/actions.md): one per action the car's region module
 * offers ({@link Vehicle#actions()}) that the owner's configuration lets run ({@link ActionAccess}). Each publishes
 * exactly the command contract of docs/actions.md to {@code {base}/{id}/commands/<name>}, never retained (a
 * retained action is refused by the bridge, and would replay on every reconnect). Where the car reports the
 * action's state, the entity reads it from the same retained leaf as the matching sensor; otherwise it is
 * optimistic (Home Assistant remembers the last command): the charge port cover and the charging current
 * select read {@code ev/charge_port_open} and {@code ev/charging_current} only for a car whose data has them.
 *
 * <p>The lock is a {@code lock} entity when both {@code lock} and {@code unlock} are allowed; with only one of them,
 * a button for that one, so Home Assistant never offers the half the owner switched off. Climate is a switch plus a
 * "start climate at" number, not a {@code climate} entity: the car has no "set the temperature" command apart from
 * starting, and reports no cabin temperature, so a thermostat would start the car at every set-point change.
 */
final class ActionEntities {

  /** {@code charge_limits}: 50 to 100 % in steps of 10 (docs/actions.md). */
  static final int LIMIT_MIN = 50;
  static final int LIMIT_MAX = 100;
  static final int LIMIT_STEP = 10;
  /** {@code climate} temperatures: 14 to 30 °C in steps of 0.5. */
  static final double TEMPERATURE_STEP = 0.5;
  /** {@code charging_current}: percent of the maximum. */
  static final List<String> CHARGING_CURRENTS = List.of("100", "90", "60");
  /** What the charge port cover's template renders for {@code ev/charge_port_open}. */
  static final String PORT_OPEN = "open";
  static final String PORT_CLOSED = "closed";

  /** Every action entity the bridge can announce: its platform, its key (topic object id, unique id part), name. */
  enum Kind {
    DOOR_LOCK("lock", "door_lock", "Door lock", CommandName.LOCK),
    LOCK_DOORS("button", "lock_doors", "Lock doors", CommandName.LOCK),
    UNLOCK_DOORS("button", "unlock_doors", "Unlock doors", CommandName.LOCK),
    CLIMATE_CONTROL("switch", "climate_control", "Climate control", CommandName.CLIMATE),
    START_CLIMATE_AT("number", "start_climate_at", "Start climate at", CommandName.CLIMATE),
    CHARGING_CONTROL("switch", "charging_control", "Charging control", CommandName.CHARGE),
    SET_AC_CHARGE_LIMIT("number", "set_ac_charge_limit", "Set AC charge limit", CommandName.CHARGE_LIMITS),
    SET_DC_CHARGE_LIMIT("number", "set_dc_charge_limit", "Set DC charge limit", CommandName.CHARGE_LIMITS),
    CHARGING_CURRENT("select", "charging_current", "Charging current (%)", CommandName.CHARGING_CURRENT),
    CHARGE_PORT("cover", "charge_port", "Charge port", CommandName.CHARGE_PORT),
    HAZARD_LIGHTS("button", "hazard_lights", "Hazard lights", CommandName.HAZARD),
    HORN_AND_LIGHTS("button", "horn_and_lights", "Horn and lights", CommandName.HORN_LIGHTS);

    final String component;
    final String key;
    final String name;
    final CommandName command;

    Kind(String component, String key, String name, CommandName command) {
      this.component = component;
      this.key = key;
      this.name = name;
      this.command = command;
    }
  }

  private ActionEntities() {
  }

  /** The entities {@code vehicle} gets under {@code access}, in {@link Kind} order. */
  static List<Kind> offered(Vehicle vehicle, ActionAccess access) {
    List<Kind> kinds = new ArrayList<>();
    Set<CommandName> actions = vehicle.actions();
    if (actions.contains(CommandName.LOCK)) {
      boolean lock = access.allows("lock");
      boolean unlock = access.allows("unlock");
      if (lock && unlock) {
        kinds.add(Kind.DOOR_LOCK);
      } else if (lock) {
        kinds.add(Kind.LOCK_DOORS);
      } else if (unlock) {
        kinds.add(Kind.UNLOCK_DOORS);
      }
    }
    for (Kind kind : Kind.values()) {
      if (kind.command != CommandName.LOCK && actions.contains(kind.command)
          && access.allows(kind.command.wireName())) {
        kinds.add(kind);
      }
    }
    return kinds;
  }

  /** True for a topic level pair ({@code component}, {@code key}) that only an action entity uses. */
  static boolean isActionEntity(String component, String key) {
    return Arrays.stream(Kind.values()).anyMatch(k -> k.component.equals(component) && k.key.equals(key));
  }

  /**
   * The config details of one action entity of {@code vehicleId}, added to the common part {@code json}.
   * {@code reported} says which values the car's data has: the charge port and the charging current read their
   * state only from a car that reports it, and stay optimistic for one that does not.
   */
  static JsonObject details(Kind kind, JsonObject json, Topics topics, String vehicleId,
                            Predicate<PublishedValue> reported) {
    Function<String, String> leaf = l -> topics.vehicle(vehicleId, l);
    json.put("command_topic", topics.vehicle(vehicleId, Topics.command(kind.command))).put("retain", false);
    return switch (kind) {
      case DOOR_LOCK -> json.put("payload_lock", "lock").put("payload_unlock", "unlock")
          .put("state_topic", leaf.apply(Topics.DOORS_LOCKED))
          .put("value_template", "{{ 'LOCKED' if value_json.value else 'UNLOCKED' }}")
          .put("state_locked", "LOCKED").put("state_unlocked", "UNLOCKED");
      case LOCK_DOORS -> json.put("payload_press", "lock").put("icon", "mdi:car-door-lock");
      case UNLOCK_DOORS -> json.put("payload_press", "unlock").put("icon", "mdi:car-door");
      case CLIMATE_CONTROL -> json.put("payload_on", "start").put("payload_off", "stop")
          .put("state_topic", leaf.apply(Topics.CLIMATE_ON))
          .put("value_template", DiscoveryPayloads.BOOL_ON_OFF).put("state_on", "ON").put("state_off", "OFF")
          .put("icon", "mdi:air-conditioner");
      // Home Assistant sends a whole number as 21, a half as 21.5 (number.mqtt converts integral floats)
      case START_CLIMATE_AT -> json.put("command_template", "{\"action\":\"start\",\"temperature\":{{ value }}}")
          .put("state_topic", leaf.apply(Topics.CLIMATE_SET_TEMPERATURE))
          .put("value_template", DiscoveryPayloads.VALUE)
          .put("min", ClimateSettings.MIN_TEMPERATURE).put("max", ClimateSettings.MAX_TEMPERATURE)
          .put("step", TEMPERATURE_STEP).put("unit_of_measurement", "°C").put("device_class", "temperature")
          .put("icon", "mdi:thermometer");
      case CHARGING_CONTROL -> json.put("payload_on", "start").put("payload_off", "stop")
          .put("state_topic", leaf.apply(Topics.BATTERY_CHARGING_STATUS))
          .put("value_template", DiscoveryPayloads.VALUE)
          .put("state_on", PublishedValue.BATTERY_CHARGING_STATUS.entity().onPayload())
          .put("state_off", PublishedValue.BATTERY_CHARGING_STATUS.entity().offPayload())
          .put("icon", "mdi:ev-station");
      case SET_AC_CHARGE_LIMIT -> limit(json, "ac", leaf.apply(Topics.EV_CHARGE_LIMIT));
      case SET_DC_CHARGE_LIMIT -> limit(json, "dc", leaf.apply(Topics.EV_CHARGE_LIMIT_DC));
      // without a reported level Home Assistant keeps the last choice (no state topic: optimistic)
      case CHARGING_CURRENT -> chargingCurrent(json.put("options", new JsonArray(CHARGING_CURRENTS))
          .put("icon", "mdi:current-ac"), leaf, reported);
      // no stop button (payload_stop null)
      case CHARGE_PORT -> chargePort(json.put("payload_open", "open").put("payload_close", "close")
          .putNull("payload_stop").put("icon", "mdi:ev-plug-type2"), leaf, reported);
      case HAZARD_LIGHTS -> json.put("payload_press", "on").put("icon", "mdi:hazard-lights");
      case HORN_AND_LIGHTS -> json.put("payload_press", "on").put("icon", "mdi:bullhorn");
    };
  }

  /** The select shows the reported level ({@code 100}, {@code 90}, {@code 60}: its options) when there is one. */
  private static JsonObject chargingCurrent(JsonObject json, Function<String, String> leaf,
                                            Predicate<PublishedValue> reported) {
    if (!reported.test(PublishedValue.EV_CHARGING_CURRENT)) {
      return json;
    }
    return json.put("state_topic", leaf.apply(Topics.EV_CHARGING_CURRENT))
        .put("value_template", DiscoveryPayloads.VALUE);
  }

  /** The cover shows the reported door when there is one, else the last command (optimistic). */
  private static JsonObject chargePort(JsonObject json, Function<String, String> leaf,
                                       Predicate<PublishedValue> reported) {
    if (!reported.test(PublishedValue.EV_CHARGE_PORT_OPEN)) {
      return json.put("optimistic", true);
    }
    return json.put("state_topic", leaf.apply(Topics.EV_CHARGE_PORT_OPEN))
        .put("value_template", "{{ '" + PORT_OPEN + "' if value_json.value else '" + PORT_CLOSED + "' }}")
        .put("state_open", PORT_OPEN).put("state_closed", PORT_CLOSED);
  }

  /** A limit number: sends only its own level, so the other one keeps the car's value. */
  private static JsonObject limit(JsonObject json, String field, String stateTopic) {
    return json.put("command_template", "{\"" + field + "\":{{ value }}}")
        .put("state_topic", stateTopic).put("value_template", DiscoveryPayloads.VALUE)
        .put("min", LIMIT_MIN).put("max", LIMIT_MAX).put("step", LIMIT_STEP).put("unit_of_measurement", "%")
        .put("icon", "mdi:battery-charging-high");
  }
}
