package io.bluelinkmqtt.api.canada.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.bluelinkmqtt.api.UpstreamResponse;
import io.bluelinkmqtt.api.canada.CaErrors;
import io.bluelinkmqtt.domain.VehicleData;
import io.bluelinkmqtt.domain.VehicleData.Distance;
import io.bluelinkmqtt.domain.VehicleData.DistanceUnit;
import io.bluelinkmqtt.testsupport.FixtureOracle;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The public Canadian fixtures as an oracle (system property {@code fixtures.dir}, read at test time, never copied):
 * each is wrapped into the {@code lstvhclsts} body of protocol doc §9, checked by {@link CaErrors} as the client
 * does, its {@code result.status} mapped, and compared with every {@code _fixture_meta.expected} value our
 * {@link VehicleData} carries; bluelinky's {@code canadianStatus.json} (no expectations) by the values it states.
 *
 * <p>{@code ev_charge_limits_ac/dc: null} agree with the fixture's note: the limits come from {@code evc/selsoc},
 * not from this answer; {@code ev_battery_is_plugged_in: 1} is the raw {@code batteryPlugin} code (1 = DC, §5.1),
 * compared as {@code true}.
 */
class CaFixtureOracleTest {

  private static final FixtureOracle ORACLE = new FixtureOracle("CA", CaFixtureOracleTest.class);
  private static final String BLUELINKY_CANADA = "Hacksore_bluelinky/canadianStatus.json";
  /** Expected keys VehicleData does not carry. */
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
  @DisplayName("every Canadian fixture maps to its expected values")
  Stream<DynamicTest> canadianFixtures() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    ORACLE.hkcFixtures(n -> n.startsWith("ca_"))
        .forEach(name -> tests.add(DynamicTest.dynamicTest(name, () -> checkHkc(name))));
    assertEquals(1, tests.size(), "Canadian fixtures in " + FixtureOracle.HKC);
    tests.add(DynamicTest.dynamicTest(BLUELINKY_CANADA, CaFixtureOracleTest::checkBluelinky));
    return tests.stream();
  }

  private static void checkHkc(String name) throws IOException {
    JsonObject fixture = ORACLE.readHkc(name);
    JsonObject meta = fixture.getJsonObject("_fixture_meta");
    JsonObject result = fixture.copy();
    result.remove("_fixture_meta");
    Integer year = meta.getInteger("year");
    VehicleData data = mapAsTheClientWould(result, year);
    int checked = FixtureOracle.assertExpected(name, meta.getJsonObject("expected"), data, Map.of(), NOT_CARRIED);
    // the time: lastStatusDate 2024-08-01 09:30:00 of a cached read, Eastern daylight time without a province
    assertEquals(Instant.parse("2024-08-01T13:30:00Z"), data.lastUpdated(), name + ": lastStatusDate");
    assertEquals(new Distance(290, DistanceUnit.KM), data.ev().range(), name + ": evModeRange");
    ORACLE.checked(name, checked + 2);
  }

  /** What canadianStatus.json states: an EV at 39 %, 141 km, unplugged, unlocked, hood open, set point 00H. */
  private static void checkBluelinky() throws IOException {
    JsonObject result = ORACLE.read(BLUELINKY_CANADA);
    VehicleData data = mapAsTheClientWould(result, 2020);
    assertEquals(39, data.battery().level());
    assertEquals(false, data.battery().charging());
    assertEquals(false, data.battery().pluggedIn());
    assertEquals(new Distance(141, DistanceUnit.KM), data.ev().range());
    assertEquals(false, data.openings().locked());
    assertEquals(true, data.openings().hoodOpen());
    assertEquals(false, data.openings().trunkOpen());
    assertEquals(false, data.climate().on());
    assertEquals(14.0, data.climate().setTemperatureCelsius());
    assertNull(data.auxBatteryLevel(), "battery has no batSoc");
    assertEquals(Instant.parse("2021-01-18T20:30:31Z"), data.lastUpdated(), "15:30:31 EST");
    // the same code on a car older than 2020 reads from the 16 °C table (§5.2)
    assertEquals(16.0, mapAsTheClientWould(result, 2019).climate().setTemperatureCelsius());
    ORACLE.checked(BLUELINKY_CANADA, 12);
  }

  /** Doc §9: {@code {"responseHeader":{"responseCode":0,…},"result":<fixture>}}, checked, then result.status. */
  private static VehicleData mapAsTheClientWould(JsonObject result, Integer modelYear) {
    JsonObject body = new JsonObject().put("responseHeader", new JsonObject().put("responseCode", 0)
        .put("responseDesc", "Success")).put("result", result);
    JsonObject checked = CaErrors.checkEnvelope(new UpstreamResponse(200, MultiMap.caseInsensitiveMultiMap(),
        Buffer.buffer(body.encode())), Clock.systemUTC());
    return CaStatusMapper.map(checked.getJsonObject("result").getJsonObject("status"), CaTime.zoneOfProvince(null),
        modelYear);
  }
}
