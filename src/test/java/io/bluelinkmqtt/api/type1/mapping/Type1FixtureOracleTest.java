package io.bluelinkmqtt.api.type1.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.bluelinkmqtt.api.type1.Type1Profile;
import io.bluelinkmqtt.api.type1.Type1Profiles;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.Region;
import io.bluelinkmqtt.domain.VehicleData;
import io.bluelinkmqtt.domain.VehicleData.Distance;
import io.bluelinkmqtt.domain.VehicleData.DistanceUnit;
import io.bluelinkmqtt.testsupport.FixtureOracle;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AU, CN and BR fixtures (system property {@code fixtures.dir}, read at test time, never copied) as oracles:
 * each is wrapped into the body of protocol doc §9, its {@code resMsg} taken out as {@code Type1Client} does and
 * mapped with the region's profile, then compared with every {@code _fixture_meta.expected} value {@link VehicleData}
 * carries. One line per region: "AU fixture oracle: …", "CN …", "BR …".
 *
 * <p>Decisions: the legacy {@code ev_battery_is_plugged_in} is the lib's raw {@code batteryPlugin} code (0 = not
 * plugged, §5.1), compared as a boolean; BR {@code odometer} + {@code odometer_unit} are one {@link Distance}; the
 * BR {@code total_driving_range} of an ICE car is its fuel range, which VehicleData does not carry (its EV range is an
 * EV's), so it is skipped like engine state and fuel level. Beyond the expectations, each legacy file's set-point
 * and UTC time are checked by the doc (§5.2 AU table from 17 °C, §5.12 region zones), counted apart as "doc checks".
 */
class Type1FixtureOracleTest {

  private static final Logger LOG = LoggerFactory.getLogger(Type1FixtureOracleTest.class);
  private static final FixtureOracle ORACLE = new FixtureOracle("Type 1", Type1FixtureOracleTest.class);
  /** Besides engine state and fuel level, BR's ICE fuel range (see above); the odometer is compared apart. */
  private static final Set<String> NOT_CARRIED = Set.of("engine_is_running", "fuel_level", "total_driving_range",
      "total_driving_range_unit", "odometer", "odometer_unit");

  /** Per region: checked values, files, doc checks. */
  private static final Map<String, int[]> PER_REGION = new TreeMap<>();

  @BeforeAll
  static void locateFixtures() {
    ORACLE.locate(FixtureOracle.HKC);
  }

  @AfterAll
  static void printSummary() {
    PER_REGION.forEach((region, n) -> LOG.info("{} fixture oracle: {} expected values in {} files; {} doc checks",
        region, n[0], n[1], n[2]));
  }

  @TestFactory
  Stream<DynamicTest> everyAuCnBrFixtureReproducesItsExpectedValues() throws IOException {
    List<String> names = ORACLE.hkcFixtures(n -> n.startsWith("au_") || n.startsWith("cn_") || n.startsWith("br_"));
    assertEquals(3, names.size(), "AU, CN and BR fixtures in " + FixtureOracle.HKC);
    return names.stream().map(name -> DynamicTest.dynamicTest(name, () -> check(name)));
  }

  private static void check(String name) throws IOException {
    JsonObject fixture = ORACLE.readHkc(name);
    JsonObject expected = fixture.getJsonObject("_fixture_meta").getJsonObject("expected");
    JsonObject payload = fixture.copy();
    payload.remove("_fixture_meta");
    String region = name.substring(0, 2).toUpperCase(java.util.Locale.ROOT);
    Type1Profile profile = switch (region) {
      case "AU" -> Type1Profiles.require(Region.AUSTRALIA, Brand.HYUNDAI);
      case "CN" -> Type1Profiles.require(Region.CHINA, Brand.KIA);
      default -> Type1Profiles.require(Region.BRAZIL, Brand.HYUNDAI);
    };
    int docChecks = 0;
    VehicleData data;
    if (region.equals("BR")) {
      JsonObject body = payload.put("retCode", "S").put("resCode", "0000").put("msgId", "0");
      data = Type1DataMapper.fromCcs2(body.getJsonObject("resMsg"), profile.zone());
      // V.Date is UTC (§5.4): 20260717174232.585
      assertEquals(Instant.parse("2026-07-17T17:42:32.585Z"), data.lastUpdated(), name + ": Date in UTC");
      docChecks++;
    } else {
      // §9: resMsg = fixture.status; the location is /location/park's answer, here the fixture's vehicleLocation
      JsonObject body = new JsonObject().put("retCode", "S").put("resCode", "0000")
          .put("resMsg", payload.getJsonObject("status")).put("msgId", "0");
      data = Type1DataMapper.fromLegacyCached(body.getJsonObject("resMsg"), profile.zone(),
          profile.temperatureTableStart());
      data = Type1DataMapper.withParkLocation(data, payload.getJsonObject("vehicleLocation"), profile.zone());
      docChecks += legacyDocChecks(name, region, payload.getJsonObject("status"), data);
    }
    int checked = FixtureOracle.assertExpected(name, expected, data, Map.of(), NOT_CARRIED);
    if (expected.containsKey("odometer")) {
      DistanceUnit unit = "km".equals(expected.getString("odometer_unit")) ? DistanceUnit.KM : DistanceUnit.MILES;
      assertEquals(new Distance(expected.getDouble("odometer"), unit), data.odometer(), name + ": odometer");
      checked += 2;
    }
    int[] counts = PER_REGION.computeIfAbsent(region, r -> new int[3]);
    counts[0] += checked;
    counts[1]++;
    counts[2] += docChecks;
  }

  /** The set-point by the region's table and the car's time from the region's zone, both from the doc. */
  private static int legacyDocChecks(String name, String region, JsonObject status, VehicleData data) {
    String code = status.getJsonObject("airTemp").getString("value");
    double start = region.equals("AU") ? 17.0 : 14.0;
    assertEquals(start + Integer.parseInt(code.substring(0, 2), 16) * 0.5, data.climate().setTemperatureCelsius(),
        name + ": set-point " + code);
    String zone = region.equals("AU") ? "Australia/Sydney" : "Asia/Shanghai";
    Instant local = java.time.LocalDateTime.parse(status.getString("time"),
        java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss")).atZone(java.time.ZoneId.of(zone)).toInstant();
    assertEquals(local, data.lastUpdated(), name + ": time in " + zone);
    assertNotNull(data.location(), name + ": parked position");
    return 3;
  }
}
