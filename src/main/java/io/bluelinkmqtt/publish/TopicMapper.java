package io.bluelinkmqtt.publish;

import io.bluelinkmqtt.codec.MqttPublishJson.MqttMessageOut;
import io.bluelinkmqtt.codec.StatusUpdateJson.StatusUpdate;
import io.bluelinkmqtt.domain.DataSource;
import io.bluelinkmqtt.domain.VehicleData;
import io.bluelinkmqtt.domain.VehicleData.Distance;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A status update → one message per value the car reported, plus one retained JSON document
 * ({@code {base}/{id}/state}) with all of them. Pure; the QoS/retain table below is the published
 * contract (docs/mqtt-topics.md). A leaf payload is {@code {"value": …, "unit": …, "timestamp": …}}
 * with {@code unit} only where one applies and {@code timestamp} the car's own last-updated time.
 * Values the car did not report are not published (absent stays absent); non-finite numbers count as absent.
 */
public final class TopicMapper {

  private static final Logger LOG = LoggerFactory.getLogger(TopicMapper.class);

  /** QoS and retain of the state document. */
  public static final int STATE_QOS = 1;

  /** One row of the table: a leaf topic, how it is published, and where its value comes from. */
  private record Row(String leaf, int qos, boolean retain, Function<StatusUpdate, Object> value,
                     Function<StatusUpdate, String> unit) {
  }

  private static final List<Row> TABLE = List.of(
      row(Topics.BATTERY_LEVEL, 1, true, u -> battery(u).level(), "%"),
      row(Topics.BATTERY_CHARGING_STATUS, 1, true, u -> flag(battery(u).charging(), "charging", "not_charging"), null),
      row(Topics.BATTERY_PLUG_STATUS, 1, true, u -> flag(battery(u).pluggedIn(), "connected", "disconnected"), null),
      row(Topics.BATTERY_TEMPERATURE, 0, false, u -> battery(u).temperatureCelsius(), "°C"),
      row(Topics.BATTERY_AUX_LEVEL, 1, true, u -> u.data().auxBatteryLevel(), "%"),
      new Row(Topics.EV_RANGE, 1, true, u -> distance(ev(u).range()), u -> unit(ev(u).range())),
      row(Topics.EV_CHARGE_TIME_100, 0, false, u -> ev(u).minutesToFull(), "min"),
      row(Topics.EV_CHARGE_TIME_TARGET, 0, false, u -> ev(u).minutesToTarget(), "min"),
      row(Topics.EV_CHARGE_LIMIT, 1, true, u -> ev(u).chargeLimitAc(), "%"),
      row(Topics.EV_CHARGE_LIMIT_DC, 1, true, u -> ev(u).chargeLimitDc(), "%"),
      row(Topics.EV_ENERGY_CONSUMPTION, 0, false, u -> ev(u).energyConsumption(), "Wh/km"),
      row(Topics.STATUS_LAST_UPDATED, 0, true, u -> iso(u.data().lastUpdated()), null),
      row(Topics.STATUS_DATA_SOURCE, 0, true, u -> u.dataSource().wireName(), null),
      row(Topics.STATUS_UPDATE_METHOD, 0, true, u -> u.method().wireName(), null),
      new Row(Topics.VEHICLE_ODOMETER, 1, true, u -> distance(u.data().odometer()), u -> unit(u.data().odometer())),
      row(Topics.VEHICLE_LOCATION, 0, false, TopicMapper::location, null),
      row(Topics.DOORS_LOCKED, 1, true, u -> openings(u).locked(), null),
      row(Topics.DOORS_OPEN, 1, true, u -> openings(u).doorsOpen(), null),
      row(Topics.DOORS_TRUNK_OPEN, 1, true, u -> openings(u).trunkOpen(), null),
      row(Topics.DOORS_HOOD_OPEN, 1, true, u -> openings(u).hoodOpen(), null),
      row(Topics.DOORS_WINDOWS_OPEN, 1, true, u -> openings(u).windowsOpen(), null),
      row(Topics.CLIMATE_ON, 1, true, u -> climate(u).on(), null),
      row(Topics.CLIMATE_SET_TEMPERATURE, 1, true, u -> climate(u).setTemperatureCelsius(), "°C"),
      row(Topics.TYRES_PRESSURE_WARNING, 1, true, u -> u.data().tyrePressureWarning(), null));

  /** Leaves that describe how the data was got rather than the car: the only ones a last-known answer changes. */
  private static final Set<String> READ_LEAVES = Set.of(Topics.STATUS_DATA_SOURCE, Topics.STATUS_UPDATE_METHOD);

  private static final VehicleData.Battery NO_BATTERY = new VehicleData.Battery(null, null, null, null);
  private static final VehicleData.Ev NO_EV = new VehicleData.Ev(null, null, null, null, null, null);
  private static final VehicleData.Openings NO_OPENINGS = new VehicleData.Openings(null, null, null, null, null);
  private static final VehicleData.Climate NO_CLIMATE = new VehicleData.Climate(null, null);

  private final Topics topics;

  public TopicMapper(Topics topics) {
    this.topics = topics;
  }

  /** The messages for one update; none when the vehicle id may not stand in a topic. */
  public List<MqttMessageOut> map(StatusUpdate update) {
    String vehicleId = update.vehicle().id();
    if (!Topics.isVehicleId(vehicleId)) {
      LOG.warn("status update for a vehicle id that cannot be a topic level: not published");
      return List.of();
    }
    String timestamp = iso(update.data().lastUpdated());
    List<MqttMessageOut> out = new ArrayList<>();
    JsonObject state = new JsonObject().put("vehicle_id", vehicleId);
    JsonObject units = new JsonObject();
    // A last-known answer read nothing new: only the leaves that describe the read change, and the broker
    // still holds the rest retained, so a storm of throttled commands costs two messages each, not ~25.
    boolean nothingNewRead = update.dataSource() == DataSource.LAST_KNOWN;
    for (Row row : TABLE) {
      Object value = present(row.value().apply(update));
      if (value == null) {
        continue;
      }
      boolean publish = !nothingNewRead || READ_LEAVES.contains(row.leaf());
      String unit = row.unit().apply(update);
      JsonObject payload = new JsonObject().put("value", value);
      if (unit != null) {
        payload.put("unit", unit);
        units.put(row.leaf(), unit);
      }
      String leafTime = Topics.VEHICLE_LOCATION.equals(row.leaf()) ? locationTime(update, timestamp) : timestamp;
      if (leafTime != null) {
        payload.put("timestamp", leafTime);
      }
      if (publish) {
        out.add(new MqttMessageOut(topics.vehicle(vehicleId, row.leaf()), payload.encode(), row.qos(), row.retain()));
      }
      nest(state, row.leaf(), value);
    }
    state.put("units", units);
    if (timestamp != null) {
      state.put("timestamp", timestamp);
    }
    out.add(new MqttMessageOut(topics.vehicle(vehicleId, Topics.STATE), state.encode(), STATE_QOS, true));
    return out;
  }

  private static Row row(String leaf, int qos, boolean retain, Function<StatusUpdate, Object> value, String unit) {
    return new Row(leaf, qos, retain, value, u -> unit);
  }

  /** Puts {@code value} at the leaf's path, e.g. battery/level → {"battery":{"level":…}}. */
  private static void nest(JsonObject root, String leaf, Object value) {
    String[] levels = leaf.split("/");
    JsonObject node = root;
    for (int i = 0; i < levels.length - 1; i++) {
      JsonObject child = node.getJsonObject(levels[i]);
      if (child == null) {
        child = new JsonObject();
        node.put(levels[i], child);
      }
      node = child;
    }
    node.put(levels[levels.length - 1], value);
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

  private static String flag(Boolean value, String whenTrue, String whenFalse) {
    return value == null ? null : value ? whenTrue : whenFalse;
  }

  private static Object distance(Distance d) {
    return d == null ? null : present(d.value());
  }

  private static String unit(Distance d) {
    return d == null ? null : d.unit().symbol();
  }

  private static Object location(StatusUpdate u) {
    VehicleData.Location l = u.data().location();
    if (l == null || !Double.isFinite(l.latitude()) || !Double.isFinite(l.longitude())) {
      return null;
    }
    return new JsonObject().put("latitude", l.latitude()).put("longitude", l.longitude());
  }

  private static String locationTime(StatusUpdate u, String fallback) {
    VehicleData.Location l = u.data().location();
    return l != null && l.time() != null ? iso(l.time()) : fallback;
  }

  private static String iso(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
