package io.bluelinkmqtt.command;

import io.bluelinkmqtt.domain.ActionCommand;
import io.bluelinkmqtt.domain.ChargeCommand;
import io.bluelinkmqtt.domain.CommandName;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@code commands/charge}: {@code start} | {@code stop}, or {@code {"action":"stop","id":…}}. */
final class ChargeGrammar extends ActionGrammar {

  ChargeGrammar() {
    super(CommandName.CHARGE, new LinkedHashSet<>(List.of("start", "stop")), Set.of());
  }

  @Override
  ActionCommand build(String vehicleId, String action, JsonObject json) {
    return new ChargeCommand(vehicleId, action.equals("start"));
  }
}
