package io.bluelinkmqtt.homeassistant;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What has been announced to Home Assistant, per owner (a vehicle id, or {@link DiscoveryPayloads#BRIDGE_OWNER}).
 * Keeps the configs sent in this run (to re-send them when Home Assistant comes back online) and the topics sent
 * in any run (persisted, so the entities of a car that left the account can be removed after a restart).
 *
 * <p>Entities are only ever added for a car that is still on the account: a value missing from one sparse update
 * does not remove its entity, so entities do not flap between cached and forced reads. The exception are
 * <em>replaceable</em> topics (the remote actions' entities), which follow the car's offer and the configuration,
 * not its data: one that is no longer announced is removed.
 */
final class AnnouncementLedger {

  private static final Logger LOG = LoggerFactory.getLogger(AnnouncementLedger.class);

  /**
   * The result of one announcement: the configs to publish, the topics whose configs must be emptied, and whether
   * the persisted topic set changed.
   */
  record Change(List<DiscoveryMessage> toSend, List<String> toRemove, boolean storedChanged) {
  }

  private final Map<String, Map<String, DiscoveryMessage>> sent = new LinkedHashMap<>();
  private final Map<String, Set<String>> stored = new LinkedHashMap<>();

  /** Configs that are new or differ from what this owner was last sent. */
  Change announce(String owner, List<DiscoveryMessage> messages) {
    return announce(owner, messages, topic -> false);
  }

  /**
   * Configs that are new or differ from what this owner was last sent, and the {@code replaceable} topics of this
   * owner (sent in this run or stored from an earlier one) that {@code messages} no longer holds.
   */
  Change announce(String owner, List<DiscoveryMessage> messages, Predicate<String> replaceable) {
    Set<String> current = new LinkedHashSet<>();
    messages.forEach(message -> current.add(message.topic()));
    List<String> toRemove = retireReplaced(owner, current, replaceable);
    Map<String, DiscoveryMessage> previous = sent.computeIfAbsent(owner, k -> new LinkedHashMap<>());
    Set<String> storedTopics = stored.computeIfAbsent(owner, k -> new LinkedHashSet<>());
    List<DiscoveryMessage> toSend = new ArrayList<>();
    boolean storedChanged = false;
    for (DiscoveryMessage message : messages) {
      if (!message.equals(previous.get(message.topic()))) {
        toSend.add(message);
        previous.put(message.topic(), message);
      }
      storedChanged |= storedTopics.add(message.topic());
    }
    return new Change(List.copyOf(toSend), toRemove, storedChanged || !toRemove.isEmpty());
  }

  /** Forgets this owner's {@code replaceable} topics that are not {@code current}; returns them, to be emptied. */
  List<String> retireReplaced(String owner, Set<String> current, Predicate<String> replaceable) {
    Set<String> known = new LinkedHashSet<>(stored.getOrDefault(owner, Set.of()));
    known.addAll(sent.getOrDefault(owner, Map.of()).keySet());
    List<String> retired = known.stream().filter(replaceable).filter(topic -> !current.contains(topic)).toList();
    if (stored.containsKey(owner)) {
      retired.forEach(stored.get(owner)::remove);
    }
    if (sent.containsKey(owner)) {
      retired.forEach(sent.get(owner)::remove);
    }
    return retired;
  }

  /** Every config sent in this run, for Home Assistant's birth message. */
  List<DiscoveryMessage> all() {
    return sent.values().stream().flatMap(m -> m.values().stream()).toList();
  }

  /** Forgets every vehicle not in {@code present}; returns the topics whose configs must be emptied. */
  List<String> retireAbsent(Set<String> present) {
    List<String> retired = new ArrayList<>();
    stored.entrySet().removeIf(entry -> {
      String owner = entry.getKey();
      if (owner.equals(DiscoveryPayloads.BRIDGE_OWNER) || present.contains(owner)) {
        return false;
      }
      retired.addAll(entry.getValue());
      sent.remove(owner);
      return true;
    });
    return retired;
  }

  /** The persisted form: {@code {"v":1,"announced":{"<owner>":["<topic>", ...]}}}. */
  JsonObject toJson() {
    JsonObject announced = new JsonObject();
    stored.forEach((owner, topics) -> announced.put(owner, new JsonArray(List.copyOf(topics))));
    return new JsonObject().put("v", 1).put("announced", announced);
  }

  /** Reads the persisted form, keeping only topics {@code isOwnTopic} accepts. */
  static AnnouncementLedger fromJson(JsonObject json, Predicate<String> isOwnTopic) {
    AnnouncementLedger ledger = new AnnouncementLedger();
    // a damaged file must never stop the bridge: anything but an object counts as "nothing announced"
    JsonObject announced = json != null && json.getValue("announced") instanceof JsonObject o ? o : null;
    if (announced == null) {
      return ledger;
    }
    for (String owner : announced.fieldNames()) {
      Object topics = announced.getValue(owner);
      if (!(topics instanceof JsonArray array)) {
        continue;
      }
      Set<String> kept = new LinkedHashSet<>();
      for (Object topic : array) {
        if (topic instanceof String t && isOwnTopic.test(t)) {
          kept.add(t);
        } else {
          LOG.warn("ignoring a stored discovery topic that is not ours");
        }
      }
      ledger.stored.put(owner, kept);
    }
    return ledger;
  }
}
