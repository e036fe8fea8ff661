package io.bluelinkmqtt.command;

import io.bluelinkmqtt.domain.ActionCommand;
import io.bluelinkmqtt.domain.CommandName;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The grammar every action topic shares: a plain-text shorthand ({@code unlock}; ASCII case ignored, printable
 * ASCII only, nothing trimmed) or a one-line JSON object whose {@code "action"} holds the shorthand, beside the
 * action's parameters, an optional correlation {@code "id"} and an optional {@code "ts"} (epoch seconds when the
 * sender sent it). Any other key is refused by name, so a typo never silently falls back to a default.
 */
abstract class ActionGrammar implements CommandGrammar {

  static final String UNKNOWN_ACTION = "unknown action, expected ";
  static final String JSON_ACTION = "\"action\" must be one of ";
  static final String JSON_TS = "\"ts\" must be epoch seconds";
  static final String JSON_UNKNOWN_FIELD = "unknown field ";
  private static final Set<String> COMMON_FIELDS = Set.of("action", "id", "ts");

  private final CommandName name;
  private final Set<String> actions;
  private final Set<String> parameters;

  /**
   * @param actions the shorthands, in the order the rejection lists them
   * @param parameters the JSON keys beside {@code action}, {@code id} and {@code ts}
   */
  ActionGrammar(CommandName name, Set<String> actions, Set<String> parameters) {
    this.name = name;
    this.actions = actions;
    this.parameters = parameters;
  }

  @Override
  public final CommandName name() {
    return name;
  }

  /**
   * Builds the command.
   *
   * @param json the JSON form, or null for the shorthand (then every parameter takes its default)
   * @throws InvalidParameter naming the field that is wrong
   */
  abstract ActionCommand build(String vehicleId, String action, JsonObject json);

  /**
   * The action of a JSON form without {@code "action"} (charge limits, windows set one by one), or null when the
   * grammar needs one.
   */
  String implicitAction(JsonObject json) {
    return null;
  }

  @Override
  public final ParseResult parse(String vehicleId, String text) {
    if (text.charAt(0) != '{') {
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) <= ' ' || text.charAt(i) > '~') {
          return reject(vehicleId, shorthandRejection(), null);
        }
      }
      String action = text.toLowerCase(Locale.ROOT);
      return actions.contains(action) ? accept(vehicleId, action, null, null, null)
          : reject(vehicleId, shorthandRejection(), null);
    }
    JsonObject json;
    try {
      json = new JsonObject(text);
    } catch (RuntimeException e) {
      return reject(vehicleId, CommandParser.Reasons.INVALID_JSON, null);
    }
    Object idValue = json.getValue("id");
    if (idValue != null && !CommandGrammar.isCorrelationId(idValue)) {
      return reject(vehicleId, CommandParser.Reasons.JSON_ID, null);
    }
    String id = (String) idValue;
    Set<String> unknown = new HashSet<>(json.fieldNames());
    unknown.removeAll(COMMON_FIELDS);
    unknown.removeAll(parameters);
    if (!unknown.isEmpty()) {
      String field = unknown.stream().sorted().findFirst().orElseThrow();
      return reject(vehicleId, JSON_UNKNOWN_FIELD + (Topicsafe.isPlain(field) ? "\"" + field + "\"" : "(unreadable)"),
          id);
    }
    Long sentAt = null;
    if (json.containsKey("ts")) {
      if (!(json.getValue("ts") instanceof Number ts) || ts.doubleValue() < 0 || ts.doubleValue() > 1e11) {
        return reject(vehicleId, JSON_TS, id);
      }
      sentAt = (long) (ts.doubleValue() * 1000);
    }
    Object action = json.getValue("action");
    if (action == null && !json.containsKey("action") && implicitAction(json) != null) {
      return accept(vehicleId, implicitAction(json), json, id, sentAt);
    }
    if (action instanceof Integer || action instanceof Long) {
      action = action.toString(); // {"action":90} reads as the shorthand 90
    }
    if (!(action instanceof String a) || !actions.contains(a)) {
      return reject(vehicleId, JSON_ACTION + expected(), id);
    }
    return accept(vehicleId, (String) action, json, id, sentAt);
  }

  private ParseResult accept(String vehicleId, String action, JsonObject json, String id, Long sentAt) {
    try {
      return new ParsedCommand(build(vehicleId, action, json), id, sentAt);
    } catch (InvalidParameter e) {
      return reject(vehicleId, e.getMessage(), id);
    }
  }

  /** Why a plain-text payload is no shorthand of this action. */
  String shorthandRejection() {
    return UNKNOWN_ACTION + expected();
  }

  private String expected() {
    return String.join(", ", actions);
  }

  private CommandRejected reject(String vehicleId, String reason, String id) {
    return new CommandRejected(vehicleId, reason, id, null, name);
  }

  /** A parameter that is missing, of the wrong type or out of range; the message names it. */
  static final class InvalidParameter extends RuntimeException {
    InvalidParameter(String message) {
      super(message, null, false, false);
    }
  }

  /** Field names echoed in a rejection: only short plain ones, never arbitrary input. */
  private static final class Topicsafe {
    static boolean isPlain(String field) {
      return field.matches("[a-z_]{1,32}");
    }
  }
}
