package io.bluelinkmqtt.homeassistant;

import io.bluelinkmqtt.config.BridgeInfo;
import io.bluelinkmqtt.codec.StatusUpdateJson.StatusUpdate;
import io.bluelinkmqtt.domain.CommandOutcome;
import io.bluelinkmqtt.domain.DataSource;
import io.bluelinkmqtt.domain.RefreshMode;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.VehicleData;
import io.bluelinkmqtt.publish.PublishedValue;
import io.bluelinkmqtt.publish.PublishedValue.HaEntity;
import io.bluelinkmqtt.publish.Topics;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds Home Assistant MQTT discovery configs (pure; no I/O). One device per vehicle, routed via the bridge's own
 * device; one entity per value the car actually reported, plus refresh buttons, plus the entities of the remote
 * actions the car offers and the configuration allows ({@link ActionEntities}). Every state topic is one of the
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
  private final ActionAccess actionAccess;

  public DiscoveryPayloads(String prefix, Topics topics, long smartMaxAgeSeconds) {
    this(prefix, topics, smartMaxAgeSeconds, false);
  }

  /** @param legacyObjectId send {@code object_id} (Home Assistant before 2025.10) instead of {@code default_entity_id} */
  public DiscoveryPayloads(String prefix, Topics topics, long smartMaxAgeSeconds, boolean legacyObjectId) {
    this(prefix, topics, smartMaxAgeSeconds, legacyObjectId, ActionAccess.NONE);
  }

  /** @param actionAccess which remote actions may get an entity (none without a PIN) */
  public DiscoveryPayloads(String prefix, Topics topics, long smartMaxAgeSeconds, boolean legacyObjectId,
                           ActionAccess actionAccess) {
    if (prefix == null || !PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException("invalid discovery prefix");
    }
    this.prefix = prefix;
    this.topics = Objects.requireNonNull(topics);
    this.smartMaxAgeSeconds = smartMaxAgeSeconds;
    this.bridgeSlug = "bluelinkmqtt_" + topics.base().replace('/', '_');
    this.legacyObjectId = legacyObjectId;
    this.actionAccess = Objects.requireNonNull(actionAccess);
  }

  /**
   * The configs for one vehicle: an entity per catalogue value present in {@code data}, the refresh buttons, and an
   * entity per remote action the car offers and the configuration allows ({@link ActionEntities}).
   */
  public List<DiscoveryMessage> forVehicle(Vehicle vehicle, VehicleData data) {
    return forShape(shape(vehicle, data));
  }

  /**
   * What a vehicle's configs depend on: the vehicle and which catalogue values its data reports, with their units.
   * Two updates of the same shape give the same configs, so a status update whose shape was announced already
   * needs no configs built (most reads only change values).
   */
  public record VehicleShape(Vehicle vehicle, Set<PublishedValue> reported, Map<PublishedValue, String> units) {
  }

  /** The shape of {@code data} for {@code vehicle}; {@link #forVehicle} is a function of this alone. */
  public static VehicleShape shape(Vehicle vehicle, VehicleData data) {
    // Which values a status update with this data publishes: data source and update method are on every one.
    StatusUpdate probe = new StatusUpdate(vehicle, RefreshMode.CACHED, DataSource.CACHED,
        data == null ? VehicleData.EMPTY : data);
    Set<PublishedValue> reported = EnumSet.noneOf(PublishedValue.class);
    Map<PublishedValue, String> units = new EnumMap<>(PublishedValue.class);
    for (PublishedValue value : PublishedValue.values()) {
      if (value.valueIn(probe) != null) {
        reported.add(value);
        String unit = value.unitIn(probe);
        if (unit != null) {
          units.put(value, unit);
        }
      }
    }
    return new VehicleShape(vehicle, reported, units);
  }

  /** The configs of one vehicle shape (see {@link #forVehicle}). */
  public List<DiscoveryMessage> forShape(VehicleShape shape) {
    Vehicle vehicle = shape.vehicle();
    Entities e = new Entities(vehicle);
    for (PublishedValue value : PublishedValue.withEntity()) {
      if (shape.reported().contains(value)) {
        e.entity(value, shape.units().get(value));
      }
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
    for (ActionEntities.Kind kind : ActionEntities.offered(vehicle, actionAccess)) {
      e.add(kind.component, kind.key, kind.name,
          json -> ActionEntities.details(kind, json, topics, vehicle.id(), shape.reported()::contains));
    }
    return List.copyOf(e.messages);
  }

  /** The topics of the action entities {@code vehicle} has now; any other action topic of it is to be removed. */
  public Set<String> actionTopics(Vehicle vehicle) {
    return ActionEntities.offered(vehicle, actionAccess).stream()
        .map(kind -> topic(kind.component, vehicleNodeId(vehicle), kind.key)).collect(Collectors.toSet());
  }

  /**
   * True for one of our discovery topics that belongs to a remote action's entity: these follow the car's actions
   * and the configuration (not the data), so one that is no longer offered is removed.
   */
  public boolean isActionTopic(String topic) {
    if (!isOwnDiscoveryTopic(topic)) {
      return false;
    }
    String[] levels = topic.substring(prefix.length() + 1).split("/", -1);
    return !levels[1].equals(bridgeSlug) && ActionEntities.isActionEntity(levels[0], levels[2]);
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

  DiscoveryMessage bridgeEntity(String component, String key, String name,
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
    return new DiscoveryMessage(component, topic(component, nodeId, objectId), payload);
  }

  private String topic(String component, String nodeId, String objectId) {
    return prefix + "/" + component + "/" + nodeId + "/" + objectId + "/config";
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

  /** A boolean leaf shows as ON/OFF (inverted where true means "off"); a two-word leaf shows its own words. */
  private static String binaryTemplate(HaEntity entity) {
    if (!(entity.onPayload() instanceof Boolean on)) {
      return VALUE;
    }
    return on ? BOOL_ON_OFF : BOOL_LOCKED_INVERTED;
  }

  /** What the template renders for "on" or "off": the leaf's own word, or {@code word} for a boolean leaf. */
  private static String binaryPayload(Object payload, String word) {
    return payload instanceof String leafWord ? leafWord : word;
  }

  /** Device class, unit, state class, icon, options and category, each only where the catalogue names one. */
  private static JsonObject classes(JsonObject json, HaEntity entity, String unit) {
    putIfPresent(json, "device_class", entity.deviceClass());
    putIfPresent(json, "unit_of_measurement", unit);
    putIfPresent(json, "state_class", entity.stateClass());
    putIfPresent(json, "icon", entity.icon());
    if (!entity.options().isEmpty()) {
      json.put("options", new JsonArray(entity.options()));
    }
    if (entity.diagnostic()) {
      json.put("entity_category", "diagnostic");
    }
    return json;
  }

  private static void putIfPresent(JsonObject json, String key, String value) {
    if (value != null) {
      json.put(key, value);
    }
  }

  /** Collects one vehicle's entities. */
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

    /** The entity of one catalogue value; none when {@link Topics} refuses its leaf, so nobody can publish there. */
    void entity(PublishedValue value, String unit) {
      HaEntity entity = value.entity();
      String leafTopic = leafTopic(value.leaf());
      if (leafTopic == null) {
        return;
      }
      String stateDocument = topics.vehicle(vehicle.id(), Topics.STATE);
      add(entity.component(), entity.key(), entity.name(), json -> {
        switch (entity.component()) {
          case "device_tracker" -> json.put("json_attributes_topic", stateDocument)
              .put("json_attributes_template", stateTemplate(value.leaf(), " | tojson")).put("source_type", "gps");
          case "binary_sensor" -> json.put("state_topic", leafTopic)
              .put("value_template", binaryTemplate(entity)).put("payload_on", binaryPayload(entity.onPayload(), "ON"))
              .put("payload_off", binaryPayload(entity.offPayload(), "OFF"));
          // an unretained value is read from the retained state document
          default -> json.put("state_topic", value.retain() ? leafTopic : stateDocument)
              .put("value_template", value.retain() ? VALUE : stateTemplate(value.leaf(), ""));
        }
        return classes(json, entity, unit);
      });
    }

    /** The leaf's topic; null when {@link Topics} refuses the leaf. */
    private String leafTopic(String leaf) {
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
