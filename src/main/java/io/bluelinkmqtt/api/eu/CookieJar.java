package io.bluelinkmqtt.api.eu;

import io.vertx.core.MultiMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The cookies of one login attempt (C1–C3 must share a session). Deliberately simple: one jar per
 * attempt, name=value pairs, sent to every host of the attempt; discarded afterwards. Values are
 * never logged.
 */
final class CookieJar {

  private final Map<String, String> cookies = new LinkedHashMap<>();

  void store(MultiMap responseHeaders) {
    for (String header : responseHeaders.getAll("Set-Cookie")) {
      String pair = header.split(";", 2)[0];
      int eq = pair.indexOf('=');
      if (eq > 0) {
        cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
    }
  }

  Optional<String> header(String host) {
    if (cookies.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("; ")));
  }

  @Override
  public String toString() {
    return "CookieJar[" + cookies.size() + " cookies]";
  }
}
