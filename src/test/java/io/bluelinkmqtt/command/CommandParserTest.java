package io.bluelinkmqtt.command;

import static io.bluelinkmqtt.command.CommandParser.Reasons.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.bluelinkmqtt.domain.RefreshMode;
import io.bluelinkmqtt.domain.RefreshCommand;
import io.bluelinkmqtt.publish.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CommandParserTest {

  static final String BASE = "hyundai";
  static final Set<String> KNOWN = Set.of("V1", "KMH_ev-6");
  static final int MAX_BYTES = 256;
  static final long MAX_AGE = 604_800;

  private final CommandParser parser = new CommandParser(new Topics(BASE), MAX_BYTES, MAX_AGE);

  static String refresh(String id) {
    return BASE + "/" + id + "/commands/refresh";
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  /** Hostile topics (reliability case 24): the expected vehicle attribution and exact reason. */
  static Stream<Arguments> hostileTopics() {
    return Stream.of(
        Arguments.of("id with a slash a/b", refresh("a/b"), null, NOT_A_COMMAND_TOPIC),
        Arguments.of("id +", refresh("+"), null, INVALID_VEHICLE_ID),
        Arguments.of("id #", refresh("#"), null, INVALID_VEHICLE_ID),
        Arguments.of("id ..", refresh(".."), null, INVALID_VEHICLE_ID),
        Arguments.of("id $SYS", refresh("$SYS"), null, INVALID_VEHICLE_ID),
        Arguments.of("empty id", refresh(""), null, INVALID_VEHICLE_ID),
        Arguments.of("10 KB id", refresh("A".repeat(10 * 1024)), null, INVALID_VEHICLE_ID),
        Arguments.of("Cyrillic H look-alike", refresh("KM\u041D_ev-6"), null, INVALID_VEHICLE_ID),
        Arguments.of("fullwidth V look-alike", refresh("\uFF361"), null, INVALID_VEHICLE_ID),
        Arguments.of("id bridge", refresh("bridge"), null, INVALID_VEHICLE_ID),
        Arguments.of("NUL in id", refresh("V1\0"), null, INVALID_VEHICLE_ID),
        Arguments.of("well-formed but unknown id", refresh("V2"), null, UNKNOWN_VEHICLE),
        Arguments.of("known id in other case", refresh("v1"), null, UNKNOWN_VEHICLE),
        Arguments.of("other base", "$SYS/V1/commands/refresh", null, NOT_A_COMMAND_TOPIC),
        Arguments.of("extra level", refresh("V1") + "/x", null, NOT_A_COMMAND_TOPIC),
        Arguments.of("empty topic", "", null, NOT_A_COMMAND_TOPIC),
        Arguments.of("null topic", null, null, NOT_A_COMMAND_TOPIC),
        Arguments.of("other command", BASE + "/V1/commands/horn", "V1", UNKNOWN_COMMAND),
        Arguments.of("command in capitals", BASE + "/V1/commands/REFRESH", "V1", UNKNOWN_COMMAND),
        Arguments.of("NUL after command", refresh("V1") + "\0", "V1", UNKNOWN_COMMAND),
        Arguments.of("other command, unknown vehicle", BASE + "/V9/commands/horn", null, UNKNOWN_COMMAND));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileTopics")
  @DisplayName("hostile topics are rejected with the exact reason and no unknown vehicle is named")
  void hostileTopicsAreRejected(String name, String topic, String vehicle, String reason) {
    CommandRejected rejected = assertInstanceOf(CommandRejected.class, parser.parse(topic, utf8("force"), KNOWN));
    assertEquals(reason, rejected.reason());
    assertEquals(vehicle, rejected.vehicleId());
  }

  /** Hostile payloads on a known vehicle's topic: the exact reason. */
  static Stream<Arguments> hostilePayloads() {
    return Stream.of(
        Arguments.of("smart:-1", utf8("smart:-1"), SMART_AGE_NOT_NUMBER),
        Arguments.of("smart:99999999999", utf8("smart:99999999999"), SMART_AGE_RANGE + " 0..604800"),
        Arguments.of("smart:604801", utf8("smart:604801"), SMART_AGE_RANGE + " 0..604800"),
        Arguments.of("smart: 20 digits", utf8("smart:" + "9".repeat(20)), SMART_AGE_RANGE + " 0..604800"),
        Arguments.of("smart:+5", utf8("smart:+5"), SMART_AGE_NOT_NUMBER),
        Arguments.of("smart:1e3", utf8("smart:1e3"), SMART_AGE_NOT_NUMBER),
        Arguments.of("smart:", utf8("smart:"), SMART_AGE_MISSING),
        Arguments.of("smart", utf8("smart"), SMART_AGE_MISSING),
        Arguments.of("force with newline", utf8("force\n"), CONTROL),
        Arguments.of("force with CR LF", utf8("force\r\n"), CONTROL),
        Arguments.of("force with tab", utf8("\tforce"), CONTROL),
        Arguments.of("NUL", utf8("force\0"), CONTROL),
        Arguments.of("NUL only", bytes(0), CONTROL),
        Arguments.of("DEL / C1 control", utf8("force\u0085"), CONTROL),
        Arguments.of("BOM", bytes(0xEF, 0xBB, 0xBF, 'f', 'o', 'r', 'c', 'e'), BOM),
        Arguments.of("invalid UTF-8", bytes(0xC3, 0x28), NOT_UTF8),
        Arguments.of("overlong UTF-8 slash", bytes(0xC0, 0xAF), NOT_UTF8),
        Arguments.of("UTF-8 encoded surrogate", bytes(0xED, 0xA0, 0x80), NOT_UTF8),
        Arguments.of("truncated UTF-8", bytes('f', 0xE2, 0x82), NOT_UTF8),
        Arguments.of("9 KB", utf8("force".repeat(1843) + "x"), TOO_LARGE + ": 9216 bytes, limit 256"),
        Arguments.of("one byte over the cap", new byte[257], TOO_LARGE + ": 257 bytes, limit 256"),
        Arguments.of("empty", new byte[0], EMPTY),
        Arguments.of("leading space", utf8(" force"), UNKNOWN_MODE),
        Arguments.of("smart with space", utf8("smart: 300"), UNKNOWN_MODE),
        Arguments.of("fullwidth f", utf8("\uFF46orce"), UNKNOWN_MODE),
        Arguments.of("long s look-alike", utf8("\u017Fmart:60"), UNKNOWN_MODE),
        Arguments.of("Cyrillic o look-alike", utf8("f\u043Erce"), UNKNOWN_MODE),
        Arguments.of("forced", utf8("forced"), UNKNOWN_MODE),
        Arguments.of("JSON array", utf8("[\"force\"]"), UNKNOWN_MODE),
        Arguments.of("JSON unterminated", utf8("{\"mode\":\"force\""), INVALID_JSON),
        Arguments.of("JSON trailing garbage", utf8("{\"mode\":\"force\"}x"), INVALID_JSON),
        Arguments.of("JSON deeply nested", utf8("{\"a\":".repeat(40) + "1" + "}".repeat(40)), JSON_MODE),
        Arguments.of("JSON mode number", utf8("{\"mode\":1}"), JSON_MODE),
        Arguments.of("JSON mode capitals", utf8("{\"mode\":\"FORCE\"}"), JSON_MODE),
        Arguments.of("JSON mode missing", utf8("{\"max_age\":60}"), JSON_MODE),
        Arguments.of("JSON max_age string", utf8("{\"mode\":\"smart\",\"max_age\":\"300\"}"), JSON_MAX_AGE_TYPE),
        Arguments.of("JSON max_age fraction", utf8("{\"mode\":\"smart\",\"max_age\":300.5}"), JSON_MAX_AGE_TYPE),
        Arguments.of("JSON max_age null", utf8("{\"mode\":\"smart\",\"max_age\":null}"), JSON_MAX_AGE_MISSING),
        Arguments.of("JSON max_age missing", utf8("{\"mode\":\"smart\"}"), JSON_MAX_AGE_MISSING),
        Arguments.of("JSON max_age negative", utf8("{\"mode\":\"smart\",\"max_age\":-1}"), SMART_AGE_RANGE + " 0..604800"),
        Arguments.of("JSON max_age huge", utf8("{\"mode\":\"smart\",\"max_age\":99999999999999999999}"),
            SMART_AGE_RANGE + " 0..604800"),
        Arguments.of("JSON max_age with force", utf8("{\"mode\":\"force\",\"max_age\":60}"), JSON_MAX_AGE_UNEXPECTED),
        Arguments.of("JSON id with slash", utf8("{\"mode\":\"force\",\"id\":\"a/b\"}"), JSON_ID),
        Arguments.of("JSON id number", utf8("{\"mode\":\"force\",\"id\":123}"), JSON_ID),
        Arguments.of("JSON id empty", utf8("{\"mode\":\"force\",\"id\":\"\"}"), JSON_ID),
        Arguments.of("JSON id 65 chars", utf8("{\"mode\":\"force\",\"id\":\"" + "a".repeat(65) + "\"}"), JSON_ID),
        Arguments.of("JSON override string", utf8("{\"mode\":\"force\",\"override\":\"yes\"}"), JSON_OVERRIDE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostilePayloads")
  @DisplayName("hostile payloads are rejected with the exact reason, attributed to the known vehicle")
  void hostilePayloadsAreRejected(String name, byte[] payload, String reason) {
    CommandRejected rejected = assertInstanceOf(CommandRejected.class, parser.parse(refresh("V1"), payload, KNOWN));
    assertEquals(reason, rejected.reason());
    assertEquals("V1", rejected.vehicleId());
    assertNull(rejected.modeText());
  }

  static Stream<Arguments> validCommands() {
    return Stream.of(
        Arguments.of("cached", RefreshMode.CACHED, 0L, false, null, "cached"),
        Arguments.of("force", RefreshMode.FORCE, 0L, false, null, "force"),
        Arguments.of("FORCE", RefreshMode.FORCE, 0L, false, null, "force"),
        Arguments.of("Cached", RefreshMode.CACHED, 0L, false, null, "cached"),
        Arguments.of("smart:300", RefreshMode.SMART, 300L, false, null, "smart:300"),
        Arguments.of("SMART:0300", RefreshMode.SMART, 300L, false, null, "smart:300"),
        Arguments.of("smart:0", RefreshMode.SMART, 0L, false, null, "smart:0"),
        Arguments.of("smart:604800", RefreshMode.SMART, 604_800L, false, null, "smart:604800"),
        Arguments.of("{\"mode\":\"force\"}", RefreshMode.FORCE, 0L, false, null, "force"),
        Arguments.of("{\"mode\":\"cached\",\"id\":\"ha:btn-1.a_b\",\"extra\":[1,{\"x\":2}]}", RefreshMode.CACHED, 0L,
            false, "ha:btn-1.a_b", "cached"),
        Arguments.of("{ \"mode\" : \"smart\", \"max_age\" : 300, \"id\" : \"c1\", \"override\" : true }",
            RefreshMode.SMART, 300L, true, "c1", "smart:300"),
        Arguments.of("{\"mode\":\"force\",\"override\":false,\"id\":null}", RefreshMode.FORCE, 0L, false, null, "force"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validCommands")
  @DisplayName("the documented grammar parses to the exact command")
  void validCommandsParse(String payload, RefreshMode mode, long maxAge, boolean override, String id, String text) {
    ParsedCommand cmd = assertInstanceOf(ParsedCommand.class, parser.parse(refresh("KMH_ev-6"), utf8(payload), KNOWN));
    assertEquals(new ParsedCommand("KMH_ev-6", mode, maxAge, override, id), cmd);
    assertEquals(text, cmd.modeText());
  }

  @Test
  @DisplayName("a rejected JSON command keeps its valid correlation id so the sender can match the outcome")
  void rejectedJsonKeepsCorrelationId() {
    CommandRejected rejected = assertInstanceOf(CommandRejected.class,
        parser.parse(refresh("V1"), utf8("{\"mode\":\"smart\",\"max_age\":\"x\",\"id\":\"req-7\"}"), KNOWN));
    assertEquals("req-7", rejected.correlationId());
    assertEquals(JSON_MAX_AGE_TYPE, rejected.reason());
  }

  @Test
  @DisplayName("the size cap applies before decoding, and still names the known vehicle")
  void sizeCapComesFirst() {
    byte[] invalidUtf8 = new byte[MAX_BYTES + 1];
    Arrays.fill(invalidUtf8, (byte) 0xFF);
    CommandRejected rejected = assertInstanceOf(CommandRejected.class, parser.parse(refresh("V1"), invalidUtf8, KNOWN));
    assertTrue(rejected.reason().startsWith(TOO_LARGE));
    CommandRejected unknown = assertInstanceOf(CommandRejected.class, parser.parse(refresh("V9"), invalidUtf8, KNOWN));
    assertNull(unknown.vehicleId());
    assertTrue(unknown.reason().startsWith(TOO_LARGE));
  }

  @Test
  @DisplayName("JSON nested deeper than the decoder allows is rejected as invalid JSON, not a stack overflow")
  void deepNestingIsRejected() {
    CommandParser roomy = new CommandParser(new Topics(BASE), 65_536, MAX_AGE);
    byte[] deep = utf8("{\"a\":".repeat(5000) + "1" + "}".repeat(5000));
    CommandRejected rejected = assertInstanceOf(CommandRejected.class, roomy.parse(refresh("V1"), deep, KNOWN));
    assertEquals(INVALID_JSON, rejected.reason());
  }

  @Test
  @DisplayName("an empty allow-list accepts no vehicle")
  void emptyAllowListAcceptsNothing() {
    CommandRejected rejected = assertInstanceOf(CommandRejected.class, parser.parse(refresh("V1"), utf8("force"), Set.of()));
    assertEquals(UNKNOWN_VEHICLE, rejected.reason());
  }

  static final List<String> FIXED_REASONS = List.of(TOO_LARGE, NOT_A_COMMAND_TOPIC, UNKNOWN_COMMAND, INVALID_VEHICLE_ID,
      UNKNOWN_VEHICLE, EMPTY, NOT_UTF8, BOM, CONTROL, UNKNOWN_MODE, SMART_AGE_MISSING, SMART_AGE_NOT_NUMBER,
      SMART_AGE_RANGE, INVALID_JSON, JSON_MODE, JSON_MAX_AGE_TYPE, JSON_MAX_AGE_MISSING, JSON_MAX_AGE_UNEXPECTED, JSON_ID,
      JSON_OVERRIDE);

  /** Asserts the oracle of reliability case 24 for one input; shared with the fuzz test. */
  static void assertOracle(String topic, byte[] payload, ParseResult result) {
    if (result instanceof ParsedCommand cmd) {
      assertEquals(refresh(cmd.vehicleId()), topic, "accepted only on the exact refresh topic");
      assertTrue(KNOWN.contains(cmd.vehicleId()));
      long maxAge = ((RefreshCommand) cmd.command()).maxAgeSeconds();
      assertTrue(maxAge >= 0 && maxAge <= MAX_AGE);
      assertTrue(payload.length <= MAX_BYTES);
    } else if (result instanceof CommandRejected rejected) {
      assertTrue(rejected.vehicleId() == null || KNOWN.contains(rejected.vehicleId()), "only known vehicles are named");
      String reason = rejected.reason();
      assertTrue(FIXED_REASONS.stream().anyMatch(reason::startsWith), () -> "not a documented reason: " + reason);
      String rest = FIXED_REASONS.stream().filter(reason::startsWith).findFirst().orElseThrow();
      assertTrue(reason.substring(rest.length()).matches("[0-9 .:,a-z]*"), "only computed numbers follow the reason");
      assertTrue(rejected.correlationId() == null || rejected.correlationId().matches("[A-Za-z0-9_.:-]{1,64}"));
    } else {
      fail("undocumented result type " + result);
    }
  }

  @Test
  @DisplayName("property: random topics and payloads only ever give the documented results (seeded)")
  void randomInputsGiveOnlyDocumentedResults() {
    long seed = Long.getLong("parser.seed", System.nanoTime());
    org.slf4j.LoggerFactory.getLogger(CommandParserTest.class).info("CommandParserTest property seed={}", seed);
    Random random = new Random(seed);
    String[] topicParts = {BASE, "V1", "KMH_ev-6", "V2", "bridge", "commands", "refresh", "lock", "+", "#", "$SYS", "",
        "..", "\0", "\uFF36", "/", "a/b"};
    String[] payloadParts = {"cached", "force", "smart", ":", "-", "1", "9", "0", "{", "}", "\"mode\"", "\"smart\"",
        "\"max_age\"", "\"id\"", ",", "\n", "\0", "\uFEFF", "FORCE", "true", " ", "\u017F"};
    int accepted = 0;
    for (int i = 0; i < 20_000; i++) {
      String topic = random.nextInt(3) == 0 ? refresh(pick(random, topicParts)) : join(random, topicParts, "/");
      byte[] payload = random.nextInt(5) == 0 ? randomBytes(random) : utf8(join(random, payloadParts, ""));
      ParseResult result = parser.parse(topic, payload, KNOWN);
      assertOracle(topic, payload, result);
      accepted += result instanceof ParsedCommand ? 1 : 0;
    }
    assertTrue(accepted > 0, "the generator reaches accepted commands too (seed " + seed + ")");
    assertFalse(accepted == 20_000);
  }

  private static String pick(Random random, String[] parts) {
    return parts[random.nextInt(parts.length)];
  }

  private static String join(Random random, String[] parts, String sep) {
    StringBuilder sb = new StringBuilder();
    int n = 1 + random.nextInt(5);
    for (int i = 0; i < n; i++) {
      sb.append(i == 0 ? "" : sep).append(pick(random, parts));
    }
    return sb.toString();
  }

  private static byte[] randomBytes(Random random) {
    byte[] b = new byte[random.nextInt(300)];
    random.nextBytes(b);
    return b;
  }

  @Test
  @DisplayName("parsing as if the vehicle were known keeps id and mode, but still refuses an id that cannot be a topic level")
  void parseAssumingKnownVehicle() {
    ParsedCommand held = assertInstanceOf(ParsedCommand.class,
        parser.parseAssumingKnownVehicle(refresh("NOT-LISTED"), utf8("{\"mode\":\"force\",\"id\":\"h-1\"}")));
    assertEquals("NOT-LISTED", held.vehicleId());
    assertEquals("h-1", held.correlationId());
    assertEquals("force", held.modeText());
    CommandRejected bad = assertInstanceOf(CommandRejected.class, parser.parseAssumingKnownVehicle(refresh("+"),
        utf8("force")));
    assertNull(bad.vehicleId());
    assertEquals(INVALID_VEHICLE_ID, bad.reason());
    CommandRejected bridge = assertInstanceOf(CommandRejected.class,
        parser.parseAssumingKnownVehicle(refresh("bridge"), utf8("force")));
    assertNull(bridge.vehicleId());
    assertEquals(CONTROL, assertInstanceOf(CommandRejected.class,
        parser.parseAssumingKnownVehicle(refresh("V7"), utf8("force\n"))).reason());
  }
}
