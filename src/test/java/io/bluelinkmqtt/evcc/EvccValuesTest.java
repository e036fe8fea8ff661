package io.bluelinkmqtt.evcc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.bluelinkmqtt.codec.MqttPublishJson.MqttMessageOut;
import io.bluelinkmqtt.codec.StatusUpdateJson.StatusUpdate;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.DataSource;
import io.bluelinkmqtt.domain.RefreshMode;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.VehicleData;
import io.bluelinkmqtt.domain.VehicleData.Battery;
import io.bluelinkmqtt.domain.VehicleData.Distance;
import io.bluelinkmqtt.domain.VehicleData.DistanceUnit;
import io.bluelinkmqtt.domain.VehicleData.Ev;
import io.bluelinkmqtt.publish.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EvccValuesTest {

  private static final Vehicle CAR = new Vehicle("V1", "api", "KMHVIN0000000001", "Ioniq", "IONIQ 5", Brand.HYUNDAI,
      Vehicle.EngineType.EV);
  private static final EvccValues VALUES = new EvccValues(new Topics("hyundai"));

  private static VehicleData data(Battery battery, Ev ev, Distance odometer) {
    return new VehicleData(Instant.parse("2024-05-01T10:15:30Z"), battery, ev, 88, odometer, null, null, null, false);
  }

  private static StatusUpdate update(DataSource source, VehicleData data) {
    return new StatusUpdate(CAR, RefreshMode.FORCE, source, data);
  }

  private static Ev ev(Distance range, Integer limitAc) {
    return new Ev(range, 95, 40, limitAc, 80, 165.3);
  }

  /** topic → payload, in publishing order; every message must be QoS 1 retained. */
  private static Map<String, String> published(StatusUpdate update) {
    Map<String, String> out = new LinkedHashMap<>();
    for (MqttMessageOut m : VALUES.map(update)) {
      assertEquals(1, m.qos(), m.topic());
      assertEquals(true, m.retain(), m.topic());
      out.put(m.topic(), m.payload());
    }
    return out;
  }

  @Test
  @DisplayName("a full update: five plain payloads under {base}/{id}/evcc/, QoS 1 retained")
  void fullUpdate() {
    VehicleData data = data(new Battery(80, true, true, 21.5), ev(new Distance(350.4, DistanceUnit.KM), 90),
        new Distance(12_345.6, DistanceUnit.KM));
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("hyundai/V1/evcc/soc", "80");
    expected.put("hyundai/V1/evcc/range", "350");
    expected.put("hyundai/V1/evcc/odometer", "12345.6");
    expected.put("hyundai/V1/evcc/limitsoc", "90");
    expected.put("hyundai/V1/evcc/status", "C");
    assertEquals(expected, published(update(DataSource.FRESH, data)));
  }

  @Test
  @DisplayName("miles become km (evcc assumes km); large and whole numbers never get an exponent or a .0")
  void milesAndPlainNumbers() {
    VehicleData data = data(new Battery(55, false, true, null), ev(new Distance(200.0, DistanceUnit.MILES), 100),
        new Distance(12_345_678.0, DistanceUnit.MILES));
    Map<String, String> out = published(update(DataSource.CACHED, data));
    assertEquals("322", out.get("hyundai/V1/evcc/range"));
    assertEquals("19868442.8", out.get("hyundai/V1/evcc/odometer"));
    VehicleData whole = data(null, null, new Distance(20_000_000.0, DistanceUnit.KM));
    assertEquals(Map.of("hyundai/V1/evcc/odometer", "20000000"), published(update(DataSource.CACHED, whole)));
  }

  @Test
  @DisplayName("status letters: C charging, B plugged in, A not; nothing when the car said neither")
  void statusLetters() {
    assertEquals("C", EvccValues.status(true, true));
    assertEquals("C", EvccValues.status(null, true));
    assertEquals("B", EvccValues.status(true, false));
    assertEquals("B", EvccValues.status(true, null));
    assertEquals("A", EvccValues.status(false, false));
    assertEquals("A", EvccValues.status(false, null));
    assertNull(EvccValues.status(null, false));
    assertNull(EvccValues.status(null, null));
  }

  @Test
  @DisplayName("absent and non-finite values are not published; a last_known answer publishes nothing")
  void absentValuesAndLastKnown() {
    VehicleData sparse = data(new Battery(null, null, null, null), ev(new Distance(Double.NaN, DistanceUnit.KM), null),
        null);
    assertEquals(Map.of(), published(update(DataSource.FRESH, sparse)));
    VehicleData full = data(new Battery(80, false, false, null), ev(new Distance(300.0, DistanceUnit.KM), 90),
        new Distance(1.0, DistanceUnit.KM));
    assertEquals(5, published(update(DataSource.STALE, full)).size());
    assertEquals(List.of(), VALUES.map(update(DataSource.LAST_KNOWN, full)));
  }

  @Test
  @DisplayName("docs/mqtt-topics.md documents exactly these evcc topics, QoS 1 retained")
  void documented() throws IOException {
    String doc = Files.readString(Path.of(System.getProperty("project.basedir", "."), "docs", "mqtt-topics.md"));
    Matcher row = Pattern.compile("^\\| `(evcc/[a-z]+)` \\| ([012]) \\| (yes|no) \\|", Pattern.MULTILINE).matcher(doc);
    Map<String, String> documented = new LinkedHashMap<>();
    while (row.find()) {
      documented.put(row.group(1), row.group(2) + " " + row.group(3));
    }
    Map<String, String> expected = new LinkedHashMap<>();
    for (String leaf : List.of(Topics.EVCC_SOC, Topics.EVCC_RANGE, Topics.EVCC_ODOMETER, Topics.EVCC_LIMIT_SOC,
        Topics.EVCC_STATUS)) {
      expected.put(leaf, EvccValues.QOS + " yes");
    }
    assertEquals(expected, documented);
  }
}
