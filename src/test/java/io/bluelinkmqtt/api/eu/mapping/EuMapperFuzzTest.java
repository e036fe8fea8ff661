package io.bluelinkmqtt.api.eu.mapping;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.bluelinkmqtt.domain.VehicleData;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.ZoneId;
import java.util.List;

/**
 * Jazzer fuzz target: text → JSON parse → every mapper. Parsing may fail only with {@link DecodeException}; the
 * mappers (unguarded) must not throw at all. In CI it runs in regression mode (empty input plus our fixtures as
 * built-in seeds); {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class EuMapperFuzzTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final List<JsonObject> SEEDS = MapperFixtures.ALL.stream().map(MapperFixtures::load).toList();

  @FuzzTest(maxDuration = "30s")
  void mappersSurviveAnyJson(FuzzedDataProvider input) {
    int seedIndex = input.consumeInt(-1, SEEDS.size() - 1);
    String text = input.consumeRemainingAsString();
    JsonObject json;
    try {
      // mostly mutate a known shape by merging the fuzzed object into a fixture, sometimes map it alone
      JsonObject fuzzed = new JsonObject(text);
      json = seedIndex < 0 ? fuzzed : SEEDS.get(seedIndex).copy().mergeIn(fuzzed, true);
    } catch (DecodeException notAJsonObject) {
      // the only failure allowed: not JSON, or JSON that is not an object ("[1]", "null" also give DecodeException)
      json = seedIndex < 0 ? new JsonObject() : SEEDS.get(seedIndex).copy();
    }
    VehicleData cached = LegacyStatusMapper.mapCached(json, BERLIN);
    LegacyStatusMapper.mapForced(json, BERLIN);
    Ccs2StatusMapper.map(json, BERLIN);
    Enrichments.parkLocation(cached, json, BERLIN);
    Enrichments.gpsDetail(cached, json);
    Enrichments.drivingHistory(cached, json);
  }
}
