package io.bluelinkmqtt.api.uskia.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bluelinkmqtt.api.UpstreamResponse;
import io.bluelinkmqtt.api.uskia.UsKiaErrors;
import io.bluelinkmqtt.domain.VehicleData;
import io.bluelinkmqtt.domain.VehicleData.DistanceUnit;
import io.bluelinkmqtt.domain.VehicleData.TemperatureUnit;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The US Kia fixtures (system property {@code fixtures.dir}, read at test time, never copied) as the oracle: each
 * {@code us_kia_*} file is wrapped as §9 says ({@code {"status":{…0…},"payload":{"vehicleInfoList":[fixture]}}}),
 * checked by {@link UsKiaErrors} as the client does, mapped, and compared with every {@code _fixture_meta.expected}
 * value {@link VehicleData} carries; plus what §5.6/§5.12 fix for these files: miles (unit 3), the UTC
 * {@code syncDate}, °F.
 */
class UsKiaFixtureOracleTest {

  private static final Logger LOG = LoggerFactory.getLogger(UsKiaFixtureOracleTest.class);
  private static final String HKC = "Hyundai-Kia-Connect_hyundai_kia_connect_api";
  /** The lib's raw 0/1 plug code is compared as a boolean (0 = not plugged, §5.1). */
  private static final Map<String, Function<VehicleData, Object>> CARRIED = Map.of(
      "ev_battery_percentage", d -> d.battery() == null ? null : d.battery().level(),
      "ev_battery_is_charging", d -> d.battery() == null ? null : d.battery().charging(),
      "ev_battery_is_plugged_in", d -> d.battery() == null ? null : d.battery().pluggedIn(),
      "ev_charge_limits_ac", d -> d.ev() == null ? null : d.ev().chargeLimitAc(),
      "ev_charge_limits_dc", d -> d.ev() == null ? null : d.ev().chargeLimitDc(),
      "odometer_value", d -> d.odometer() == null ? null : d.odometer().value(),
      "car_battery_percentage", VehicleData::auxBatteryLevel,
      "is_locked", d -> d.openings() == null ? null : d.openings().locked());
  /** Expected keys our model does not carry. */
  private static final Set<String> NOT_CARRIED = Set.of("engine_is_running");
  private static final Map<String, Integer> CHECKED = new TreeMap<>();
  private static Path fixturesDir;

  @BeforeAll
  static void locateFixtures() {
    String property = System.getProperty("fixtures.dir");
    boolean present = property != null && Files.isDirectory(Path.of(property, HKC));
    if (!present) {
      LOG.warn("Fixture folder not found (fixtures.dir={}); US Kia fixture oracle skipped", property);
    }
    assumeTrue(present, "fixtures.dir " + property + " is absent: US Kia fixture oracle skipped");
    fixturesDir = Path.of(property);
  }

  @AfterAll
  static void printSummary() {
    if (fixturesDir != null) {
      int total = CHECKED.values().stream().mapToInt(Integer::intValue).sum();
      LOG.info("US Kia fixture oracle: {} values in {} files; per file {}", total, CHECKED.size(), CHECKED);
    }
  }

  @TestFactory
  @DisplayName("every US Kia fixture maps to its _fixture_meta.expected values, in miles, °F and UTC")
  Stream<DynamicTest> usKiaFixtures() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> files = Files.list(fixturesDir.resolve(HKC))) {
      files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("us_kia_") && n.endsWith(".json")).sorted()
          .forEach(name -> tests.add(DynamicTest.dynamicTest(name, () -> check(name))));
    }
    assertEquals(2, tests.size(), "US Kia fixtures in " + HKC);
    return tests.stream();
  }

  private static void check(String name) throws IOException {
    JsonObject fixture = new JsonObject(Files.readString(fixturesDir.resolve(HKC).resolve(name),
        StandardCharsets.UTF_8));
    JsonObject meta = fixture.getJsonObject("_fixture_meta");
    JsonObject info = fixture.copy();
    info.remove("_fixture_meta");
    JsonObject body = new JsonObject()
        .put("status", new JsonObject().put("statusCode", 0).put("errorType", 0).put("errorCode", 0))
        .put("payload", new JsonObject().put("vehicleInfoList", new JsonArray().add(info)));
    JsonObject checked = UsKiaErrors.checkEnvelope(new UpstreamResponse(200, MultiMap.caseInsensitiveMultiMap(),
        Buffer.buffer(body.encode())));
    VehicleData data = UsKiaStatusMapper.fromVehicleInfo(
        checked.getJsonObject("payload").getJsonArray("vehicleInfoList").getJsonObject(0));

    int count = 0;
    JsonObject expected = meta.getJsonObject("expected");
    for (String key : expected.fieldNames()) {
      if (NOT_CARRIED.contains(key)) {
        continue;
      }
      Function<VehicleData, Object> field = CARRIED.get(key);
      assertNotNull(field, name + ": expected key '" + key + "' is neither mapped nor listed as not carried");
      assertEquals(normalise(key, expected.getValue(key)), field.apply(data), name + ": " + key);
      count++;
    }
    // §5.6 / §5.12: the odometer and range in miles as reported (unit 3), syncDate in UTC, the set point in °F
    JsonObject status = info.getJsonObject("lastVehicleInfo").getJsonObject("vehicleStatusRpt")
        .getJsonObject("vehicleStatus");
    String utc = status.getJsonObject("syncDate").getString("utc");
    assertEquals(Instant.parse(utc.substring(0, 4) + "-" + utc.substring(4, 6) + "-" + utc.substring(6, 8) + "T"
        + utc.substring(8, 10) + ":" + utc.substring(10, 12) + ":" + utc.substring(12, 14) + "Z"), data.lastUpdated(),
        name + ": syncDate.utc is UTC");
    assertEquals(DistanceUnit.MILES, data.odometer().unit(), name + ": odometer in miles");
    JsonObject range = status.getJsonObject("evStatus").getJsonArray("drvDistance").getJsonObject(0)
        .getJsonObject("rangeByFuel").getJsonObject("evModeRange");
    assertEquals(range.getDouble("value"), data.ev().range().value(), name + ": range");
    assertEquals(DistanceUnit.MILES, data.ev().range().unit(), name + ": range unit 3 is miles");
    assertEquals(Double.valueOf(status.getJsonObject("climate").getJsonObject("airTemp").getString("value")),
        data.climate().setTemperature(), name + ": set point");
    assertEquals(TemperatureUnit.FAHRENHEIT, data.climate().unit(), name + ": °F");
    CHECKED.put(name, count + 6);
  }

  private static Object normalise(String key, Object value) {
    if ("ev_battery_is_plugged_in".equals(key) && value instanceof Number n) {
      return n.intValue() != 0;
    }
    if ("odometer_value".equals(key) && value instanceof Number n) {
      return n.doubleValue();
    }
    return value;
  }
}
