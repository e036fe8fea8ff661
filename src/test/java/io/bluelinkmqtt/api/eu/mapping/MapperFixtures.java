package io.bluelinkmqtt.api.eu.mapping;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Our own committed fixtures under {@code src/test/resources/mapping/} (invented values, real shapes). */
final class MapperFixtures {

  static final String LEGACY_CACHED_SUMMER = "legacy_cached_summer.json";
  static final String LEGACY_FORCED_WINTER = "legacy_forced_winter.json";
  static final String CCS2_EV = "ccs2_ev.json";
  static final String CCS2_PHEV_ODD_TYPES = "ccs2_phev_odd_types.json";
  static final String PARK_LOCATION = "park_location.json";
  static final String GPS_DETAIL = "gps_detail.json";
  static final String DRV_HISTORY = "drvhistory.json";
  static final List<String> ALL = List.of(LEGACY_CACHED_SUMMER, LEGACY_FORCED_WINTER, CCS2_EV, CCS2_PHEV_ODD_TYPES,
      PARK_LOCATION, GPS_DETAIL, DRV_HISTORY);

  private MapperFixtures() {
  }

  static JsonObject load(String name) {
    try (InputStream in = MapperFixtures.class.getResourceAsStream("/mapping/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource mapping/" + name);
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
