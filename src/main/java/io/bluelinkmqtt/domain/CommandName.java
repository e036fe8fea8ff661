package io.bluelinkmqtt.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * Every command the bridge serves, by the last level of its topic {@code {base}/{vehicle}/commands/<name>}.
 * The one list of command topics: the MQTT subscription, the parser's grammars and the outcome's {@code command}
 * field all come from it. A new command (an action) is one constant here, one {@link VehicleCommand} record
 * and one grammar.
 */
public enum CommandName {
  REFRESH, LOCK, CLIMATE, CHARGE, CHARGE_LIMITS, CHARGING_CURRENT, CHARGE_PORT, WINDOWS, HAZARD, HORN_LIGHTS;

  /** The topic level and the outcome's {@code command} value: {@code refresh}, {@code charge_limits}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The command a topic level names; case-sensitive, so {@code REFRESH} is no command. */
  public static Optional<CommandName> fromWire(String level) {
    for (CommandName name : values()) {
      if (name.wireName().equals(level)) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }
}
