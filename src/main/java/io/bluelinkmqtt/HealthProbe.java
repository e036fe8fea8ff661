package io.bluelinkmqtt;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The container's {@code HEALTHCHECK}: {@code java -cp bluelink-mqtt.jar io.bluelinkmqtt.HealthProbe} asks the
 * bridge's own {@code /health} on {@code HTTP_HOST}:{@code HTTP_PORT} and exits 0 when it answers 200, else 1.
 * The JRE image has no curl or wget, and needs none: this class is in the jar already. A wildcard bind address
 * is asked on loopback; {@code /health} needs no token.
 */
public final class HealthProbe {

  static final String DEFAULT_PORT = "8080";
  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  /** The probe's verdict: the exit code and one line for {@code docker inspect}. */
  record Verdict(int exitCode, String message) {
  }

  private HealthProbe() {
  }

  public static void main(String[] args) {
    Verdict verdict = check(System.getenv(), TIMEOUT);
    System.out.println(verdict.message());
    System.exit(verdict.exitCode());
  }

  static Verdict check(Map<String, String> env, Duration timeout) {
    String port = env.getOrDefault("HTTP_PORT", DEFAULT_PORT).trim();
    if (port.equals("0")) {
      return new Verdict(1, "unhealthy: HTTP is off (HTTP_PORT=0), so there is no /health to ask");
    }
    URI uri = URI.create("http://" + probeHost(env.getOrDefault("HTTP_HOST", "")) + ":" + port + "/health");
    try {
      HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
      connection.setConnectTimeout((int) timeout.toMillis());
      connection.setReadTimeout((int) timeout.toMillis());
      int status = connection.getResponseCode();
      connection.disconnect();
      return status == 200 ? new Verdict(0, "healthy: " + uri + " answered 200")
          : new Verdict(1, "unhealthy: " + uri + " answered " + status);
    } catch (IOException | IllegalArgumentException e) {
      return new Verdict(1, "unhealthy: " + uri + " did not answer (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** Where to ask: loopback for a wildcard or empty bind address, the bind address itself otherwise. */
  static String probeHost(String bindHost) {
    String host = bindHost.trim();
    if (host.isEmpty() || host.equals("0.0.0.0")) {
      return "127.0.0.1";
    }
    if (host.equals("::") || host.equals("[::]")) {
      return "[::1]";
    }
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }
}
