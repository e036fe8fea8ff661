package io.bluelinkmqtt.api.eu.mapping;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.domain.VehicleData;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Property test with a seeded {@link Random}: our fixtures are mutated at random (keys deleted, types swapped,
 * strings / arrays / nulls / huge numbers put in) and fed to every mapper, unguarded (the package-private mappers,
 * so the facade's safety net cannot hide a bug) and through the facade. Override the seed with
 * {@code -Dmapper.seed=N}; the seed is logged so a failure can be replayed.
 */
class EuMapperRobustnessTest {

  private static final Logger LOG = LoggerFactory.getLogger(EuMapperRobustnessTest.class);
  private static final long DEFAULT_SEED = 20261123L;
  private static final int CASES = 1000;
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Instant EARLIEST = Instant.parse("1999-12-30T00:00:00Z");
  private static final Instant LATEST = Instant.parse("2200-01-02T00:00:00Z");
  private static final Object[] ODD_VALUES = {
      null, "", " ", "OFF", "LO", "abc", "NaN", "Infinity", "-Infinity", "1e999", "-5", "255", " 12 ", "0x10",
      "22f", "1H", "10H", "true", "FALSE", "0", "1", "2", "20250230120000", "20250715143000.999",
      true, false, 0, 1, -1, 2, 255, 256, 100.5, -0.0, 31, 63, 70,
      Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE,
      Double.MIN_VALUE, 1e308, -1e308, new BigDecimal("1E+400"), new BigDecimal("-1E+400"), new BigDecimal("1E-400"),
      new BigInteger("123456789012345678901234567890"), new BigDecimal("20250715143000"),
      new JsonArray(), new JsonArray().add(1).add("x"), new JsonObject(), new JsonObject().put("value", "x")};

  @Test
  @DisplayName("1000 random mutations of our fixtures: no mapper throws, every value stays in its sane range")
  void mappersNeverThrowAndStayInRange() {
    long seed = Long.getLong("mapper.seed", DEFAULT_SEED);
    LOG.info("EuMapperRobustnessTest seed={} cases={} (replay with -Dmapper.seed={})", seed, CASES, seed);
    Random random = new Random(seed);
    List<JsonObject> fixtures = MapperFixtures.ALL.stream().map(MapperFixtures::load).toList();
    int changedOutputs = 0;

    for (int i = 0; i < CASES; i++) {
      JsonObject original = fixtures.get(random.nextInt(fixtures.size()));
      JsonObject mutated = original.copy();
      int mutations = 1 + random.nextInt(8);
      for (int m = 0; m < mutations; m++) {
        mutate(mutated, random);
      }
      String context = "seed=" + seed + " case=" + i + " input=" + mutated.encode();
      List<VehicleData> results = mapEverything(mutated, context);
      for (VehicleData data : results) {
        assertSane(data, context);
      }
      if (!results.equals(mapEverything(original, context))) {
        changedOutputs++;
      }
    }
    LOG.info("EuMapperRobustnessTest: {} of {} mutated inputs changed the mapped output", changedOutputs, CASES);
    // the mutations must actually reach the mapped fields, or the test would prove nothing
    assertTrue(changedOutputs > CASES / 4, "only " + changedOutputs + " mutations changed the output");
  }

  @Test
  @DisplayName("wrong shapes at every entry point: arrays, strings and nulls where objects belong")
  void wrongShapesGiveEmptyData() {
    JsonObject arrays = new JsonObject().put("vehicleStatus", new JsonArray().add(new JsonObject()))
        .put("state", new JsonArray()).put("coord", new JsonArray()).put("gpsDetail", "x")
        .put("drivingInfo", new JsonObject()).putNull("vehicleLocation").put("odometer", new JsonArray());
    List<VehicleData> results = mapEverything(arrays, arrays.encode());
    results.forEach(data -> assertEquals(VehicleData.EMPTY, data, arrays.encode()));
  }

  private static List<VehicleData> mapEverything(JsonObject input, String context) {
    List<VehicleData> results = new ArrayList<>();
    assertDoesNotThrow(() -> {
      VehicleData cached = LegacyStatusMapper.mapCached(input, BERLIN);
      results.add(cached);
      results.add(LegacyStatusMapper.mapForced(input, BERLIN));
      results.add(LegacyStatusMapper.mapForced(input.getValue("vehicleStatus") instanceof JsonObject status
          ? status : input, ZoneOffset.UTC));
      results.add(Ccs2StatusMapper.map(input, BERLIN));
      results.add(Enrichments.parkLocation(cached, input, BERLIN));
      results.add(Enrichments.gpsDetail(cached, input));
      results.add(Enrichments.drivingHistory(cached, input));
      results.add(Enrichments.drivingHistory(VehicleData.EMPTY, input));
    }, context);
    // the facade must agree with the unguarded mappers (no fallback was taken)
    assertEquals(results.get(0), EuVehicleDataMapper.fromLegacyCached(input, BERLIN), context);
    assertEquals(results.get(3), EuVehicleDataMapper.fromCcs2(input, BERLIN), context);
    return results;
  }

  private static void mutate(JsonObject root, Random random) {
    List<Slot> slots = new ArrayList<>();
    collect(root, slots);
    if (slots.isEmpty()) {
      return;
    }
    Slot slot = slots.get(random.nextInt(slots.size()));
    switch (random.nextInt(5)) {
      case 0 -> slot.delete();
      case 1 -> slot.set(ODD_VALUES[random.nextInt(ODD_VALUES.length)]);
      case 2 -> slot.set(swapType(slot.get()));
      case 3 -> slot.set(new JsonArray().add(slot.get()));
      default -> slot.set(slots.get(random.nextInt(slots.size())).get());
    }
  }

  /** The same information in another JSON type: numbers as strings, strings as numbers, booleans as 0/1. */
  private static Object swapType(Object value) {
    if (value instanceof Number number) {
      return number.toString();
    }
    if (value instanceof Boolean bool) {
      return bool ? 1 : 0;
    }
    if (value instanceof String text) {
      return text.length();
    }
    if (value instanceof JsonObject object) {
      return new JsonArray(new ArrayList<>(object.getMap().values()));
    }
    return value == null ? "null" : value.toString();
  }

  private static void collect(Object node, List<Slot> slots) {
    if (node instanceof JsonObject object) {
      for (String key : List.copyOf(object.fieldNames())) {
        slots.add(new Slot(object, key, -1));
        collect(object.getValue(key), slots);
      }
    } else if (node instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        slots.add(new Slot(array, null, i));
        collect(array.getValue(i), slots);
      }
    }
  }

  private static void assertSane(VehicleData data, String context) {
    assertAll(context,
        () -> assertTrue(data.lastUpdated() == null || inWindow(data.lastUpdated()), "lastUpdated"),
        () -> assertTrue(percent(data.auxBatteryLevel()), "auxBatteryLevel"),
        () -> assertTrue(data.odometer() == null || between(data.odometer().value(), 0, 10_000_000), "odometer"),
        () -> assertTrue(data.battery() == null || batterySane(data.battery()), "battery " + data.battery()),
        () -> assertTrue(data.ev() == null || evSane(data.ev()), "ev " + data.ev()),
        () -> assertTrue(data.location() == null || locationSane(data.location()), "location " + data.location()),
        () -> assertNotEquals(new VehicleData.Openings(null, null, null, null, null), data.openings(), "openings"),
        () -> assertTrue(data.climate() == null || climateSane(data.climate()), "climate " + data.climate()));
  }

  private static boolean batterySane(VehicleData.Battery battery) {
    return percent(battery.level()) && (battery.temperatureCelsius() == null
        || between(battery.temperatureCelsius(), -50, 100))
        && !battery.equals(new VehicleData.Battery(null, null, null, null));
  }

  private static boolean evSane(VehicleData.Ev ev) {
    return (ev.range() == null || between(ev.range().value(), 0, 5_000))
        && minutes(ev.minutesToFull()) && minutes(ev.minutesToTarget())
        && percent(ev.chargeLimitAc()) && percent(ev.chargeLimitDc())
        && (ev.energyConsumption() == null || between(ev.energyConsumption(), 0, 1_000))
        && !ev.equals(new VehicleData.Ev(null, null, null, null, null, null));
  }

  private static boolean locationSane(VehicleData.Location location) {
    return between(location.latitude(), -90, 90) && between(location.longitude(), -180, 180)
        && (location.time() == null || inWindow(location.time()));
  }

  private static boolean climateSane(VehicleData.Climate climate) {
    return (climate.setTemperatureCelsius() == null || between(climate.setTemperatureCelsius(), 10, 35))
        && !climate.equals(new VehicleData.Climate(null, null));
  }

  private static boolean percent(Integer value) {
    return value == null || (value >= 0 && value <= 100);
  }

  private static boolean minutes(Integer value) {
    return value == null || (value >= 0 && value <= 7 * 24 * 60);
  }

  private static boolean between(double value, double min, double max) {
    return Double.isFinite(value) && value >= min && value <= max;
  }

  private static boolean inWindow(Instant time) {
    return time.isAfter(EARLIEST) && time.isBefore(LATEST);
  }

  /** One key of an object or one index of an array. */
  private record Slot(Object parent, String key, int index) {

    Object get() {
      return parent instanceof JsonObject object ? object.getValue(key) : ((JsonArray) parent).getValue(index);
    }

    void set(Object value) {
      Object copy = value instanceof JsonObject object ? object.copy()
          : value instanceof JsonArray array ? array.copy() : value;
      if (parent instanceof JsonObject object) {
        object.put(key, copy);
      } else {
        ((JsonArray) parent).set(index, copy);
      }
    }

    void delete() {
      if (parent instanceof JsonObject object) {
        object.remove(key);
      } else {
        ((JsonArray) parent).set(index, null);
      }
    }
  }
}
