package io.bluelinkmqtt.mqtt;

import io.bluelinkmqtt.config.AppConfig.HomeAssistantConfig;
import io.bluelinkmqtt.publish.Topics;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The bridge's MQTT surface: what it subscribes to, what an inbound message means, and which topics
 * it may write. Inbound messages are hostile input: only our command shape is forwarded (its
 * payload untouched, the CommandVerticle validates it), a retained command is never forwarded (a
 * stray retained "force" would otherwise fire at every reconnect), everything else is ignored.
 */
public final class CommandRouter {

  /** What to do with one inbound message. */
  public enum Kind { COMMAND, HA_STATUS, RETAINED_COMMAND, IGNORED }

  /**
   * @param warnNow true for the first retained command seen on a topic, so it is logged once
   */
  public record Route(Kind kind, boolean warnNow) {
  }

  /** Topics remembered for the once-per-topic warning; hostile publishers cannot grow it further. */
  static final int MAX_WARNED_TOPICS = 256;

  private final Topics topics;
  private final String haStatusTopic;
  private final String haPrefix;
  private final Set<String> warnedRetained = new HashSet<>();

  public CommandRouter(Topics topics, HomeAssistantConfig homeAssistant) {
    this.topics = topics;
    boolean discovery = homeAssistant.discovery() && isValidPrefix(homeAssistant.prefix());
    this.haPrefix = discovery ? homeAssistant.prefix() : null;
    this.haStatusTopic = discovery ? Topics.homeAssistantStatus(homeAssistant.prefix()) : null;
  }

  /** Everything we subscribe to after each connect: our commands, and Home Assistant's status if discovery is on. */
  public Map<String, Integer> subscriptions(int qos) {
    Map<String, Integer> filters = new LinkedHashMap<>();
    topics.commandFilters().forEach(filter -> filters.put(filter, qos));
    filters.put(topics.bridgeOtpCommand(), qos); // the owner's one-time-code answers (forwarded as a command)
    if (haStatusTopic != null) {
      filters.put(haStatusTopic, qos);
    }
    return filters;
  }

  public Route route(String topic, boolean retained) {
    if (haStatusTopic != null && haStatusTopic.equals(topic)) {
      return new Route(Kind.HA_STATUS, false);
    }
    if (topics.parseCommandTopic(topic).isEmpty()) {
      return new Route(Kind.IGNORED, false);
    }
    if (retained) {
      boolean first = warnedRetained.size() < MAX_WARNED_TOPICS && warnedRetained.add(topic);
      return new Route(Kind.RETAINED_COMMAND, first);
    }
    return new Route(Kind.COMMAND, false);
  }

  /**
   * Topics the bridge may publish on behalf of other verticles: under the base topic (except the
   * bridge's own state, which only this package writes) or, with discovery on, under the discovery
   * prefix. No wildcards, no NUL, no empty level.
   */
  public boolean mayPublish(String topic) {
    if (topic == null || topic.equals(topics.bridgeState())) {
      return false;
    }
    if (topics.isOwnTopic(topic)) {
      return true;
    }
    return haPrefix != null && topic.startsWith(haPrefix + "/") && isCleanTopic(topic);
  }

  private static boolean isCleanTopic(String topic) {
    return topic.indexOf('+') < 0 && topic.indexOf('#') < 0 && topic.indexOf('\0') < 0
        && !topic.contains("//") && !topic.endsWith("/") && !topic.startsWith("/");
  }

  private static boolean isValidPrefix(String prefix) {
    return prefix != null && !prefix.isEmpty() && !prefix.startsWith("$") && isCleanTopic(prefix);
  }
}
