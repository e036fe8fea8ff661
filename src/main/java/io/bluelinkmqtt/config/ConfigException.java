package io.bluelinkmqtt.config;

import java.util.List;

/** Every problem found in the configuration at once; messages name the key and never hold a secret. */
public final class ConfigException extends RuntimeException {

  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super("invalid configuration: " + String.join("; ", problems), null, false, false);
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
