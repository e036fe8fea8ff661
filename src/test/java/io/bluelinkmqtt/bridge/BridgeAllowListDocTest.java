package io.bluelinkmqtt.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BridgeAllowListDocTest {

  @Test
  @DisplayName("docs/event-bus.md lists exactly the allow-list of BridgeAllowList, in its order")
  void docMatchesCode() throws IOException {
    String doc = Files.readString(Path.of(System.getProperty("project.basedir", "."), "docs", "event-bus.md"));
    List<String> requests = new ArrayList<>();
    List<String> subscriptions = new ArrayList<>();
    Matcher m = Pattern.compile("^\\| (request|subscribe) \\| `([a-z.-]+)` \\|", Pattern.MULTILINE).matcher(doc);
    while (m.find()) {
      (m.group(1).equals("request") ? requests : subscriptions).add(m.group(2));
    }
    assertEquals(BridgeAllowList.INBOUND, requests);
    assertEquals(BridgeAllowList.OUTBOUND, subscriptions);
  }
}
