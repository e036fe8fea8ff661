package io.bluelinkmqtt.publish;

import io.bluelinkmqtt.codec.MqttPublishJson.MqttMessageOut;
import io.bluelinkmqtt.codec.StatusUpdateJson.StatusUpdate;
import io.bluelinkmqtt.domain.DataSource;
import io.bluelinkmqtt.domain.VehicleData;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A status update → one message per value the car reported, plus one retained JSON document
 * ({@code {base}/{id}/state}) with all of them. Pure; what is published, where and how, is the
 * {@link PublishedValue} catalogue (docs/mqtt-topics.md). A leaf payload is {@code {"value": …, "unit": …, "timestamp": …}}
 * with {@code unit} only where one applies and {@code timestamp} the car's own last-updated time.
 * Values the car did not report are not published (absent stays absent); non-finite numbers count as absent.
 */
public final class TopicMapper {

  private static final Logger LOG = LoggerFactory.getLogger(TopicMapper.class);

  /** QoS and retain of the state document. */
  public static final int STATE_QOS = 1;

  /** Leaves that describe how the data was got rather than the car: the only ones a last-known answer changes. */
  private static final Set<PublishedValue> READ_LEAVES =
      Set.of(PublishedValue.STATUS_DATA_SOURCE, PublishedValue.STATUS_UPDATE_METHOD);

  private final Topics topics;

  public TopicMapper(Topics topics) {
    this.topics = topics;
  }

  /**
   * One reported value of an update: its payload ({@code {"value": …, "unit": …, "timestamp": …}}, fresh for the
   * caller) and whether the update publishes it.
   */
  public record Leaf(PublishedValue value, JsonObject payload, boolean published) {
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
    for (Leaf leaf : leaves(update, timestamp)) {
      PublishedValue value = leaf.value();
      if (leaf.published()) {
        out.add(new MqttMessageOut(topics.vehicle(vehicleId, value.leaf()), leaf.payload().encode(), value.qos(),
            value.retain()));
      }
      if (leaf.payload().getValue("unit") instanceof String unit) {
        units.put(value.leaf(), unit);
      }
      nest(state, value.leaf(), leaf.payload().getValue("value"));
    }
    state.put("units", units);
    if (timestamp != null) {
      state.put("timestamp", timestamp);
    }
    out.add(new MqttMessageOut(topics.vehicle(vehicleId, Topics.STATE), state.encode(), STATE_QOS, true));
    return out;
  }

  /** The values {@code update} reports, in catalogue order, whether it publishes them or not. */
  public List<Leaf> leaves(StatusUpdate update) {
    return leaves(update, iso(update.data().lastUpdated()));
  }

  private static List<Leaf> leaves(StatusUpdate update, String timestamp) {
    // A last-known answer read nothing new: only the leaves that describe the read change, and the broker
    // still holds the rest retained, so a storm of throttled commands costs two messages each, not ~25.
    boolean nothingNewRead = update.dataSource() == DataSource.LAST_KNOWN;
    List<Leaf> leaves = new ArrayList<>();
    for (PublishedValue leaf : PublishedValue.values()) {
      Object value = leaf.valueIn(update);
      if (value == null) {
        continue;
      }
      String unit = leaf.unitIn(update);
      JsonObject payload = new JsonObject().put("value", value);
      if (unit != null) {
        payload.put("unit", unit);
      }
      String leafTime = leaf == PublishedValue.VEHICLE_LOCATION ? locationTime(update, timestamp) : timestamp;
      if (leafTime != null) {
        payload.put("timestamp", leafTime);
      }
      leaves.add(new Leaf(leaf, payload, !nothingNewRead || READ_LEAVES.contains(leaf)));
    }
    return leaves;
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

  private static String locationTime(StatusUpdate u, String fallback) {
    VehicleData.Location l = u.data().location();
    return l != null && l.time() != null ? iso(l.time()) : fallback;
  }

  private static String iso(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
