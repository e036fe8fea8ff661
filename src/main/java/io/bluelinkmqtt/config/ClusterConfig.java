package io.bluelinkmqtt.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Clustered mode ({@code cluster.*}, {@code CLUSTER_*}, {@code --cluster}, {@code --roles}); see docs/deployment.md.
 *
 * @param host the interface Hazelcast and the clustered event bus bind to (never a wildcard by default)
 * @param port Hazelcast's port on {@code host}
 * @param members every node of the cluster, {@code host:port} (this one included); TCP/IP join, never multicast
 * @param roles what this node runs: {@code front} (MQTT bridge, commands, publisher, discovery, evcc, HTTP) and/or
 *     {@code api} (competes for each account's seat)
 * @param quorum members that must be in view for this node to hold a seat (split rule); default a majority of
 *     {@code members}
 * @param failureDetectionSeconds how long a silent member stays in the cluster (Hazelcast's heartbeat limit)
 * @param handoverWaitMs how long a request waits for an account's seat during a hand-over
 */
public record ClusterConfig(boolean enabled, String host, int port, List<String> members, Set<String> roles,
                            int quorum, int failureDetectionSeconds, long handoverWaitMs) {

  public static final Set<String> ROLES = Set.of("front", "api");
  public static final ClusterConfig OFF = new ClusterConfig(false, "127.0.0.1", 5701, List.of(), ROLES, 1, 5, 15_000);

  public ClusterConfig {
    members = List.copyOf(members);
    roles = Set.copyOf(roles);
  }

  /** The environment variables it reads. */
  public static List<String> envNames() {
    return List.of("CLUSTER_ENABLED", "CLUSTER_HOST", "CLUSTER_PORT", "CLUSTER_MEMBERS", "CLUSTER_ROLES",
        "CLUSTER_QUORUM", "CLUSTER_FAILURE_DETECTION_SECONDS");
  }

  /**
   * @param forceEnabled {@code --cluster} was given
   * @param rolesOverride {@code --roles}, or null
   */
  public static ClusterConfig parse(JsonObject file, Map<String, String> env, boolean forceEnabled,
                                    String rolesOverride) {
    JsonObject tree = file != null && file.getValue("cluster") instanceof JsonObject c ? c : new JsonObject();
    List<String> problems = new ArrayList<>();
    boolean enabled = forceEnabled || bool(value(tree, env, "enabled", "CLUSTER_ENABLED"));
    String host = value(tree, env, "host", "CLUSTER_HOST");
    host = host.isBlank() ? "127.0.0.1" : host.strip();
    int port = (int) number(value(tree, env, "port", "CLUSTER_PORT"), 5701, 1, 65535, "cluster.port", problems);
    List<String> members = new ArrayList<>();
    Object listed = env.containsKey("CLUSTER_MEMBERS") ? env.get("CLUSTER_MEMBERS") : tree.getValue("members");
    if (listed instanceof JsonArray array) {
      array.forEach(m -> members.add(String.valueOf(m).strip()));
    } else if (listed instanceof String text && !text.isBlank()) {
      for (String m : text.split(",")) {
        members.add(m.strip());
      }
    }
    for (String member : members) {
      if (!member.matches("[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}")) {
        problems.add("cluster.members: '" + (member.length() > 40 ? member.substring(0, 40) : member)
            + "' is not host:port");
      }
    }
    String rolesText = rolesOverride != null ? rolesOverride : value(tree, env, "roles", "CLUSTER_ROLES");
    Set<String> roles = new LinkedHashSet<>();
    if (rolesText.isBlank()) {
      roles.addAll(ROLES);
    } else {
      for (String role : rolesText.split(",")) {
        String r = role.strip().toLowerCase(Locale.ROOT);
        if (!ROLES.contains(r)) {
          problems.add("cluster.roles: unknown role '" + r.replaceAll("[^a-z_-]", "?") + "' (known: front, api)");
        } else {
          roles.add(r);
        }
      }
    }
    int quorum = (int) number(value(tree, env, "quorum", "CLUSTER_QUORUM"), members.size() / 2 + 1, 1, 1000,
        "cluster.quorum", problems);
    int detection = (int) number(value(tree, env, "failureDetectionSeconds", "CLUSTER_FAILURE_DETECTION_SECONDS"), 5,
        2, 600, "cluster.failureDetectionSeconds", problems);
    long handover = number(tree.getValue("handoverWaitMs") == null ? "" : String.valueOf(tree.getValue("handoverWaitMs")),
        15_000, 1000, 600_000, "cluster.handoverWaitMs", problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new ClusterConfig(enabled, host, port, members, roles, quorum, detection, handover);
  }

  private static String value(JsonObject tree, Map<String, String> env, String key, String envName) {
    String fromEnv = env.get(envName);
    if (fromEnv != null) {
      return fromEnv;
    }
    Object v = tree.getValue(key);
    return v == null ? "" : String.valueOf(v);
  }

  private static boolean bool(String raw) {
    return List.of("true", "1", "yes", "on").contains(raw.strip().toLowerCase(Locale.ROOT));
  }

  private static long number(String raw, long fallback, long min, long max, String name, List<String> problems) {
    if (raw.isBlank()) {
      return fallback;
    }
    try {
      long v = Long.parseLong(raw.strip());
      if (v < min || v > max) {
        problems.add(name + ": " + v + " is outside " + min + ".." + max);
        return fallback;
      }
      return v;
    } catch (NumberFormatException e) {
      problems.add(name + ": not a whole number");
      return fallback;
    }
  }
}
