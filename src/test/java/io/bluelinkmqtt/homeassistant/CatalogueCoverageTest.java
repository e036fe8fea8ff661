package io.bluelinkmqtt.homeassistant;

import static io.bluelinkmqtt.homeassistant.SampleVehicles.BASE;
import static io.bluelinkmqtt.homeassistant.SampleVehicles.PREFIX;
import static io.bluelinkmqtt.homeassistant.SampleVehicles.SMART_MAX_AGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.codec.MqttPublishJson.MqttMessageOut;
import io.bluelinkmqtt.codec.StatusUpdateJson.StatusUpdate;
import io.bluelinkmqtt.domain.DataSource;
import io.bluelinkmqtt.domain.RefreshMode;
import io.bluelinkmqtt.domain.VehicleData;
import io.bluelinkmqtt.domain.VehicleData.Battery;
import io.bluelinkmqtt.domain.VehicleData.Distance;
import io.bluelinkmqtt.domain.VehicleData.DistanceUnit;
import io.bluelinkmqtt.domain.VehicleData.Ev;
import io.bluelinkmqtt.publish.PublishedValue;
import io.bluelinkmqtt.publish.TopicMapper;
import io.bluelinkmqtt.publish.Topics;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@link PublishedValue} catalogue against what the two producers really send: every leaf the topic mapper
 * publishes and nothing else, and a Home Assistant entity for exactly the published leaves that have one. Which
 * leaf a discovery config reads is taken from the config itself (its state topic, or its state-document template).
 */
class CatalogueCoverageTest {

  private static final Topics TOPICS = new Topics(BASE);
  private static final TopicMapper MAPPER = new TopicMapper(TOPICS);
  private static final DiscoveryPayloads PAYLOADS = new DiscoveryPayloads(PREFIX, TOPICS, SMART_MAX_AGE);
  private static final String VEHICLE = SampleVehicles.KONA.id();
  private static final String STATE_DOCUMENT = TOPICS.vehicle(VEHICLE, Topics.STATE);
  /** {@code (value_json.<group> | default({})).<key>}: a state-document template reading one leaf. */
  private static final Pattern STATE_LEAF = Pattern.compile("\\(value_json\\.([a-z0-9_]+) \\| default\\(\\{}\\)\\)\\.([a-z0-9_]+)");
  /** Vehicle entities that show no status value: the refresh buttons and the last command's outcome. */
  private static final Set<String> NOT_VALUES = Set.of("refresh_cached", "refresh_force", "refresh_smart",
      "last_command");

  static Stream<Arguments> readings() {
    VehicleData nonFinite = new VehicleData(null, new Battery(70, null, null, Double.NaN),
        new Ev(new Distance(Double.POSITIVE_INFINITY, DistanceUnit.KM), null, null, null, null, null), null, null,
        null, null, null, null);
    return Stream.of(
        Arguments.of("fully populated car", SampleVehicles.FULL),
        Arguments.of("car with only a battery level", SampleVehicles.BATTERY_ONLY),
        Arguments.of("car that reported nothing", VehicleData.EMPTY),
        Arguments.of("car with non-finite temperature and range", nonFinite));
  }

  @Test
  @DisplayName("a fully populated car publishes every catalogue leaf, with its QoS and retain, and the state document")
  void mapperPublishesEveryLeaf() {
    Map<String, MqttMessageOut> published = publishedLeaves(SampleVehicles.FULL);
    assertEquals(Arrays.stream(PublishedValue.values()).map(PublishedValue::leaf).collect(Collectors.toSet()),
        published.keySet());
    for (PublishedValue value : PublishedValue.values()) {
      MqttMessageOut out = published.get(value.leaf());
      assertEquals(value.qos(), out.qos(), value.leaf());
      assertEquals(value.retain(), out.retain(), value.leaf());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readings")
  @DisplayName("discovery announces an entity for exactly the published leaves that have one, with the leaf's unit")
  void discoveryAnnouncesExactlyThePublishedLeaves(String label, VehicleData data) {
    Map<String, MqttMessageOut> published = publishedLeaves(data);
    Map<String, String> announcedLeafByKey = new TreeMap<>();
    Map<String, JsonObject> configByLeaf = new HashMap<>();
    for (DiscoveryMessage m : PAYLOADS.forVehicle(SampleVehicles.KONA, data)) {
      String key = m.topic().split("/")[3];
      if (NOT_VALUES.contains(key)) {
        continue;
      }
      String leaf = leafRead(m.payload());
      announcedLeafByKey.put(key, leaf);
      configByLeaf.put(leaf, m.payload());
    }
    Map<String, String> expected = new TreeMap<>();
    for (PublishedValue value : PublishedValue.withEntity()) {
      if (published.containsKey(value.leaf())) {
        expected.put(value.entity().key(), value.leaf());
      }
    }
    assertEquals(expected, announcedLeafByKey);
    for (Map.Entry<String, JsonObject> entry : configByLeaf.entrySet()) {
      String unit = new JsonObject(published.get(entry.getKey()).payload()).getString("unit");
      assertEquals(unit, entry.getValue().getString("unit_of_measurement"), entry.getKey());
    }
  }

  @Test
  @DisplayName("the update method is published but has no entity; every other leaf has one")
  void onlyTheUpdateMethodHasNoEntity() {
    assertEquals(Set.of(PublishedValue.STATUS_UPDATE_METHOD), Arrays.stream(PublishedValue.values())
        .filter(v -> v.entity() == null).collect(Collectors.toSet()));
    assertTrue(publishedLeaves(SampleVehicles.FULL).containsKey(Topics.STATUS_UPDATE_METHOD));
  }

  /** The leaf messages the mapper publishes for the sample car with {@code data}, by leaf (state document left out). */
  private static Map<String, MqttMessageOut> publishedLeaves(VehicleData data) {
    StatusUpdate update = new StatusUpdate(SampleVehicles.KONA, RefreshMode.FORCE, DataSource.FRESH, data);
    String prefix = BASE + "/" + VEHICLE + "/";
    return MAPPER.map(update).stream().filter(m -> !m.topic().equals(STATE_DOCUMENT))
        .collect(Collectors.toMap(m -> m.topic().substring(prefix.length()), m -> m));
  }

  /** The leaf a config shows: its own state topic, or the one its template reads from the state document. */
  private static String leafRead(JsonObject config) {
    String stateTopic = config.getString("state_topic");
    if (stateTopic != null && !stateTopic.equals(STATE_DOCUMENT)) {
      return stateTopic.substring((BASE + "/" + VEHICLE + "/").length());
    }
    String template = stateTopic != null ? config.getString("value_template")
        : config.getString("json_attributes_template");
    Matcher matcher = STATE_LEAF.matcher(template);
    assertTrue(matcher.find(), template);
    return matcher.group(1) + "/" + matcher.group(2);
  }
}
