package io.bluelinkmqtt.publish;

import io.bluelinkmqtt.codec.StatusUpdateJson.StatusUpdate;
import io.bluelinkmqtt.domain.DataSource;
import io.bluelinkmqtt.domain.VehicleData;
import io.bluelinkmqtt.domain.VehicleData.Distance;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The catalogue of values a status update publishes, each declared once: its leaf under {@code {base}/{id}/}, QoS
 * and retain, unit, where its value comes from, and how Home Assistant shows it (none for a value without an
 * entity). {@link TopicMapper} publishes the leaves and the {@code state} document from it, Home Assistant
 * discovery announces the entities from it; this is the published contract of docs/mqtt-topics.md.
 */
public enum PublishedValue {

  BATTERY_LEVEL(Topics.BATTERY_LEVEL, 1, true, u -> battery(u).level(), "%",
      HaEntity.sensor("battery_level", "Battery level").deviceClass("battery").stateClass("measurement")),
  BATTERY_CHARGING_STATUS(Topics.BATTERY_CHARGING_STATUS, 1, true,
      u -> Words.CHARGING.of(battery(u).charging()), null,
      HaEntity.binary("charging", "Charging", "battery_charging").onPayloads(Words.CHARGING)),
  BATTERY_PLUG_STATUS(Topics.BATTERY_PLUG_STATUS, 1, true,
      u -> Words.PLUG.of(battery(u).pluggedIn()), null,
      HaEntity.binary("plugged_in", "Plugged in", "plug").onPayloads(Words.PLUG)),
  BATTERY_TEMPERATURE(Topics.BATTERY_TEMPERATURE, 0, false, u -> battery(u).temperatureCelsius(), "°C",
      HaEntity.sensor("battery_temperature", "Battery temperature").deviceClass("temperature")
          .stateClass("measurement")),
  BATTERY_AUX_LEVEL(Topics.BATTERY_AUX_LEVEL, 1, true, u -> u.data().auxBatteryLevel(), "%",
      HaEntity.sensor("aux_battery_level", "12 V battery").deviceClass("battery").stateClass("measurement")),
  EV_RANGE(Topics.EV_RANGE, 1, true, u -> ev(u).range(),
      HaEntity.sensor("range", "Range").deviceClass("distance").stateClass("measurement")),
  EV_CHARGE_TIME_100(Topics.EV_CHARGE_TIME_100, 0, false, u -> ev(u).minutesToFull(), "min",
      HaEntity.sensor("charge_time_full", "Time to full charge").deviceClass("duration").stateClass("measurement")),
  EV_CHARGE_TIME_TARGET(Topics.EV_CHARGE_TIME_TARGET, 0, false, u -> ev(u).minutesToTarget(), "min",
      HaEntity.sensor("charge_time_target", "Time to charge limit").deviceClass("duration")
          .stateClass("measurement")),
  // A limit is a setting, not the battery's remaining charge: no battery class, no statistics.
  EV_CHARGE_LIMIT(Topics.EV_CHARGE_LIMIT, 1, true, u -> ev(u).chargeLimitAc(), "%",
      HaEntity.sensor("charge_limit_ac", "AC charge limit").icon("mdi:battery-charging-high")),
  EV_CHARGE_LIMIT_DC(Topics.EV_CHARGE_LIMIT_DC, 1, true, u -> ev(u).chargeLimitDc(), "%",
      HaEntity.sensor("charge_limit_dc", "DC charge limit").icon("mdi:battery-charging-high")),
  // No device class: energy_distance exists only since Home Assistant 2025.1, and older versions reject the whole
  // config for it; unit and state class alone keep the statistics.
  EV_ENERGY_CONSUMPTION(Topics.EV_ENERGY_CONSUMPTION, 0, false, u -> ev(u).energyConsumption(), "Wh/km",
      HaEntity.sensor("energy_consumption", "Energy consumption").stateClass("measurement")),
  // The charge port door and the charging current are what the charge_port and charging_current actions set.
  EV_CHARGE_PORT_OPEN(Topics.EV_CHARGE_PORT_OPEN, 1, true, u -> actionState(u).chargePortOpen(), null,
      HaEntity.binary("charge_port_door", "Charge port door", "opening")),
  // A setting (percent of the maximum AC current), not a measurement: no statistics.
  EV_CHARGING_CURRENT(Topics.EV_CHARGING_CURRENT, 1, true, u -> actionState(u).chargingCurrentPercent(), "%",
      HaEntity.sensor("charging_current_level", "Charging current level").icon("mdi:current-ac")),
  STATUS_LAST_UPDATED(Topics.STATUS_LAST_UPDATED, 0, true, u -> iso(u.data().lastUpdated()), null,
      HaEntity.sensor("last_updated", "Last updated").deviceClass("timestamp")),
  // Every status update carries where its data came from, so this entity exists as soon as the car does.
  STATUS_DATA_SOURCE(Topics.STATUS_DATA_SOURCE, 0, true, u -> u.dataSource().wireName(), null,
      HaEntity.sensor("data_source", "Data source").deviceClass("enum")
          .options(Arrays.stream(DataSource.values()).map(DataSource::wireName).toList()).asDiagnostic()),
  STATUS_UPDATE_METHOD(Topics.STATUS_UPDATE_METHOD, 0, true, u -> u.method().wireName(), null, null),
  VEHICLE_ODOMETER(Topics.VEHICLE_ODOMETER, 1, true, u -> u.data().odometer(),
      HaEntity.sensor("odometer", "Odometer").deviceClass("distance").stateClass("total_increasing")),
  // Not retained (privacy); Home Assistant reads the position from the retained state document.
  VEHICLE_LOCATION(Topics.VEHICLE_LOCATION, 0, false, PublishedValue::location, null,
      HaEntity.tracker("location", "Location")),
  DOORS_LOCKED(Topics.DOORS_LOCKED, 1, true, u -> openings(u).locked(), null,
      HaEntity.binary("lock", "Lock", "lock").onWhenFalse()),
  DOORS_OPEN(Topics.DOORS_OPEN, 1, true, u -> openings(u).doorsOpen(), null,
      HaEntity.binary("doors", "Doors", "door")),
  DOORS_TRUNK_OPEN(Topics.DOORS_TRUNK_OPEN, 1, true, u -> openings(u).trunkOpen(), null,
      HaEntity.binary("trunk", "Trunk", "opening")),
  DOORS_HOOD_OPEN(Topics.DOORS_HOOD_OPEN, 1, true, u -> openings(u).hoodOpen(), null,
      HaEntity.binary("hood", "Hood", "opening")),
  DOORS_WINDOWS_OPEN(Topics.DOORS_WINDOWS_OPEN, 1, true, u -> openings(u).windowsOpen(), null,
      HaEntity.binary("windows", "Windows", "window")),
  // Each window's position, as the windows action sets it: closed, open or vent (legacy cars: closed or open).
  WINDOWS_FRONT_LEFT(Topics.WINDOWS_FRONT_LEFT, 1, true, u -> window(actionState(u).frontLeft()), null,
      window("window_front_left", "Window front left")),
  WINDOWS_FRONT_RIGHT(Topics.WINDOWS_FRONT_RIGHT, 1, true, u -> window(actionState(u).frontRight()), null,
      window("window_front_right", "Window front right")),
  WINDOWS_REAR_LEFT(Topics.WINDOWS_REAR_LEFT, 1, true, u -> window(actionState(u).rearLeft()), null,
      window("window_rear_left", "Window rear left")),
  WINDOWS_REAR_RIGHT(Topics.WINDOWS_REAR_RIGHT, 1, true, u -> window(actionState(u).rearRight()), null,
      window("window_rear_right", "Window rear right")),
  CLIMATE_ON(Topics.CLIMATE_ON, 1, true, u -> climate(u).on(), null,
      HaEntity.binary("climate", "Climate", "running")),
  // °F where the car reports °F (the USA): the unit says so, Home Assistant converts for its user
  CLIMATE_SET_TEMPERATURE(Topics.CLIMATE_SET_TEMPERATURE, 1, true,
      HaEntity.sensor("climate_set_temperature", "Climate set temperature").deviceClass("temperature"),
      u -> climate(u).setTemperature(), u -> climate(u).unit().symbol()),
  TYRES_PRESSURE_WARNING(Topics.TYRES_PRESSURE_WARNING, 1, true, u -> u.data().tyrePressureWarning(), null,
      HaEntity.binary("tyre_pressure_warning", "Tyre pressure", "problem"));

  private final String leaf;
  private final int qos;
  private final boolean retain;
  private final Function<StatusUpdate, Object> value;
  private final Function<StatusUpdate, String> unit;
  private final HaEntity entity;

  PublishedValue(String leaf, int qos, boolean retain, Function<StatusUpdate, Object> value, String unit,
                 HaEntity entity) {
    this(leaf, qos, retain, entity, value, u -> unit);
  }

  /** A distance: its number is the value, its unit the car's. */
  PublishedValue(String leaf, int qos, boolean retain, Function<StatusUpdate, Distance> distance, HaEntity entity) {
    this(leaf, qos, retain, entity, u -> distanceValue(distance.apply(u)), u -> distanceUnit(distance.apply(u)));
  }

  private PublishedValue(String leaf, int qos, boolean retain, HaEntity entity, Function<StatusUpdate, Object> value,
                         Function<StatusUpdate, String> unit) {
    this.leaf = leaf;
    this.qos = qos;
    this.retain = retain;
    this.value = value;
    this.unit = unit;
    this.entity = entity;
  }

  /** The topic leaf under {@code {base}/{vehicleId}/}, also the value's path in the state document. */
  public String leaf() {
    return leaf;
  }

  public int qos() {
    return qos;
  }

  /**
   * Whether the leaf is published retained. Home Assistant reads an unretained value from the retained state
   * document instead, so it has a value as soon as it (re)subscribes.
   */
  public boolean retain() {
    return retain;
  }

  /** The published value in {@code update}; null when the car did not report it (non-finite numbers included). */
  public Object valueIn(StatusUpdate update) {
    return present(value.apply(update));
  }

  /** The value's unit in {@code update}; null for values without one. */
  public String unitIn(StatusUpdate update) {
    return unit.apply(update);
  }

  /** How Home Assistant shows the value; null for a value it has no entity for. */
  public HaEntity entity() {
    return entity;
  }

  /** The values Home Assistant has an entity for, in catalogue order. */
  public static List<PublishedValue> withEntity() {
    return WithEntity.VALUES;
  }

  /** Computed once: the catalogue does not change while the bridge runs. */
  private static final class WithEntity {
    static final List<PublishedValue> VALUES = Arrays.stream(values()).filter(v -> v.entity != null).toList();
  }

  /**
   * One Home Assistant entity, as data (the discovery config is built in {@code homeassistant}).
   *
   * @param component the platform: {@code sensor}, {@code binary_sensor} or {@code device_tracker}
   * @param key the entity's part of its unique id, object id and discovery topic
   * @param name the entity's name, without the device name
   * @param deviceClass null for none
   * @param stateClass null for none (no statistics)
   * @param icon null for the device class's own
   * @param options the values of an {@code enum} sensor; empty otherwise
   * @param diagnostic shown as a diagnostic entity
   * @param onPayload for a binary sensor, the published value that means "on"; {@code false} for a boolean whose
   *     true means "off" (a locked car is "off" for Home Assistant's lock class)
   * @param offPayload for a binary sensor, the published value that means "off"
   */
  public record HaEntity(String component, String key, String name, String deviceClass, String stateClass,
                         String icon, List<String> options, boolean diagnostic, Object onPayload,
                         Object offPayload) {

    static HaEntity sensor(String key, String name) {
      return new HaEntity("sensor", key, name, null, null, null, List.of(), false, null, null);
    }

    static HaEntity binary(String key, String name, String deviceClass) {
      return new HaEntity("binary_sensor", key, name, deviceClass, null, null, List.of(), false, true, false);
    }

    static HaEntity tracker(String key, String name) {
      return new HaEntity("device_tracker", key, name, null, null, null, List.of(), false, null, null);
    }

    HaEntity deviceClass(String value) {
      return new HaEntity(component, key, name, value, stateClass, icon, options, diagnostic, onPayload, offPayload);
    }

    HaEntity stateClass(String value) {
      return new HaEntity(component, key, name, deviceClass, value, icon, options, diagnostic, onPayload, offPayload);
    }

    HaEntity icon(String value) {
      return new HaEntity(component, key, name, deviceClass, stateClass, value, options, diagnostic, onPayload,
          offPayload);
    }

    HaEntity options(List<String> values) {
      return new HaEntity(component, key, name, deviceClass, stateClass, icon, List.copyOf(values), diagnostic,
          onPayload, offPayload);
    }

    HaEntity asDiagnostic() {
      return new HaEntity(component, key, name, deviceClass, stateClass, icon, options, true, onPayload, offPayload);
    }

    HaEntity onPayloads(Words words) {
      return new HaEntity(component, key, name, deviceClass, stateClass, icon, options, diagnostic, words.whenTrue,
          words.whenFalse);
    }

    HaEntity onWhenFalse() {
      return new HaEntity(component, key, name, deviceClass, stateClass, icon, options, diagnostic, false, true);
    }
  }

  /** A yes/no value published as two words rather than true/false. */
  private enum Words {
    CHARGING("charging", "not_charging"),
    PLUG("connected", "disconnected");

    private final String whenTrue;
    private final String whenFalse;

    Words(String whenTrue, String whenFalse) {
      this.whenTrue = whenTrue;
      this.whenFalse = whenFalse;
    }

    String of(Boolean value) {
      return value == null ? null : value ? whenTrue : whenFalse;
    }
  }

  private static final VehicleData.Battery NO_BATTERY = new VehicleData.Battery(null, null, null, null);
  private static final VehicleData.Ev NO_EV = new VehicleData.Ev(null, null, null, null, null, null);
  private static final VehicleData.Openings NO_OPENINGS = new VehicleData.Openings(null, null, null, null, null);
  private static final VehicleData.Climate NO_CLIMATE = new VehicleData.Climate(null, null);

  private static final VehicleData.ActionState NO_ACTION_STATE =
      new VehicleData.ActionState(null, null, null, null, null, null);

  private static HaEntity window(String key, String name) {
    return HaEntity.sensor(key, name).deviceClass("enum")
        .options(Arrays.stream(VehicleData.WindowPosition.values()).map(VehicleData.WindowPosition::wireName).toList())
        .icon("mdi:car-door");
  }

  private static String window(VehicleData.WindowPosition position) {
    return position == null ? null : position.wireName();
  }

  private static VehicleData.ActionState actionState(StatusUpdate u) {
    return u.data().actionState() == null ? NO_ACTION_STATE : u.data().actionState();
  }

  private static Object present(Object value) {
    if (value instanceof Double d && !Double.isFinite(d)) {
      return null;
    }
    return value;
  }

  private static VehicleData.Battery battery(StatusUpdate u) {
    return u.data().battery() == null ? NO_BATTERY : u.data().battery();
  }

  private static VehicleData.Ev ev(StatusUpdate u) {
    return u.data().ev() == null ? NO_EV : u.data().ev();
  }

  private static VehicleData.Openings openings(StatusUpdate u) {
    return u.data().openings() == null ? NO_OPENINGS : u.data().openings();
  }

  private static VehicleData.Climate climate(StatusUpdate u) {
    return u.data().climate() == null ? NO_CLIMATE : u.data().climate();
  }

  private static Object distanceValue(Distance d) {
    return d == null ? null : d.value();
  }

  private static String distanceUnit(Distance d) {
    return d == null ? null : d.unit().symbol();
  }

  private static Object location(StatusUpdate u) {
    VehicleData.Location l = u.data().location();
    if (l == null || !Double.isFinite(l.latitude()) || !Double.isFinite(l.longitude())) {
      return null;
    }
    return new JsonObject().put("latitude", l.latitude()).put("longitude", l.longitude());
  }

  private static String iso(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
