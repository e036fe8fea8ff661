package io.bluelinkmqtt.homeassistant;

import static io.bluelinkmqtt.homeassistant.SampleVehicles.BASE;
import static io.bluelinkmqtt.homeassistant.SampleVehicles.PREFIX;
import static io.bluelinkmqtt.homeassistant.SampleVehicles.SMART_MAX_AGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.publish.Topics;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** docs/home-assistant.md against the configs the bridge sends. */
class HomeAssistantDocsTest {

  private static final Path DOC = Path.of(System.getProperty("project.basedir", "."), "docs", "home-assistant.md");
  private static final Pattern ID_PAIR = Pattern.compile("\\| `([a-z_]+\\.[a-z0-9_]+)` \\| `([a-z_]+\\.[a-z0-9_]+)` \\|");
  private static final Pattern ENTITY_ROW = Pattern.compile("^\\| `([a-z_]+\\.my_kona_[a-z0-9_]+)`");

  @Test
  @DisplayName("the table of ids before 2025.10 lists exactly the entities whose name-based id differs, correctly")
  void legacyIdTableMatchesTheNames() throws Exception {
    List<DiscoveryMessage> messages = new ArrayList<>(everyCarEntity());
    messages.addAll(new DiscoveryPayloads(PREFIX, new Topics(BASE), SMART_MAX_AGE).forBridge());
    Map<String, String> differing = new TreeMap<>();
    for (DiscoveryMessage m : messages) {
      JsonObject p = m.payload();
      String nameBased = DiscoveryPayloads.nameBasedEntityId(m.component(),
          p.getJsonObject("device").getString("name"), p.getString("name"));
      if (!nameBased.equals(p.getString("default_entity_id"))) {
        differing.put(p.getString("default_entity_id"), nameBased);
      }
    }
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    String section = doc.substring(doc.indexOf("## Home Assistant versions"));
    Map<String, String> documented = new TreeMap<>();
    Matcher m = ID_PAIR.matcher(section);
    while (m.find()) {
      documented.put(m.group(1), m.group(2));
    }
    assertEquals(differing, documented);
  }

  @Test
  @DisplayName("the entity tables list every entity of a fully populated car (every action included), and only those")
  void entityTableIsComplete() throws Exception {
    List<String> announced = everyCarEntity().stream()
        .map(msg -> msg.payload().getString("default_entity_id")).distinct().sorted().toList();
    List<String> documented = Files.readAllLines(DOC, StandardCharsets.UTF_8).stream()
        .map(ENTITY_ROW::matcher).filter(Matcher::find).map(x -> x.group(1)).distinct().sorted().toList();
    assertTrue(documented.size() > 20, documented.toString());
    assertEquals(announced, documented);
  }

  /**
   * Every entity a fully populated car can get: with every action and a PIN, plus the lock buttons an owner gets
   * who allowed only one of lock and unlock.
   */
  private static List<DiscoveryMessage> everyCarEntity() {
    List<DiscoveryMessage> messages = new ArrayList<>();
    for (ActionAccess access : List.of(SampleVehicles.EVERYTHING_ALLOWED, new ActionAccess(true, Set.of("lock")),
        new ActionAccess(true, Set.of("unlock")))) {
      messages.addAll(new DiscoveryPayloads(PREFIX, new Topics(BASE), SMART_MAX_AGE, false, access)
          .forVehicle(SampleVehicles.KONA_WITH_ACTIONS, SampleVehicles.FULL));
    }
    return messages;
  }
}
