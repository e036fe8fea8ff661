package io.bluelinkmqtt.homeassistant;

import io.bluelinkmqtt.BridgeInfo;
import io.bluelinkmqtt.domain.CommandOutcome;
import io.bluelinkmqtt.domain.DataSource;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.VehicleData;
import io.bluelinkmqtt.publish.Topics;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds Home Assistant MQTT discovery configs (pure; no I/O). One device per vehicle, routed via the bridge's own
 * device; one entity per value the car actually reported, plus refresh buttons. Every state topic is one of the
 * bridge's {@link Topics}, whose leaf payloads are {@code {"value": ..., "unit": ..., "timestamp": ...}}, so
 * templates read {@code value_json.value}.
 *
 * <p>Values the bridge publishes without the retain flag (battery temperature, charge times, consumption, location)
 * are read from the retained state document instead of their own topic, so they have a value as soon as Home
 * Assistant (re)subscribes. A sparse state document renders an empty string, which Home Assistant ignores for
 * numeric sensors (the last value stays), as a missing leaf topic would.
 *
 * <p>Entity ids: Home Assistant 2025.10 deprecated {@code object_id} (ignored from 2026.4) in favour of
 * {@code default_entity_id}; older versions ignore {@code default_entity_id} and build ids from the names, unless
 * {@code legacyObjectId} sends {@code object_id} instead. All MQTT entities have {@code has_entity_name} set by
 * Home Assistant itself, so {@code name} holds only the entity part ("Battery level") and the device name is
 * prefixed by Home Assistant. No device class newer than Home Assistant 2024.1 is used.
 */
public final class DiscoveryPayloads {

  /** The owner key of the bridge's own device (never a vehicle id: {@link Topics#isVehicleId} refuses it). */
  public static final String BRIDGE_OWNER = Topics.BRIDGE;

  static final String VALUE = "{{ value_json.value }}";
  static final String BOOL_ON_OFF = "{{ 'ON' if value_json.value else 'OFF' }}";
  /** Home Assistant's lock class: on means unlocked, so a true "locked" value is off. */
  static final String BOOL_LOCKED_INVERTED = "{{ 'OFF' if value_json.value else 'ON' }}";

  private static final Logger LOG = LoggerFactory.getLogger(DiscoveryPayloads.class);
  /** Leaves already warned about, so a refused leaf is logged once, not on every status update. */
  private static final Set<String> REFUSED_LEAVES_LOGGED = ConcurrentHashMap.newKeySet();
  private static final Pattern ID_LEVEL = Pattern.compile("[A-Za-z0-9_-]+");
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*");
  private static final String ORIGIN_NAME = "bluelink-mqtt";
  private static final String ONLINE = "online";
  private static final String OFFLINE = "offline";

  private final String prefix;
  private final Topics topics;
  private final long smartMaxAgeSeconds;
  private final String bridgeSlug;
  private final boolean legacyObjectId;

  public DiscoveryPayloads(String prefix, Topics topics, long smartMaxAgeSeconds) {
    this(prefix, topics, smartMaxAgeSeconds, false);
  }

  /** @param legacyObjectId send {@code object_id} (Home Assistant before 2025.10) instead of {@code default_entity_id} */
  public DiscoveryPayloads(String prefix, Topics topics, long smartMaxAgeSeconds, boolean legacyObjectId) {
    if (prefix == null || !PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException("invalid discovery prefix");
    }
    this.prefix = prefix;
    this.topics = Objects.requireNonNull(topics);
    this.smartMaxAgeSeconds = smartMaxAgeSeconds;
    this.bridgeSlug = "bluelinkmqtt_" + topics.base().replace('/', '_');
    this.legacyObjectId = legacyObjectId;
  }

  /** The configs for one vehicle: an entity per value present in {@code data}, and the refresh buttons. */
  public List<DiscoveryMessage> forVehicle(Vehicle vehicle, VehicleData data) {
    VehicleData d = data == null ? VehicleData.EMPTY : data;
    Entities e = new Entities(vehicle);
    VehicleData.Battery b = d.battery();
    VehicleData.Ev ev = d.ev();
    VehicleData.Openings o = d.openings();
    VehicleData.Climate c = d.climate();
    if (b != null) {
      e.sensor(b.level(), "battery_level", "Battery level", Topics.BATTERY_LEVEL,
          s -> s.put("device_class", "battery").put("unit_of_measurement", "%").put("state_class", "measurement"));
      e.binary(b.charging(), "charging", "Charging", Topics.BATTERY_CHARGING_STATUS, "battery_charging",
          VALUE, "charging", "not_charging");
      e.binary(b.pluggedIn(), "plugged_in", "Plugged in", Topics.BATTERY_PLUG_STATUS, "plug",
          VALUE, "connected", "disconnected");
      e.fromState(b.temperatureCelsius(), "battery_temperature", "Battery temperature", Topics.BATTERY_TEMPERATURE,
          s -> s.put("device_class", "temperature").put("unit_of_measurement", "°C").put("state_class", "measurement"));
    }
    e.sensor(d.auxBatteryLevel(), "aux_battery_level", "12 V battery", Topics.BATTERY_AUX_LEVEL,
        s -> s.put("device_class", "battery").put("unit_of_measurement", "%").put("state_class", "measurement"));
    if (ev != null) {
      e.sensor(ev.range(), "range", "Range", Topics.EV_RANGE, s -> s.put("device_class", "distance")
          .put("unit_of_measurement", ev.range().unit().symbol()).put("state_class", "measurement"));
      e.fromState(ev.minutesToFull(), "charge_time_full", "Time to full charge", Topics.EV_CHARGE_TIME_100,
          s -> s.put("device_class", "duration").put("unit_of_measurement", "min").put("state_class", "measurement"));
      e.fromState(ev.minutesToTarget(), "charge_time_target", "Time to charge limit", Topics.EV_CHARGE_TIME_TARGET,
          s -> s.put("device_class", "duration").put("unit_of_measurement", "min").put("state_class", "measurement"));
      // A limit is a setting, not the battery's remaining charge: no battery class, no statistics.
      e.sensor(ev.chargeLimitAc(), "charge_limit_ac", "AC charge limit", Topics.EV_CHARGE_LIMIT,
          s -> s.put("unit_of_measurement", "%").put("icon", "mdi:battery-charging-high"));
      e.sensor(ev.chargeLimitDc(), "charge_limit_dc", "DC charge limit", Topics.EV_CHARGE_LIMIT_DC,
          s -> s.put("unit_of_measurement", "%").put("icon", "mdi:battery-charging-high"));
      // No device class: energy_distance exists only since Home Assistant 2025.1, and older versions reject the
      // whole config for it; unit and state class alone keep the statistics.
      e.fromState(ev.energyConsumption(), "energy_consumption", "Energy consumption", Topics.EV_ENERGY_CONSUMPTION,
          s -> s.put("unit_of_measurement", "Wh/km").put("state_class", "measurement"));
    }
    e.sensor(d.odometer(), "odometer", "Odometer", Topics.VEHICLE_ODOMETER, s -> s.put("device_class", "distance")
        .put("unit_of_measurement", d.odometer().unit().symbol()).put("state_class", "total_increasing"));
    e.sensor(d.lastUpdated(), "last_updated", "Last updated", Topics.STATUS_LAST_UPDATED,
        s -> s.put("device_class", "timestamp"));
    // Every status update carries where its data came from, so this entity exists as soon as the car does.
    e.sensor(Boolean.TRUE, "data_source", "Data source", Topics.STATUS_DATA_SOURCE,
        s -> s.put("device_class", "enum").put("options", dataSourceOptions()).put("entity_category", "diagnostic"));
    if (o != null) {
      e.binary(o.locked(), "lock", "Lock", Topics.DOORS_LOCKED, "lock", BOOL_LOCKED_INVERTED, "ON", "OFF");
      e.binary(o.doorsOpen(), "doors", "Doors", Topics.DOORS_OPEN, "door", BOOL_ON_OFF, "ON", "OFF");
      e.binary(o.trunkOpen(), "trunk", "Trunk", Topics.DOORS_TRUNK_OPEN, "opening", BOOL_ON_OFF, "ON", "OFF");
      e.binary(o.hoodOpen(), "hood", "Hood", Topics.DOORS_HOOD_OPEN, "opening", BOOL_ON_OFF, "ON", "OFF");
      e.binary(o.windowsOpen(), "windows", "Windows", Topics.DOORS_WINDOWS_OPEN, "window", BOOL_ON_OFF, "ON", "OFF");
    }
    if (c != null) {
      e.binary(c.on(), "climate", "Climate", Topics.CLIMATE_ON, "running", BOOL_ON_OFF, "ON", "OFF");
      e.sensor(c.setTemperatureCelsius(), "climate_set_temperature", "Climate set temperature",
          Topics.CLIMATE_SET_TEMPERATURE, s -> s.put("device_class", "temperature").put("unit_of_measurement", "°C"));
    }
    e.binary(d.tyrePressureWarning(), "tyre_pressure_warning", "Tyre pressure", Topics.TYRES_PRESSURE_WARNING,
        "problem", BOOL_ON_OFF, "ON", "OFF");
    if (d.location() != null) {
      // vehicle/location is not retained (privacy); the retained state document carries the same position.
      e.add("device_tracker", "location", "Location", json -> json
          .put("json_attributes_topic", topics.vehicle(vehicle.id(), Topics.STATE))
          .put("json_attributes_template", stateTemplate(Topics.VEHICLE_LOCATION, " | tojson"))
          .put("source_type", "gps"));
    }
    // Every command's outcome, so a throttled or denied press is visible; results are events (not retained).
    e.add("sensor", "last_command", "Last command", json -> json
        .put("state_topic", topics.commandResult(vehicle.id())).put("value_template", "{{ value_json.status }}")
        .put("json_attributes_topic", topics.commandResult(vehicle.id()))
        .put("device_class", "enum").put("options", commandStatusOptions()).put("entity_category", "diagnostic")
        .put("icon", "mdi:message-reply-text"));
    e.button("refresh_cached", "Refresh (cached)", "cached");
    e.button("refresh_force", "Refresh (wake car)", "force");
    e.button("refresh_smart", "Refresh (smart)", "smart:" + smartMaxAgeSeconds);
    return List.copyOf(e.messages);
  }

  /** The bridge's own device: connectivity, circuit breaker and remaining API budget, all diagnostic. */
  public List<DiscoveryMessage> forBridge() {
    // No availability on connectivity: it must read "off" (not "unavailable") when the bridge is offline.
    DiscoveryMessage connectivity = bridgeEntity("binary_sensor", "connectivity", "Connectivity", json -> json
        .put("state_topic", topics.bridgeState()).put("payload_on", ONLINE).put("payload_off", OFFLINE)
        .put("device_class", "connectivity"));
    DiscoveryMessage breaker = bridgeEntity("sensor", "breaker", "API circuit breaker", json -> available(json)
        .put("state_topic", topics.bridgeHealth()).put("value_template", "{{ value_json.breaker }}")
        .put("device_class", "enum").put("options", new JsonArray(List.of("closed", "open", "half_open"))));
    DiscoveryMessage budget = bridgeEntity("sensor", "api_budget_remaining", "API calls left", json -> available(json)
        .put("state_topic", topics.bridgeHealth())
        // "None" makes Home Assistant show unknown while the budget is unlimited or not yet known.
        .put("value_template", "{% if value_json.budget is defined and value_json.budget.remaining is number %}"
            + "{{ value_json.budget.remaining }}{% else %}None{% endif %}")
        .put("unit_of_measurement", "calls").put("state_class", "measurement").put("icon", "mdi:counter"));
    return List.of(connectivity, breaker, budget);
  }

  /** Where the vehicle's configs live below the prefix: one node per vehicle and bridge. */
  public String vehicleNodeId(Vehicle vehicle) {
    return bridgeSlug + "_" + vehicle.id();
  }

  /**
   * True for a discovery topic this bridge could have written: under the prefix, our node ids, our shape. Guards
   * the removal of stored topics, so a damaged state file can never clear another program's configs.
   */
  public boolean isOwnDiscoveryTopic(String topic) {
    if (topic == null || !topic.startsWith(prefix + "/")) {
      return false;
    }
    String[] levels = topic.substring(prefix.length() + 1).split("/", -1);
    return levels.length == 4 && "config".equals(levels[3]) && levels[0].matches("[a-z_]+")
        && (levels[1].equals(bridgeSlug) || levels[1].startsWith(bridgeSlug + "_"))
        && ID_LEVEL.matcher(levels[1]).matches() && ID_LEVEL.matcher(levels[2]).matches();
  }

  /** The identifier of the bridge's device, which every vehicle device names as {@code via_device}. */
  public String bridgeDeviceIdentifier() {
    return bridgeSlug;
  }

  private JsonObject bridgeDevice() {
    return new JsonObject()
        .put("identifiers", new JsonArray().add(bridgeDeviceIdentifier()))
        .put("name", "Bluelink MQTT bridge")
        .put("manufacturer", ORIGIN_NAME)
        .put("model", "Bluelink to MQTT bridge")
        .put("sw_version", BridgeInfo.currentVersion());
  }

  private JsonObject vehicleDevice(Vehicle v) {
    String identifier = v.vin() != null && !v.vin().isBlank() && ID_LEVEL.matcher(v.vin()).matches()
        ? "bluelinkmqtt_vin_" + v.vin() : vehicleNodeId(v);
    JsonObject device = new JsonObject()
        .put("identifiers", new JsonArray().add(identifier))
        .put("name", deviceName(v))
        .put("manufacturer", v.brand().displayName())
        .put("via_device", bridgeDeviceIdentifier());
    if (v.model() != null && !v.model().isBlank()) {
      device.put("model", v.model());
    }
    return device;
  }

  static String deviceName(Vehicle v) {
    if (v.name() != null && !v.name().isBlank()) {
      return v.name().strip();
    }
    if (v.model() != null && !v.model().isBlank()) {
      return v.brand().displayName() + " " + v.model().strip();
    }
    return v.brand().displayName() + " " + v.id();
  }

  /** Lower-case letters, digits and single underscores, as Home Assistant builds entity ids (accents dropped). */
  static String slug(String text) {
    String ascii = Normalizer.normalize(text.replace("ß", "ss"), Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
    String s = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    return s.isEmpty() ? "vehicle" : s;
  }

  private DiscoveryMessage bridgeEntity(String component, String key, String name,
                                        Function<JsonObject, JsonObject> details) {
    JsonObject config = entityId(new JsonObject()
        .put("name", name)
        .put("unique_id", bridgeSlug + "_" + key), component, "bluelink_bridge_" + key)
        .put("device", bridgeDevice())
        .put("origin", origin())
        .put("qos", DiscoveryMessage.QOS)
        .put("entity_category", "diagnostic");
    return message(component, bridgeSlug, key, details.apply(config));
  }

  private static JsonObject origin() {
    return new JsonObject().put("name", ORIGIN_NAME).put("sw_version", BridgeInfo.currentVersion());
  }

  private JsonObject available(JsonObject config) {
    return config.put("availability_topic", topics.bridgeState())
        .put("payload_available", ONLINE).put("payload_not_available", OFFLINE);
  }

  private DiscoveryMessage message(String component, String nodeId, String objectId, JsonObject payload) {
    if (!ID_LEVEL.matcher(nodeId).matches() || !ID_LEVEL.matcher(objectId).matches()) {
      throw new IllegalArgumentException("discovery topic levels must be [A-Za-z0-9_-]");
    }
    return new DiscoveryMessage(component, prefix + "/" + component + "/" + nodeId + "/" + objectId + "/config",
        payload);
  }

  /**
   * Reads one leaf from the state document, e.g. {@code battery/temperature}; renders an empty string when the
   * document lacks it (no template error on a sparse update).
   */
  static String stateTemplate(String leaf, String filter) {
    String[] levels = leaf.split("/");
    if (levels.length != 2) {
      throw new IllegalArgumentException("state template needs a two-level leaf: " + leaf);
    }
    return "{{ (value_json." + levels[0] + " | default({}))." + levels[1] + " | default('')" + filter + " }}";
  }

  /**
   * The entity id Home Assistant before 2025.10 builds when it ignores {@code default_entity_id} and gets no
   * {@code object_id}: the platform and the slug of device name plus entity name.
   */
  static String nameBasedEntityId(String component, String deviceName, String entityName) {
    return component + "." + slug(deviceName + " " + entityName);
  }

  private JsonObject entityId(JsonObject config, String component, String objectId) {
    return legacyObjectId ? config.put("object_id", objectId) : config.put("default_entity_id", component + "." + objectId);
  }

  private static JsonArray commandStatusOptions() {
    return new JsonArray(Arrays.stream(CommandOutcome.Status.values()).map(CommandOutcome.Status::wireName).toList());
  }

  private static JsonArray dataSourceOptions() {
    return new JsonArray(Arrays.stream(DataSource.values()).map(DataSource::wireName).toList());
  }

  /** Collects one vehicle's entities; each adder skips values the car did not report. */
  private final class Entities {
    private final Vehicle vehicle;
    private final JsonObject device;
    private final String entityPrefix;
    private final List<DiscoveryMessage> messages = new ArrayList<>();

    Entities(Vehicle vehicle) {
      this.vehicle = vehicle;
      this.device = vehicleDevice(vehicle);
      this.entityPrefix = slug(deviceName(vehicle));
    }

    void sensor(Object value, String key, String name, String leaf, Function<JsonObject, JsonObject> details) {
      String stateTopic = value == null ? null : stateTopic(leaf);
      if (stateTopic != null) {
        add("sensor", key, name, json -> details.apply(json
            .put("state_topic", stateTopic).put("value_template", VALUE)));
      }
    }

    /** A numeric sensor whose leaf is not retained: read from the retained state document. */
    void fromState(Object value, String key, String name, String leaf, Function<JsonObject, JsonObject> details) {
      String leafTopic = value == null ? null : stateTopic(leaf);
      if (leafTopic != null) {
        add("sensor", key, name, json -> details.apply(json
            .put("state_topic", topics.vehicle(vehicle.id(), Topics.STATE)).put("value_template", stateTemplate(leaf, ""))));
      }
    }

    void binary(Boolean value, String key, String name, String leaf, String deviceClass, String template,
                String on, String off) {
      String stateTopic = value == null ? null : stateTopic(leaf);
      if (stateTopic != null) {
        add("binary_sensor", key, name, json -> json.put("state_topic", stateTopic)
            .put("value_template", template).put("payload_on", on).put("payload_off", off)
            .put("device_class", deviceClass));
      }
    }

    /** The leaf's topic; null (no entity) when {@link Topics} refuses the leaf, so nobody can publish there. */
    private String stateTopic(String leaf) {
      try {
        return topics.vehicle(vehicle.id(), leaf);
      } catch (IllegalArgumentException e) {
        if (REFUSED_LEAVES_LOGGED.add(leaf)) {
          LOG.warn("no Home Assistant entity for {}: the topic tree refuses this leaf", leaf);
        }
        return null;
      }
    }

    void button(String key, String name, String payload) {
      // Not retained: a retained press would refresh the car again after every bridge restart.
      add("button", key, name, json -> json.put("command_topic", topics.vehicle(vehicle.id(), Topics.COMMAND_REFRESH))
          .put("payload_press", payload).put("retain", false));
    }

    void add(String component, String key, String name, Function<JsonObject, JsonObject> details) {
      JsonObject config = entityId(new JsonObject()
          .put("name", name)
          .put("unique_id", vehicleNodeId(vehicle) + "_" + key), component, entityPrefix + "_" + key)
          .put("device", device.copy())
          .put("origin", origin())
          .put("qos", DiscoveryMessage.QOS);
      messages.add(message(component, vehicleNodeId(vehicle), key, details.apply(available(config))));
    }
  }
}
