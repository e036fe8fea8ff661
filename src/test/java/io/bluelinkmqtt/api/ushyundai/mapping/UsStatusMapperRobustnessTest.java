package io.bluelinkmqtt.api.ushyundai.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.domain.VehicleData;
import io.bluelinkmqtt.domain.VehicleData.DistanceUnit;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The US mapper on odd input: types swapped (booleans as strings and 0/1, numbers as strings), sentinels, values out of
 * range, whole branches missing or of the wrong type. It never throws, never invents, and keeps every value in range.
 */
class UsStatusMapperRobustnessTest {

  private static final Object[] ODD = {null, "", "abc", "LO", "HI", "true", "1", 0, 1, 2, -1, 255, 1e12, -0.0,
      Double.MAX_VALUE, true, false, new JsonObject(), new JsonArray(), new JsonArray().add(1), "2021-13-45T99:99:99Z",
      "99999999999999", "72"};

  private static JsonObject seed() {
    return new JsonObject()
        .put("dateTime", "2021-04-03T19:58:29Z")
        .put("battery", new JsonObject().put("batSoc", 82))
        .put("airCtrlOn", false)
        .put("airTemp", new JsonObject().put("unit", 1).put("value", "72"))
        .put("doorLock", true)
        .put("doorOpen", new JsonObject().put("frontLeft", 0).put("frontRight", 1).put("backLeft", 0).put("backRight", 0))
        .put("windowOpen", new JsonObject().put("frontLeft", 0))
        .put("trunkOpen", false).put("hoodOpen", "false")
        .put("tirePressureLamp", new JsonObject().put("tirePressureWarningLampAll", 0))
        .put("odometer", 1234)
        .put("vehicleLocation", new JsonObject().put("coord", new JsonObject().put("lat", 34.05).put("lon", -118.24))
            .put("time", "20240901120000"))
        .put("evStatus", new JsonObject().put("batteryStatus", 55).put("batteryCharge", true).put("batteryPlugin", 1)
            .put("drvDistance", new JsonArray().add(new JsonObject().put("rangeByFuel", new JsonObject()
                .put("evModeRange", new JsonObject().put("value", 150).put("unit", 3)))))
            .put("remainTime2", new JsonObject().put("atc", new JsonObject().put("value", 40))
                .put("etc1", new JsonObject().put("value", 22)))
            .put("reservChargeInfos", new JsonObject().put("targetSOClist", new JsonArray()
                .add(new JsonObject().put("plugType", 0).put("targetSOClevel", 80))
                .add(new JsonObject().put("plugType", 1).put("targetSOClevel", 90))
                .add(new JsonObject().put("plugType", 1).put("targetSOClevel", 100)))));
  }

  @Test
  @DisplayName("the seed maps as §5.5 says: the last limit per plug type, DC time to target, odometer the larger")
  void seedMapsAsTheSpecSays() {
    VehicleData data = UsStatusMapper.map(seed(), 1000.0);
    assertEquals(Instant.parse("2021-04-03T19:58:29Z"), data.lastUpdated());
    assertEquals(100, data.ev().chargeLimitAc(), "the car applies the last entry");
    assertEquals(80, data.ev().chargeLimitDc());
    assertEquals(22, data.ev().minutesToTarget(), "plugged into DC (1): etc1");
    assertEquals(1234.0, data.odometer().value(), "the status's odometer is larger than the listed one");
    assertEquals(Boolean.TRUE, data.openings().doorsOpen());
    assertEquals(Boolean.FALSE, data.openings().hoodOpen(), "false as a string");
    assertEquals(Instant.parse("2024-09-01T12:00:00Z"), data.location().time());
  }

  @Test
  @DisplayName("5 000 mutations of every leaf and branch: no exception, every value in range, units never invented")
  void oddInputNeverBreaksTheMapper() {
    Random random = new Random(Long.getLong("us.fuzz.seed", 13));
    for (int i = 0; i < 5_000; i++) {
      JsonObject status = seed();
      int mutations = 1 + random.nextInt(4);
      for (int m = 0; m < mutations; m++) {
        mutate(status, random);
      }
      VehicleData data = UsStatusMapper.map(status, random.nextBoolean() ? null : random.nextDouble() * 1e7);
      check(data, status);
    }
  }

  private static void check(VehicleData data, JsonObject input) {
    String context = input.encode();
    if (data.battery() != null && data.battery().level() != null) {
      assertTrue(data.battery().level() >= 0 && data.battery().level() <= 100, context);
    }
    if (data.auxBatteryLevel() != null) {
      assertTrue(data.auxBatteryLevel() >= 0 && data.auxBatteryLevel() <= 100, context);
    }
    if (data.ev() != null && data.ev().range() != null) {
      assertTrue(data.ev().range().value() >= 0 && data.ev().range().value() <= 2_000, context);
    }
    if (data.odometer() != null) {
      assertTrue(data.odometer().value() >= 0 && data.odometer().value() <= 2_000_000, context);
      assertEquals(DistanceUnit.MILES, data.odometer().unit(), context);
    }
    if (data.climate() != null && data.climate().setTemperature() != null) {
      double t = data.climate().setTemperature();
      assertTrue(t >= 10 && t <= 95, context);
    }
    if (data.location() != null) {
      assertTrue(Math.abs(data.location().latitude()) <= 90 && Math.abs(data.location().longitude()) <= 180, context);
    }
    if (!(input.getValue("evStatus") instanceof JsonObject)) {
      assertNull(data.battery(), context);
      assertNull(data.ev(), context);
    }
  }

  /** Replaces one random node (leaf or branch) anywhere in the tree with an odd value, or removes it. */
  private static void mutate(JsonObject root, Random random) {
    List<Object[]> slots = new ArrayList<>();
    collect(root, slots);
    Object[] slot = slots.get(random.nextInt(slots.size()));
    Object odd = ODD[random.nextInt(ODD.length)];
    odd = odd instanceof JsonObject o ? o.copy() : odd instanceof JsonArray a ? a.copy() : odd;
    if (slot[0] instanceof JsonObject parent) {
      if (random.nextInt(5) == 0) {
        parent.remove((String) slot[1]);
      } else {
        parent.put((String) slot[1], odd);
      }
    } else if (slot[0] instanceof JsonArray parent) {
      parent.set((Integer) slot[1], odd);
    }
  }

  private static void collect(Object node, List<Object[]> slots) {
    if (node instanceof JsonObject object) {
      for (String key : new ArrayList<>(object.fieldNames())) {
        slots.add(new Object[] {object, key});
        collect(object.getValue(key), slots);
      }
    } else if (node instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        slots.add(new Object[] {array, i});
        collect(array.getValue(i), slots);
      }
    }
  }
}
