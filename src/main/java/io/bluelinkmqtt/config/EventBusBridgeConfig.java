package io.bluelinkmqtt.config;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The event-bus bridges for other programs (docs/event-bus.md, "Bridges"): the TCP bridge and the SockJS bridge,
 * each off by default and on loopback by default, sharing one optional secret and one set of limits. Parsed on its
 * own, like {@link HttpConfig}, from the file section {@code "eventBusBridge"} and the EVENTBUS_* variables.
 *
 * @param secret when set, every inbound frame but a ping must carry it in the header {@code bluelink-secret}
 */
public record EventBusBridgeConfig(Listener tcp, Listener sockjs, Secret secret, Limits limits) {

  /** One bridge's listener. */
  public record Listener(boolean enabled, String host, int port) {

    /** True when it can be reached from other machines (not a loopback address). */
    public boolean exposed() {
      return !Urls.isLoopback(host);
    }
  }

  /**
   * What one client may hold, so that no client can take a bridge offline.
   *
   * @param maxFrameBytes largest inbound frame (TCP) or WebSocket message (SockJS); a larger one closes the connection
   * @param maxInFlight requests of one connection waiting for their reply; one more is refused {@code busy}
   * @param maxConnections open connections per bridge; one more is closed at once
   * @param replyTimeoutMs how long a bridged request waits for its reply (a client cannot raise it)
   */
  public record Limits(int maxFrameBytes, int maxInFlight, int maxConnections, long replyTimeoutMs) {

    public static final Limits DEFAULTS = new Limits(65_536, 16, 32, 150_000);
  }

  static final String TCP_ENABLED_PATH = "eventBusBridge.tcp.enabled";
  static final String TCP_HOST_PATH = "eventBusBridge.tcp.host";
  static final String TCP_PORT_PATH = "eventBusBridge.tcp.port";
  static final String SOCKJS_ENABLED_PATH = "eventBusBridge.sockjs.enabled";
  static final String SOCKJS_HOST_PATH = "eventBusBridge.sockjs.host";
  static final String SOCKJS_PORT_PATH = "eventBusBridge.sockjs.port";
  static final String SECRET_PATH = "eventBusBridge.secret";
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_TCP_PORT = 7000;
  public static final int DEFAULT_SOCKJS_PORT = 7001;

  /** Both bridges off: for tests and embedders. */
  public static EventBusBridgeConfig off() {
    return new EventBusBridgeConfig(new Listener(false, DEFAULT_HOST, DEFAULT_TCP_PORT),
        new Listener(false, DEFAULT_HOST, DEFAULT_SOCKJS_PORT), Secret.empty(), Limits.DEFAULTS);
  }

  public boolean anyEnabled() {
    return tcp.enabled() || sockjs.enabled();
  }

  /**
   * Reads the {@code eventBusBridge} section and its variables (the environment wins); a secret in the file is
   * refused by {@link ConfigParser} already. Throws one {@link ConfigException} listing every bad key.
   */
  public static EventBusBridgeConfig parse(JsonObject file, Map<String, String> env,
                                           ConfigParser.FileReader readFile) {
    Reader reader = new Reader(file, env);
    Listener tcp = reader.listener(TCP_ENABLED_PATH, TCP_HOST_PATH, TCP_PORT_PATH, DEFAULT_TCP_PORT);
    Listener sockjs = reader.listener(SOCKJS_ENABLED_PATH, SOCKJS_HOST_PATH, SOCKJS_PORT_PATH, DEFAULT_SOCKJS_PORT);
    Limits limits = new Limits(
        (int) reader.number("eventBusBridge.maxFrameBytes", Limits.DEFAULTS.maxFrameBytes(), 1024, 16_777_216),
        (int) reader.number("eventBusBridge.maxInFlight", Limits.DEFAULTS.maxInFlight(), 1, 1000),
        (int) reader.number("eventBusBridge.maxConnections", Limits.DEFAULTS.maxConnections(), 1, 10_000),
        reader.number("eventBusBridge.replyTimeoutMs", Limits.DEFAULTS.replyTimeoutMs(), 1000, 3_600_000));
    String secret = reader.value(SECRET_PATH);
    String secretFile = env.get(envName(SECRET_PATH) + "_FILE");
    if (secretFile != null && !secretFile.isBlank()) {
      try {
        secret = readFile.read(Path.of(secretFile));
      } catch (IOException | RuntimeException e) {
        reader.problems.add(envName(SECRET_PATH) + "_FILE: cannot read the file it names ("
            + e.getClass().getSimpleName() + ")");
      }
    }
    if (!reader.problems.isEmpty()) {
      throw new ConfigException(reader.problems);
    }
    return new EventBusBridgeConfig(tcp, sockjs, Secret.of(secret == null ? "" : secret.strip()), limits);
  }

  /** The environment name of a path, or the path itself for keys that only the file sets. */
  private static String envName(String path) {
    return EnvVars.TO_PATH.entrySet().stream().filter(e -> e.getValue().equals(path)).map(Map.Entry::getKey)
        .findFirst().orElse(path);
  }

  /** Typed reads of the section that collect problems instead of throwing. */
  private static final class Reader {

    private final JsonObject file;
    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();

    Reader(JsonObject file, Map<String, String> env) {
      this.file = file == null ? new JsonObject() : file;
      this.env = env;
    }

    Listener listener(String enabledPath, String hostPath, String portPath, int defaultPort) {
      String host = value(hostPath);
      return new Listener(bool(enabledPath), host == null || host.isBlank() ? DEFAULT_HOST : host.strip(),
          (int) number(portPath, defaultPort, 0, 65_535));
    }

    boolean bool(String path) {
      String raw = value(path);
      if (raw == null || raw.isBlank()) {
        return false;
      }
      String value = raw.strip().toLowerCase(Locale.ROOT);
      if (List.of("true", "1", "yes", "on").contains(value)) {
        return true;
      }
      if (!List.of("false", "0", "no", "off").contains(value)) {
        problems.add(label(path) + ": must be true or false");
      }
      return false;
    }

    long number(String path, long fallback, long min, long max) {
      String raw = value(path);
      if (raw == null || raw.isBlank()) {
        return fallback;
      }
      try {
        long value = Long.parseLong(raw.strip());
        if (value >= min && value <= max) {
          return value;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      problems.add(label(path) + ": must be a whole number from " + min + " to " + max);
      return fallback;
    }

    /** The environment wins over the file, as for every other key; the secret is never read from the file. */
    String value(String path) {
      String name = envName(path);
      if (!name.equals(path) && env.get(name) != null) {
        return env.get(name);
      }
      if (path.equals(SECRET_PATH)) {
        return null;
      }
      Object node = file;
      for (String part : path.split("\\.")) {
        node = node instanceof JsonObject object ? object.getValue(part) : null;
      }
      return node == null || node instanceof JsonObject ? null : String.valueOf(node);
    }

    private static String label(String path) {
      String name = envName(path);
      return name.equals(path) ? path + " (config file)" : name + " / " + path;
    }
  }
}
