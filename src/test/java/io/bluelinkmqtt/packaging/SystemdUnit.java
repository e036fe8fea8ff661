package io.bluelinkmqtt.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** conf/bluelink-mqtt.service as {@code Key=value} lines, in order (a key may repeat). */
public final class SystemdUnit {

  private final List<Map.Entry<String, String>> directives;

  private SystemdUnit(List<Map.Entry<String, String>> directives) {
    this.directives = directives;
  }

  public static Path path() {
    return Path.of(System.getProperty("project.basedir", "."), "conf", "bluelink-mqtt.service");
  }

  public static SystemdUnit read() {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(path())) {
        int eq = line.indexOf('=');
        if (!line.isBlank() && !line.startsWith("#") && !line.startsWith("[") && eq > 0) {
          out.add(Map.entry(line.substring(0, eq), line.substring(eq + 1)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new SystemdUnit(out);
  }

  public List<String> values(String key) {
    return directives.stream().filter(d -> d.getKey().equals(key)).map(Map.Entry::getValue).toList();
  }

  /** The one value of {@code key}; fails when it is missing or repeated. */
  public String value(String key) {
    List<String> all = values(key);
    if (all.size() != 1) {
      throw new AssertionError(key + " must be set exactly once: " + all);
    }
    return all.get(0);
  }

  /** Every {@code Environment=NAME=value}, in order. */
  public Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    for (String assignment : values("Environment")) {
      int eq = assignment.indexOf('=');
      env.put(assignment.substring(0, eq), assignment.substring(eq + 1));
    }
    return env;
  }
}
