package io.bluelinkmqtt.api.canada.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.bluelinkmqtt.domain.VehicleData;
import io.bluelinkmqtt.domain.VehicleData.Distance;
import io.bluelinkmqtt.domain.VehicleData.DistanceUnit;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Canada's status mapper on the shapes the cloud varies: strings for numbers, miles, °F, empty objects, zones. */
class CaStatusMapperTest {

  private static JsonObject status() {
    return new JsonObject().put("lastStatusDate", "20260315103000").put("doorLock", "true").put("airCtrlOn", 1)
        .put("airTemp", new JsonObject().put("value", "0AH").put("unit", 0))
        .put("battery", new JsonObject().put("batSoc", "77"))
        .put("doorOpen", new JsonObject().put("frontLeft", 1))
        .put("evStatus", new JsonObject().put("batteryStatus", "55").put("batteryCharge", "false")
            .put("batteryPlugin", 0).put("drvDistance", new JsonArray().add(new JsonObject().put("rangeByFuel",
                new JsonObject().put("evModeRange", new JsonObject().put("value", "120").put("unit", 3))))));
  }

  @Test
  @DisplayName("numbers and flags as strings are read; a range in miles stays in miles; an unknown door is unknown")
  void lenientAndUnitFaithful() {
    VehicleData data = CaStatusMapper.map(status(), ZoneId.of("America/Toronto"), 2021);
    assertEquals(55, data.battery().level());
    assertEquals(false, data.battery().charging());
    assertEquals(false, data.battery().pluggedIn());
    assertEquals(new Distance(120, DistanceUnit.MILES), data.ev().range(), "unit 3 is miles, not converted");
    assertEquals(77, data.auxBatteryLevel());
    assertEquals(true, data.openings().locked());
    assertEquals(true, data.openings().doorsOpen(), "one open door is enough");
    assertNull(data.openings().windowsOpen(), "no window reported");
    assertEquals(19.0, data.climate().setTemperatureCelsius(), "0AH = index 10 from 14 °C");
    assertEquals(true, data.climate().on());
    assertNull(data.ev().minutesToTarget(), "nothing plugged in");
  }

  @Test
  @DisplayName("times: 10:30 in Toronto (EDT after 8 March) is 14:30 UTC; in Vancouver 17:30 UTC; forced in UTC")
  void zones() {
    assertEquals(Instant.parse("2026-03-15T14:30:00Z"),
        CaStatusMapper.map(status(), CaTime.zoneOfProvince("qc"), 2021).lastUpdated());
    assertEquals(Instant.parse("2026-03-15T17:30:00Z"),
        CaStatusMapper.map(status(), CaTime.zoneOfProvince("BC"), 2021).lastUpdated());
    assertEquals(Instant.parse("2026-03-15T10:30:00Z"), CaStatusMapper.map(status(), CaTime.UTC, 2021).lastUpdated());
    assertEquals(Instant.parse("2026-03-15T13:00:00Z"),
        CaStatusMapper.map(status(), CaTime.zoneOfProvince("NL"), 2021).lastUpdated(), "Newfoundland: UTC-2:30");
    assertEquals(CaTime.DEFAULT_ZONE, CaTime.zoneOfProvince("XX"));
    assertNull(CaTime.parse("2026-03-15 10:30", CaTime.UTC));
  }

  @Test
  @DisplayName("a set point in °F, \"OFF\", or of a car of unknown model year is absent, never converted or guessed")
  void setPointNeverGuessed() {
    JsonObject fahrenheit = status().put("airTemp", new JsonObject().put("value", "0AH").put("unit", 1));
    assertNull(CaStatusMapper.map(fahrenheit, CaTime.UTC, 2021).climate().setTemperatureCelsius());
    JsonObject off = status().put("airTemp", new JsonObject().put("value", "OFF").put("unit", 0));
    assertNull(CaStatusMapper.map(off, CaTime.UTC, 2021).climate().setTemperatureCelsius());
    assertNull(CaStatusMapper.map(status(), CaTime.UTC, null).climate().setTemperatureCelsius());
    assertEquals(21.0, CaStatusMapper.map(status(), CaTime.UTC, 2018).climate().setTemperatureCelsius(),
        "index 10 from 16 °C before 2020");
  }

  @Test
  @DisplayName("odometer from nxtsvc with its unit; charge limits from evc/selsoc, the last entry per plug, >100 ignored")
  void odometerAndLimits() {
    VehicleData base = CaStatusMapper.map(status(), CaTime.UTC, 2021);
    VehicleData withOdo = CaStatusMapper.withOdometer(base, new JsonObject().put("currentOdometer", "4321.5")
        .put("currentOdometerUnit", 1));
    assertEquals(new Distance(4321.5, DistanceUnit.KM), withOdo.odometer());
    assertEquals(base, CaStatusMapper.withOdometer(base, new JsonObject().put("currentOdometer", 10)),
        "no unit: no odometer");
    JsonArray limits = new JsonArray().add(new JsonObject().put("plugType", 0).put("level", 70))
        .add(new JsonObject().put("plugType", 1).put("level", 80))
        .add(new JsonObject().put("plugType", 1).put("level", 90))
        .add(new JsonObject().put("plugType", 0).put("level", 150));
    VehicleData withLimits = CaStatusMapper.withChargeLimits(withOdo, limits);
    assertEquals(90, withLimits.ev().chargeLimitAc());
    assertEquals(70, withLimits.ev().chargeLimitDc());
    assertEquals(new Distance(120, DistanceUnit.MILES), withLimits.ev().range(), "the range is kept");
    assertEquals(VehicleData.EMPTY, CaStatusMapper.map(null, CaTime.UTC, 2021));
  }
}
