package io.bluelinkmqtt.command;

import io.bluelinkmqtt.domain.ActionCommand;
import io.bluelinkmqtt.domain.ChargingCurrentCommand;
import io.bluelinkmqtt.domain.CommandName;
import io.bluelinkmqtt.domain.SignalCommand;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * An action named by one word and nothing else: {@code commands/charging_current} ({@code 100} | {@code 90} |
 * {@code 60}; {@code {"action":90}} too), {@code commands/hazard} and {@code commands/horn_lights} ({@code on}).
 */
final class WordGrammar extends ActionGrammar {

  private final BiFunction<String, String, ActionCommand> command;

  private WordGrammar(CommandName name, List<String> words, BiFunction<String, String, ActionCommand> command) {
    super(name, new LinkedHashSet<>(words), Set.of());
    this.command = command;
  }

  static WordGrammar chargingCurrent() {
    return new WordGrammar(CommandName.CHARGING_CURRENT,
        ChargingCurrentCommand.LEVELS.stream().map(String::valueOf).toList(),
        (vehicle, word) -> new ChargingCurrentCommand(vehicle, Integer.parseInt(word)));
  }

  static WordGrammar signal(CommandName name) {
    return new WordGrammar(name, List.of("on"), (vehicle, word) -> new SignalCommand(vehicle, name));
  }

  @Override
  ActionCommand build(String vehicleId, String action, JsonObject json) {
    return command.apply(vehicleId, action);
  }
}
