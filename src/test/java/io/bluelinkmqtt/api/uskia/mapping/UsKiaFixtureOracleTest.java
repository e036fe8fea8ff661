package io.bluelinkmqtt.api.uskia.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bluelinkmqtt.api.UpstreamResponse;
import io.bluelinkmqtt.api.uskia.UsKiaErrors;
import io.bluelinkmqtt.domain.VehicleData;
import io.bluelinkmqtt.domain.VehicleData.DistanceUnit;
import io.bluelinkmqtt.domain.VehicleData.TemperatureUnit;
import io.bluelinkmqtt.testsupport.FixtureOracle;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The US Kia fixtures (system property {@code fixtures.dir}, read at test time, never copied) as the oracle: each
 * {@code us_kia_*} file is wrapped as §9 says ({@code {"status":{…0…},"payload":{"vehicleInfoList":[fixture]}}}),
 * checked by {@link UsKiaErrors} as the client does, mapped, and compared with every {@code _fixture_meta.expected}
 * value {@link VehicleData} carries; plus what §5.6/§5.12 fix for these files: miles (unit 3), the UTC
 * {@code syncDate}, °F.
 */
class UsKiaFixtureOracleTest {

  private static final FixtureOracle ORACLE = new FixtureOracle("US Kia", UsKiaFixtureOracleTest.class);
  /** Beyond every region's keys: the odometer, compared as a double. */
  private static final Map<String, Function<VehicleData, Object>> CARRIED = Map.of(
      "odometer_value", d -> d.odometer() == null ? null : d.odometer().value());
  /** Expected keys our model does not carry. */
  private static final Set<String> NOT_CARRIED = Set.of("engine_is_running");

  @BeforeAll
  static void locateFixtures() {
    ORACLE.locate(FixtureOracle.HKC);
  }

  @AfterAll
  static void printSummary() {
    ORACLE.logSummary();
  }

  @TestFactory
  @DisplayName("every US Kia fixture maps to its _fixture_meta.expected values, in miles, °F and UTC")
  Stream<DynamicTest> usKiaFixtures() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    ORACLE.hkcFixtures(n -> n.startsWith("us_kia_"))
        .forEach(name -> tests.add(DynamicTest.dynamicTest(name, () -> check(name))));
    assertEquals(2, tests.size(), "US Kia fixtures in " + FixtureOracle.HKC);
    return tests.stream();
  }

  private static void check(String name) throws IOException {
    JsonObject fixture = ORACLE.readHkc(name);
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

    int count = FixtureOracle.assertExpected(name, meta.getJsonObject("expected"), data, CARRIED, NOT_CARRIED);
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
    ORACLE.checked(name, count + 6);
  }
}
