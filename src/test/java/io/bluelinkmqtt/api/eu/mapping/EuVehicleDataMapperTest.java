package io.bluelinkmqtt.api.eu.mapping;

import static io.bluelinkmqtt.api.eu.mapping.MapperFixtures.load;
import static io.bluelinkmqtt.domain.VehicleData.WindowPosition.CLOSED;
import static io.bluelinkmqtt.domain.VehicleData.WindowPosition.VENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.bluelinkmqtt.domain.VehicleData;
import io.bluelinkmqtt.domain.VehicleData.ActionState;
import io.bluelinkmqtt.domain.VehicleData.Battery;
import io.bluelinkmqtt.domain.VehicleData.Climate;
import io.bluelinkmqtt.domain.VehicleData.Distance;
import io.bluelinkmqtt.domain.VehicleData.DistanceUnit;
import io.bluelinkmqtt.domain.VehicleData.Ev;
import io.bluelinkmqtt.domain.VehicleData.Location;
import io.bluelinkmqtt.domain.VehicleData.Openings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Exact mapped values for our own fixtures (src/test/resources/mapping). */
class EuVehicleDataMapperTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  @DisplayName("legacy cached status in summer: CEST time to UTC, duplicated targetSOClist (last wins), vent window")
  void legacyCachedSummerMapsEveryField() {
    VehicleData data = EuVehicleDataMapper.fromLegacyCached(load(MapperFixtures.LEGACY_CACHED_SUMMER), BERLIN);

    VehicleData expected = new VehicleData(
        Instant.parse("2025-07-15T12:30:00Z"),
        new Battery(63, true, true, null),
        // DC: 80 then 70 -> 70; AC: 90 then an invalid 250 -> the last well-formed 90; etc3 because plugged at AC
        new Ev(new Distance(312.5, DistanceUnit.KM), 95, 80, 90, 70, null),
        72,
        new Distance(23456.7, DistanceUnit.KM),
        new Location(50.1109, 8.6821, Instant.parse("2025-07-15T12:25:00Z")),
        new Openings(true, false, false, false, true),
        new Climate(true, 19.0),
        true,
        // chargePortDoorOpenStatus 1 = open; backLeft 2 = the ventilation position
        new ActionState(true, null, CLOSED, CLOSED, VENT, CLOSED));
    assertEquals(expected, data);
  }

  @Test
  @DisplayName("legacy forced status in winter: CET time to UTC, 255 -> no 12 V, miles, string booleans")
  void legacyForcedWinterMapsEveryField() {
    VehicleData data = EuVehicleDataMapper.fromLegacyForced(load(MapperFixtures.LEGACY_FORCED_WINTER), BERLIN);

    VehicleData expected = new VehicleData(
        Instant.parse("2025-01-15T07:30:00Z"),
        new Battery(41, false, false, null),
        new Ev(new Distance(180, DistanceUnit.MILES), 0, null, 85, 90, null),
        null,
        null,
        null,
        new Openings(false, true, true, false, false),
        new Climate(false, 30.0),
        false,
        // no chargePortDoorOpenStatus in this status: unknown, not closed
        new ActionState(null, null, CLOSED, CLOSED, CLOSED, CLOSED));
    assertEquals(expected, data);
  }

  @Test
  @DisplayName("CCS2 EV: Date with milliseconds is UTC, one unlocked door (Lock 1) = not locked, OFF = no set point")
  void ccs2EvMapsEveryField() {
    VehicleData data = EuVehicleDataMapper.fromCcs2(load(MapperFixtures.CCS2_EV));

    VehicleData expected = new VehicleData(
        Instant.parse("2025-07-15T12:30:00.457Z"),
        new Battery(58, true, true, 30.6),
        new Ev(new Distance(402, DistanceUnit.KM), 45, null, 90, 80, null),
        null,
        new Distance(8765.4, DistanceUnit.KM),
        new Location(48.1372, 11.5756, Instant.parse("2025-07-15T12:29:00.120Z")),
        new Openings(false, false, true, false, false),
        new Climate(false, null),
        false,
        // ChargingDoor.State 1 = open; ElectricCurrentLevel 2 = 90 %
        new ActionState(true, 90, CLOSED, CLOSED, CLOSED, CLOSED));
    assertEquals(expected, data);
  }

  @Test
  @DisplayName("CCS2 PHEV with strings everywhere: DTE.EV in miles, inverted locks all locked, TimeStamp + Offset")
  void ccs2PhevWithOddTypesMapsEveryField() {
    VehicleData data = EuVehicleDataMapper.fromCcs2(load(MapperFixtures.CCS2_PHEV_ODD_TYPES));

    VehicleData expected = new VehicleData(
        Instant.parse("2026-01-02T03:04:05Z"),
        // 64.5 rounds half up; only Min temperature, Decimal 18.0 disagrees with Raw 12 -> Raw
        new Battery(65, false, false, 12.0),
        new Ev(new Distance(52, DistanceUnit.MILES), 0, null, 100, 90, null),
        91,
        new Distance(3210.5, DistanceUnit.KM),
        new Location(52.3676, 4.9041, Instant.parse("2026-01-02T03:00:05Z")),
        new Openings(true, false, false, false, true),
        new Climate(true, 21.5),
        true,
        // no ChargingDoor, no ElectricCurrentLevel; Passenger OpenLevel "2" = vented
        new ActionState(null, null, CLOSED, VENT, CLOSED, CLOSED));
    assertEquals(expected, data);
  }

  @Test
  @DisplayName("an unreliable 12 V sensor hides the level even when it is in range")
  void unreliableAuxSensorHidesLevel() {
    JsonObject resMsg = load(MapperFixtures.CCS2_EV);
    JsonObject battery = resMsg.getJsonObject("state").getJsonObject("Vehicle").getJsonObject("Electronics")
        .getJsonObject("Battery");

    battery.put("Level", 80).put("SensorReliability", 1);
    assertNull(EuVehicleDataMapper.fromCcs2(resMsg).auxBatteryLevel());

    battery.put("SensorReliability", 0);
    assertEquals(80, EuVehicleDataMapper.fromCcs2(resMsg).auxBatteryLevel());

    battery.put("Level", 101);
    assertNull(EuVehicleDataMapper.fromCcs2(resMsg).auxBatteryLevel());
  }

  @Test
  @DisplayName("CCS2 set temperature: number, numeric string, Fahrenheit, OFF and LO")
  void ccs2SetTemperatureVariants() {
    JsonObject resMsg = load(MapperFixtures.CCS2_EV);
    JsonObject temperature = resMsg.getJsonObject("state").getJsonObject("Vehicle").getJsonObject("Cabin")
        .getJsonObject("HVAC").getJsonObject("Row1").getJsonObject("Driver").getJsonObject("Temperature");

    temperature.put("Value", 22.0).put("Unit", 0);
    assertEquals(22.0, EuVehicleDataMapper.fromCcs2(resMsg).climate().setTemperatureCelsius());
    temperature.put("Value", "23.0");
    assertEquals(23.0, EuVehicleDataMapper.fromCcs2(resMsg).climate().setTemperatureCelsius());
    temperature.put("Value", "72").put("Unit", 1);
    assertEquals(22.222, EuVehicleDataMapper.fromCcs2(resMsg).climate().setTemperatureCelsius(), 0.001);
    temperature.put("Value", "LO").put("Unit", 0);
    assertNull(EuVehicleDataMapper.fromCcs2(resMsg).climate().setTemperatureCelsius());
    temperature.put("Value", "OFF");
    assertEquals(new Climate(false, null), EuVehicleDataMapper.fromCcs2(resMsg).climate());
  }

  @Test
  @DisplayName("CCS2 GeoCoord null (location sharing off) -> no location")
  void ccs2NullGeoCoordMeansNoLocation() {
    JsonObject resMsg = load(MapperFixtures.CCS2_EV);
    JsonObject location = resMsg.getJsonObject("state").getJsonObject("Vehicle").getJsonObject("Location");
    location.put("GeoCoord", new JsonObject().putNull("Latitude").putNull("Longitude").put("Altitude", 0));

    assertNull(EuVehicleDataMapper.fromCcs2(resMsg).location());

    location.putNull("GeoCoord");
    assertNull(EuVehicleDataMapper.fromCcs2(resMsg).location());
  }

  @Test
  @DisplayName("CCS2 TimeStamp without Date or Offset is read in the given region zone")
  void ccs2TimeStampFallsBackToRegionZone() {
    JsonObject resMsg = load(MapperFixtures.CCS2_EV);
    JsonObject location = resMsg.getJsonObject("state").getJsonObject("Vehicle").getJsonObject("Location");
    location.remove("Date");
    location.remove("Offset");

    assertEquals(Instant.parse("2025-07-15T12:29:00Z"), EuVehicleDataMapper.fromCcs2(resMsg).location().time());
    assertEquals(Instant.parse("2025-07-15T04:29:00Z"),
        EuVehicleDataMapper.fromCcs2(resMsg, ZoneId.of("Australia/Sydney")).location().time());
  }

  @Test
  @DisplayName("CCS2 Offset at the root is ignored: Date is UTC whatever Offset says")
  void ccs2RootOffsetIsIgnored() {
    JsonObject resMsg = load(MapperFixtures.CCS2_EV);
    resMsg.getJsonObject("state").getJsonObject("Vehicle").put("Offset", "10");

    assertEquals(Instant.parse("2025-07-15T12:30:00.457Z"), EuVehicleDataMapper.fromCcs2(resMsg).lastUpdated());
  }

  @Test
  @DisplayName("missing everything -> VehicleData with all fields null, no exception")
  void missingEverythingGivesEmptyData() {
    assertEquals(VehicleData.EMPTY, EuVehicleDataMapper.fromLegacyCached(new JsonObject(), BERLIN));
    assertEquals(VehicleData.EMPTY, EuVehicleDataMapper.fromLegacyCached(null, null));
    assertEquals(VehicleData.EMPTY, EuVehicleDataMapper.fromLegacyForced(new JsonObject(), BERLIN));
    assertEquals(VehicleData.EMPTY, EuVehicleDataMapper.fromLegacyForced(null, BERLIN));
    assertEquals(VehicleData.EMPTY, EuVehicleDataMapper.fromCcs2(new JsonObject()));
    assertEquals(VehicleData.EMPTY, EuVehicleDataMapper.fromCcs2(null));
    assertEquals(VehicleData.EMPTY,
        EuVehicleDataMapper.fromCcs2(new JsonObject().put("state", new JsonObject().put("Vehicle", new JsonArray()))));
    assertEquals(VehicleData.EMPTY, EuVehicleDataMapper.fromLegacyCached(
        new JsonObject().put("vehicleStatus", "x").put("odometer", new JsonObject().put("value", 10)), BERLIN));
  }

  @Test
  @DisplayName("park location replaces the embedded one; its local time is converted (DST start day, 12:00 CEST)")
  void parkLocationReplacesLocation() {
    VehicleData cached = EuVehicleDataMapper.fromLegacyCached(load(MapperFixtures.LEGACY_CACHED_SUMMER), BERLIN);

    VehicleData data = EuVehicleDataMapper.withParkLocation(cached, load(MapperFixtures.PARK_LOCATION), BERLIN);

    assertEquals(new Location(53.5511, 9.9937, Instant.parse("2025-03-30T10:00:00Z")), data.location());
    assertEquals(cached.battery(), data.battery());
    assertEquals(cached.lastUpdated(), data.lastUpdated());
  }

  @Test
  @DisplayName("odd or absent park location leaves the data unchanged")
  void oddParkLocationLeavesDataUnchanged() {
    VehicleData cached = EuVehicleDataMapper.fromLegacyCached(load(MapperFixtures.LEGACY_CACHED_SUMMER), BERLIN);

    assertSame(cached, EuVehicleDataMapper.withParkLocation(cached, null, BERLIN));
    assertSame(cached, EuVehicleDataMapper.withParkLocation(cached, new JsonObject(), BERLIN));
    assertSame(cached, EuVehicleDataMapper.withParkLocation(cached, new JsonObject().put("coord", "here"), BERLIN));
    assertSame(cached, EuVehicleDataMapper.withParkLocation(cached,
        new JsonObject().put("coord", new JsonObject().put("lat", 123.0).put("lon", 5.0)), BERLIN));
  }

  @Test
  @DisplayName("forced gpsDetail time is UTC, not local; flat coord/time also accepted; {} leaves data unchanged")
  void gpsDetailIsUtc() {
    VehicleData forced = EuVehicleDataMapper.fromLegacyForced(load(MapperFixtures.LEGACY_FORCED_WINTER), BERLIN);

    VehicleData data = EuVehicleDataMapper.withGpsDetail(forced, load(MapperFixtures.GPS_DETAIL));
    assertEquals(new Location(51.3397, 12.3731, Instant.parse("2025-12-15T09:00:00Z")), data.location());

    JsonObject flat = load(MapperFixtures.GPS_DETAIL).getJsonObject("gpsDetail");
    assertEquals(data.location(), EuVehicleDataMapper.withGpsDetail(forced, flat).location());

    assertSame(forced, EuVehicleDataMapper.withGpsDetail(forced, new JsonObject()));
    assertEquals(VehicleData.EMPTY, EuVehicleDataMapper.withGpsDetail(null, null));
  }

  @Test
  @DisplayName("drvhistory: period 0 item gives 153000 Wh / 900 km = 170.0 Wh/km, other ev values kept")
  void drivingHistoryAddsConsumption() {
    VehicleData cached = EuVehicleDataMapper.fromLegacyCached(load(MapperFixtures.LEGACY_CACHED_SUMMER), BERLIN);

    VehicleData data = EuVehicleDataMapper.withDrivingHistory(cached, load(MapperFixtures.DRV_HISTORY));

    assertEquals(new Ev(new Distance(312.5, DistanceUnit.KM), 95, 80, 90, 70, 170.0), data.ev());
    assertEquals(new Ev(null, null, null, null, null, 170.0),
        EuVehicleDataMapper.withDrivingHistory(VehicleData.EMPTY, load(MapperFixtures.DRV_HISTORY)).ev());
  }

  @Test
  @DisplayName("drvhistory with distance 0, missing odo or no period 0 leaves the data unchanged")
  void drivingHistoryWithoutDistanceIsIgnored() {
    VehicleData cached = EuVehicleDataMapper.fromLegacyCached(load(MapperFixtures.LEGACY_CACHED_SUMMER), BERLIN);
    JsonObject history = load(MapperFixtures.DRV_HISTORY);
    JsonObject current = history.getJsonArray("drivingInfo").getJsonObject(1);

    current.put("calculativeOdo", 0);
    assertSame(cached, EuVehicleDataMapper.withDrivingHistory(cached, history));
    current.remove("calculativeOdo");
    assertSame(cached, EuVehicleDataMapper.withDrivingHistory(cached, history));
    current.put("calculativeOdo", 900).put("drivingPeriod", 2);
    assertSame(cached, EuVehicleDataMapper.withDrivingHistory(cached, history));
    assertSame(cached, EuVehicleDataMapper.withDrivingHistory(cached, new JsonObject().put("drivingInfo", "none")));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"10H, 22.0", "00H, 14.0", "06H, 17.0", "0FH, 21.5", "0fh, 21.5", "14H, 24.0", "1FH, 29.5",
      "20H, 30.0"})
  @DisplayName("hex temperature codes decode as index x 0.5 + 14.0")
  void temperatureCodesDecode(String code, double celsius) {
    assertEquals(Optional.of(celsius), EuVehicleDataMapper.decodeTemperatureCode(code));
  }

  @ParameterizedTest(name = "\"{0}\" -> empty")
  @CsvSource({"21H", "FFH", "H", "1GH", "OFF", "100H", "''", "-1H"})
  @DisplayName("codes outside the table or not hex decode to empty")
  void badTemperatureCodesAreEmpty(String code) {
    assertEquals(Optional.empty(), EuVehicleDataMapper.decodeTemperatureCode(code));
    assertEquals(Optional.empty(), EuVehicleDataMapper.decodeTemperatureCode(null));
  }

  @ParameterizedTest(name = "{0} in {1} -> {2}")
  @CsvSource({
      "20250715143000, Europe/Berlin, 2025-07-15T12:30:00Z",     // summer, CEST +2
      "20250115083000, Europe/Berlin, 2025-01-15T07:30:00Z",     // winter, CET +1
      "20250330023000, Europe/Berlin, 2025-03-30T01:30:00Z",     // DST gap: 02:30 does not exist -> 03:30 CEST
      "20251026023000, Europe/Berlin, 2025-10-26T00:30:00Z",     // DST overlap: earlier (summer) offset
      "20250715123000.457, UTC, 2025-07-15T12:30:00.457Z",
      "20250420182825.88, UTC, 2025-04-20T18:28:25.880Z",
      "20250420182825.5, UTC, 2025-04-20T18:28:25.500Z",
      "20250715143000, Europe/Lisbon, 2025-07-15T13:30:00Z"})
  @DisplayName("car times are wall clock in the given zone")
  void carTimesConvertToUtc(String text, String zone, String utc) {
    assertEquals(Instant.parse(utc), EuVehicleDataMapper.parseCarTime(text, ZoneId.of(zone)));
  }

  @ParameterizedTest(name = "\"{0}\" -> null")
  @CsvSource({"20251332000000", "20250230120000", "20250715246000", "2025071514300", "20250715143000.1234",
      "19990101000000", "''", "yesterday", "20250715T143000"})
  @DisplayName("unreadable car times are null")
  void badCarTimesAreNull(String text) {
    assertNull(EuVehicleDataMapper.parseCarTime(text, BERLIN));
  }
}
