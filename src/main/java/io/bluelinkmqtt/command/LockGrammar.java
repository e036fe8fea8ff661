package io.bluelinkmqtt.command;

import io.bluelinkmqtt.domain.ActionCommand;
import io.bluelinkmqtt.domain.CommandName;
import io.bluelinkmqtt.domain.LockCommand;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** {@code commands/lock}: {@code lock} | {@code unlock}, or {@code {"action":"unlock","id":…}}. */
final class LockGrammar extends ActionGrammar {

  LockGrammar() {
    super(CommandName.LOCK, new LinkedHashSet<>(List.of("lock", "unlock")), Set.of());
  }

  @Override
  ActionCommand build(String vehicleId, String action, JsonObject json) {
    return new LockCommand(vehicleId, action.equals("lock"));
  }
}
