package io.bluelinkmqtt.evcc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The evcc.yaml of docs/evcc.md, parsed, so the tests read exactly what a user copies. Its example topics use
 * {@value #DOC_BASE} and {@value #DOC_VEHICLE}; {@link #topic} puts a test's base and car in their place.
 */
final class EvccDoc {

  static final String DOC_BASE = "hyundai";
  static final String DOC_VEHICLE = "KMH123";
  /** The getters evcc's custom vehicle has for what the bridge publishes (evcc vehicle/vehicle.go). */
  static final List<String> GETTERS = List.of("soc", "range", "odometer", "limitsoc", "status");

  private final Map<String, Object> vehicle;

  private EvccDoc(Map<String, Object> vehicle) {
    this.vehicle = vehicle;
  }

  @SuppressWarnings("unchecked")
  static EvccDoc read() {
    Path doc = Path.of(System.getProperty("project.basedir", "."), "docs", "evcc.md");
    String text;
    try {
      text = Files.readString(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Matcher block = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(text);
    if (!block.find()) {
      throw new IllegalStateException("docs/evcc.md has no yaml block");
    }
    Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(block.group(1));
    List<Map<String, Object>> vehicles = (List<Map<String, Object>>) root.get("vehicles");
    return new EvccDoc(vehicles.get(0));
  }

  Object get(String key) {
    return vehicle.get(key);
  }

  /** The plugin config of one key, e.g. {@code soc} → {source: mqtt, topic: …}. */
  @SuppressWarnings("unchecked")
  Map<String, Object> plugin(String key) {
    Map<String, Object> plugin = (Map<String, Object>) vehicle.get(key);
    if (plugin == null) {
      throw new AssertionError("docs/evcc.md configures no " + key);
    }
    return plugin;
  }

  /** The documented topic of {@code key}, for the given base topic and vehicle id. */
  String topic(String key, String base, String vehicleId) {
    String topic = (String) plugin(key).get("topic");
    String prefix = DOC_BASE + "/" + DOC_VEHICLE + "/";
    if (topic == null || !topic.startsWith(prefix)) {
      throw new AssertionError(key + ": the documented topic does not start with " + prefix + ": " + topic);
    }
    return base + "/" + vehicleId + "/" + topic.substring(prefix.length());
  }
}
