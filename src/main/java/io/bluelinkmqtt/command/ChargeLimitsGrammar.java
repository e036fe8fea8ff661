package io.bluelinkmqtt.command;

import io.bluelinkmqtt.domain.ActionCommand;
import io.bluelinkmqtt.domain.ChargeLimitsCommand;
import io.bluelinkmqtt.domain.CommandName;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * {@code commands/charge_limits}: {@code {"ac":80,"dc":90}} (no {@code "action"}; {@code "id"} and {@code "ts"} as
 * usual), levels 50–100 in steps of 10; one of the two may be left out to keep the car's current value. There is no
 * plain-text form.
 */
final class ChargeLimitsGrammar extends ActionGrammar {

  static final String AC = "\"ac\" must be 50 to 100 in steps of 10";
  static final String DC = "\"dc\" must be 50 to 100 in steps of 10";
  static final String REQUIRED = "\"ac\" or \"dc\" is required";
  static final String JSON_ONLY = "charge_limits takes a JSON object: {\"ac\":80,\"dc\":90}";

  ChargeLimitsGrammar() {
    super(CommandName.CHARGE_LIMITS, Set.of("set"), Set.of("ac", "dc"));
  }

  @Override
  String implicitAction(JsonObject json) {
    return "set";
  }

  @Override
  String shorthandRejection() {
    return JSON_ONLY;
  }

  @Override
  ActionCommand build(String vehicleId, String action, JsonObject json) {
    if (json == null) {
      throw new InvalidParameter(JSON_ONLY);
    }
    Integer ac = json.containsKey("ac") ? level(json.getValue("ac"), AC) : null;
    Integer dc = json.containsKey("dc") ? level(json.getValue("dc"), DC) : null;
    if (ac == null && dc == null) {
      throw new InvalidParameter(REQUIRED);
    }
    return new ChargeLimitsCommand(vehicleId, ac, dc);
  }

  private static Integer level(Object value, String reason) {
    if ((value instanceof Integer || value instanceof Long) && ChargeLimitsCommand.valid(((Number) value).longValue())) {
      return ((Number) value).intValue();
    }
    throw new InvalidParameter(reason);
  }
}
