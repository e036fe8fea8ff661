package io.bluelinkmqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.bluelinkmqtt.api.CallContext;
import io.bluelinkmqtt.api.RefreshService;
import io.bluelinkmqtt.api.VehicleCloud;
import io.bluelinkmqtt.api.WakePolicy;
import io.bluelinkmqtt.codec.MqttPublishJson.MqttMessageOut;
import io.bluelinkmqtt.codec.StatusUpdateJson.StatusUpdate;
import io.bluelinkmqtt.codec.VehicleDataJson;
import io.bluelinkmqtt.command.CommandParser;
import io.bluelinkmqtt.command.OutcomeFactory;
import io.bluelinkmqtt.command.ParsedCommand;
import io.bluelinkmqtt.command.PendingCommand;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.CommandOutcome;
import io.bluelinkmqtt.domain.DataSource;
import io.bluelinkmqtt.domain.RefreshMode;
import io.bluelinkmqtt.domain.RefreshRequest;
import io.bluelinkmqtt.domain.RefreshResult;
import io.bluelinkmqtt.domain.Served;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.VehicleData;
import io.bluelinkmqtt.publish.BridgeHealth;
import io.bluelinkmqtt.publish.OutcomeMapper;
import io.bluelinkmqtt.publish.TopicMapper;
import io.bluelinkmqtt.publish.Topics;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every JSON example in README.md and docs/*.md against what the bridge's own code produces.
 *
 * <p>Examples are the {@code ```json} blocks, and the lines {@code <topic> {…}} of {@code ```text} blocks. An
 * example is matched to its producer by its keys (first rule that applies):
 * <ul>
 *   <li>{@code status} and {@code command}: a command result, {@link OutcomeMapper};</li>
 *   <li>{@code mode} without {@code status}: a JSON command, {@link CommandParser} must accept it;</li>
 *   <li>{@code vehicle_id}: the state document, {@link TopicMapper};</li>
 *   <li>{@code used} and {@code remaining}: the budget document, {@link BridgeHealth};</li>
 *   <li>{@code lastUpdated}: the event-bus vehicle-data object, {@link VehicleDataJson};</li>
 *   <li>only {@code value}, {@code unit}, {@code timestamp}: a value topic, {@link TopicMapper}.</li>
 * </ul>
 * Anything else fails: a new kind of example needs a producer here first. Keys, value types and enumerated values
 * come from the code's declarations (record components, enums, the wake policy's rule names), so a new field or
 * reason in the code needs no change here, only a true example.
 */
class DocsJsonExamplesTest {

  private static final Path BASE_DIR = Path.of(System.getProperty("project.basedir", "."));
  private static final Topics TOPICS = new Topics("hyundai");
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T08:00:00Z"), ZoneOffset.UTC);
  private static final Pattern TEXT_LINE = Pattern.compile("(\\S+) (\\{.*})");
  private static final Vehicle CAR = new Vehicle("KMH123", "api-1", "KMHK381GFNU000001", "My Kona", "Kona Electric",
      Brand.HYUNDAI, Vehicle.EngineType.EV);
  /** Every value a car can report, so every leaf and every state-document key is produced. */
  private static final VehicleData FULL = new VehicleData(Instant.parse("2026-11-20T07:45:00Z"),
      new VehicleData.Battery(81, true, true, 21.5),
      new VehicleData.Ev(new VehicleData.Distance(312, VehicleData.DistanceUnit.KM), 95, 40, 80, 90, 152.0), 78,
      new VehicleData.Distance(23456.7, VehicleData.DistanceUnit.KM),
      new VehicleData.Location(52.37, 4.89, Instant.parse("2026-11-20T07:40:00Z")),
      new VehicleData.Openings(true, false, false, false, true), new VehicleData.Climate(false, 21.0), false,
      new VehicleData.ActionState(false, 100, VehicleData.WindowPosition.OPEN, VehicleData.WindowPosition.CLOSED,
          VehicleData.WindowPosition.CLOSED, VehicleData.WindowPosition.VENT));

  /** One example: where it is, the topic a text line names (or null), and the JSON. */
  record Example(String where, String topic, JsonObject json) {
    @Override
    public String toString() {
      return where;
    }
  }

  static Stream<Arguments> examples() throws IOException {
    List<Example> all = new ArrayList<>();
    List<Path> files = new ArrayList<>(List.of(BASE_DIR.resolve("README.md")));
    try (Stream<Path> docs = Files.list(BASE_DIR.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    for (Path file : files) {
      all.addAll(examplesIn(file));
    }
    assertTrue(all.size() >= 10, "examples found: " + all);
    return all.stream().map(Arguments::of);
  }

  private static List<Example> examplesIn(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<Example> found = new ArrayList<>();
    String name = BASE_DIR.relativize(file).toString();
    for (int i = 0; i < lines.size(); i++) {
      String fence = lines.get(i).strip();
      if (!fence.equals("```json") && !fence.equals("```text")) {
        continue;
      }
      int start = i + 1;
      StringBuilder block = new StringBuilder();
      List<Example> textLines = new ArrayList<>();
      for (i = start; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
        block.append(lines.get(i)).append('\n');
        Matcher m = TEXT_LINE.matcher(lines.get(i).strip());
        if (fence.equals("```text") && m.matches()) {
          textLines.add(new Example(name + ":" + (i + 1), m.group(1), new JsonObject(m.group(2))));
        }
      }
      if (fence.equals("```json")) {
        found.add(new Example(name + ":" + start, null, new JsonObject(block.toString())));
      } else {
        found.addAll(textLines);
      }
    }
    return found;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  @DisplayName("each JSON example in the docs has the keys, types and values the bridge really produces")
  void exampleMatchesItsProducer(Example example) {
    JsonObject json = example.json();
    if (json.containsKey("status") && json.containsKey("command")) {
      checkCommandResult(example);
    } else if (json.containsKey("mode")) {
      checkCommand(example);
    } else if (json.containsKey("vehicle_id")) {
      checkSameShape(example.where(), json, stateDocument(), "");
    } else if (json.containsKey("used") && json.containsKey("remaining")) {
      assertEquals(new BridgeHealth().budgetChanged(new JsonObject()).fieldNames(), json.fieldNames(), example.where());
    } else if (json.containsKey("lastUpdated")) {
      assertEquals(json, VehicleDataJson.toJson(VehicleDataJson.fromJson(json)), example.where() + " round trip");
    } else if (json.containsKey("value") && Set.of("value", "unit", "timestamp").containsAll(json.fieldNames())) {
      checkValueTopic(example);
    } else if (json.containsKey("accounts") || json.containsKey("cluster")) {
      checkConfigFile(example);
    } else {
      fail(example.where() + ": no producer known for an example with keys " + json.fieldNames());
    }
  }

  @Test
  @DisplayName("the examples include the cases the docs had wrong: a throttled result and the budget document")
  void theExamplesThatWereWrongAreChecked() throws IOException {
    List<Example> all = examples().map(a -> (Example) a.get()[0]).toList();
    assertTrue(all.stream().anyMatch(e -> "throttled".equals(e.json().getString("status"))), "throttled example");
    assertTrue(all.stream().anyMatch(e -> e.json().containsKey("remaining")), "budget example");
  }

  // ---- command results ----------------------------------------------------------------------------------------

  /** Why the bridge refuses an action before it reaches the cloud ({@code denied}). */
  private static final Set<String> ACTION_REFUSALS = Set.of(CommandOutcome.REASON_PIN_REQUIRED,
      CommandOutcome.REASON_NOT_ALLOWED, CommandOutcome.REASON_EXPIRED, CommandOutcome.REASON_WRONG_PIN);

  private static void checkCommandResult(Example example) {
    JsonObject json = example.json();
    String where = example.where();
    CommandOutcome.Status status = Arrays.stream(CommandOutcome.Status.values())
        .filter(s -> s.wireName().equals(json.getString("status"))).findFirst()
        .orElseThrow(() -> new AssertionError(where + ": unknown status " + json.getValue("status")));
    JsonObject produced = new JsonObject(new OutcomeMapper(TOPICS, CLOCK).map(new CommandOutcome(CAR.id(), "x",
        "refresh", "force", status, "r", DataSource.CACHED, 0, 0)).get(0).payload());
    assertEquals(produced.fieldNames(), json.fieldNames(), where + ": the result's fields");
    // value types from the outcome record's declarations; the payload names are its components in snake case
    for (RecordComponent component : CommandOutcome.class.getRecordComponents()) {
      String key = snake(component.getName());
      if (!produced.containsKey(key)) {
        continue;
      }
      Object value = json.getValue(key);
      Class<?> type = component.getType();
      if (type == int.class || type == long.class) {
        assertInstanceOf(Number.class, value, where + " " + key);
        assertEquals(0, ((Number) value).doubleValue() % 1, where + " " + key);
      } else if (type.isEnum()) {
        if (value != null || type == CommandOutcome.Status.class) {
          assertTrue(wireNames(type).contains(value), where + " " + key + " " + value + " not in " + wireNames(type));
        }
      } else {
        assertTrue(value == null || value instanceof String, where + " " + key);
      }
    }
    String reason = json.getString("reason");
    switch (status) {
      case OK -> assertNull(reason, where);
      case COALESCED -> assertTrue(reason.startsWith("joined "), where);
      case THROTTLED -> assertEquals(WakePolicy.MIN_INTERVAL, reason, where + ": OutcomeFactory's throttled reason");
      case DENIED -> assertTrue(wakeRules().contains(reason) && !WakePolicy.MIN_INTERVAL.equals(reason)
          || ACTION_REFUSALS.contains(reason), where + ": " + reason + " is neither a wake rule " + wakeRules()
          + " nor an action refusal " + ACTION_REFUSALS);
      case ACCEPTED -> {
        assertNull(reason, where);
        assertEquals(false, json.getValue("final"), where + ": the progress message is the one non-final outcome");
        assertNotNull(json.getString("action_id"), where + ": the progress message names the action");
      }
      default -> assertNotNull(reason, where);
    }
    if (status == CommandOutcome.Status.THROTTLED || status == CommandOutcome.Status.DENIED) {
      JsonObject real = refusedForce(reason);
      assertEquals(real.getValue("data_source"), json.getValue("data_source"),
          where + ": a refused force of a known car serves");
      assertEquals(real.getValue("upstream_calls"), json.getValue("upstream_calls"), where + ": calls of a refused force");
    }
    if (example.topic() != null) {
      String level = example.topic().split("/")[1];
      String expected = Topics.isVehicleId(level) ? TOPICS.commandResult(level) : TOPICS.bridgeCommandResult();
      assertEquals(expected, example.topic(), where);
    }
  }

  /**
   * What the bridge publishes for a force the wake policy refuses with {@code rule}, for a car it has read once:
   * the real RefreshService, OutcomeFactory and OutcomeMapper over a cloud that counts calls.
   */
  private static JsonObject refusedForce(String rule) {
    VehicleCloud cloud = new VehicleCloud() {
      @Override
      public Future<List<Vehicle>> vehicles(CallContext context) {
        context.countCall();
        return Future.succeededFuture(List.of(CAR));
      }

      @Override
      public Future<VehicleData> cached(Vehicle vehicle, CallContext context) {
        context.countCall();
        return Future.succeededFuture(FULL);
      }

      @Override
      public Future<ForcedRead> force(Vehicle vehicle, Instant baseline, CallContext context, Runnable wakeSent) {
        return Future.failedFuture(new AssertionError("a refused force must not wake the car"));
      }
    };
    WakePolicy refuse = new WakePolicy() {
      @Override
      public Optional<String> check(Vehicle vehicle, VehicleData lastKnown, boolean override) {
        return Optional.of(rule);
      }

      @Override
      public void recordWake(Vehicle vehicle) {
        fail("no wake may be recorded");
      }
    };
    RefreshService service = new RefreshService(cloud, refuse, CLOCK, 4);
    Future<RefreshResult> result = service.vehicles()
        .compose(v -> service.refresh(new RefreshRequest(CAR.id(), RefreshMode.CACHED, 0, false, "first")))
        .compose(first -> service.refresh(new RefreshRequest(CAR.id(), RefreshMode.FORCE, 0, false, "a1")));
    assertTrue(result.succeeded(), String.valueOf(result.cause()));
    PendingCommand command = new PendingCommand(new ParsedCommand(CAR.id(), RefreshMode.FORCE, 0, false, "a1"),
        "a1", CLOCK.millis());
    CommandOutcome outcome = new OutcomeFactory(CLOCK).fromResult(command, Served.led(result.result()));
    return new JsonObject(new OutcomeMapper(TOPICS, CLOCK).map(outcome).get(0).payload());
  }

  private static Set<String> wakeRules() {
    Set<String> rules = new HashSet<>();
    for (Field field : WakePolicy.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        try {
          rules.add((String) field.get(null));
        } catch (IllegalAccessException e) {
          throw new AssertionError(e);
        }
      }
    }
    return rules;
  }

  private static Set<Object> wireNames(Class<?> enumType) {
    Set<Object> names = new HashSet<>();
    for (Object constant : enumType.getEnumConstants()) {
      names.add(constant instanceof CommandOutcome.Status s ? s.wireName() : ((DataSource) constant).wireName());
    }
    return names;
  }

  private static String snake(String camel) {
    return camel.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  // ---- commands -----------------------------------------------------------------------------------------------

  /** A config-file example (several accounts, clustering) the configuration accepts, with credentials from env. */
  private static void checkConfigFile(Example example) {
    java.util.Map<String, String> env = new java.util.HashMap<>();
    int accounts = example.json().getJsonArray("accounts", new io.vertx.core.json.JsonArray()).size();
    for (int n = 1; n <= accounts; n++) {
      env.put("HYUNDAI_" + n + "_USERNAME", "user" + n + "@example.com");
      env.put("HYUNDAI_" + n + "_PASSWORD", "pw" + n);
    }
    var raw = new io.bluelinkmqtt.config.ConfigLoader.RawConfig(example.json(), env);
    var regions = io.bluelinkmqtt.cloud.CloudModules.supported();
    var config = io.bluelinkmqtt.config.ConfigLoader.parse(raw, false, regions);
    assertEquals(accounts == 0 ? 1 : accounts,
        io.bluelinkmqtt.config.ConfigLoader.parseAccounts(raw, config, regions).all().size(), example.where());
    io.bluelinkmqtt.config.ClusterConfig.parse(example.json(), java.util.Map.of(), false, null);
  }

  private static void checkCommand(Example example) {
    CommandParser parser = new CommandParser(TOPICS, 256, 604_800);
    Object parsed = parser.parse(TOPICS.vehicle(CAR.id(), Topics.COMMAND_REFRESH),
        example.json().encode().getBytes(StandardCharsets.UTF_8), Set.of(CAR.id()));
    assertInstanceOf(ParsedCommand.class, parsed, example.where() + ": " + parsed);
  }

  // ---- published documents ------------------------------------------------------------------------------------

  private static List<MqttMessageOut> published() {
    return new TopicMapper(TOPICS).map(new StatusUpdate(CAR, RefreshMode.FORCE, DataSource.FRESH, FULL));
  }

  private static JsonObject stateDocument() {
    return published().stream().filter(m -> m.topic().equals(TOPICS.vehicle(CAR.id(), Topics.STATE)))
        .map(m -> new JsonObject(m.payload())).findFirst().orElseThrow();
  }

  private static void checkValueTopic(Example example) {
    JsonObject json = example.json();
    boolean matched = published().stream().map(m -> new JsonObject(m.payload()))
        .anyMatch(p -> p.fieldNames().equals(json.fieldNames()) && jsonType(p.getValue("value"))
            .equals(jsonType(json.getValue("value"))) && java.util.Objects.equals(p.getValue("unit"), json.getValue("unit")));
    assertTrue(matched, example.where() + ": no value topic is published with this shape: " + json.encode());
  }

  /**
   * The example's keys exist in the produced document with the same JSON types ("…" stands for more of the same);
   * at the top level the example shows every key the bridge publishes. String values of {@code units} must be the
   * produced units.
   */
  private static void checkSameShape(String where, JsonObject example, JsonObject produced, String path) {
    if (path.isEmpty()) {
      assertEquals(produced.fieldNames(), example.fieldNames(), where + ": top-level keys");
    }
    for (Map.Entry<String, Object> entry : example) {
      if (entry.getKey().equals("…")) {
        continue;
      }
      String at = path + "/" + entry.getKey();
      assertTrue(produced.containsKey(entry.getKey()), where + ": " + at + " is not published");
      Object real = produced.getValue(entry.getKey());
      assertEquals(jsonType(real), jsonType(entry.getValue()), where + ": type of " + at);
      if (real instanceof JsonObject object) {
        checkSameShape(where, (JsonObject) entry.getValue(), object, at);
      } else if (path.equals("/units")) {
        assertEquals(real, entry.getValue(), where + ": unit of " + at);
      }
    }
  }

  private static String jsonType(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Number n) {
      return n.doubleValue() % 1 == 0 && !(value instanceof Double || value instanceof Float) ? "integer" : "number";
    }
    if (value instanceof Boolean) {
      return "boolean";
    }
    if (value instanceof JsonObject) {
      return "object";
    }
    if (value instanceof JsonArray) {
      return "array";
    }
    assertFalse(value instanceof Map, "decoded JSON");
    return "string";
  }
}
