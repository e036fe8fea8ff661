package io.bluelinkmqtt.config;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The HTTP server (health, readiness, metrics, status page). Kept apart from {@link AppConfig} so it is parsed
 * on its own from the same file section {@code "http"} and the same environment (HTTP_HOST, HTTP_PORT,
 * HTTP_AUTH_TOKEN or HTTP_AUTH_TOKEN_FILE).
 *
 * @param port 0 turns the server off
 * @param authToken when set, every path but {@code /health} needs {@code Authorization: Bearer <token>}
 */
public record HttpConfig(String host, int port, Secret authToken) {

  static final String HOST_PATH = "http.host";
  static final String PORT_PATH = "http.port";
  static final String AUTH_TOKEN_PATH = "http.authToken";
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;

  public boolean enabled() {
    return port > 0;
  }

  /** True when the server can be reached from other machines (not a loopback address). */
  public boolean exposed() {
    return !Urls.isLoopback(host);
  }

  /** The server off: for tests and embedders that start no HTTP. */
  public static HttpConfig off() {
    return new HttpConfig(DEFAULT_HOST, 0, Secret.empty());
  }

  /**
   * Reads the {@code http} section and its environment variables; a secret in the file is refused by
   * {@link ConfigParser} already. Throws one {@link ConfigException} listing every bad key.
   */
  public static HttpConfig parse(JsonObject file, Map<String, String> env, ConfigParser.FileReader readFile) {
    JsonObject section = file == null || file.getJsonObject("http") == null ? new JsonObject()
        : file.getJsonObject("http");
    List<String> problems = new ArrayList<>();
    String host = setting(env, HOST_PATH, section.getValue("host"));
    String port = setting(env, PORT_PATH, section.getValue("port"));
    String token = setting(env, AUTH_TOKEN_PATH, null);
    String tokenFile = env.get(envName(AUTH_TOKEN_PATH) + "_FILE");
    if (tokenFile != null && !tokenFile.isBlank()) {
      try {
        token = readFile.read(Path.of(tokenFile)).strip();
      } catch (IOException | RuntimeException e) {
        problems.add(envName(AUTH_TOKEN_PATH) + "_FILE: cannot read the file it names (" + e.getClass().getSimpleName()
            + ")");
      }
    }
    host = host == null || host.isBlank() ? DEFAULT_HOST : host.strip();
    int portNumber = DEFAULT_PORT;
    if (port != null && !port.isBlank()) {
      try {
        portNumber = Integer.parseInt(port.strip());
      } catch (NumberFormatException e) {
        portNumber = -1;
      }
      if (portNumber < 0 || portNumber > 65_535) {
        problems.add(envName(PORT_PATH) + " / " + PORT_PATH + ": must be 0 (off) to 65535");
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new HttpConfig(host, portNumber, Secret.of(token == null ? "" : token.strip()));
  }

  /** The environment wins over the file, as for every other key. */
  private static String setting(Map<String, String> env, String path, Object fileValue) {
    String fromEnv = env.get(envName(path));
    if (fromEnv != null) {
      return fromEnv;
    }
    return fileValue == null ? null : String.valueOf(fileValue);
  }

  private static String envName(String path) {
    return EnvVars.TO_PATH.entrySet().stream().filter(e -> e.getValue().equals(path)).map(Map.Entry::getKey)
        .findFirst().orElseThrow();
  }
}
