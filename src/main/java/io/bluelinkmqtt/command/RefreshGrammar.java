package io.bluelinkmqtt.command;

import io.bluelinkmqtt.command.CommandParser.Reasons;
import io.bluelinkmqtt.domain.CommandName;
import io.bluelinkmqtt.domain.RefreshCommand;
import io.bluelinkmqtt.domain.RefreshMode;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code commands/refresh}: plain text {@code cached | force | smart:<N>} (ASCII case ignored, printable ASCII
 * only, so look-alike letters never match; no whitespace trimmed) or a one-line JSON object
 * {@code {"mode", "max_age"?, "override"?, "id"?}} (keys and values case-sensitive).
 */
final class RefreshGrammar implements CommandGrammar {

  /** More digits than this can never be within range: rejected before parsing to a number. */
  private static final int MAX_AGE_DIGITS = 12;

  private final long maxSmartAgeSeconds;

  RefreshGrammar(long maxSmartAgeSeconds) {
    this.maxSmartAgeSeconds = maxSmartAgeSeconds;
  }

  @Override
  public CommandName name() {
    return CommandName.REFRESH;
  }

  @Override
  public ParseResult parse(String vehicleId, String text) {
    return text.charAt(0) == '{' ? parseJson(vehicleId, text) : parsePlain(vehicleId, text);
  }

  private ParseResult parsePlain(String vehicle, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= ' ' || c > '~') {
        return reject(vehicle, Reasons.UNKNOWN_MODE, null);
      }
    }
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.equals("cached")) {
      return accept(vehicle, RefreshMode.CACHED, 0, false, null);
    }
    if (lower.equals("force")) {
      return accept(vehicle, RefreshMode.FORCE, 0, false, null);
    }
    if (lower.equals("smart")) {
      return reject(vehicle, Reasons.SMART_AGE_MISSING, null);
    }
    if (lower.startsWith("smart:")) {
      String digits = lower.substring("smart:".length());
      if (digits.isEmpty()) {
        return reject(vehicle, Reasons.SMART_AGE_MISSING, null);
      }
      for (int i = 0; i < digits.length(); i++) {
        if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
          return reject(vehicle, Reasons.SMART_AGE_NOT_NUMBER, null);
        }
      }
      return smart(vehicle, digits.length() > MAX_AGE_DIGITS ? -1 : Long.parseLong(digits), false, null);
    }
    return reject(vehicle, Reasons.UNKNOWN_MODE, null);
  }

  private ParseResult smart(String vehicle, long age, boolean override, String id) {
    if (age < 0 || age > maxSmartAgeSeconds) {
      return reject(vehicle, Reasons.SMART_AGE_RANGE + " 0.." + maxSmartAgeSeconds, id);
    }
    return accept(vehicle, RefreshMode.SMART, age, override, id);
  }

  private ParseResult parseJson(String vehicle, String text) {
    JsonObject json;
    try {
      json = new JsonObject(text);
    } catch (RuntimeException e) {
      // DecodeException, Jackson's nesting/size constraints, a top-level array: all the same to the sender
      return reject(vehicle, Reasons.INVALID_JSON, null);
    }
    Object idValue = json.getValue("id");
    if (idValue != null && !CommandGrammar.isCorrelationId(idValue)) {
      return reject(vehicle, Reasons.JSON_ID, null);
    }
    String id = (String) idValue;
    Object overrideValue = json.getValue("override");
    if (overrideValue != null && !(overrideValue instanceof Boolean)) {
      return reject(vehicle, Reasons.JSON_OVERRIDE, id);
    }
    boolean override = Boolean.TRUE.equals(overrideValue);
    Optional<RefreshMode> mode = json.getValue("mode") instanceof String s ? RefreshMode.fromWire(s) : Optional.empty();
    if (mode.isEmpty()) {
      return reject(vehicle, Reasons.JSON_MODE, id);
    }
    Object maxAge = json.getValue("max_age");
    if (mode.get() != RefreshMode.SMART) {
      return maxAge != null ? reject(vehicle, Reasons.JSON_MAX_AGE_UNEXPECTED, id)
          : accept(vehicle, mode.get(), 0, override, id);
    }
    if (maxAge == null) {
      return reject(vehicle, Reasons.JSON_MAX_AGE_MISSING, id);
    }
    if (maxAge instanceof Integer || maxAge instanceof Long) {
      return smart(vehicle, ((Number) maxAge).longValue(), override, id);
    }
    if (maxAge instanceof BigInteger) {
      return smart(vehicle, -1, override, id);
    }
    return reject(vehicle, Reasons.JSON_MAX_AGE_TYPE, id);
  }

  private static ParsedCommand accept(String vehicle, RefreshMode mode, long maxAge, boolean override, String id) {
    return new ParsedCommand(new RefreshCommand(vehicle, mode, maxAge, override), id);
  }

  private static CommandRejected reject(String vehicle, String reason, String id) {
    return new CommandRejected(vehicle, reason, id, null, CommandName.REFRESH);
  }
}
