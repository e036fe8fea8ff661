package io.bluelinkmqtt.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bluelinkmqtt.domain.VehicleData;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every region's fixture oracle test does around its own mapping: finds the public fixtures (system property
 * {@code fixtures.dir}, read at test time, never copied) or skips, lists and reads them, compares a fixture's
 * {@code _fixture_meta.expected} values with what {@link VehicleData} carries, and logs the
 * "{@code <REGION> fixture oracle: …}" line of the values checked per file.
 */
public final class FixtureOracle {

  /** The hyundai_kia_connect_api fixtures' folder. */
  public static final String HKC = "Hyundai-Kia-Connect_hyundai_kia_connect_api";

  /** The expected keys every region's status carries, each with the value of ours it names. */
  public static final Map<String, Function<VehicleData, Object>> CARRIED = Map.of(
      "ev_battery_percentage", d -> d.battery() == null ? null : d.battery().level(),
      "ev_battery_is_charging", d -> d.battery() == null ? null : d.battery().charging(),
      "ev_battery_is_plugged_in", d -> d.battery() == null ? null : d.battery().pluggedIn(),
      "ev_charge_limits_ac", d -> d.ev() == null ? null : d.ev().chargeLimitAc(),
      "ev_charge_limits_dc", d -> d.ev() == null ? null : d.ev().chargeLimitDc(),
      "car_battery_percentage", VehicleData::auxBatteryLevel,
      "is_locked", d -> d.openings() == null ? null : d.openings().locked());

  private final String region;
  private final Logger log;
  private final Map<String, Integer> checkedPerFile = new TreeMap<>();
  private Path fixturesDir;

  /** {@code region} names the oracle in its lines ("CA", "US Kia"); the log is the test class's. */
  public FixtureOracle(String region, Class<?> testClass) {
    this.region = region;
    this.log = LoggerFactory.getLogger(testClass);
  }

  /** From a test's {@code @BeforeAll}: skips the test class unless {@code fixtures.dir} holds {@code required}. */
  public void locate(String required) {
    String property = System.getProperty("fixtures.dir");
    boolean present = property != null && Files.exists(Path.of(property, required));
    if (!present) {
      log.warn("Fixture folder not found (fixtures.dir={}); {} fixture oracle skipped", property, region);
    }
    assumeTrue(present, "fixtures.dir " + property + " is absent: " + region + " fixture oracle skipped");
    fixturesDir = Path.of(property);
  }

  /** The sorted names of the hyundai_kia_connect_api JSON fixtures the filter keeps. */
  public List<String> hkcFixtures(Predicate<String> name) throws IOException {
    try (Stream<Path> files = Files.list(fixturesDir.resolve(HKC))) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).filter(name).sorted()
          .toList();
    }
  }

  /** A fixture by its path below {@code fixtures.dir}. */
  public JsonObject read(String relative) throws IOException {
    return new JsonObject(Files.readString(fixturesDir.resolve(relative), StandardCharsets.UTF_8));
  }

  /** A hyundai_kia_connect_api fixture by its file name. */
  public JsonObject readHkc(String name) throws IOException {
    return read(HKC + "/" + name);
  }

  /**
   * Asserts each expected value against the value of ours its key names ({@link #CARRIED} and the region's
   * {@code extra}), skipping {@code notCarried}; fails on a key neither mapped nor skipped. The libraries' raw 0/1
   * plug code compares as a boolean (§5.1), their numeric odometer as a double.
   *
   * @return how many values were compared
   */
  public static int assertExpected(String file, JsonObject expected, VehicleData data,
      Map<String, Function<VehicleData, Object>> extra, Set<String> notCarried) {
    Map<String, Function<VehicleData, Object>> carried = new HashMap<>(CARRIED);
    carried.putAll(extra);
    int compared = 0;
    for (String key : expected.fieldNames()) {
      if (notCarried.contains(key)) {
        continue;
      }
      Function<VehicleData, Object> field = carried.get(key);
      assertNotNull(field, file + ": expected key '" + key + "' is neither mapped nor listed as not carried");
      assertEquals(normalise(key, expected.getValue(key)), field.apply(data), file + ": " + key);
      compared++;
    }
    return compared;
  }

  private static Object normalise(String key, Object value) {
    if ("ev_battery_is_plugged_in".equals(key) && value instanceof Number code) {
      return code.intValue() != 0;
    }
    if ("odometer_value".equals(key) && value instanceof Number number) {
      return number.doubleValue();
    }
    return value;
  }

  /** Counts the values one file's test checked, for the summary line. */
  public void checked(String file, int values) {
    checkedPerFile.put(file, values);
  }

  /** From a test's {@code @AfterAll}: the "{@code <REGION> fixture oracle: …}" line, when the fixtures were read. */
  public void logSummary() {
    if (fixturesDir != null) {
      int total = checkedPerFile.values().stream().mapToInt(Integer::intValue).sum();
      log.info("{} fixture oracle: {} values in {} files; per file {}", region, total, checkedPerFile.size(),
          checkedPerFile);
    }
  }
}
