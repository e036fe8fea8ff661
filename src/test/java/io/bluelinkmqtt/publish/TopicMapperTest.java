package io.bluelinkmqtt.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.codec.MqttPublishJson.MqttMessageOut;
import io.bluelinkmqtt.codec.StatusUpdateJson.StatusUpdate;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.DataSource;
import io.bluelinkmqtt.domain.RefreshMode;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.VehicleData;
import io.bluelinkmqtt.domain.VehicleData.Battery;
import io.bluelinkmqtt.domain.VehicleData.Climate;
import io.bluelinkmqtt.domain.VehicleData.Distance;
import io.bluelinkmqtt.domain.VehicleData.DistanceUnit;
import io.bluelinkmqtt.domain.VehicleData.Ev;
import io.bluelinkmqtt.domain.VehicleData.Location;
import io.bluelinkmqtt.domain.VehicleData.ActionState;
import io.bluelinkmqtt.domain.VehicleData.Openings;
import io.bluelinkmqtt.domain.VehicleData.WindowPosition;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TopicMapperTest {

  static final String T = "2024-05-01T10:15:30Z";
  static final String LOCATION_T = "2024-05-01T09:00:00Z";
  static final Vehicle V1 = vehicle("V1");

  static Vehicle vehicle(String id) {
    return new Vehicle(id, "api", "KMHVIN0000000001", "Ioniq", "IONIQ 5", Brand.HYUNDAI, Vehicle.EngineType.EV);
  }

  static VehicleData full(DistanceUnit unit) {
    return new VehicleData(Instant.parse(T),
        new Battery(80, true, true, 21.5),
        new Ev(new Distance(350.0, unit), 95, 40, 90, 80, 165.3),
        88,
        new Distance(12_345.6, unit),
        new Location(52.52, 13.405, Instant.parse(LOCATION_T)),
        new Openings(true, false, false, false, true),
        new Climate(false, 21.0),
        false,
        new ActionState(true, 60, WindowPosition.OPEN, WindowPosition.CLOSED, WindowPosition.VENT,
            WindowPosition.CLOSED));
  }

  /** The published contract, written out by hand: topic leaf → QoS, retain, exact payload. */
  static Map<String, Object[]> expectedTable() {
    Map<String, Object[]> t = new LinkedHashMap<>();
    t.put("battery/level", new Object[] {1, true, "{\"value\":80,\"unit\":\"%\",\"timestamp\":\"" + T + "\"}"});
    t.put("battery/charging_status", new Object[] {1, true, "{\"value\":\"charging\",\"timestamp\":\"" + T + "\"}"});
    t.put("battery/plug_status", new Object[] {1, true, "{\"value\":\"connected\",\"timestamp\":\"" + T + "\"}"});
    t.put("battery/temperature", new Object[] {0, false, "{\"value\":21.5,\"unit\":\"°C\",\"timestamp\":\"" + T + "\"}"});
    t.put("battery/aux_level", new Object[] {1, true, "{\"value\":88,\"unit\":\"%\",\"timestamp\":\"" + T + "\"}"});
    t.put("ev/range", new Object[] {1, true, "{\"value\":350.0,\"unit\":\"km\",\"timestamp\":\"" + T + "\"}"});
    t.put("ev/charge_time_100", new Object[] {0, false, "{\"value\":95,\"unit\":\"min\",\"timestamp\":\"" + T + "\"}"});
    t.put("ev/charge_time_target", new Object[] {0, false, "{\"value\":40,\"unit\":\"min\",\"timestamp\":\"" + T + "\"}"});
    t.put("ev/charge_limit", new Object[] {1, true, "{\"value\":90,\"unit\":\"%\",\"timestamp\":\"" + T + "\"}"});
    t.put("ev/charge_limit_dc", new Object[] {1, true, "{\"value\":80,\"unit\":\"%\",\"timestamp\":\"" + T + "\"}"});
    t.put("ev/energy_consumption", new Object[] {0, false,
        "{\"value\":165.3,\"unit\":\"Wh/km\",\"timestamp\":\"" + T + "\"}"});
    t.put("ev/charge_port_open", new Object[] {1, true, "{\"value\":true,\"timestamp\":\"" + T + "\"}"});
    t.put("ev/charging_current", new Object[] {1, true, "{\"value\":60,\"unit\":\"%\",\"timestamp\":\"" + T + "\"}"});
    t.put("status/last_updated", new Object[] {0, true, "{\"value\":\"" + T + "\",\"timestamp\":\"" + T + "\"}"});
    t.put("status/data_source", new Object[] {0, true, "{\"value\":\"fresh\",\"timestamp\":\"" + T + "\"}"});
    t.put("status/update_method", new Object[] {0, true, "{\"value\":\"force\",\"timestamp\":\"" + T + "\"}"});
    t.put("vehicle/odometer", new Object[] {1, true, "{\"value\":12345.6,\"unit\":\"km\",\"timestamp\":\"" + T + "\"}"});
    t.put("vehicle/location", new Object[] {0, false,
        "{\"value\":{\"latitude\":52.52,\"longitude\":13.405},\"timestamp\":\"" + LOCATION_T + "\"}"});
    t.put("doors/locked", new Object[] {1, true, "{\"value\":true,\"timestamp\":\"" + T + "\"}"});
    t.put("doors/open", new Object[] {1, true, "{\"value\":false,\"timestamp\":\"" + T + "\"}"});
    t.put("doors/trunk_open", new Object[] {1, true, "{\"value\":false,\"timestamp\":\"" + T + "\"}"});
    t.put("doors/hood_open", new Object[] {1, true, "{\"value\":false,\"timestamp\":\"" + T + "\"}"});
    t.put("doors/windows_open", new Object[] {1, true, "{\"value\":true,\"timestamp\":\"" + T + "\"}"});
    t.put("windows/front_left", new Object[] {1, true, "{\"value\":\"open\",\"timestamp\":\"" + T + "\"}"});
    t.put("windows/front_right", new Object[] {1, true, "{\"value\":\"closed\",\"timestamp\":\"" + T + "\"}"});
    t.put("windows/rear_left", new Object[] {1, true, "{\"value\":\"vent\",\"timestamp\":\"" + T + "\"}"});
    t.put("windows/rear_right", new Object[] {1, true, "{\"value\":\"closed\",\"timestamp\":\"" + T + "\"}"});
    t.put("climate/on", new Object[] {1, true, "{\"value\":false,\"timestamp\":\"" + T + "\"}"});
    t.put("climate/set_temperature", new Object[] {1, true, "{\"value\":21.0,\"unit\":\"°C\",\"timestamp\":\"" + T + "\"}"});
    t.put("tyres/pressure_warning", new Object[] {1, true, "{\"value\":false,\"timestamp\":\"" + T + "\"}"});
    return t;
  }

  private final TopicMapper mapper = new TopicMapper(new Topics("hyundai"));

  static Map<String, MqttMessageOut> byTopic(List<MqttMessageOut> messages) {
    return messages.stream().collect(Collectors.toMap(MqttMessageOut::topic, Function.identity()));
  }

  @Test
  @DisplayName("every topic has the QoS, retain flag and exact payload of the table")
  void everyTopicMatchesTheTable() {
    Map<String, MqttMessageOut> out = byTopic(mapper.map(
        new StatusUpdate(V1, RefreshMode.FORCE, DataSource.FRESH, full(DistanceUnit.KM))));
    Map<String, Object[]> table = expectedTable();
    assertEquals(table.size() + 1, out.size(), "one message per table row plus the state document");
    table.forEach((leaf, expected) -> {
      MqttMessageOut m = out.get("hyundai/V1/" + leaf);
      assertEquals(expected[0], m.qos(), leaf + " qos");
      assertEquals(expected[1], m.retain(), leaf + " retain");
      assertEquals(new JsonObject((String) expected[2]), new JsonObject(m.payload()), leaf + " payload");
    });
  }

  @Test
  @DisplayName("a last-known answer publishes only data source, update method and the whole state document")
  void lastKnownPublishesOnlyWhatDescribesTheRead() {
    Map<String, MqttMessageOut> out = byTopic(mapper.map(
        new StatusUpdate(V1, RefreshMode.CACHED, DataSource.LAST_KNOWN, full(DistanceUnit.KM))));
    assertEquals(java.util.Set.of("hyundai/V1/status/data_source", "hyundai/V1/status/update_method",
        "hyundai/V1/state"), out.keySet());
    assertEquals("last_known", new JsonObject(out.get("hyundai/V1/status/data_source").payload()).getString("value"));
    JsonObject doc = new JsonObject(out.get("hyundai/V1/state").payload());
    assertEquals("last_known", doc.getJsonObject("status").getString("data_source"));
    assertEquals(80, doc.getJsonObject("battery").getInteger("level"), "the state document still holds every value");
  }

  @Test
  @DisplayName("the state document is retained QoS 1 and holds every value, nested by topic path, with units")
  void stateDocumentHoldsEverything() {
    MqttMessageOut state = byTopic(mapper.map(
        new StatusUpdate(V1, RefreshMode.FORCE, DataSource.FRESH, full(DistanceUnit.KM)))).get("hyundai/V1/state");
    assertEquals(1, state.qos());
    assertTrue(state.retain());
    JsonObject doc = new JsonObject(state.payload());
    assertEquals("V1", doc.getString("vehicle_id"));
    assertEquals(T, doc.getString("timestamp"));
    assertEquals(80, doc.getJsonObject("battery").getInteger("level"));
    assertEquals("charging", doc.getJsonObject("battery").getString("charging_status"));
    assertEquals(350.0, doc.getJsonObject("ev").getDouble("range"));
    assertEquals("fresh", doc.getJsonObject("status").getString("data_source"));
    assertEquals(new JsonObject().put("latitude", 52.52).put("longitude", 13.405),
        doc.getJsonObject("vehicle").getJsonObject("location"));
    assertEquals(true, doc.getJsonObject("doors").getBoolean("locked"));
    assertEquals(false, doc.getJsonObject("tyres").getBoolean("pressure_warning"));
    assertEquals("km", doc.getJsonObject("units").getString("ev/range"));
    assertEquals("Wh/km", doc.getJsonObject("units").getString("ev/energy_consumption"));
    assertEquals(12, doc.getJsonObject("units").size(), "12 leaves carry a unit");
    assertEquals(new JsonObject().put("front_left", "open").put("front_right", "closed").put("rear_left", "vent")
        .put("rear_right", "closed"), doc.getJsonObject("windows"));
    assertEquals(true, doc.getJsonObject("ev").getBoolean("charge_port_open"));
    assertEquals(60, doc.getJsonObject("ev").getInteger("charging_current"));
    assertFalse(state.payload().contains("KMHVIN"), "no VIN in the state document");
  }

  @Test
  @DisplayName("absent values are not published; only data source, update method and state remain")
  void absentValuesStayAbsent() {
    List<MqttMessageOut> out = mapper.map(new StatusUpdate(V1, RefreshMode.CACHED, DataSource.CACHED, VehicleData.EMPTY));
    assertEquals(List.of("hyundai/V1/status/data_source", "hyundai/V1/status/update_method", "hyundai/V1/state"),
        out.stream().map(MqttMessageOut::topic).toList());
    assertEquals(new JsonObject().put("value", "cached"), new JsonObject(out.get(0).payload()),
        "no timestamp when the car gave none");
    assertEquals(new JsonObject("{\"vehicle_id\":\"V1\",\"status\":{\"data_source\":\"cached\","
        + "\"update_method\":\"cached\"},\"units\":{}}"), new JsonObject(out.get(2).payload()));
  }

  @Test
  @DisplayName("partly reported groups publish only their present values; NaN counts as absent")
  void partialGroups() {
    VehicleData data = new VehicleData(Instant.parse(T), new Battery(55, null, false, Double.NaN),
        new Ev(null, null, null, null, null, Double.POSITIVE_INFINITY), null, null, null,
        new Openings(null, null, true, null, null), null, null);
    Map<String, MqttMessageOut> out = byTopic(mapper.map(new StatusUpdate(V1, RefreshMode.SMART, DataSource.STALE, data)));
    assertEquals(List.of("hyundai/V1/battery/level", "hyundai/V1/battery/plug_status", "hyundai/V1/doors/trunk_open",
            "hyundai/V1/state", "hyundai/V1/status/data_source", "hyundai/V1/status/last_updated",
            "hyundai/V1/status/update_method"),
        out.keySet().stream().sorted().toList());
    assertEquals("disconnected", new JsonObject(out.get("hyundai/V1/battery/plug_status").payload()).getString("value"));
    assertEquals("stale", new JsonObject(out.get("hyundai/V1/status/data_source").payload()).getString("value"));
    assertEquals("smart", new JsonObject(out.get("hyundai/V1/status/update_method").payload()).getString("value"));
  }

  @Test
  @DisplayName("distances keep the car's unit (mi)")
  void milesAreKept() {
    Map<String, MqttMessageOut> out = byTopic(mapper.map(
        new StatusUpdate(V1, RefreshMode.CACHED, DataSource.CACHED, full(DistanceUnit.MILES))));
    assertEquals("mi", new JsonObject(out.get("hyundai/V1/ev/range").payload()).getString("unit"));
    assertEquals("mi", new JsonObject(out.get("hyundai/V1/vehicle/odometer").payload()).getString("unit"));
  }

  @Test
  @DisplayName("a vehicle id that could not be a topic level (the bridge's own level) publishes nothing")
  void bridgeIdPublishesNothing() {
    assertEquals(List.of(), mapper.map(
        new StatusUpdate(vehicle("bridge"), RefreshMode.CACHED, DataSource.CACHED, full(DistanceUnit.KM))));
  }
}
