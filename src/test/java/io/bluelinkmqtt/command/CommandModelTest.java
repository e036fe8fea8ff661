package io.bluelinkmqtt.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bluelinkmqtt.domain.CommandName;
import io.bluelinkmqtt.domain.CommandOutcome;
import io.bluelinkmqtt.domain.RefreshCommand;
import io.bluelinkmqtt.domain.RefreshMode;
import io.bluelinkmqtt.domain.Throttle;
import io.bluelinkmqtt.publish.Topics;
import io.bluelinkmqtt.testsupport.TestClock;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The command model: one list of commands, one grammar per command topic, rules declared per command type. */
class CommandModelTest {

  private static final Topics TOPICS = new Topics("hyundai");

  @Test
  @DisplayName("the production parser has a grammar for every command, and the bridge subscribes to exactly those topics")
  void oneListOfCommands() {
    CommandParser parser = new CommandParser(TOPICS, 256, 600);
    assertEquals(Set.of(CommandName.values()), parser.commands());
    assertEquals(Arrays.stream(CommandName.values()).map(n -> "hyundai/+/commands/" + n.wireName()).toList(),
        TOPICS.commandFilters());
    assertEquals(List.of("hyundai/+/commands/refresh", "hyundai/+/commands/lock", "hyundai/+/commands/climate",
        "hyundai/+/commands/charge", "hyundai/+/commands/charge_limits", "hyundai/+/commands/charging_current",
        "hyundai/+/commands/charge_port", "hyundai/+/commands/windows", "hyundai/+/commands/hazard",
        "hyundai/+/commands/horn_lights"), TOPICS.commandFilters(), "never commands/#: no result loop");
  }

  @Test
  @DisplayName("a topic level is a command only in its exact spelling")
  void commandNamesAreExact() {
    assertEquals(CommandName.REFRESH, CommandName.fromWire("refresh").orElseThrow());
    assertEquals(true, CommandName.fromWire("REFRESH").isEmpty());
    assertEquals(true, CommandName.fromWire("result").isEmpty());
  }

  @Test
  @DisplayName("two grammars for one command topic are refused")
  void oneGrammarPerTopic() {
    assertThrows(IllegalArgumentException.class,
        () -> new CommandParser(TOPICS, 256, List.of(new RefreshGrammar(60), new RefreshGrammar(120))));
  }

  @Test
  @DisplayName("a refresh declares its rules: whole-record coalescing key, and the throttle of its mode")
  void refreshDeclaresItsRules() {
    RefreshCommand force = new RefreshCommand("V1", RefreshMode.FORCE, 0, false);
    assertEquals(force.coalescingKey(), new RefreshCommand("V1", RefreshMode.FORCE, 0, false).coalescingKey());
    assertNotEquals(force.coalescingKey(), new RefreshCommand("V1", RefreshMode.FORCE, 0, true).coalescingKey());
    assertNotEquals(force.coalescingKey(), new RefreshCommand("V2", RefreshMode.FORCE, 0, false).coalescingKey());
    assertNotEquals(new RefreshCommand("V1", RefreshMode.SMART, 60, false).coalescingKey(),
        new RefreshCommand("V1", RefreshMode.SMART, 61, false).coalescingKey());
    assertEquals(Throttle.WAKE_POLICY, force.throttle());
    assertEquals(Throttle.READ_WINDOW, new RefreshCommand("V1", RefreshMode.CACHED, 0, false).throttle());
    assertEquals(Throttle.WAKE_POLICY_WHEN_STALE, new RefreshCommand("V1", RefreshMode.SMART, 60, false).throttle());
    assertEquals("smart:60", new RefreshCommand("V1", RefreshMode.SMART, 60, false).argument());
  }

  @Test
  @DisplayName("the outcome's command field names the command the topic named")
  void outcomeNamesItsCommand() {
    CommandParser parser = new CommandParser(TOPICS, 256, 600);
    OutcomeFactory outcomes = new OutcomeFactory(new TestClock(0));
    ParsedCommand parsed = assertInstanceOf(ParsedCommand.class,
        parser.parse("hyundai/V1/commands/refresh", "force".getBytes(StandardCharsets.UTF_8), Set.of("V1")));
    CommandOutcome failed = outcomes.failed(new PendingCommand(parsed, "x", 0), OutcomeFactory.REASON_BUSY);
    assertEquals("refresh", failed.command());
    CommandRejected rejected = assertInstanceOf(CommandRejected.class,
        parser.parse("hyundai/V1/commands/refresh", "nope".getBytes(StandardCharsets.UTF_8), Set.of("V1")));
    assertEquals(CommandName.REFRESH, rejected.command());
    assertEquals("refresh", outcomes.rejected(rejected, "y", 0).command());
  }

  @Test
  @DisplayName("charge limits: a level left out is taken from the car's last data, or the command cannot be sent")
  void chargeLimitsResolveFromLastData() {
    io.bluelinkmqtt.domain.ChargeLimitsCommand dcOnly = new io.bluelinkmqtt.domain.ChargeLimitsCommand("V1", null, 60);
    io.bluelinkmqtt.domain.VehicleData known = new io.bluelinkmqtt.domain.VehicleData(null, null,
        new io.bluelinkmqtt.domain.VehicleData.Ev(null, null, null, 90, 80, null), null, null, null, null, null, null);
    assertEquals(new io.bluelinkmqtt.domain.ChargeLimitsCommand("V1", 90, 60), dcOnly.resolved(known).orElseThrow());
    assertEquals(true, dcOnly.resolved(io.bluelinkmqtt.domain.VehicleData.EMPTY).isEmpty(), "AC not known");
    io.bluelinkmqtt.domain.VehicleData odd = new io.bluelinkmqtt.domain.VehicleData(null, null,
        new io.bluelinkmqtt.domain.VehicleData.Ev(null, null, null, 85, 80, null), null, null, null, null, null, null);
    assertEquals(true, dcOnly.resolved(odd).isEmpty(), "85 % is no level the cloud takes");
    io.bluelinkmqtt.domain.ChargeLimitsCommand both = new io.bluelinkmqtt.domain.ChargeLimitsCommand("V1", 50, 100);
    assertEquals(both, both.resolved(io.bluelinkmqtt.domain.VehicleData.EMPTY).orElseThrow());
    assertThrows(IllegalArgumentException.class, () -> new io.bluelinkmqtt.domain.ChargeLimitsCommand("V1", null, null));
    assertThrows(IllegalArgumentException.class, () -> new io.bluelinkmqtt.domain.ChargeLimitsCommand("V1", 45, 50));
  }
}
