package io.bluelinkmqtt.homeassistant;

import static io.bluelinkmqtt.homeassistant.SampleVehicles.BASE;
import static io.bluelinkmqtt.homeassistant.SampleVehicles.PREFIX;
import static io.bluelinkmqtt.homeassistant.SampleVehicles.SMART_MAX_AGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.bluelinkmqtt.codec.MqttPublishJson.MqttMessageOut;
import io.bluelinkmqtt.codec.StatusUpdateJson.StatusUpdate;
import io.bluelinkmqtt.domain.CommandName;
import io.bluelinkmqtt.domain.CommandOutcome;
import io.bluelinkmqtt.domain.DataSource;
import io.bluelinkmqtt.domain.RefreshMode;
import io.bluelinkmqtt.domain.VehicleData;
import io.bluelinkmqtt.publish.OutcomeMapper;
import io.bluelinkmqtt.publish.TopicMapper;
import io.bluelinkmqtt.publish.Topics;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks every discovery config we send against rules taken from Home Assistant's documentation (each rule names
 * its page), not against our own output. Runs over a fully populated car, a car that reported only its battery
 * level, and the bridge's own device.
 */
class DiscoveryRulesTest {

  private static final Topics TOPICS = new Topics(BASE);
  private static final DiscoveryPayloads PAYLOADS = new DiscoveryPayloads(PREFIX, TOPICS, SMART_MAX_AGE);
  private static final DiscoveryPayloads LEGACY_PAYLOADS = new DiscoveryPayloads(PREFIX, TOPICS, SMART_MAX_AGE, true);
  private static final DiscoveryPayloads ACTION_PAYLOADS = new DiscoveryPayloads(PREFIX, TOPICS, SMART_MAX_AGE, false,
      SampleVehicles.EVERYTHING_ALLOWED);
  private static final DiscoveryPayloads LEGACY_ACTION_PAYLOADS = new DiscoveryPayloads(PREFIX, TOPICS, SMART_MAX_AGE,
      true, SampleVehicles.EVERYTHING_ALLOWED);
  /** An owner who dropped unlock (the lock becomes a button). */
  private static final DiscoveryPayloads NO_UNLOCK_PAYLOADS = new DiscoveryPayloads(PREFIX, TOPICS, SMART_MAX_AGE,
      false, new ActionAccess(true, Set.of("lock", "climate")));

  // --- Rule tables -------------------------------------------------------------------------------------------

  /**
   * Required keys. https://www.home-assistant.io/integrations/sensor.mqtt/ and
   * https://www.home-assistant.io/integrations/binary_sensor.mqtt/ (state_topic required),
   * https://www.home-assistant.io/integrations/button.mqtt/ (command_topic, "The MQTT topic to publish commands to
   * trigger the button"), https://www.home-assistant.io/integrations/device_tracker.mqtt/ (state_topic "can only be
   * omitted if only json_attributes_topic is used", so one of the two).
   */
  private static final Map<String, List<String>> REQUIRED_ANY_OF = Map.of(
      "sensor", List.of("state_topic"),
      "binary_sensor", List.of("state_topic"),
      "button", List.of("command_topic"),
      "device_tracker", List.of("state_topic", "json_attributes_topic"),
      // MQTT_RW_SCHEMA (homeassistant/components/mqtt/config.py, core 2024.1): vol.Required(CONF_COMMAND_TOPIC);
      // https://www.home-assistant.io/integrations/lock.mqtt/, switch.mqtt/, number.mqtt/, select.mqtt/
      "lock", List.of("command_topic"),
      "switch", List.of("command_topic"),
      "number", List.of("command_topic"),
      "select", List.of("command_topic"),
      // cover.mqtt: command_topic is optional for Home Assistant, but a cover without it cannot act on the car
      "cover", List.of("command_topic"));

  /** Documented keys shared by MQTT entity platforms (same pages as above, configuration variables). */
  private static final Set<String> COMMON_KEYS = Set.of("availability", "availability_mode", "availability_template",
      "availability_topic", "payload_available", "payload_not_available", "device", "origin", "enabled_by_default",
      "entity_category", "icon", "json_attributes_template", "json_attributes_topic", "name", "default_entity_id",
      "qos", "unique_id", "encoding", "entity_picture",
      // documented until 2026.4 (deprecated in 2025.10 for default_entity_id); only sent when asked for
      "object_id");

  /** Platform-specific documented keys, same pages. */
  private static final Map<String, Set<String>> PLATFORM_KEYS = Map.of(
      "sensor", Set.of("state_topic", "value_template", "device_class", "state_class", "unit_of_measurement",
          "options", "expire_after", "force_update", "suggested_display_precision", "last_reset_value_template"),
      "binary_sensor", Set.of("state_topic", "value_template", "device_class", "payload_on", "payload_off",
          "expire_after", "force_update", "off_delay"),
      "button", Set.of("command_topic", "command_template", "device_class", "payload_press", "retain"),
      "device_tracker", Set.of("state_topic", "value_template", "source_type", "payload_home", "payload_not_home",
          "payload_reset"),
      // PLATFORM_SCHEMA_MODERN of homeassistant/components/mqtt/{lock,switch,number,select,cover}.py in core 2024.1
      // (the oldest version we support), each on MQTT_RW_SCHEMA: command_topic, optimistic, retain, state_topic
      "lock", Set.of("command_topic", "optimistic", "retain", "state_topic", "code_format", "command_template",
          "payload_lock", "payload_unlock", "payload_open", "payload_reset", "state_jammed", "state_locked",
          "state_locking", "state_unlocked", "state_unlocking", "value_template"),
      "switch", Set.of("command_topic", "optimistic", "retain", "state_topic", "payload_off", "payload_on",
          "state_off", "state_on", "value_template", "device_class"),
      "number", Set.of("command_topic", "optimistic", "retain", "state_topic", "command_template", "device_class",
          "max", "min", "mode", "payload_reset", "step", "unit_of_measurement", "value_template"),
      "select", Set.of("command_topic", "optimistic", "retain", "state_topic", "command_template", "options",
          "value_template"),
      "cover", Set.of("command_topic", "device_class", "position_topic", "optimistic", "payload_close",
          "payload_open", "payload_stop", "position_closed", "position_open", "retain", "set_position_template",
          "set_position_topic", "state_closed", "state_closing", "state_open", "state_opening", "state_stopped",
          "state_topic", "tilt_closed_value", "tilt_command_topic", "tilt_max", "tilt_min", "tilt_opened_value",
          "tilt_optimistic", "tilt_status_topic", "tilt_status_template", "value_template", "position_template",
          "tilt_command_template"));

  /** Device keys: "device" map on the MQTT platform pages. */
  private static final Set<String> DEVICE_KEYS = Set.of("configuration_url", "connections", "hw_version",
      "identifiers", "manufacturer", "model", "model_id", "name", "serial_number", "suggested_area", "sw_version",
      "via_device");

  /** Origin keys: https://www.home-assistant.io/integrations/mqtt/ "Adding information about the origin of a
   * discovery message": name (required), sw_version, support_url. */
  private static final Set<String> ORIGIN_KEYS = Set.of("name", "sw_version", "support_url");

  /** https://www.home-assistant.io/integrations/sensor/#device-class (device classes and their units). */
  private static final Map<String, Set<String>> SENSOR_UNITS = Map.ofEntries(
      Map.entry("battery", Set.of("%")),
      Map.entry("distance", Set.of("km", "m", "cm", "mm", "mi", "nmi", "yd", "in")),
      Map.entry("duration", Set.of("d", "h", "min", "s", "ms", "µs")),
      Map.entry("temperature", Set.of("°C", "°F", "K")),
      Map.entry("energy", Set.of("J", "kJ", "MJ", "GJ", "mWh", "Wh", "kWh", "MWh", "GWh", "TWh", "cal", "kcal",
          "Mcal", "Gcal")),
      Map.entry("energy_distance", Set.of("kWh/100km", "Wh/km", "mi/kWh", "km/kWh")),
      Map.entry("energy_storage", Set.of("J", "kJ", "MJ", "GJ", "mWh", "Wh", "kWh", "MWh", "GWh", "TWh", "cal",
          "kcal", "Mcal", "Gcal")),
      Map.entry("voltage", Set.of("V", "mV", "µV", "kV", "MV")),
      Map.entry("power", Set.of("mW", "W", "kW", "MW", "GW", "TW")),
      Map.entry("speed", Set.of("ft/s", "in/d", "in/h", "in/s", "km/h", "kn", "m/s", "mph", "mm/d", "mm/s")),
      Map.entry("pressure", Set.of("Pa", "kPa", "hPa", "bar", "cbar", "mbar", "mmHg", "inHg", "psi")),
      // Unit-less classes: the page lists no unit; the developer docs table leaves "Supported units" empty.
      Map.entry("timestamp", Set.of()),
      Map.entry("date", Set.of()),
      Map.entry("enum", Set.of()));

  /**
   * Allowed state classes per device class: https://developers.home-assistant.io/docs/core/entity/sensor/
   * ("Available state classes"; enum "Cannot be combined with state_class or native_unit_of_measurement";
   * measurement statistics exclude date, enum, energy, gas, monetary, timestamp, volume, water), as tabulated in
   * Home Assistant core's DEVICE_CLASS_STATE_CLASSES (homeassistant/components/sensor/const.py).
   */
  private static final Map<String, Set<String>> SENSOR_STATE_CLASSES = Map.ofEntries(
      Map.entry("battery", Set.of("measurement")),
      Map.entry("distance", Set.of("measurement", "total", "total_increasing")),
      Map.entry("duration", Set.of("measurement", "total", "total_increasing")),
      Map.entry("temperature", Set.of("measurement")),
      Map.entry("energy", Set.of("total", "total_increasing")),
      Map.entry("energy_distance", Set.of("measurement")),
      Map.entry("energy_storage", Set.of("measurement")),
      Map.entry("voltage", Set.of("measurement")),
      Map.entry("power", Set.of("measurement")),
      Map.entry("speed", Set.of("measurement")),
      Map.entry("pressure", Set.of("measurement")),
      Map.entry("timestamp", Set.of()),
      Map.entry("date", Set.of()),
      Map.entry("enum", Set.of()));

  /**
   * Sensor device classes of the oldest Home Assistant we support, core 2024.1 (SensorDeviceClass in
   * homeassistant/components/sensor/const.py of that release; https://www.home-assistant.io/integrations/sensor/
   * of January 2024). A class added later (energy_distance came with 2025.1) makes 2024.x reject the whole
   * config: "expected SensorDeviceClass or one of ...".
   */
  private static final Set<String> SENSOR_CLASSES_2024_1 = Set.of("apparent_power", "aqi", "atmospheric_pressure",
      "battery", "carbon_dioxide", "carbon_monoxide", "current", "data_rate", "data_size", "date", "distance",
      "duration", "energy", "energy_storage", "enum", "frequency", "gas", "humidity", "illuminance", "irradiance",
      "moisture", "monetary", "nitrogen_dioxide", "nitrogen_monoxide", "nitrous_oxide", "ozone", "ph", "pm1", "pm10",
      "pm25", "power", "power_factor", "precipitation", "precipitation_intensity", "pressure", "reactive_power",
      "signal_strength", "sound_pressure", "speed", "sulphur_dioxide", "temperature", "timestamp",
      "volatile_organic_compounds", "volatile_organic_compounds_parts", "voltage", "volume", "volume_storage",
      "water", "weight", "wind_speed");

  /** The state classes that exist at all (same developer page); without a device class any of them may be used. */
  private static final Set<String> STATE_CLASSES = Set.of("measurement", "measurement_angle", "total",
      "total_increasing");

  /**
   * https://www.home-assistant.io/integrations/binary_sensor/#device-class, with what "on" means. Used to check the
   * meaning of our payloads, e.g. lock: "on means open (unlocked), off means closed (locked)".
   */
  private static final Set<String> BINARY_SENSOR_CLASSES = Set.of("battery", "battery_charging", "carbon_monoxide",
      "cold", "connectivity", "door", "garage_door", "gas", "heat", "light", "lock", "moisture", "motion", "moving",
      "occupancy", "opening", "plug", "power", "presence", "problem", "running", "safety", "smoke", "sound", "tamper",
      "update", "vibration", "window");

  /** https://www.home-assistant.io/integrations/button/#device-class */
  private static final Set<String> BUTTON_CLASSES = Set.of("identify", "restart", "update");

  /** https://www.home-assistant.io/integrations/device_tracker.mqtt/ source_type. */
  private static final Set<String> SOURCE_TYPES = Set.of("gps", "router", "bluetooth", "bluetooth_le");

  /**
   * https://developers.home-assistant.io/docs/core/entity/#generic-properties: "config" or "diagnostic". The
   * sensor.mqtt and binary_sensor.mqtt pages say the category of a (binary) sensor must be "diagnostic"
   * (home-assistant.io PR #29651; "config" fails setup since core 2024.2, core PR #107199).
   */
  private static final Map<String, Set<String>> ENTITY_CATEGORIES = Map.of(
      "sensor", Set.of("diagnostic"), "binary_sensor", Set.of("diagnostic"),
      "button", Set.of("config", "diagnostic"), "device_tracker", Set.of("diagnostic"),
      "lock", Set.of("config", "diagnostic"), "switch", Set.of("config", "diagnostic"),
      "number", Set.of("config", "diagnostic"), "select", Set.of("config", "diagnostic"),
      "cover", Set.of("config", "diagnostic"));

  /**
   * Number device classes of core 2024.1 with their units (DEVICE_CLASS_UNITS in
   * homeassistant/components/number/const.py): temperature takes UnitOfTemperature.
   */
  private static final Map<String, Set<String>> NUMBER_UNITS = Map.of("temperature", Set.of("°C", "°F", "K"));

  /**
   * The MQTT contract of the remote actions, from issue 12 ("MQTT contract", also docs/actions.md), written down
   * here independently of the bridge's grammars: what a payload on {@code commands/<name>} may be.
   */
  private static final Map<String, Predicate<String>> ACTION_CONTRACT = Map.of(
      "lock", p -> Set.of("lock", "unlock").contains(p),
      "climate", p -> Set.of("start", "stop").contains(p) || climateStart(p),
      "charge", p -> Set.of("start", "stop").contains(p),
      "charge_limits", DiscoveryRulesTest::chargeLimits,
      "charging_current", p -> Set.of("100", "90", "60").contains(p),
      "charge_port", p -> Set.of("open", "close").contains(p),
      "windows", p -> Set.of("open", "close", "vent").contains(p),
      "hazard", "on"::equals,
      "horn_lights", "on"::equals);

  /**
   * https://www.home-assistant.io/integrations/mqtt/#discovery-topic:
   * {@code <discovery_prefix>/<component>/[<node_id>/]<object_id>/config}, ids of [a-zA-Z0-9_-].
   */
  private static final Pattern DISCOVERY_TOPIC =
      Pattern.compile(Pattern.quote(PREFIX) + "/([a-z_]+)/([a-zA-Z0-9_-]+)/([a-zA-Z0-9_-]+)/config");

  /** Entity ids are {@code <domain>.<object id>} of lower-case letters, digits and underscores. */
  private static final Pattern ENTITY_ID = Pattern.compile("([a-z_]+)\\.[a-z0-9_]+");

  /**
   * What each state topic carries and what Home Assistant must show for it, from our topic contract (the leaf
   * payload is {"value": ..., "unit": ..., "timestamp": ...}). Binary expectations use the binary_sensor page's
   * meaning of "on" for the class: a locked car is "off" for the lock class, a connected plug "on" for plug.
   */
  private static final List<Sample> SAMPLES = List.of(
      new Sample(Topics.BATTERY_CHARGING_STATUS, "charging", "on"),
      new Sample(Topics.BATTERY_CHARGING_STATUS, "not_charging", "off"),
      new Sample(Topics.BATTERY_PLUG_STATUS, "connected", "on"),
      new Sample(Topics.BATTERY_PLUG_STATUS, "disconnected", "off"),
      new Sample(Topics.DOORS_LOCKED, true, "off"),
      new Sample(Topics.DOORS_LOCKED, false, "on"),
      new Sample(Topics.DOORS_OPEN, true, "on"),
      new Sample(Topics.DOORS_OPEN, false, "off"),
      new Sample(Topics.DOORS_TRUNK_OPEN, true, "on"),
      new Sample(Topics.DOORS_HOOD_OPEN, false, "off"),
      new Sample(Topics.DOORS_WINDOWS_OPEN, true, "on"),
      new Sample(Topics.CLIMATE_ON, true, "on"),
      new Sample(Topics.TYRES_PRESSURE_WARNING, true, "on"),
      new Sample(Topics.TYRES_PRESSURE_WARNING, false, "off"),
      new Sample(Topics.BATTERY_LEVEL, 81, "81"),
      new Sample(Topics.BATTERY_AUX_LEVEL, 78, "78"),
      new Sample(Topics.BATTERY_TEMPERATURE, 21.5, "21.5"),
      new Sample(Topics.EV_RANGE, 312.0, "312.0"),
      new Sample(Topics.EV_CHARGE_TIME_100, 95, "95"),
      new Sample(Topics.EV_CHARGE_TIME_TARGET, 40, "40"),
      new Sample(Topics.EV_CHARGE_LIMIT, 80, "80"),
      new Sample(Topics.EV_CHARGE_LIMIT_DC, 90, "90"),
      new Sample(Topics.EV_ENERGY_CONSUMPTION, 152.0, "152.0"),
      new Sample(Topics.VEHICLE_ODOMETER, 23456.7, "23456.7"),
      new Sample(Topics.CLIMATE_SET_TEMPERATURE, 21.0, "21.0"),
      new Sample(Topics.STATUS_LAST_UPDATED, "2026-11-20T07:45:00Z", "2026-11-20T07:45:00Z"),
      new Sample(Topics.STATUS_DATA_SOURCE, "last_known", "last_known"),
      // the charge port door: "on" (open) for the opening class, and the cover's open / closed
      new Sample(Topics.EV_CHARGE_PORT_OPEN, true, "on"),
      new Sample(Topics.EV_CHARGE_PORT_OPEN, false, "off"),
      new Sample(Topics.EV_CHARGING_CURRENT, 90, "90"),
      new Sample(Topics.EV_CHARGING_CURRENT, 60, "60"),
      new Sample(Topics.WINDOWS_FRONT_LEFT, "closed", "closed"),
      new Sample(Topics.WINDOWS_FRONT_RIGHT, "vent", "vent"),
      new Sample(Topics.WINDOWS_REAR_LEFT, "open", "open"),
      new Sample(Topics.WINDOWS_REAR_RIGHT, "closed", "closed"));

  private record Sample(String leaf, Object value, String expectedState) {
  }

  // --- Cases -------------------------------------------------------------------------------------------------

  static Stream<Arguments> announcements() {
    return Stream.of(
        Arguments.of("fully populated car", PAYLOADS.forVehicle(SampleVehicles.KONA, SampleVehicles.FULL)),
        Arguments.of("fully populated car with every action",
            ACTION_PAYLOADS.forVehicle(SampleVehicles.KONA_WITH_ACTIONS, SampleVehicles.FULL)),
        Arguments.of("car with only a battery level and every action",
            ACTION_PAYLOADS.forVehicle(SampleVehicles.withActions(SampleVehicles.EV6, SampleVehicles.EVERY_ACTION),
                SampleVehicles.BATTERY_ONLY)),
        Arguments.of("fully populated car with every action, legacy object ids",
            LEGACY_ACTION_PAYLOADS.forVehicle(SampleVehicles.KONA_WITH_ACTIONS, SampleVehicles.FULL)),
        Arguments.of("fully populated car whose owner dropped unlock",
            NO_UNLOCK_PAYLOADS.forVehicle(SampleVehicles.KONA_WITH_ACTIONS, SampleVehicles.FULL)),
        Arguments.of("car with only a battery level",
            PAYLOADS.forVehicle(SampleVehicles.EV6, SampleVehicles.BATTERY_ONLY)),
        Arguments.of("bridge device", PAYLOADS.forBridge()),
        Arguments.of("fully populated car, legacy object ids",
            LEGACY_PAYLOADS.forVehicle(SampleVehicles.KONA, SampleVehicles.FULL)),
        Arguments.of("bridge device, legacy object ids", LEGACY_PAYLOADS.forBridge()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("announcements")
  @DisplayName("discovery topics follow <prefix>/<component>/<node_id>/<object_id>/config and match the payload")
  void discoveryTopicShape(String label, List<DiscoveryMessage> messages) {
    assertFalse(messages.isEmpty());
    for (DiscoveryMessage m : messages) {
      Matcher matcher = DISCOVERY_TOPIC.matcher(m.topic());
      assertTrue(matcher.matches(), m.topic());
      assertEquals(m.component(), matcher.group(1), m.topic());
      assertTrue(REQUIRED_ANY_OF.containsKey(m.component()), "a platform we have rules for: " + m.component());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("announcements")
  @DisplayName("required keys present, every key documented, device and origin well formed")
  void keysAreRequiredAndDocumented(String label, List<DiscoveryMessage> messages) {
    for (DiscoveryMessage m : messages) {
      JsonObject p = m.payload();
      String where = m.topic();
      assertTrue(REQUIRED_ANY_OF.get(m.component()).stream().anyMatch(p::containsKey), "required key in " + where);
      for (String key : p.fieldNames()) {
        assertTrue(COMMON_KEYS.contains(key) || PLATFORM_KEYS.get(m.component()).contains(key),
            "undocumented key '" + key + "' in " + where);
      }
      // device: "Only works through MQTT discovery and when unique_id is set. At least one of identifiers or
      // connections must be present"; name is mandatory for shared device config since 2023.8
      // (https://developers.home-assistant.io/blog/2023/07/21/change-naming-mqtt-entities).
      JsonObject device = p.getJsonObject("device");
      assertNotNull(device, where);
      assertTrue(DEVICE_KEYS.containsAll(device.fieldNames()), "device keys in " + where);
      assertFalse(device.getJsonArray("identifiers").isEmpty(), where);
      assertFalse(device.getString("name").isBlank(), where);
      assertTrue(p.getString("unique_id") != null && !p.getString("unique_id").isBlank(), where);
      JsonObject origin = p.getJsonObject("origin");
      assertTrue(ORIGIN_KEYS.containsAll(origin.fieldNames()), where);
      assertFalse(origin.getString("name").isBlank(), "origin name is required, " + where);
      // has_entity_name is always true for MQTT entities (same blog post): the name must not repeat the device.
      assertFalse(p.getString("name").startsWith(device.getString("name")), "name repeats device in " + where);
      assertTrue(Set.of(0, 1, 2).contains(p.getInteger("qos")), where);
      if (p.containsKey("entity_category")) {
        assertTrue(ENTITY_CATEGORIES.get(m.component()).contains(p.getString("entity_category")), where);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("announcements")
  @DisplayName("sensor device classes, units and state classes are combinations Home Assistant allows")
  void sensorClassesUnitsAndStateClasses(String label, List<DiscoveryMessage> messages) {
    for (DiscoveryMessage m : messages) {
      if (!m.component().equals("sensor")) {
        continue;
      }
      JsonObject p = m.payload();
      String deviceClass = p.getString("device_class");
      String unit = p.getString("unit_of_measurement");
      String stateClass = p.getString("state_class");
      if (stateClass != null) {
        assertTrue(STATE_CLASSES.contains(stateClass), m.topic());
      }
      if (deviceClass == null) {
        continue;
      }
      assertTrue(SENSOR_UNITS.containsKey(deviceClass), "device class with a rule: " + deviceClass);
      Set<String> units = SENSOR_UNITS.get(deviceClass);
      if (units.isEmpty()) {
        assertEquals(null, unit, "no unit for " + deviceClass + " in " + m.topic());
      } else {
        assertTrue(units.contains(unit), "unit " + unit + " for " + deviceClass + " in " + m.topic());
      }
      if (stateClass != null) {
        assertTrue(SENSOR_STATE_CLASSES.get(deviceClass).contains(stateClass),
            stateClass + " with " + deviceClass + " in " + m.topic());
      }
      if (deviceClass.equals("enum")) {
        JsonArray options = p.getJsonArray("options");
        assertTrue(options != null && !options.isEmpty(), "enum needs options: " + m.topic());
      } else {
        assertFalse(p.containsKey("options"), "options require the enum class: " + m.topic());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("announcements")
  @DisplayName("binary sensor and button device classes are documented ones; buttons press valid commands")
  void binaryAndButtonRules(String label, List<DiscoveryMessage> messages) {
    for (DiscoveryMessage m : messages) {
      JsonObject p = m.payload();
      switch (m.component()) {
        case "binary_sensor" -> {
          assertTrue(BINARY_SENSOR_CLASSES.contains(p.getString("device_class")), m.topic());
          assertFalse(p.getString("payload_on", "ON").equals(p.getString("payload_off", "OFF")), m.topic());
        }
        case "button" -> {
          if (p.containsKey("device_class")) {
            assertTrue(BUTTON_CLASSES.contains(p.getString("device_class")), m.topic());
          }
          // retain defaults to false; a retained press would be replayed to the bridge on every reconnect.
          assertEquals(Boolean.FALSE, p.getBoolean("retain", false), m.topic());
          Topics.CommandTopic command = TOPICS.parseCommandTopic(p.getString("command_topic")).orElseThrow();
          assertTrue(Topics.isVehicleId(command.vehicleSegment()));
          if (!command.command().equals("refresh")) {
            continue; // an action button: actionPayloadsFollowTheContract
          }
          String press = p.getString("payload_press");
          String mode = press.split(":", 2)[0];
          assertTrue(RefreshMode.fromWire(mode).isPresent(), press);
          if (mode.equals("smart")) {
            assertEquals("smart:" + SMART_MAX_AGE, press);
          } else {
            assertFalse(press.contains(":"), press);
          }
        }
        case "device_tracker" -> {
          assertTrue(SOURCE_TYPES.contains(p.getString("source_type")), m.topic());
          // Attributes must carry latitude and longitude at top level, from what the bridge really publishes.
          JsonObject source = publishedPayload(p.getString("json_attributes_topic"), SampleVehicles.FULL);
          JsonObject attributes = new JsonObject(render(p.getString("json_attributes_template"), source));
          assertEquals(SampleVehicles.FULL.location().latitude(), attributes.getDouble("latitude"));
          assertEquals(SampleVehicles.FULL.location().longitude(), attributes.getDouble("longitude"));
          // A state document without a location renders no JSON object: Home Assistant keeps the last attributes.
          String sparse = render(p.getString("json_attributes_template"),
              publishedPayload(p.getString("json_attributes_topic"), SampleVehicles.BATTERY_ONLY));
          assertFalse(sparse.startsWith("{"), sparse);
        }
        default -> {
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("announcements")
  @DisplayName("unique ids and default entity ids are unique and well formed across all devices")
  void idsAreUnique(String label, List<DiscoveryMessage> messages) {
    List<DiscoveryMessage> everything = new ArrayList<>(messages);
    everything.addAll(PAYLOADS.forVehicle(SampleVehicles.KONA, SampleVehicles.FULL));
    everything.addAll(PAYLOADS.forVehicle(SampleVehicles.EV6, SampleVehicles.FULL));
    everything.addAll(PAYLOADS.forBridge());
    everything.addAll(LEGACY_PAYLOADS.forVehicle(SampleVehicles.KONA, SampleVehicles.FULL));
    everything.addAll(ACTION_PAYLOADS.forVehicle(SampleVehicles.KONA_WITH_ACTIONS, SampleVehicles.FULL));
    everything.addAll(NO_UNLOCK_PAYLOADS.forVehicle(SampleVehicles.KONA_WITH_ACTIONS, SampleVehicles.FULL));
    Map<String, String> uniqueIdToTopic = new HashMap<>();
    Map<String, String> entityIdToTopic = new HashMap<>();
    for (DiscoveryMessage m : everything) {
      String uid = m.payload().getString("unique_id");
      String previous = uniqueIdToTopic.putIfAbsent(uid, m.topic());
      assertTrue(previous == null || previous.equals(m.topic()), "unique_id " + uid + " used twice");
      String entityId = entityIdOf(m);
      Matcher matcher = ENTITY_ID.matcher(entityId);
      assertTrue(matcher.matches(), entityId);
      assertEquals(m.component(), matcher.group(1), entityId);
      String before = entityIdToTopic.putIfAbsent(entityId, m.topic());
      assertTrue(before == null || before.equals(m.topic()), "entity id " + entityId + " used twice");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("announcements")
  @DisplayName("every topic in a config exists in our topic tree; availability is the bridge state")
  void topicsExistAndAvailabilityIsBridgeState(String label, List<DiscoveryMessage> messages) throws Exception {
    Set<String> tree = topicTree(List.of(SampleVehicles.KONA.id(), SampleVehicles.EV6.id()));
    for (DiscoveryMessage m : messages) {
      JsonObject p = m.payload();
      for (String key : p.fieldNames()) {
        if (key.endsWith("_topic")) {
          assertTrue(tree.contains(p.getString(key)), key + " " + p.getString(key) + " is not in the topic tree");
        }
      }
      // https://www.home-assistant.io/integrations/sensor.mqtt/: availability and availability_topic "Must not be
      // used together"; payload_available/payload_not_available default to online/offline, which we state.
      assertFalse(p.containsKey("availability") && p.containsKey("availability_topic"), m.topic());
      boolean bridgeConnectivity = "connectivity".equals(p.getString("device_class"));
      if (bridgeConnectivity) {
        assertEquals(TOPICS.bridgeState(), p.getString("state_topic"));
        assertFalse(p.containsKey("availability_topic"), "connectivity must show off, not unavailable");
      } else {
        assertEquals(TOPICS.bridgeState(), p.getString("availability_topic"), m.topic());
        assertEquals("online", p.getString("payload_available"), m.topic());
        assertEquals("offline", p.getString("payload_not_available"), m.topic());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("announcements")
  @DisplayName("sensor device classes exist in Home Assistant 2024.1, the oldest version we support")
  void deviceClassesKnownToOldHomeAssistant(String label, List<DiscoveryMessage> messages) {
    for (DiscoveryMessage m : messages) {
      String deviceClass = m.payload().getString("device_class");
      if (m.component().equals("sensor") && deviceClass != null) {
        assertTrue(SENSOR_CLASSES_2024_1.contains(deviceClass), deviceClass + " is unknown before 2025: " + m.topic());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("announcements")
  @DisplayName("every car entity reads a retained topic, so it has a value right after a Home Assistant restart")
  void carEntitiesReadRetainedTopics(String label, List<DiscoveryMessage> messages) {
    Map<String, Boolean> retained = new HashMap<>();
    for (String id : List.of(SampleVehicles.KONA.id(), SampleVehicles.EV6.id())) {
      for (MqttMessageOut out : new TopicMapper(TOPICS).map(fullUpdate(id))) {
        retained.put(out.topic(), out.retain());
      }
    }
    for (DiscoveryMessage m : messages) {
      JsonObject p = m.payload();
      for (String key : List.of("state_topic", "json_attributes_topic")) {
        String topic = p.getString(key);
        if (topic == null || topic.startsWith(BASE + "/" + Topics.BRIDGE + "/")) {
          continue; // the bridge's own topics are retained by the MQTT bridge (bridge/state is its last will)
        }
        if (topic.equals(TOPICS.commandResult(vehicleOf(topic)))) {
          // the one deliberate exception: command outcomes are events, not state
          assertTrue(m.topic().endsWith("/last_command/config"), m.topic());
          continue;
        }
        assertEquals(Boolean.TRUE, retained.get(topic), key + " " + topic + " of " + m.topic() + " is not retained");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("announcements")
  @DisplayName("the last-command sensor shows each real outcome's status, with the outcome as attributes")
  void lastCommandSensorShowsOutcomes(String label, List<DiscoveryMessage> messages) {
    List<DiscoveryMessage> lastCommand = messages.stream().filter(m -> m.topic().endsWith("/last_command/config"))
        .toList();
    if (label.startsWith("bridge")) {
      assertTrue(lastCommand.isEmpty());
      return;
    }
    assertEquals(1, lastCommand.size());
    JsonObject p = lastCommand.get(0).payload();
    String vehicle = vehicleOf(p.getString("state_topic"));
    OutcomeMapper mapper = new OutcomeMapper(TOPICS, Clock.fixed(Instant.parse("2026-11-20T08:00:00Z"), ZoneOffset.UTC));
    for (CommandOutcome.Status status : CommandOutcome.Status.values()) {
      CommandOutcome outcome = new CommandOutcome(vehicle, "ha-7", "refresh", "force", status,
          status == CommandOutcome.Status.OK ? null : "min_interval", DataSource.LAST_KNOWN, 0, 3);
      MqttMessageOut result = mapper.map(outcome).get(0);
      assertEquals(p.getString("state_topic"), result.topic());
      assertEquals(p.getString("json_attributes_topic"), result.topic());
      JsonObject payload = new JsonObject(result.payload());
      String state = render(p.getString("value_template"), payload);
      assertEquals(status.wireName(), state);
      assertSensorStateValid(p, state);
      // no json_attributes_template: Home Assistant takes the whole result object as attributes
      assertFalse(p.containsKey("json_attributes_template"));
      for (String attribute : List.of("reason", "mode", "id", "data_source")) {
        assertTrue(payload.containsKey(attribute), attribute);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("announcements")
  @DisplayName("templates turn our payloads into the state Home Assistant expects for the device class")
  void templatesGiveTheDocumentedMeaning(String label, List<DiscoveryMessage> messages) {
    int checked = 0;
    for (DiscoveryMessage m : messages) {
      JsonObject p = m.payload();
      String stateTopic = p.getString("state_topic");
      if (stateTopic == null) {
        continue;
      }
      for (Sample sample : SAMPLES) {
        JsonObject leafPayload;
        if (stateTopic.equals(topicOrNull(vehicleOf(stateTopic), sample.leaf()))) {
          leafPayload = new JsonObject().put("value", sample.value()).put("timestamp", "2026-11-20T07:45:00Z");
        } else if (stateTopic.equals(topicOrNull(vehicleOf(stateTopic), Topics.STATE))
            && readsLeaf(p.getString("value_template"), sample.leaf())) {
          // from the state document the bridge really publishes; a sparse one must render "" (ignored by HA)
          leafPayload = publishedPayload(stateTopic, SampleVehicles.FULL);
          assertEquals("", render(p.getString("value_template"),
              publishedPayload(stateTopic, SampleVehicles.BATTERY_ONLY)), stateTopic);
        } else {
          continue;
        }
        String rendered = render(p.getString("value_template", "{{ value }}"), leafPayload);
        checked++;
        if (m.component().equals("binary_sensor")) {
          String state = rendered.equals(p.getString("payload_on", "ON")) ? "on"
              : rendered.equals(p.getString("payload_off", "OFF")) ? "off" : "no match: " + rendered;
          assertEquals(sample.expectedState(), state, stateTopic + " value " + sample.value());
        } else if (m.component().equals("switch")) {
          // switch.mqtt: state_on / state_off default to payload_on / payload_off
          String state = rendered.equals(p.getString("state_on", p.getString("payload_on", "ON"))) ? "on"
              : rendered.equals(p.getString("state_off", p.getString("payload_off", "OFF"))) ? "off"
              : "no match: " + rendered;
          assertEquals(sample.expectedState(), state, stateTopic + " value " + sample.value());
        } else if (m.component().equals("lock")) {
          // the samples speak the lock class of binary_sensor: "off" is locked, "on" unlocked
          String state = rendered.equals(p.getString("state_locked", "LOCKED")) ? "off"
              : rendered.equals(p.getString("state_unlocked", "UNLOCKED")) ? "on" : "no match: " + rendered;
          assertEquals(sample.expectedState(), state, stateTopic + " value " + sample.value());
        } else if (m.component().equals("cover")) {
          // cover.mqtt: the rendered state must be state_open / state_closed; samples speak the opening class
          String state = rendered.equals(p.getString("state_open", "open")) ? "on"
              : rendered.equals(p.getString("state_closed", "closed")) ? "off" : "no match: " + rendered;
          assertEquals(sample.expectedState(), state, stateTopic + " value " + sample.value());
        } else if (m.component().equals("select")) {
          // select.mqtt: a state that is not one of the options is dropped with an error
          assertEquals(sample.expectedState(), rendered, stateTopic);
          assertTrue(p.getJsonArray("options").contains(rendered), rendered + " among the options of " + m.topic());
        } else if (m.component().equals("number")) {
          // number.mqtt: the state must be a number within min..max, or Home Assistant drops it with an error
          assertEquals(sample.expectedState(), rendered, stateTopic);
          double number = Double.parseDouble(rendered);
          assertTrue(number >= p.getDouble("min") && number <= p.getDouble("max"), rendered + " in " + m.topic());
        } else {
          assertEquals(sample.expectedState(), rendered, stateTopic);
          assertSensorStateValid(p, rendered);
        }
      }
    }
    if (label.startsWith("fully")) {
      assertTrue(checked >= 20, "samples checked: " + checked);
    }
    if (label.startsWith("bridge")) {
      checkBridgeTemplates(messages);
    }
  }

  private static void checkBridgeTemplates(List<DiscoveryMessage> messages) {
    JsonObject health = new JsonObject().put("mqtt", "connected").put("breaker", "half_open")
        .put("budget", new JsonObject().put("used", 3).put("limit", 100).put("remaining", 97)
            .put("resets_at", "2026-11-21T00:00:00Z"));
    JsonObject unlimited = new JsonObject().put("mqtt", "connected").put("breaker", "closed");
    Map<String, String> rendered = new HashMap<>();
    for (DiscoveryMessage m : messages) {
      JsonObject p = m.payload();
      if (TOPICS.bridgeHealth().equals(p.getString("state_topic"))) {
        String state = render(p.getString("value_template"), health);
        assertSensorStateValid(p, state);
        rendered.put(m.topic(), state);
        // "None" is Home Assistant's unknown state for an MQTT sensor.
        String withoutBudget = render(p.getString("value_template"), unlimited);
        assertTrue(withoutBudget.equals("None") || withoutBudget.equals("closed"), withoutBudget);
      } else {
        assertEquals("online", p.getString("payload_on"));
        assertEquals("offline", p.getString("payload_off"));
      }
    }
    assertEquals(Set.of("half_open", "97"), new HashSet<>(rendered.values()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("announcements")
  @DisplayName("action entities: every payload Home Assistant can send is in the actions' MQTT contract for its topic, "
      + "never retained")
  void actionPayloadsFollowTheContract(String label, List<DiscoveryMessage> messages) {
    Set<String> commandsSeen = new HashSet<>();
    int payloads = 0;
    for (DiscoveryMessage m : messages) {
      JsonObject p = m.payload();
      if (!p.containsKey("command_topic")) {
        continue;
      }
      Topics.CommandTopic command = TOPICS.parseCommandTopic(p.getString("command_topic")).orElseThrow();
      assertTrue(Topics.isVehicleId(command.vehicleSegment()), m.topic());
      if (command.command().equals("refresh")) {
        continue; // the refresh buttons: binaryAndButtonRules
      }
      // a retained action is never executed by the bridge (and would replay at every reconnect)
      assertEquals(Boolean.FALSE, p.getBoolean("retain", false), m.topic());
      Predicate<String> contract = ACTION_CONTRACT.get(command.command());
      assertNotNull(contract, "an action topic of the contract: " + command.command());
      for (String payload : sendablePayloads(m.component(), p)) {
        assertTrue(contract.test(payload), "'" + payload + "' on commands/" + command.command() + " from " + m.topic());
        payloads++;
      }
      commandsSeen.add(command.command());
    }
    if (label.contains("every action")) {
      assertEquals(Set.of("lock", "climate", "charge", "charge_limits", "charging_current", "charge_port", "hazard",
          "horn_lights"), commandsSeen);
      // lock 2, climate switch 2 + 33 temperatures, charge 2, limits 2 x 6, currents 3, port 2, hazard 1, horn 1
      assertEquals(2 + 2 + 33 + 2 + 12 + 3 + 2 + 1 + 1, payloads);
    }
    if (label.contains("dropped unlock")) {
      assertEquals(Set.of("lock", "climate"), commandsSeen);
      assertEquals(1 + 2 + 33, payloads, "lock only, no unlock");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("announcements")
  @DisplayName("lock, switch, number, select and cover configs are valid for Home Assistant 2024.1")
  void actionPlatformRules(String label, List<DiscoveryMessage> messages) {
    for (DiscoveryMessage m : messages) {
      JsonObject p = m.payload();
      switch (m.component()) {
        case "lock" -> {
          assertFalse(p.getString("payload_lock", "LOCK").equals(p.getString("payload_unlock", "UNLOCK")));
          assertFalse(p.getString("state_locked", "LOCKED").equals(p.getString("state_unlocked", "UNLOCKED")));
        }
        case "switch" -> {
          assertFalse(p.getString("payload_on", "ON").equals(p.getString("payload_off", "OFF")), m.topic());
          assertFalse(p.getString("state_on", p.getString("payload_on", "ON"))
              .equals(p.getString("state_off", p.getString("payload_off", "OFF"))), m.topic());
        }
        case "number" -> {
          // number.py validate_config: min < max; step vol.Range(min=1e-3); mode auto, box or slider
          assertTrue(p.getDouble("min", 1.0) < p.getDouble("max", 100.0), m.topic());
          assertTrue(p.getDouble("step", 1.0) >= 1e-3, m.topic());
          assertTrue(!p.containsKey("mode") || Set.of("auto", "box", "slider").contains(p.getString("mode")));
          String deviceClass = p.getString("device_class");
          if (deviceClass != null) {
            assertTrue(NUMBER_UNITS.containsKey(deviceClass), "number device class with a rule: " + deviceClass);
            assertTrue(NUMBER_UNITS.get(deviceClass).contains(p.getString("unit_of_measurement")), m.topic());
          }
        }
        case "select" -> {
          // select.py: vol.Required(CONF_OPTIONS); a state not among them is dropped with an error
          JsonArray options = p.getJsonArray("options");
          assertTrue(options != null && !options.isEmpty(), m.topic());
          assertEquals(options.size(), new HashSet<>(options.getList()).size(), "distinct options");
          options.forEach(option -> assertTrue(option instanceof String, m.topic()));
        }
        case "cover" -> {
          // cover.py validate_options: a value_template needs a state_topic
          assertFalse(p.containsKey("value_template") && !p.containsKey("state_topic"), m.topic());
          assertFalse(p.containsKey("set_position_topic") && !p.containsKey("position_topic"), m.topic());
        }
        default -> {
        }
      }
    }
  }

  /**
   * Every payload the entity can publish to its command topic, as Home Assistant 2024.1 builds it: the fixed
   * payloads (with the platform's defaults), or the command template rendered for every number / option.
   */
  private static List<String> sendablePayloads(String component, JsonObject p) {
    List<String> payloads = new ArrayList<>();
    switch (component) {
      case "button" -> payloads.add(p.getString("payload_press", "PRESS"));
      case "lock" -> {
        payloads.add(p.getString("payload_lock", "LOCK"));
        payloads.add(p.getString("payload_unlock", "UNLOCK"));
        if (p.containsKey("payload_open")) {
          payloads.add(p.getString("payload_open"));
        }
      }
      case "switch" -> {
        payloads.add(p.getString("payload_on", "ON"));
        payloads.add(p.getString("payload_off", "OFF"));
      }
      case "number" -> {
        BigDecimal min = new BigDecimal(String.valueOf(p.getDouble("min", 1.0)));
        BigDecimal max = new BigDecimal(String.valueOf(p.getDouble("max", 100.0)));
        BigDecimal step = new BigDecimal(String.valueOf(p.getDouble("step", 1.0)));
        for (BigDecimal v = min; v.compareTo(max) <= 0; v = v.add(step)) {
          // number.py async_set_native_value: "if value.is_integer(): current_number = int(value)"
          Object value = v.stripTrailingZeros().scale() <= 0 ? (Object) v.intValueExact() : (Object) v.doubleValue();
          payloads.add(renderCommand(p.getString("command_template"), value));
        }
      }
      case "select" -> p.getJsonArray("options")
          .forEach(option -> payloads.add(renderCommand(p.getString("command_template"), option)));
      case "cover" -> {
        // payload_stop null removes the stop feature (cover.py: vol.Any(cv.string, None))
        payloads.add(p.getString("payload_open", "OPEN"));
        payloads.add(p.getString("payload_close", "CLOSE"));
        if (!p.containsKey("payload_stop") || p.getValue("payload_stop") != null) {
          payloads.add(p.getString("payload_stop", "STOP"));
        }
        assertFalse(p.containsKey("set_position_topic") || p.containsKey("tilt_command_topic"));
      }
      default -> fail("no command rule for " + component);
    }
    return payloads;
  }

  private static final Pattern VALUE_ONLY = Pattern.compile("\\{\\{ value }}");

  /**
   * Renders a command template the way MqttCommandTemplate does (Jinja with {@code value}, no result parsing);
   * the only Jinja form allowed in ours is {@code {{ value }}}. No template: the value itself is the payload.
   */
  static String renderCommand(String template, Object value) {
    if (template == null) {
      return String.valueOf(value);
    }
    String literal = VALUE_ONLY.matcher(template).replaceAll("");
    if (literal.contains("{{") || literal.contains("{%")) {
      return fail("no rendering rule for command template " + template);
    }
    return VALUE_ONLY.matcher(template).replaceAll(Matcher.quoteReplacement(python(value)));
  }

  /** The JSON climate start of the contract: action start, temperature 14-30 step 0.5, known keys only. */
  private static boolean climateStart(String payload) {
    JsonObject json = jsonOrNull(payload);
    if (json == null || !"start".equals(json.getValue("action"))
        || !Set.of("action", "id", "ts", "temperature", "duration", "defrost", "steering_wheel_heat", "seats")
            .containsAll(json.fieldNames())) {
      return false;
    }
    Object t = json.getValue("temperature");
    return t == null || t instanceof Number n && n.doubleValue() >= 14 && n.doubleValue() <= 30
        && n.doubleValue() * 2 == Math.rint(n.doubleValue() * 2);
  }

  /** {@code {"ac":80,"dc":90}}: at least one level, each a whole 50-100 in steps of 10. */
  private static boolean chargeLimits(String payload) {
    JsonObject json = jsonOrNull(payload);
    if (json == null || !Set.of("ac", "dc", "id", "ts").containsAll(json.fieldNames())
        || !(json.containsKey("ac") || json.containsKey("dc"))) {
      return false;
    }
    for (String side : List.of("ac", "dc")) {
      Object level = json.getValue(side);
      if (level != null && !(level instanceof Integer i && i >= 50 && i <= 100 && i % 10 == 0)) {
        return false;
      }
    }
    return true;
  }

  private static JsonObject jsonOrNull(String payload) {
    try {
      return new JsonObject(payload);
    } catch (RuntimeException notJson) {
      return null;
    }
  }

  /** Numeric states for units/state classes, options for enums, ISO-8601 with zone for timestamps. */
  private static void assertSensorStateValid(JsonObject p, String state) {
    String deviceClass = p.getString("device_class");
    if ("enum".equals(deviceClass)) {
      assertTrue(p.getJsonArray("options").contains(state), state);
    } else if ("timestamp".equals(deviceClass)) {
      // developers.home-assistant.io sensor: timestamp requires a datetime "with time zone information".
      OffsetDateTime.parse(state, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } else if (p.containsKey("state_class") || p.containsKey("unit_of_measurement")) {
      Double.parseDouble(state);
    }
  }

  // --- Helpers -----------------------------------------------------------------------------------------------

  /** Every concrete topic {@link Topics} can name: each leaf constant for each vehicle, and each bridge topic. */
  private static Set<String> topicTree(List<String> vehicleIds) throws Exception {
    Set<String> tree = new HashSet<>();
    for (Field field : Topics.class.getDeclaredFields()) {
      int mod = field.getModifiers();
      if (Modifier.isPublic(mod) && Modifier.isStatic(mod) && field.getType() == String.class
          && !field.getName().equals("BRIDGE")) {
        for (String id : vehicleIds) {
          try {
            tree.add(TOPICS.vehicle(id, (String) field.get(null)));
          } catch (IllegalArgumentException refused) {
            // A constant Topics itself refuses as a leaf is not in the tree (see DiscoveryPayloadsTest).
          }
        }
      }
    }
    for (String id : vehicleIds) {
      for (CommandName name : CommandName.values()) {
        tree.add(TOPICS.vehicle(id, Topics.command(name)));
      }
    }
    for (Method method : Topics.class.getDeclaredMethods()) {
      if (Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers())
          && method.getParameterCount() == 0 && method.getReturnType() == String.class
          && !method.getName().equals("base")) {
        String topic = (String) method.invoke(TOPICS);
        if (TOPICS.isOwnTopic(topic)) {
          tree.add(topic);
        }
      }
    }
    assertTrue(tree.contains(TOPICS.bridgeState()) && tree.size() > 40, "tree: " + tree.size());
    return tree;
  }

  private static String entityIdOf(DiscoveryMessage m) {
    String id = m.payload().getString("default_entity_id");
    return id != null ? id : m.component() + "." + m.payload().getString("object_id");
  }

  private static StatusUpdate fullUpdate(String vehicleId) {
    return update(vehicleId, SampleVehicles.FULL);
  }

  private static StatusUpdate update(String vehicleId, VehicleData data) {
    io.bluelinkmqtt.domain.Vehicle v = vehicleId.equals(SampleVehicles.KONA.id()) ? SampleVehicles.KONA
        : SampleVehicles.EV6;
    return new StatusUpdate(v, RefreshMode.CACHED, DataSource.CACHED, data);
  }

  /** The payload the bridge's own TopicMapper publishes on {@code topic} for {@code data}. */
  private static JsonObject publishedPayload(String topic, VehicleData data) {
    return new TopicMapper(TOPICS).map(update(vehicleOf(topic), data)).stream()
        .filter(out -> out.topic().equals(topic)).map(out -> new JsonObject(out.payload())).findFirst()
        .orElseThrow(() -> new AssertionError("the bridge publishes nothing on " + topic));
  }

  private static boolean readsLeaf(String template, String leaf) {
    Matcher m = STATE_LEAF.matcher(template);
    return m.matches() && (m.group(1) + "/" + m.group(2)).equals(leaf);
  }

  private static String topicOrNull(String vehicleId, String leaf) {
    try {
      return TOPICS.vehicle(vehicleId, leaf);
    } catch (IllegalArgumentException refused) {
      return null;
    }
  }

  private static String vehicleOf(String topic) {
    String[] levels = topic.substring(BASE.length() + 1).split("/");
    return Topics.isVehicleId(levels[0]) ? levels[0] : "not-a-vehicle";
  }

  private static final Pattern PATH = Pattern.compile("\\{\\{ value_json((?:\\.[a-z_]+)+) }}");
  private static final Pattern TOJSON = Pattern.compile("\\{\\{ value_json((?:\\.[a-z_]+)+) \\| tojson }}");
  private static final Pattern TERNARY =
      Pattern.compile("\\{\\{ '([^']*)' if value_json((?:\\.[a-z_]+)+) else '([^']*)' }}");
  private static final Pattern STATE_LEAF = Pattern.compile(
      "\\{\\{ \\(value_json\\.([a-z_]+) \\| default\\(\\{}\\)\\)\\.([a-z0-9_]+) \\| default\\(''\\)( \\| tojson)? }}");
  private static final Pattern NUMBER_OR_NONE = Pattern.compile("\\{% if value_json\\.([a-z_]+) is defined and "
      + "value_json\\.\\1\\.([a-z_]+) is number %}\\{\\{ value_json\\.\\1\\.\\2 }}\\{% else %}None\\{% endif %}");

  /**
   * Renders the few Jinja forms our configs use, the way Home Assistant's Jinja would (booleans print as
   * True/False). An unknown form fails the test, so a new template needs a rule here first.
   */
  static String render(String template, JsonObject payload) {
    Matcher m;
    if ((m = PATH.matcher(template)).matches()) {
      return python(resolve(payload, m.group(1)));
    }
    if ((m = TOJSON.matcher(template)).matches()) {
      Object value = resolve(payload, m.group(1));
      return value instanceof JsonObject o ? o.encode() : String.valueOf(value);
    }
    if ((m = TERNARY.matcher(template)).matches()) {
      Object value = resolve(payload, m.group(2));
      boolean truthy = value != null && !Boolean.FALSE.equals(value) && !"".equals(value)
          && !(value instanceof Number n && n.doubleValue() == 0);
      return truthy ? m.group(1) : m.group(3);
    }
    if ((m = STATE_LEAF.matcher(template)).matches()) {
      // Jinja: a missing key is undefined, default() replaces it; tojson encodes objects and strings as JSON
      Object outer = payload.getValue(m.group(1));
      Object value = outer instanceof JsonObject o && o.containsKey(m.group(2)) ? o.getValue(m.group(2)) : "";
      if (m.group(3) != null) {
        return value instanceof JsonObject o ? o.encode() : io.vertx.core.json.Json.encode(value);
      }
      return python(value);
    }
    if ((m = NUMBER_OR_NONE.matcher(template)).matches()) {
      JsonObject outer = payload.getJsonObject(m.group(1));
      Object value = outer == null ? null : outer.getValue(m.group(2));
      return value instanceof Number ? python(value) : "None";
    }
    if (template.equals("{{ value }}")) {
      return payload.encode();
    }
    return fail("no rendering rule for template " + template);
  }

  private static Object resolve(JsonObject payload, String path) {
    Object current = payload;
    for (String part : path.substring(1).split("\\.")) {
      current = current instanceof JsonObject o ? o.getValue(part) : null;
    }
    return current;
  }

  private static String python(Object value) {
    if (value instanceof Boolean b) {
      return b ? "True" : "False";
    }
    return value == null ? "None" : String.valueOf(value);
  }
}
