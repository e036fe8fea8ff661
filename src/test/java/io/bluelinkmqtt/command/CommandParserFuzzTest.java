package io.bluelinkmqtt.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.bluelinkmqtt.codec.MqttPublishJson.MqttMessageOut;
import io.bluelinkmqtt.codec.StatusUpdateJson.StatusUpdate;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.CommandOutcome;
import io.bluelinkmqtt.domain.DataSource;
import io.bluelinkmqtt.domain.RefreshMode;
import io.bluelinkmqtt.domain.RefreshResult;
import io.bluelinkmqtt.domain.Served;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.VehicleData;
import io.bluelinkmqtt.domain.VehicleIds;
import io.bluelinkmqtt.publish.OutcomeMapper;
import io.bluelinkmqtt.publish.TopicMapper;
import io.bluelinkmqtt.publish.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reliability case 24 as fuzz targets. {@code mvn test} runs them in regression mode on the inputs in
 * {@code src/test/resources/io/bluelinkmqtt/command/CommandParserFuzzTestInputs/<method>/};
 * {@code JAZZER_FUZZ=1 mvn test -Dtest=CommandParserFuzzTest} fuzzes for real. Oracle: only the two
 * documented result types come out, nothing is thrown, and every topic the mappers produce is either
 * the bridge's result topic or {@code <base>/<knownId>/<lower-case leaf>} without wildcards, NUL or empty levels.
 */
class CommandParserFuzzTest {

  private static final Topics TOPICS = new Topics(CommandParserTest.BASE);
  private static final CommandParser PARSER =
      new CommandParser(TOPICS, CommandParserTest.MAX_BYTES, CommandParserTest.MAX_AGE);
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);
  /** Digits are allowed after a level's first letter for ev/charge_time_100. */
  private static final Pattern LEAF = Pattern.compile("[a-z_][a-z0-9_]*(/[a-z_][a-z0-9_]*)*");

  /** Input: first byte = topic length n, next n bytes = topic (UTF-8, lenient), the rest = payload. */
  @FuzzTest
  void commandTopicAndPayload(byte[] input) {
    int topicLength = input.length == 0 ? 0 : Math.min(input[0] & 0xFF, input.length - 1);
    int topicStart = input.length == 0 ? 0 : 1;
    String topic = new String(input, topicStart, topicLength, StandardCharsets.UTF_8);
    byte[] payload = Arrays.copyOfRange(input, Math.min(input.length, 1 + topicLength), input.length);

    ParseResult result = PARSER.parse(topic, payload, CommandParserTest.KNOWN);
    CommandParserTest.assertOracle(topic, payload, result);

    OutcomeFactory outcomes = new OutcomeFactory(CLOCK);
    CommandOutcome outcome;
    if (result instanceof ParsedCommand cmd) {
      PendingCommand pending = new PendingCommand(cmd, "fuzz", 0);
      outcome = outcomes.fromResult(pending, Served.led(
          new RefreshResult(cmd.vehicleId(), RefreshMode.CACHED, DataSource.CACHED, 1, VehicleData.EMPTY, null)));
    } else {
      outcome = outcomes.rejected((CommandRejected) result, "fuzz", 0);
    }
    OutcomeMapper mapper = new OutcomeMapper(TOPICS, CLOCK);
    List<MqttMessageOut> out = mapper.map(outcome);
    out.addAll(mapper.map(new CommandOutcome(outcome.vehicleId(), "fuzz", "refresh", null,
        CommandOutcome.Status.FAILED, "internal", null, 0, 0)));
    for (MqttMessageOut m : out) {
      if (!m.topic().equals(TOPICS.bridgeCommandResult())) {
        assertSafeVehicleTopic(m.topic(), outcome.vehicleId());
        assertTrue(CommandParserTest.KNOWN.contains(outcome.vehicleId()), "only known vehicles get vehicle topics");
      }
    }
  }

  /** Input: a vehicle id as the API might return it (UTF-8, lenient). */
  @FuzzTest
  void vehicleIdFromApi(byte[] input) {
    String id = new String(input, StandardCharsets.UTF_8);
    Vehicle vehicle;
    try {
      vehicle = new Vehicle(id, "api", null, null, null, Brand.HYUNDAI, Vehicle.EngineType.EV);
    } catch (IllegalArgumentException e) {
      // the documented refusal of the domain: such an id never reaches a mapper
      assertTrue(!VehicleIds.isValid(id));
      return;
    }
    List<MqttMessageOut> out = new TopicMapper(TOPICS).map(new StatusUpdate(vehicle, RefreshMode.CACHED,
        DataSource.CACHED, new VehicleData(Instant.EPOCH, new VehicleData.Battery(1, true, true, 1.0),
        new VehicleData.Ev(null, 1, 1, 1, 1, 1.0), 1, null, null, null, null, true)));
    if (!Topics.isVehicleId(id)) {
      assertEquals(List.of(), out, "an id that is not a topic level publishes nothing");
    }
    out.forEach(m -> assertSafeVehicleTopic(m.topic(), id));
  }

  static void assertSafeVehicleTopic(String topic, String vehicleId) {
    String prefix = CommandParserTest.BASE + "/" + vehicleId + "/";
    assertTrue(topic.startsWith(prefix), topic);
    assertTrue(LEAF.matcher(topic.substring(prefix.length())).matches(), topic);
    assertTrue(Topics.isVehicleId(vehicleId));
    assertTrue(TOPICS.isOwnTopic(topic), topic);
    for (String level : topic.split("/", -1)) {
      assertTrue(!level.isEmpty() && !level.startsWith("$"), topic);
    }
    assertTrue(topic.chars().noneMatch(c -> c == '+' || c == '#' || c == 0), topic);
  }
}
