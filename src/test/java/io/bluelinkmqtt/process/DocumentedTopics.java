package io.bluelinkmqtt.process;

import io.bluelinkmqtt.homeassistant.DiscoveryMessage;
import io.bluelinkmqtt.publish.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The QoS and retain flag of each topic as docs/mqtt-topics.md documents them (rows like
 * {@code | `battery/level` | 1 | yes | …}): vehicle leaves under {@code {base}/{id}/}, {@code bridge/…} under the base.
 * Home Assistant discovery configs ({@code <prefix>/…/config}) are retained with {@link DiscoveryMessage#QOS}.
 */
final class DocumentedTopics {

  /** How one topic is published. */
  record Row(int qos, boolean retained) {
  }

  private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9_/]+)` \\| ([012]) \\| (yes|no) \\|");

  private final Map<String, Row> leaves;
  private final String base;
  private final String discoveryPrefix;

  private DocumentedTopics(Map<String, Row> leaves, String base, String discoveryPrefix) {
    this.leaves = leaves;
    this.base = base;
    this.discoveryPrefix = discoveryPrefix;
  }

  static DocumentedTopics read(String base, String discoveryPrefix) {
    Path doc = Path.of(System.getProperty("project.basedir", "."), "docs", "mqtt-topics.md");
    Map<String, Row> leaves = new LinkedHashMap<>();
    try {
      for (String line : Files.readAllLines(doc)) {
        Matcher m = ROW.matcher(line);
        if (m.find()) {
          leaves.put(m.group(1), new Row(Integer.parseInt(m.group(2)), m.group(3).equals("yes")));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (leaves.size() < 30) {
      throw new IllegalStateException("docs/mqtt-topics.md lost its topic tables: " + leaves.keySet());
    }
    return new DocumentedTopics(leaves, base, discoveryPrefix);
  }

  /** The documented row of a concrete topic, when it is one of the documented ones. */
  Optional<Row> of(String topic) {
    if (topic.startsWith(discoveryPrefix + "/") && topic.endsWith("/config")) {
      return Optional.of(new Row(DiscoveryMessage.QOS, true));
    }
    if (!topic.startsWith(base + "/")) {
      return Optional.empty();
    }
    String rest = topic.substring(base.length() + 1);
    if (rest.startsWith(Topics.BRIDGE + "/")) {
      return Optional.ofNullable(leaves.get(rest));
    }
    int slash = rest.indexOf('/');
    return slash < 0 ? Optional.empty() : Optional.ofNullable(leaves.get(rest.substring(slash + 1)));
  }
}
