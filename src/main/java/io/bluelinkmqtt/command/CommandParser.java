package io.bluelinkmqtt.command;

import io.bluelinkmqtt.domain.CommandName;
import io.bluelinkmqtt.publish.Topics;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns one hostile MQTT message (topic + payload bytes) into a {@link ParsedCommand} or a
 * {@link CommandRejected}. Pure and thread-safe; it never throws for any input.
 *
 * <p>Checks, in this order (the first that fails decides the reason):
 * <ol>
 *   <li>payload size, before any decoding ({@code maxPayloadBytes});</li>
 *   <li>topic shape: exactly {@code {base}/{id}/commands/{name}}, and a grammar is registered for the name;</li>
 *   <li>vehicle segment: a valid topic level ({@link Topics#isVehicleId}) and in the allow-list;</li>
 *   <li>strict UTF-8, no byte order mark, no control characters (NUL, CR, LF, TAB included);</li>
 *   <li>the grammar of the topic's command ({@link CommandGrammar}, e.g. {@link RefreshGrammar}).</li>
 * </ol>
 *
 * <p>The grammars are a registry keyed by the topic's last level ({@link CommandName#wireName()}): a new
 * command adds a grammar, not a branch.
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

  private final Topics topics;
  private final int maxPayloadBytes;
  private final Map<CommandName, CommandGrammar> grammars = new EnumMap<>(CommandName.class);

  /** The parser of every command the bridge serves. */
  public CommandParser(Topics topics, int maxPayloadBytes, long maxSmartAgeSeconds) {
    this(topics, maxPayloadBytes, List.of(new RefreshGrammar(maxSmartAgeSeconds), SwitchGrammar.lock(),
        new ClimateGrammar(), SwitchGrammar.charge(), new ChargeLimitsGrammar(), WordGrammar.chargingCurrent(),
        SwitchGrammar.chargePort(), new WindowsGrammar(), WordGrammar.signal(CommandName.HAZARD),
        WordGrammar.signal(CommandName.HORN_LIGHTS)));
  }

  CommandParser(Topics topics, int maxPayloadBytes, List<CommandGrammar> grammars) {
    this.topics = topics;
    this.maxPayloadBytes = maxPayloadBytes;
    grammars.forEach(g -> {
      if (this.grammars.put(g.name(), g) != null) {
        throw new IllegalArgumentException("two grammars for " + g.name().wireName());
      }
    });
  }

  /** The commands this parser reads; every {@link CommandName} for the production parser. */
  public Set<CommandName> commands() {
    return Set.copyOf(grammars.keySet());
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
    CommandGrammar grammar = CommandName.fromWire(shape.get().command()).map(grammars::get).orElse(null);
    if (grammar == null) {
      return reject(vehicle, Reasons.UNKNOWN_COMMAND);
    }
    if (!Topics.isVehicleId(segment)) {
      return reject(null, Reasons.INVALID_VEHICLE_ID, grammar.name());
    }
    if (vehicle == null) {
      return reject(null, Reasons.UNKNOWN_VEHICLE, grammar.name());
    }
    return decode(grammar, vehicle, bytes);
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

  private ParseResult decode(CommandGrammar grammar, String vehicle, byte[] bytes) {
    CommandName name = grammar.name();
    if (bytes.length == 0) {
      return reject(vehicle, Reasons.EMPTY, name);
    }
    String text;
    try {
      CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
      CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes));
      text = chars.toString();
    } catch (CharacterCodingException e) {
      return reject(vehicle, Reasons.NOT_UTF8, name);
    }
    if (text.charAt(0) == '\uFEFF') {
      return reject(vehicle, Reasons.BOM, name);
    }
    for (int i = 0; i < text.length(); i++) {
      if (Character.isISOControl(text.charAt(i))) {
        return reject(vehicle, Reasons.CONTROL, name);
      }
    }
    return grammar.parse(vehicle, text);
  }

  private static CommandRejected reject(String vehicle, String reason) {
    return new CommandRejected(vehicle, reason, null, null);
  }

  private static CommandRejected reject(String vehicle, String reason, CommandName command) {
    return new CommandRejected(vehicle, reason, null, null, command);
  }
}
