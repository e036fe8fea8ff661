package io.bluelinkmqtt.stewardship;

import io.bluelinkmqtt.testsupport.TestClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WakeAuditTest {

  private final TestClock clock = TestClock.at("2026-03-10T09:00:00Z");
  private final WakeAudit audit = new WakeAudit(clock, ZoneId.of("Europe/Berlin"));

  @Test
  @DisplayName("counts wakes today and in total per vehicle, with the last time")
  void countsTodayAndTotal() {
    List<WakeRecord> recorded = new ArrayList<>();
    audit.onRecorded(recorded::add);
    audit.record("car1");
    clock.advance(Duration.ofHours(2));
    audit.record("car1");
    audit.record("car2");

    Instant eleven = Instant.parse("2026-03-10T11:00:00Z");
    assertEquals(new WakeRecord("car1", 2, 2, eleven), audit.get("car1"));
    assertEquals(new WakeRecord("car2", 1, 1, eleven), audit.get("car2"));
    assertEquals(new WakeRecord("car3", 0, 0, null), audit.get("car3"));
    assertEquals(List.of(new WakeRecord("car1", 1, 1, Instant.parse("2026-03-10T09:00:00Z")),
        new WakeRecord("car1", 2, 2, eleven), new WakeRecord("car2", 1, 1, eleven)), recorded);
  }

  @Test
  @DisplayName("the day rolls over at local midnight of the configured zone, not at UTC midnight")
  void dayRollsOverInConfiguredZone() {
    clock.set(Instant.parse("2026-03-10T22:30:00Z")); // 23:30 in Berlin
    audit.record("car1");
    clock.set(Instant.parse("2026-03-10T22:59:59Z"));
    assertEquals(1, audit.get("car1").today());
    clock.set(Instant.parse("2026-03-10T23:10:00Z")); // 00:10 in Berlin, still the 10th in UTC
    assertEquals(new WakeRecord("car1", 0, 1, Instant.parse("2026-03-10T22:30:00Z")), audit.get("car1"));
    audit.record("car1");
    assertEquals(new WakeRecord("car1", 1, 2, Instant.parse("2026-03-10T23:10:00Z")), audit.get("car1"));
  }

  @Test
  @DisplayName("the event body carries v, vehicleId, today, total and last in ISO-8601 UTC")
  void eventJsonIsExact() {
    audit.record("car1");
    assertEquals(new JsonObject("{\"v\":1,\"vehicleId\":\"car1\",\"today\":1,\"total\":1,\"last\":\"2026-03-10T09:00:00Z\"}"),
        WakeAuditJson.toEvent(audit.get("car1")));
    assertEquals(new JsonObject("{\"v\":1,\"vehicleId\":\"car9\",\"today\":0,\"total\":0}"),
        WakeAuditJson.toEvent(audit.get("car9")));
  }

  @Test
  @DisplayName("the file form round-trips and rejects an unknown version")
  void fileRoundTrip() {
    audit.record("car1");
    audit.record("car1");
    JsonObject file = WakeAuditJson.toFile(audit.persistedState());
    WakeAudit restored = new WakeAudit(clock, ZoneId.of("Europe/Berlin"));
    restored.restore(WakeAuditJson.fromFile(file));
    assertEquals(audit.get("car1"), restored.get("car1"));
    assertThrows(IllegalArgumentException.class, () -> WakeAuditJson.fromFile(file.copy().put("v", 2)));
  }

  @Test
  @DisplayName("an id that could not be a topic level is refused")
  void invalidIdRefused() {
    assertThrows(IllegalArgumentException.class, () -> audit.record("a/b"));
    assertThrows(IllegalArgumentException.class, () -> audit.record("#"));
  }
}
