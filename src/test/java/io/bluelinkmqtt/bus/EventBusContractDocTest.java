package io.bluelinkmqtt.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EventBusContractDocTest {

  private static String doc() throws IOException {
    return Files.readString(Path.of(System.getProperty("project.basedir", "."), "docs", "event-bus.md"));
  }

  @Test
  @DisplayName("docs/event-bus.md documents exactly the addresses the code declares, no more, no fewer")
  void everyAddressIsDocumented() throws IOException {
    Set<String> documented = new TreeSet<>();
    Matcher m = Pattern.compile("^\\| `(bluelink\\.[a-z.-]+)` \\|", Pattern.MULTILINE).matcher(doc());
    while (m.find()) {
      documented.add(m.group(1));
    }
    assertEquals(new TreeSet<>(Addresses.ALL), documented);
  }

  @Test
  @DisplayName("every address constant is listed in Addresses.ALL and follows bluelink.<area>.<noun>[.<event>]")
  void addressesAreComplete() throws IllegalAccessException {
    Set<String> declared = new TreeSet<>();
    for (var field : Addresses.class.getFields()) {
      if (field.getType() == String.class) {
        declared.add((String) field.get(null));
      }
    }
    assertEquals(declared, new TreeSet<>(Addresses.ALL));
    declared.forEach(a -> assertTrue(a.matches("bluelink\\.[a-z]+(\\.[a-z-]+)+"), a));
  }

  @Test
  @DisplayName("every failure code and name appears in the doc's failure table")
  void everyFailureIsDocumented() throws IOException {
    String doc = doc();
    for (Failure f : Failure.values()) {
      assertTrue(doc.contains("| " + f.code() + " | `" + f.reason() + "` |"), f.name());
    }
  }
}
