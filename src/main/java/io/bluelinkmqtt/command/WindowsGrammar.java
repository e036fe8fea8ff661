package io.bluelinkmqtt.command;

import io.bluelinkmqtt.domain.ActionCommand;
import io.bluelinkmqtt.domain.CommandName;
import io.bluelinkmqtt.domain.WindowsCommand;
import io.bluelinkmqtt.domain.WindowsCommand.Position;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code commands/windows}: {@code open} | {@code close} | {@code vent} for all four windows, or one by one
 * {@code {"front_left":"open","rear_right":"vent"}} (no {@code "action"}; a window left out is closed, the safe
 * position, since the cloud always sets all four).
 */
final class WindowsGrammar extends ActionGrammar {

  static final String WINDOW = " must be open, close or vent";
  static final String EITHER = "give either \"action\" or the windows, not both";
  private static final List<String> WINDOWS = List.of("front_left", "front_right", "rear_left", "rear_right");

  WindowsGrammar() {
    super(CommandName.WINDOWS, new LinkedHashSet<>(List.of("open", "close", "vent")), Set.copyOf(WINDOWS));
  }

  @Override
  String implicitAction(JsonObject json) {
    return WINDOWS.stream().anyMatch(json::containsKey) ? "custom" : null;
  }

  @Override
  ActionCommand build(String vehicleId, String action, JsonObject json) {
    boolean oneByOne = json != null && WINDOWS.stream().anyMatch(json::containsKey);
    if (!action.equals("custom")) {
      if (oneByOne) {
        throw new InvalidParameter(EITHER);
      }
      return WindowsCommand.all(vehicleId, Position.valueOf(action.toUpperCase(java.util.Locale.ROOT)));
    }
    return new WindowsCommand(vehicleId, position(json, "front_left"), position(json, "front_right"),
        position(json, "rear_left"), position(json, "rear_right"));
  }

  private static Position position(JsonObject json, String window) {
    Object value = json.getValue(window);
    if (value == null && !json.containsKey(window)) {
      return Position.CLOSE;
    }
    for (Position p : Position.values()) {
      if (p.wireName().equals(value)) {
        return p;
      }
    }
    throw new InvalidParameter("\"" + window + "\"" + WINDOW);
  }
}
