package io.bluelinkmqtt.mqtt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last value of every retained topic the bridge published. A broker that lost its retained store
 * (Mosquitto after SIGKILL) or a bridge that was offline gets all of it again after each connect.
 * An empty retained payload clears the topic on the broker, so it deletes the entry here as well.
 * Bounded: topics are a fixed set per vehicle, so the cap only guards against a runaway publisher.
 */
public final class RetainedState {

  private static final Logger LOG = LoggerFactory.getLogger(RetainedState.class);
  /** About 30 topics per vehicle plus discovery configs: room for a few thousand cars. */
  static final int MAX_TOPICS = 200_000;

  /** One remembered retained message. */
  public record Entry(String topic, String payload, int qos) {
  }

  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private boolean fullReported;

  /** Remembers (or, for an empty payload, forgets) the retained value of {@code topic}. */
  public void remember(String topic, String payload, int qos) {
    if (payload.isEmpty()) {
      entries.remove(topic);
      return;
    }
    if (!entries.containsKey(topic) && entries.size() >= MAX_TOPICS) {
      if (!fullReported) {
        fullReported = true; // once: a runaway publisher must not also flood the log
        LOG.warn("retained state is full ({} topics); further new topics are not republished after reconnects",
            MAX_TOPICS);
      }
      return;
    }
    entries.put(topic, new Entry(topic, payload, qos));
  }

  /** Everything to republish, in first-published order. */
  public List<Entry> entries() {
    return List.copyOf(entries.values());
  }

  public int size() {
    return entries.size();
  }
}
