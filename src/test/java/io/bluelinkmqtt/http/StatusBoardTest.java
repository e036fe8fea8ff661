package io.bluelinkmqtt.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bluelinkmqtt.codec.StatusUpdateJson;
import io.bluelinkmqtt.codec.StatusUpdateJson.StatusUpdate;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.DataSource;
import io.bluelinkmqtt.domain.RefreshMode;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.VehicleData;
import io.bluelinkmqtt.testsupport.TestClock;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StatusBoardTest {

  private static final Vehicle CAR = new Vehicle("car-1", "api-1", "VIN1", "Kona", "Kona Electric", Brand.HYUNDAI,
      Vehicle.EngineType.EV);
  private final TestClock clock = new TestClock(Instant.parse("2026-12-01T10:00:00Z"));
  private final StatusBoard board = new StatusBoard("hyundai", new JsonObject(), clock);

  private static JsonObject update(DataSource source, int level) {
    VehicleData data = new VehicleData(Instant.parse("2026-12-01T09:00:00Z"),
        new VehicleData.Battery(level, false, true, null),
        new VehicleData.Ev(new VehicleData.Distance(221.0, VehicleData.DistanceUnit.KM), null, null, 80, null, null),
        86, null, null, null, null, null);
    return StatusUpdateJson.toJson(new StatusUpdate(CAR, RefreshMode.CACHED, source, data));
  }

  private JsonObject values() {
    return board.snapshot().getJsonArray("cars").getJsonObject(0).getJsonObject("values");
  }

  @Test
  @DisplayName("values as MQTT gets them, spelled as the payload spells them; a last-known answer changes only how it was read")
  void valuesFollowWhatIsPublished() {
    board.statusUpdated(update(DataSource.CACHED, 62));
    assertEquals("221.0", values().getJsonObject("ev/range").getString("json"));
    assertEquals("km", values().getJsonObject("ev/range").getString("unit"));
    assertEquals(62, values().getJsonObject("battery/level").getInteger("value"));
    assertEquals("\"connected\"", values().getJsonObject("battery/plug_status").getString("json"));
    board.statusUpdated(update(DataSource.LAST_KNOWN, 10));
    assertEquals(62, values().getJsonObject("battery/level").getInteger("value"), "not published, so not shown");
    assertEquals("last_known", values().getJsonObject("status/data_source").getString("value"));
  }

  @Test
  @DisplayName("the last five outcomes per car, newest first; outcomes for no known car listed apart")
  void outcomes() {
    board.statusUpdated(update(DataSource.CACHED, 62));
    for (int i = 1; i <= 7; i++) {
      board.commandCompleted(new JsonObject().put("v", 1).put("id", "c" + i).put("vehicleId", "car-1")
          .put("status", "ok"));
    }
    board.commandCompleted(new JsonObject().put("v", 1).put("id", "x").put("status", "invalid"));
    JsonObject snapshot = board.snapshot();
    JsonArray kept = snapshot.getJsonArray("cars").getJsonObject(0).getJsonArray("outcomes");
    assertEquals(List.of("c7", "c6", "c5", "c4", "c3"), kept.stream().map(o -> ((JsonObject) o).getString("id")).toList());
    assertEquals("x", snapshot.getJsonArray("outcomes").getJsonObject(0).getString("id"));
  }

  @Test
  @DisplayName("calls per hour from the budget's increases, the last 24 hours only")
  void callsPerHour() {
    board.budgetChanged(new JsonObject().put("used", 10));
    board.budgetChanged(new JsonObject().put("used", 13));
    clock.advance(java.time.Duration.ofHours(1));
    board.budgetChanged(new JsonObject().put("used", 12));
    board.budgetChanged(new JsonObject().put("used", 14));
    JsonArray chart = board.snapshot().getJsonArray("callsPerHour");
    assertEquals(24, chart.size());
    assertEquals(3, chart.getJsonObject(22).getLong("calls"));
    assertEquals(2, chart.getJsonObject(23).getLong("calls"));
    clock.advance(java.time.Duration.ofHours(24));
    board.budgetChanged(new JsonObject().put("used", 14));
    assertEquals(0, board.snapshot().getJsonArray("callsPerHour").stream()
        .mapToLong(h -> ((JsonObject) h).getLong("calls")).sum());
  }
}
