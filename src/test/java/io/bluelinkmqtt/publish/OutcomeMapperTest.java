package io.bluelinkmqtt.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bluelinkmqtt.codec.MqttPublishJson.MqttMessageOut;
import io.bluelinkmqtt.domain.CommandOutcome;
import io.bluelinkmqtt.domain.CommandOutcome.Status;
import io.bluelinkmqtt.domain.DataSource;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OutcomeMapperTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);

  private final OutcomeMapper mapper = new OutcomeMapper(new Topics("hyundai"), CLOCK);

  static CommandOutcome outcome(String vehicle, Status status, String reason, DataSource source) {
    return new CommandOutcome(vehicle, "req-1", "refresh", "force", status, reason, source, 2, 1234);
  }

  @Test
  @DisplayName("an ok outcome goes to the vehicle's commands/result, QoS 1, not retained, with every field")
  void okOutcome() {
    List<MqttMessageOut> out = new OutcomeMapper(new Topics("hyundai"), CLOCK)
        .map(outcome("V1", Status.OK, null, DataSource.FRESH));
    MqttMessageOut result = out.get(0);
    assertEquals("hyundai/V1/commands/result", result.topic());
    assertEquals(1, result.qos());
    assertEquals(false, result.retain());
    assertEquals(new JsonObject("{\"id\":\"req-1\",\"command\":\"refresh\",\"mode\":\"force\",\"status\":\"ok\","
        + "\"reason\":null,\"data_source\":\"fresh\",\"upstream_calls\":2,\"duration_ms\":1234,\"final\":true,"
        + "\"action_id\":null}"), new JsonObject(result.payload()));
    assertEquals(10, new JsonObject(result.payload()).size(), "null fields are present, not left out");
  }

  @Test
  @DisplayName("failed sets the retained status/error; the next success clears it once with an empty retained payload")
  void errorIsSetAndCleared() {
    List<MqttMessageOut> failed = mapper.map(outcome("V1", Status.FAILED, "upstream_unavailable", null));
    assertEquals(2, failed.size());
    MqttMessageOut error = failed.get(1);
    assertEquals("hyundai/V1/status/error", error.topic());
    assertEquals(1, error.qos());
    assertEquals(true, error.retain());
    assertEquals(new JsonObject().put("value", "upstream_unavailable").put("command_id", "req-1")
        .put("timestamp", "2024-05-01T12:00:00Z"), new JsonObject(error.payload()));
    assertEquals("failed", new JsonObject(failed.get(0).payload()).getString("status"));

    List<MqttMessageOut> throttled = mapper.map(outcome("V1", Status.THROTTLED, "min_interval", DataSource.CACHED));
    assertEquals(1, throttled.size(), "throttled is no error and no success: the error stays");

    List<MqttMessageOut> ok = mapper.map(outcome("V1", Status.COALESCED, "joined x", DataSource.CACHED));
    assertEquals(2, ok.size());
    assertEquals(new MqttMessageOut("hyundai/V1/status/error", "", 1, true), ok.get(1));

    assertEquals(1, mapper.map(outcome("V1", Status.OK, null, DataSource.CACHED)).size(), "cleared only once");
  }

  @Test
  @DisplayName("the first success after start clears an error possibly retained from an earlier run")
  void firstSuccessClearsUnknownError() {
    List<MqttMessageOut> out = mapper.map(outcome("V2", Status.OK, null, DataSource.CACHED));
    assertEquals(List.of("hyundai/V2/commands/result", "hyundai/V2/status/error"),
        out.stream().map(MqttMessageOut::topic).toList());
    assertEquals("", out.get(1).payload());
  }

  @Test
  @DisplayName("outcomes without a valid vehicle go to the bridge's commands/result and set no error")
  void unknownVehicleGoesToBridgeLevel() {
    for (String vehicle : new String[] {null, "bridge", "a/b", "+", ""}) {
      List<MqttMessageOut> out = mapper.map(new CommandOutcome(vehicle, "auto-1", "refresh", null, Status.INVALID,
          "unknown vehicle", null, 0, 0));
      assertEquals(1, out.size());
      assertEquals("hyundai/bridge/commands/result", out.get(0).topic());
      assertEquals(1, out.get(0).qos());
      assertEquals(false, out.get(0).retain());
      assertEquals("unknown vehicle", new JsonObject(out.get(0).payload()).getString("reason"));
    }
    List<MqttMessageOut> failed = mapper.map(new CommandOutcome(null, "auto-2", "refresh", null, Status.FAILED,
        "vehicle list not loaded yet", null, 0, 0));
    assertEquals(List.of("hyundai/bridge/commands/result"), failed.stream().map(MqttMessageOut::topic).toList());
  }

  @Test
  @DisplayName("busy, shutdown and not ready are the bridge's refusals: result only, the car's error stays as it is")
  void bridgeRefusalsLeaveTheErrorAlone() {
    mapper.map(outcome("V1", Status.FAILED, "upstream_unavailable", null));
    for (String reason : new String[] {"busy", "shutdown", "vehicle list not loaded yet"}) {
      List<MqttMessageOut> out = mapper.map(outcome("V1", Status.FAILED, reason, null));
      assertEquals(List.of("hyundai/V1/commands/result"), out.stream().map(MqttMessageOut::topic).toList(), reason);
      assertEquals(reason, new JsonObject(out.get(0).payload()).getString("reason"));
    }
    List<MqttMessageOut> ok = mapper.map(outcome("V1", Status.OK, null, DataSource.CACHED));
    assertEquals(new MqttMessageOut("hyundai/V1/status/error", "", 1, true), ok.get(1),
        "the car's own error was still shown, so the success clears it");
  }
}
