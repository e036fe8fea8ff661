package io.bluelinkmqtt.homeassistant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AnnouncementLedgerTest {

  private static DiscoveryMessage msg(String topic, String name) {
    return new DiscoveryMessage("sensor", topic, new JsonObject().put("name", name));
  }

  @Test
  @DisplayName("only new or changed configs are sent; the stored set only grows with new topics")
  void sendsOnlyChanges() {
    AnnouncementLedger ledger = new AnnouncementLedger();
    AnnouncementLedger.Change first = ledger.announce("car", List.of(msg("ha/sensor/n/a/config", "A")));
    assertEquals(1, first.toSend().size());
    assertTrue(first.storedChanged());
    AnnouncementLedger.Change same = ledger.announce("car", List.of(msg("ha/sensor/n/a/config", "A")));
    assertEquals(List.of(), same.toSend());
    assertFalse(same.storedChanged());
    AnnouncementLedger.Change renamed = ledger.announce("car", List.of(msg("ha/sensor/n/a/config", "A2")));
    assertEquals(List.of(msg("ha/sensor/n/a/config", "A2")), renamed.toSend());
    assertFalse(renamed.storedChanged());
    // A sparse update that lacks "a" does not remove it; a new value adds "b".
    AnnouncementLedger.Change sparse = ledger.announce("car", List.of(msg("ha/sensor/n/b/config", "B")));
    assertEquals(1, sparse.toSend().size());
    assertEquals(2, ledger.all().size());
  }

  @Test
  @DisplayName("retiring forgets absent vehicles, keeps present ones and the bridge, survives a round trip")
  void retiresAbsentVehicles() {
    AnnouncementLedger ledger = new AnnouncementLedger();
    ledger.announce("gone", List.of(msg("ha/sensor/g/a/config", "A"), msg("ha/sensor/g/b/config", "B")));
    ledger.announce("kept", List.of(msg("ha/sensor/k/a/config", "A")));
    ledger.announce(DiscoveryPayloads.BRIDGE_OWNER, List.of(msg("ha/sensor/br/a/config", "A")));
    AnnouncementLedger reloaded = AnnouncementLedger.fromJson(ledger.toJson(), t -> true);
    assertEquals(List.of("ha/sensor/g/a/config", "ha/sensor/g/b/config"), reloaded.retireAbsent(Set.of("kept")));
    assertEquals(List.of(), reloaded.retireAbsent(Set.of("kept")));
    assertEquals(new JsonObject().put("kept", new JsonArray().add("ha/sensor/k/a/config"))
            .put("bridge", new JsonArray().add("ha/sensor/br/a/config")),
        reloaded.toJson().getJsonObject("announced"));
  }

  @Test
  @DisplayName("replaceable (action) topics no longer announced are retired, in this run and from an earlier one")
  void retiresWithdrawnReplaceableTopics() {
    java.util.function.Predicate<String> action = topic -> topic.contains("/act_");
    AnnouncementLedger ledger = new AnnouncementLedger();
    ledger.announce("car", List.of(msg("ha/sensor/n/a/config", "A"), msg("ha/lock/n/act_lock/config", "L"),
        msg("ha/switch/n/act_climate/config", "C")), action);
    // a sparse update without "a" and without the climate action: only the action is withdrawn
    AnnouncementLedger.Change change = ledger.announce("car", List.of(msg("ha/lock/n/act_lock/config", "L")), action);
    assertEquals(List.of(), change.toSend());
    assertEquals(List.of("ha/switch/n/act_climate/config"), change.toRemove());
    assertTrue(change.storedChanged());
    assertEquals(Set.of("ha/sensor/n/a/config", "ha/lock/n/act_lock/config"),
        Set.copyOf(ledger.all().stream().map(DiscoveryMessage::topic).toList()));
    // Home Assistant's birth message re-sends only what is still announced; another owner is untouched
    ledger.announce("other", List.of(msg("ha/lock/o/act_lock/config", "L")), action);

    // the next run knows only the stored topics; the lock action is withdrawn there (e.g. the PIN was removed)
    AnnouncementLedger nextRun = AnnouncementLedger.fromJson(ledger.toJson(), t -> true);
    assertEquals(List.of("ha/lock/n/act_lock/config"), nextRun.retireReplaced("car", Set.of(), action));
    assertEquals(List.of(), nextRun.retireReplaced("car", Set.of(), action), "removed once");
    assertEquals(List.of(), nextRun.retireReplaced("nobody", Set.of(), action));
    assertEquals(new JsonObject().put("car", new JsonArray().add("ha/sensor/n/a/config"))
            .put("other", new JsonArray().add("ha/lock/o/act_lock/config")),
        nextRun.toJson().getJsonObject("announced"));
    // without a replaceable predicate nothing is ever withdrawn
    assertEquals(List.of(), nextRun.announce("other", List.of()).toRemove());
  }

  @Test
  @DisplayName("stored topics that are not ours, or malformed entries, are dropped on load")
  void dropsForeignTopicsOnLoad() {
    JsonObject stored = new JsonObject().put("announced", new JsonObject()
        .put("car", new JsonArray().add("ha/sensor/n/a/config").add("zigbee2mqtt/bridge/state").add(42))
        .put("broken", "not a list"));
    AnnouncementLedger ledger = AnnouncementLedger.fromJson(stored, t -> t.startsWith("ha/"));
    assertEquals(List.of("ha/sensor/n/a/config"), ledger.retireAbsent(Set.of()));
    assertEquals(List.of(), AnnouncementLedger.fromJson(new JsonObject(), t -> true).retireAbsent(Set.of()));
  }

  @org.junit.jupiter.api.Test
  @org.junit.jupiter.api.DisplayName("a damaged state file (announced is not an object) loads as empty instead of stopping the bridge")
  void damagedFileLoadsEmpty() {
    AnnouncementLedger ledger = AnnouncementLedger.fromJson(new io.vertx.core.json.JsonObject("{\"v\":1,\"announced\":[]}"),
        topic -> true);
    org.junit.jupiter.api.Assertions.assertTrue(ledger.all().isEmpty());
  }
}
