package io.bluelinkmqtt.api.type1.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.bluelinkmqtt.domain.VehicleData;
import io.bluelinkmqtt.domain.VehicleData.Distance;
import io.bluelinkmqtt.domain.VehicleData.DistanceUnit;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The regional re-rooting, the set-point tables and India's odometer; wrong shapes become absent values. */
class Type1DataMapperTest {

  private static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");

  @Test
  @DisplayName("resMsg as the status itself or wrapped as status: same values, time from the region's zone")
  void bothRoots() {
    JsonObject status = new JsonObject().put("time", "20240115120000").put("doorLock", false)
        .put("airCtrlOn", true).put("airTemp", new JsonObject().put("value", "06H").put("unit", 0))
        .put("odometer", new JsonObject().put("value", 1200.5).put("unit", 2));
    VehicleData flat = Type1DataMapper.fromLegacyCached(status, SYDNEY, 17.0);
    VehicleData wrapped = Type1DataMapper.fromLegacyCached(new JsonObject().put("status", status), SYDNEY, 17.0);
    assertEquals(flat, wrapped);
    // 12:00 AEDT (UTC+11 in January) is 01:00 UTC
    assertEquals(Instant.parse("2024-01-15T01:00:00Z"), flat.lastUpdated());
    assertEquals(20.0, flat.climate().setTemperatureCelsius(), "06H in the AU table");
    assertEquals(new Distance(1200.5, DistanceUnit.MILES), flat.odometer(), "miles stay miles");
    assertEquals(false, flat.openings().locked());
    assertEquals(17.0, Type1DataMapper.fromLegacyForced(status, SYDNEY, 14.0).climate().setTemperatureCelsius());
  }

  @Test
  @DisplayName("India's odometer: a km number or a value/unit pair; garbage leaves the data as it was")
  void maintenanceOdometer() {
    VehicleData base = VehicleData.EMPTY;
    assertEquals(new Distance(321.0, DistanceUnit.KM),
        Type1DataMapper.withOdometer(base, new JsonObject().put("odometer", 321)).odometer());
    assertEquals(new Distance(5.0, DistanceUnit.MILES), Type1DataMapper.withOdometer(base,
        new JsonObject().put("odometer", new JsonObject().put("value", 5).put("unit", 3))).odometer());
    for (Object junk : List.of("12", -4, new JsonArray(), new JsonObject().put("value", 5).put("unit", 0))) {
      assertNull(Type1DataMapper.withOdometer(base, new JsonObject().put("odometer", junk)).odometer(), "" + junk);
    }
  }

  @Test
  @DisplayName("wrong shapes never throw: a set-point that is not a code, a status that is not an object")
  void wrongShapes() {
    JsonObject odd = new JsonObject().put("status", "offline").put("airTemp", 22).put("airCtrlOn", true)
        .put("vehicleLocation", "n/a").put("odometer", "far");
    VehicleData data = Type1DataMapper.fromLegacyCached(odd, SYDNEY, 17.0);
    assertNotNull(data);
    assertNull(data.climate() == null ? null : data.climate().setTemperatureCelsius());
    assertNull(data.odometer());
    assertNull(data.location());
  }
}
