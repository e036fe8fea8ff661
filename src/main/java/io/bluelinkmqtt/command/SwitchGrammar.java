package io.bluelinkmqtt.command;

import io.bluelinkmqtt.domain.ActionCommand;
import io.bluelinkmqtt.domain.ChargeCommand;
import io.bluelinkmqtt.domain.ChargePortCommand;
import io.bluelinkmqtt.domain.CommandName;
import io.bluelinkmqtt.domain.LockCommand;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * An action with two words and no parameters, as a shorthand or {@code {"action":<word>,"id":…}}:
 * {@code commands/lock} ({@code lock} | {@code unlock}), {@code commands/charge} ({@code start} | {@code stop}) and
 * {@code commands/charge_port} ({@code open} | {@code close}).
 */
final class SwitchGrammar extends ActionGrammar {

  private final String on;
  private final BiFunction<String, Boolean, ActionCommand> command;

  private SwitchGrammar(CommandName name, String on, String off, BiFunction<String, Boolean, ActionCommand> command) {
    super(name, new LinkedHashSet<>(List.of(on, off)), Set.of());
    this.on = on;
    this.command = command;
  }

  static SwitchGrammar lock() {
    return new SwitchGrammar(CommandName.LOCK, "lock", "unlock", LockCommand::new);
  }

  static SwitchGrammar charge() {
    return new SwitchGrammar(CommandName.CHARGE, "start", "stop", ChargeCommand::new);
  }

  static SwitchGrammar chargePort() {
    return new SwitchGrammar(CommandName.CHARGE_PORT, "open", "close", ChargePortCommand::new);
  }

  @Override
  ActionCommand build(String vehicleId, String action, JsonObject json) {
    return command.apply(vehicleId, action.equals(on));
  }
}
