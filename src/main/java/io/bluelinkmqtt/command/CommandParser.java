package io.bluelinkmqtt.command;

import io.bluelinkmqtt.domain.RefreshMode;
import io.bluelinkmqtt.publish.Topics;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns one hostile MQTT message (topic + payload bytes) into a {@link ParsedCommand} or a
 * {@link CommandRejected}. Pure and thread-safe; it never throws for any input.
 *
 * <p>Checks, in this order (the first that fails decides the reason):
 * <ol>
 *   <li>payload size, before any decoding ({@code maxPayloadBytes});</li>
 *   <li>topic shape: exactly {@code {base}/{id}/commands/{name}}, and the name is {@code refresh};</li>
 *   <li>vehicle segment: a valid topic level ({@link Topics#isVehicleId}) and in the allow-list;</li>
 *   <li>strict UTF-8, no byte order mark, no control characters (NUL, CR, LF, TAB included);</li>
 *   <li>grammar: plain text {@code cached | force | smart:<N>} or a one-line JSON object.</li>
 * </ol>
 *
 * <p>Case: the plain-text keywords are matched ignoring ASCII case ({@code FORCE}, {@code Smart:60}
 * are accepted); the payload must otherwise be printable ASCII, so look-alike letters from other
 * scripts never match. No whitespace is trimmed. JSON keys and mode values are case-sensitive.
 */
public final class CommandParser {

  /** The fixed reason texts; tests and docs/mqtt-topics.md use the same words. */
  public static final class Reasons {
    public static final String TOO_LARGE = "payload too large";
    public static final String NOT_A_COMMAND_TOPIC = "not a command topic";
    public static final String UNKNOWN_COMMAND = "unknown command";
    public static final String INVALID_VEHICLE_ID = "invalid vehicle id";
    public static final String UNKNOWN_VEHICLE = "unknown vehicle";
    public static final String EMPTY = "empty payload";
    public static final String NOT_UTF8 = "payload is not valid UTF-8";
    public static final String BOM = "payload starts with a byte order mark";
    public static final String CONTROL = "payload contains control characters";
    public static final String UNKNOWN_MODE = "unknown mode, expected cached, force or smart:<seconds>";
    public static final String SMART_AGE_MISSING = "smart needs a maximum age: smart:<seconds>";
    public static final String SMART_AGE_NOT_NUMBER = "smart age must be a decimal integer";
    public static final String SMART_AGE_RANGE = "smart age out of range";
    public static final String INVALID_JSON = "payload is not a JSON object";
    public static final String JSON_MODE = "\"mode\" must be one of cached, force, smart";
    public static final String JSON_MAX_AGE_TYPE = "\"max_age\" must be an integer";
    public static final String JSON_MAX_AGE_MISSING = "\"max_age\" is required with mode smart";
    public static final String JSON_MAX_AGE_UNEXPECTED = "\"max_age\" is only valid with mode smart";
    public static final String JSON_ID = "\"id\" must match [A-Za-z0-9_.:-]{1,64}";
    public static final String JSON_OVERRIDE = "\"override\" must be a boolean";

    private Reasons() {
    }
  }

  /** The command names this bridge serves under {@code {base}/{id}/commands/}. */
  public static final String REFRESH = "refresh";

  private static final Pattern CORRELATION_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
  /** More digits than this can never be within range: rejected before parsing to a number. */
  private static final int MAX_AGE_DIGITS = 12;

  private final Topics topics;
  private final int maxPayloadBytes;
  private final long maxSmartAgeSeconds;

  public CommandParser(Topics topics, int maxPayloadBytes, long maxSmartAgeSeconds) {
    this.topics = topics;
    this.maxPayloadBytes = maxPayloadBytes;
    this.maxSmartAgeSeconds = maxSmartAgeSeconds;
  }

  /**
   * @param topic the topic as delivered (may be anything)
   * @param payload the raw payload (may be anything, null is treated as empty)
   * @param knownVehicles the allow-list of vehicle ids
   */
  public ParseResult parse(String topic, byte[] payload, Set<String> knownVehicles) {
    byte[] bytes = payload == null ? new byte[0] : payload;
    Optional<Topics.CommandTopic> shape = topic == null ? Optional.empty() : topics.parseCommandTopic(topic);
    String segment = shape.map(Topics.CommandTopic::vehicleSegment).orElse(null);
    // attribute the outcome to a vehicle only when the id is both well-formed and known
    String vehicle = segment != null && Topics.isVehicleId(segment) && knownVehicles.contains(segment) ? segment : null;

    if (bytes.length > maxPayloadBytes) {
      return reject(vehicle, Reasons.TOO_LARGE + ": " + bytes.length + " bytes, limit " + maxPayloadBytes);
    }
    if (shape.isEmpty()) {
      return reject(null, Reasons.NOT_A_COMMAND_TOPIC);
    }
    if (!REFRESH.equals(shape.get().command())) {
      return reject(vehicle, Reasons.UNKNOWN_COMMAND);
    }
    if (!Topics.isVehicleId(segment)) {
      return reject(null, Reasons.INVALID_VEHICLE_ID);
    }
    if (vehicle == null) {
      return reject(null, Reasons.UNKNOWN_VEHICLE);
    }
    return decode(vehicle, bytes);
  }

  /**
   * Parses as if the topic's vehicle were on the allow-list: for a command that must be answered
   * before the vehicle list is known, so its outcome keeps its id, mode and vehicle. The vehicle
   * segment must still be a valid topic level.
   */
  public ParseResult parseAssumingKnownVehicle(String topic, byte[] payload) {
    String segment = topic == null ? null
        : topics.parseCommandTopic(topic).map(Topics.CommandTopic::vehicleSegment).orElse(null);
    return parse(topic, payload, segment != null && Topics.isVehicleId(segment) ? Set.of(segment) : Set.of());
  }

  private ParseResult decode(String vehicle, byte[] bytes) {
    if (bytes.length == 0) {
      return reject(vehicle, Reasons.EMPTY);
    }
    String text;
    try {
      CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
      CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes));
      text = chars.toString();
    } catch (CharacterCodingException e) {
      return reject(vehicle, Reasons.NOT_UTF8);
    }
    if (text.charAt(0) == '\uFEFF') {
      return reject(vehicle, Reasons.BOM);
    }
    for (int i = 0; i < text.length(); i++) {
      if (Character.isISOControl(text.charAt(i))) {
        return reject(vehicle, Reasons.CONTROL);
      }
    }
    return text.charAt(0) == '{' ? parseJson(vehicle, text) : parsePlain(vehicle, text);
  }

  private ParseResult parsePlain(String vehicle, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= ' ' || c > '~') {
        return reject(vehicle, Reasons.UNKNOWN_MODE);
      }
    }
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.equals("cached")) {
      return new ParsedCommand(vehicle, RefreshMode.CACHED, 0, false, null);
    }
    if (lower.equals("force")) {
      return new ParsedCommand(vehicle, RefreshMode.FORCE, 0, false, null);
    }
    if (lower.equals("smart")) {
      return reject(vehicle, Reasons.SMART_AGE_MISSING);
    }
    if (lower.startsWith("smart:")) {
      String digits = lower.substring("smart:".length());
      if (digits.isEmpty()) {
        return reject(vehicle, Reasons.SMART_AGE_MISSING);
      }
      for (int i = 0; i < digits.length(); i++) {
        if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
          return reject(vehicle, Reasons.SMART_AGE_NOT_NUMBER);
        }
      }
      return smart(vehicle, digits.length() > MAX_AGE_DIGITS ? -1 : Long.parseLong(digits), false, null);
    }
    return reject(vehicle, Reasons.UNKNOWN_MODE);
  }

  private ParseResult smart(String vehicle, long age, boolean override, String id) {
    if (age < 0 || age > maxSmartAgeSeconds) {
      return new CommandRejected(vehicle, Reasons.SMART_AGE_RANGE + " 0.." + maxSmartAgeSeconds, id, null);
    }
    return new ParsedCommand(vehicle, RefreshMode.SMART, age, override, id);
  }

  private ParseResult parseJson(String vehicle, String text) {
    JsonObject json;
    try {
      json = new JsonObject(text);
    } catch (RuntimeException e) {
      // DecodeException, Jackson's nesting/size constraints, a top-level array: all the same to the sender
      return reject(vehicle, Reasons.INVALID_JSON);
    }
    Object idValue = json.getValue("id");
    String id = null;
    if (idValue != null) {
      if (!(idValue instanceof String s) || !CORRELATION_ID.matcher(s).matches()) {
        return reject(vehicle, Reasons.JSON_ID);
      }
      id = s;
    }
    Object overrideValue = json.getValue("override");
    if (overrideValue != null && !(overrideValue instanceof Boolean)) {
      return new CommandRejected(vehicle, Reasons.JSON_OVERRIDE, id, null);
    }
    boolean override = Boolean.TRUE.equals(overrideValue);
    Optional<RefreshMode> mode = json.getValue("mode") instanceof String s ? RefreshMode.fromWire(s) : Optional.empty();
    if (mode.isEmpty()) {
      return new CommandRejected(vehicle, Reasons.JSON_MODE, id, null);
    }
    Object maxAge = json.getValue("max_age");
    if (mode.get() != RefreshMode.SMART) {
      return maxAge != null ? new CommandRejected(vehicle, Reasons.JSON_MAX_AGE_UNEXPECTED, id, null)
          : new ParsedCommand(vehicle, mode.get(), 0, override, id);
    }
    if (maxAge == null) {
      return new CommandRejected(vehicle, Reasons.JSON_MAX_AGE_MISSING, id, null);
    }
    if (maxAge instanceof Integer || maxAge instanceof Long) {
      return smart(vehicle, ((Number) maxAge).longValue(), override, id);
    }
    if (maxAge instanceof java.math.BigInteger) {
      return smart(vehicle, -1, override, id);
    }
    return new CommandRejected(vehicle, Reasons.JSON_MAX_AGE_TYPE, id, null);
  }

  private static CommandRejected reject(String vehicle, String reason) {
    return new CommandRejected(vehicle, reason, null, null);
  }
}
