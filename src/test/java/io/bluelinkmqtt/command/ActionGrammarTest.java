package io.bluelinkmqtt.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.bluelinkmqtt.codec.ActionJson;
import io.bluelinkmqtt.codec.ActionJson.ActionRequest;
import io.bluelinkmqtt.domain.ChargeCommand;
import io.bluelinkmqtt.domain.ChargeLimitsCommand;
import io.bluelinkmqtt.domain.ChargePortCommand;
import io.bluelinkmqtt.domain.ChargingCurrentCommand;
import io.bluelinkmqtt.domain.SignalCommand;
import io.bluelinkmqtt.domain.WindowsCommand;
import io.bluelinkmqtt.domain.WindowsCommand.Position;
import io.bluelinkmqtt.domain.ClimateCommand;
import io.bluelinkmqtt.domain.ClimateCommand.ClimateSettings;
import io.bluelinkmqtt.domain.ClimateCommand.Seats;
import io.bluelinkmqtt.domain.CommandName;
import io.bluelinkmqtt.domain.LockCommand;
import io.bluelinkmqtt.domain.Throttle;
import io.bluelinkmqtt.publish.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ActionGrammarTest {

  private static final CommandParser PARSER = new CommandParser(new Topics("hyundai"), 512, 600);

  private static ParseResult parse(String command, String payload) {
    return PARSER.parse("hyundai/V1/commands/" + command, payload.getBytes(StandardCharsets.UTF_8), Set.of("V1"));
  }

  private static ParsedCommand accepted(String command, String payload) {
    return assertInstanceOf(ParsedCommand.class, parse(command, payload), payload);
  }

  @Test
  @DisplayName("the shorthands and the JSON form of lock, climate and charge; id and ts are read")
  void shorthandsAndJson() {
    assertEquals(new LockCommand("V1", false), accepted("lock", "unlock").command());
    assertEquals(new LockCommand("V1", true), accepted("lock", "LOCK").command());
    assertEquals(new ChargeCommand("V1", true), accepted("charge", "start").command());
    assertEquals(ClimateCommand.stop("V1"), accepted("climate", "stop").command());
    assertEquals(new ClimateCommand("V1", true, ClimateSettings.DEFAULTS), accepted("climate", "start").command());
    ParsedCommand json = accepted("lock", "{\"action\":\"unlock\",\"id\":\"ha-7\",\"ts\":1764600000.5}");
    assertEquals("ha-7", json.correlationId());
    assertEquals(1_764_600_000_500L, json.sentAtMillis());
    assertEquals(Throttle.ACTION_POLICY, json.command().throttle());
    assertNull(accepted("lock", "lock").sentAtMillis());
    ParsedCommand climate = accepted("climate", "{\"action\":\"start\",\"temperature\":21.5,\"duration\":10,"
        + "\"defrost\":true,\"steering_wheel_heat\":true,\"seats\":{\"driver\":3,\"rear_right\":8}}");
    assertEquals(new ClimateCommand("V1", true, new ClimateSettings(21.5, 10, true, true, new Seats(3, 0, 0, 8))),
        climate.command());
  }

  @Test
  @DisplayName("the shorthands and JSON forms of charge_limits, charging_current, charge_port, windows, hazard, horn")
  void newActions() {
    assertEquals(new ChargeLimitsCommand("V1", 80, 90), accepted("charge_limits", "{\"ac\":80,\"dc\":90}").command());
    assertEquals(new ChargeLimitsCommand("V1", null, 100), accepted("charge_limits", "{\"dc\":100}").command());
    ParsedCommand limits = accepted("charge_limits", "{\"ac\":50,\"id\":\"ha-1\",\"ts\":1764600000}");
    assertEquals(new ChargeLimitsCommand("V1", 50, null), limits.command());
    assertEquals("ha-1", limits.correlationId());
    assertEquals(1_764_600_000_000L, limits.sentAtMillis());
    assertEquals(new ChargingCurrentCommand("V1", 90), accepted("charging_current", "90").command());
    assertEquals(new ChargingCurrentCommand("V1", 60), accepted("charging_current", "{\"action\":60}").command());
    assertEquals(new ChargingCurrentCommand("V1", 100), accepted("charging_current", "{\"action\":\"100\"}").command());
    assertEquals(new ChargePortCommand("V1", true), accepted("charge_port", "open").command());
    assertEquals(new ChargePortCommand("V1", false), accepted("charge_port", "{\"action\":\"close\"}").command());
    assertEquals(WindowsCommand.all("V1", Position.VENT), accepted("windows", "vent").command());
    assertEquals(WindowsCommand.all("V1", Position.CLOSE), accepted("windows", "{\"action\":\"close\"}").command());
    WindowsCommand custom = (WindowsCommand) accepted("windows", "{\"front_left\":\"open\",\"rear_right\":\"vent\"}")
        .command();
    assertEquals(new WindowsCommand("V1", Position.OPEN, Position.CLOSE, Position.CLOSE, Position.VENT), custom,
        "a window left out is closed");
    assertEquals("custom", custom.action());
    assertEquals(new SignalCommand("V1", CommandName.HAZARD), accepted("hazard", "on").command());
    assertEquals(new SignalCommand("V1", CommandName.HORN_LIGHTS), accepted("horn_lights", "{\"action\":\"on\"}")
        .command());
    assertEquals("horn_lights", ((io.bluelinkmqtt.domain.ActionCommand) accepted("horn_lights", "on").command()).policyName());
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("lock", "open", "unknown action, expected lock, unlock"),
        Arguments.of("lock", "un lock", "unknown action, expected lock, unlock"),
        Arguments.of("lock", "{\"action\":\"open\"}", "\"action\" must be one of lock, unlock"),
        Arguments.of("lock", "{\"id\":\"x\"}", "\"action\" must be one of lock, unlock"),
        Arguments.of("lock", "{\"action\":\"lock\",\"pin\":\"1234\"}", "unknown field \"pin\""),
        Arguments.of("lock", "{\"action\":\"lock\",\"ts\":\"now\"}", "\"ts\" must be epoch seconds"),
        Arguments.of("charge", "{\"action\":\"start\",\"temperature\":21}", "unknown field \"temperature\""),
        Arguments.of("climate", "{\"action\":\"start\",\"temperature\":21.3}", ClimateGrammar.TEMPERATURE),
        Arguments.of("climate", "{\"action\":\"start\",\"temperature\":31}", ClimateGrammar.TEMPERATURE),
        Arguments.of("climate", "{\"action\":\"start\",\"temperature\":\"21\"}", ClimateGrammar.TEMPERATURE),
        Arguments.of("climate", "{\"action\":\"start\",\"duration\":0}", ClimateGrammar.DURATION),
        Arguments.of("climate", "{\"action\":\"start\",\"duration\":10.5}", ClimateGrammar.DURATION),
        Arguments.of("climate", "{\"action\":\"start\",\"defrost\":1}", ClimateGrammar.DEFROST),
        Arguments.of("climate", "{\"action\":\"start\",\"seats\":{\"driver\":9}}", ClimateGrammar.SEATS),
        Arguments.of("climate", "{\"action\":\"start\",\"seats\":{\"pilot\":1}}", ClimateGrammar.SEATS),
        Arguments.of("climate", "{\"action\":\"stop\",\"temperature\":21}", ClimateGrammar.STOP_PARAMETERS),
        Arguments.of("charge_limits", "80", ChargeLimitsGrammar.JSON_ONLY),
        Arguments.of("charge_limits", "set", ChargeLimitsGrammar.JSON_ONLY),
        Arguments.of("charge_limits", "{\"id\":\"x\"}", ChargeLimitsGrammar.REQUIRED),
        Arguments.of("charge_limits", "{\"ac\":85}", ChargeLimitsGrammar.AC),
        Arguments.of("charge_limits", "{\"ac\":80,\"dc\":40}", ChargeLimitsGrammar.DC),
        Arguments.of("charge_limits", "{\"ac\":80,\"dc\":110}", ChargeLimitsGrammar.DC),
        Arguments.of("charge_limits", "{\"ac\":\"80\"}", ChargeLimitsGrammar.AC),
        Arguments.of("charge_limits", "{\"ac\":80.0}", ChargeLimitsGrammar.AC),
        Arguments.of("charge_limits", "{\"ac\":80,\"limit\":90}", "unknown field \"limit\""),
        Arguments.of("charging_current", "80", "unknown action, expected 100, 90, 60"),
        Arguments.of("charging_current", "{\"action\":70}", "\"action\" must be one of 100, 90, 60"),
        Arguments.of("charge_port", "opened", "unknown action, expected open, close"),
        Arguments.of("windows", "up", "unknown action, expected open, close, vent"),
        Arguments.of("windows", "{\"front_left\":\"half\"}", "\"front_left\"" + WindowsGrammar.WINDOW),
        Arguments.of("windows", "{\"rear_right\":1}", "\"rear_right\"" + WindowsGrammar.WINDOW),
        Arguments.of("windows", "{\"action\":\"open\",\"front_left\":\"vent\"}", WindowsGrammar.EITHER),
        Arguments.of("windows", "{\"action\":\"custom\"}", "\"action\" must be one of open, close, vent"),
        Arguments.of("windows", "{\"sunroof\":\"open\"}", "unknown field \"sunroof\""),
        Arguments.of("hazard", "off", "unknown action, expected on"),
        Arguments.of("horn_lights", "{\"action\":\"on\",\"times\":3}", "unknown field \"times\""));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("invalid")
  @DisplayName("a bad action payload is invalid, the reason naming the field, on the action's own command")
  void invalidPayloads(String command, String payload, String reason) {
    CommandRejected rejected = assertInstanceOf(CommandRejected.class, parse(command, payload));
    assertEquals(reason, rejected.reason());
    assertEquals(CommandName.fromWire(command).orElseThrow(), rejected.command());
  }

  @Test
  @DisplayName("identical actions share a coalescing key, different parameters never do; the bus request round-trips")
  void coalescingAndBus() {
    ParsedCommand at21 = accepted("climate", "{\"action\":\"start\",\"temperature\":21}");
    ParsedCommand at21again = accepted("climate", "{\"action\":\"start\",\"temperature\":21,\"id\":\"other\"}");
    ParsedCommand at23 = accepted("climate", "{\"action\":\"start\",\"temperature\":23}");
    assertEquals(at21.command().coalescingKey(), at21again.command().coalescingKey());
    assertNotEquals(at21.command().coalescingKey(), at23.command().coalescingKey());
    assertNotEquals(accepted("lock", "lock").command().coalescingKey(),
        accepted("lock", "unlock").command().coalescingKey());
    for (String[] c : new String[][] {{"lock", "unlock"}, {"charge", "stop"}, {"climate", "stop"},
        {"climate", "{\"action\":\"start\",\"temperature\":22.5,\"seats\":{\"driver\":2}}"}}) {
      ActionRequest request = new ActionRequest((io.bluelinkmqtt.domain.ActionCommand) accepted(c[0], c[1]).command(),
          "id-1");
      assertEquals(request, ActionJson.requestFromJson(ActionJson.requestToJson(request)));
    }
  }
}
