package io.bluelinkmqtt.api.ushyundai.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.bluelinkmqtt.domain.VehicleData;
import io.bluelinkmqtt.domain.VehicleData.Distance;
import io.bluelinkmqtt.domain.VehicleData.DistanceUnit;
import io.bluelinkmqtt.domain.VehicleData.TemperatureUnit;
import io.bluelinkmqtt.testsupport.FixtureOracle;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The US Hyundai fixtures (system property {@code fixtures.dir}, read at test time, never copied) as an oracle:
 * each is wrapped into the body of §9 ({@code {"vehicleStatus":…}}), taken out as the client does and mapped. The
 * hyundai_kia_connect_api file is checked against every {@code _fixture_meta.expected} value our model carries; the
 * two bluelinky captures carry no expectations, so each value is compared with the raw field the spec's §5.5 path
 * names (read here from the same file), and the °F / miles units with the unit codes the file carries.
 *
 * <p>The hyundai_kia_connect_api file stores {@code dateTime} as the library's own {@code yyyyMMddHHmmss} rendering of
 * the UTC value (README caveat); the mapper reads it as UTC, as it reads the live ISO {@code …Z} of bluelinky's files.
 */
class UsFixtureOracleTest {

  private static final FixtureOracle ORACLE = new FixtureOracle("US", UsFixtureOracleTest.class);
  private static final String HKC_IONIQ5 = FixtureOracle.HKC + "/us_hyundai_ioniq_5_2024_cached.json";
  private static final String BLUELINKY_ICE = "Hacksore_bluelinky/americanStatus.json";
  private static final String BLUELINKY_EV = "Hacksore_bluelinky/americanStatusEV.json";

  /** Expected keys VehicleData does not carry: engine state, charging power. */
  private static final Set<String> NOT_CARRIED = Set.of("engine_is_running", "ev_charging_power");

  @BeforeAll
  static void locateFixtures() {
    ORACLE.locate(HKC_IONIQ5);
  }

  @AfterAll
  static void printSummary() {
    ORACLE.logSummary();
  }

  @Test
  @DisplayName("us_hyundai_ioniq_5_2024_cached: every _fixture_meta.expected value we carry, plus miles, °F and UTC")
  void ioniq5MatchesItsExpectedValues() throws IOException {
    JsonObject fixture = ORACLE.read(HKC_IONIQ5);
    JsonObject expected = fixture.getJsonObject("_fixture_meta").getJsonObject("expected");
    Double listedOdometer = fixture.getJsonObject("vehicleDetails").getDouble("odometer");
    VehicleData data = mapAsTheClientWould(new JsonObject().put("vehicleStatus", fixture.getJsonObject("vehicleStatus")),
        listedOdometer);
    int checked = FixtureOracle.assertExpected(fileName(HKC_IONIQ5), expected, data, Map.of(), NOT_CARRIED);
    JsonObject status = fixture.getJsonObject("vehicleStatus");
    assertEquals(Instant.parse("2024-09-01T12:00:00Z"), data.lastUpdated(), "dateTime, UTC");
    assertEquals(new Distance(listedOdometer, DistanceUnit.MILES), data.odometer(), "enrollment odometer, miles");
    assertEquals(new Distance(240, DistanceUnit.MILES), data.ev().range(), "evModeRange unit 3 = miles");
    assertEquals(Double.valueOf(status.getJsonObject("airTemp").getString("value")), data.climate().setTemperature());
    assertEquals(TemperatureUnit.FAHRENHEIT, data.climate().unit(), "°F as the US cloud reports it");
    assertEquals(34.0522, data.location().latitude());
    ORACLE.checked(fileName(HKC_IONIQ5), checked + 6);
  }

  @Test
  @DisplayName("bluelinky americanStatus (ICE): §5.5 paths, ISO Z time to UTC, LO is no set point, no EV values")
  void bluelinkyIce() throws IOException {
    JsonObject raw = ORACLE.read(BLUELINKY_ICE);
    VehicleData data = mapAsTheClientWould(new JsonObject().put("vehicleStatus", raw), null);
    int checked = commonFields(raw, data);
    assertEquals("LO", raw.getJsonObject("airTemp").getString("value"));
    assertNull(data.climate().setTemperature(), "LO is the end of the dial, not a temperature");
    assertNull(data.battery(), "a combustion car has no traction battery");
    assertNull(data.ev());
    ORACLE.checked(fileName(BLUELINKY_ICE), checked + 3);
  }

  @Test
  @DisplayName("bluelinky americanStatusEV: §5.5 EV paths, ranges in miles (unit 3), both charge limits")
  void bluelinkyEv() throws IOException {
    JsonObject raw = ORACLE.read(BLUELINKY_EV);
    VehicleData data = mapAsTheClientWould(new JsonObject().put("vehicleStatus", raw), null);
    int checked = commonFields(raw, data);
    JsonObject ev = raw.getJsonObject("evStatus");
    JsonObject range = ev.getJsonArray("drvDistance").getJsonObject(0).getJsonObject("rangeByFuel")
        .getJsonObject("evModeRange");
    assertEquals(3, range.getInteger("unit"));
    assertEquals(new Distance(range.getDouble("value"), DistanceUnit.MILES), data.ev().range());
    assertEquals(ev.getInteger("batteryStatus"), data.battery().level());
    assertEquals(ev.getBoolean("batteryCharge"), data.battery().charging());
    assertEquals(ev.getInteger("batteryPlugin") != 0, data.battery().pluggedIn());
    assertEquals(limit(ev, 1), data.ev().chargeLimitAc());
    assertEquals(limit(ev, 0), data.ev().chargeLimitDc());
    assertEquals(ev.getJsonObject("remainTime2").getJsonObject("atc").getInteger("value"), data.ev().minutesToFull());
    ORACLE.checked(fileName(BLUELINKY_EV), checked + 7);
  }

  /** The values both bluelinky captures carry, each against its raw §5.5 field. */
  private static int commonFields(JsonObject raw, VehicleData data) {
    assertEquals(Instant.parse(raw.getString("dateTime")), data.lastUpdated(), "dateTime is UTC (§5.12)");
    assertEquals(raw.getJsonObject("battery").getInteger("batSoc"), data.auxBatteryLevel());
    assertEquals(raw.getBoolean("doorLock"), data.openings().locked());
    JsonObject doors = raw.getJsonObject("doorOpen");
    boolean anyDoor = doors.fieldNames().stream().anyMatch(k -> doors.getInteger(k) == 1);
    assertEquals(anyDoor, data.openings().doorsOpen());
    assertEquals(raw.getBoolean("trunkOpen"), data.openings().trunkOpen());
    assertEquals(raw.getBoolean("hoodOpen"), data.openings().hoodOpen());
    assertEquals(raw.getBoolean("airCtrlOn"), data.climate().on());
    assertEquals(raw.getJsonObject("tirePressureLamp").getInteger("tirePressureWarningLampAll") == 1,
        data.tyrePressureWarning());
    assertEquals(TemperatureUnit.FAHRENHEIT, data.climate().unit(), "airTemp unit 1 = °F");
    return 9;
  }

  private static Integer limit(JsonObject ev, int plugType) {
    return ev.getJsonObject("reservChargeInfos").getJsonArray("targetSOClist").stream()
        .map(JsonObject.class::cast).filter(t -> Objects.equals(t.getInteger("plugType"), plugType))
        .map(t -> t.getInteger("targetSOClevel")).reduce((a, b) -> b).orElse(null);
  }

  /** §9: the body of {@code rcs/rvs/vehicleStatus}, taken apart as {@code UsVehicleClient} does. */
  private static VehicleData mapAsTheClientWould(JsonObject body, Double listedOdometer) {
    JsonObject status = UsStatusMapper.statusOf(new JsonObject(body.encode()));
    assertNotNull(status);
    return UsStatusMapper.map(status, listedOdometer);
  }

  private static String fileName(String relative) {
    return relative.substring(relative.indexOf('/') + 1);
  }
}
