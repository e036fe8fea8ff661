package io.bluelinkmqtt.publish;

import io.bluelinkmqtt.codec.MqttPublishJson.MqttMessageOut;
import io.bluelinkmqtt.domain.CommandOutcome;
import io.bluelinkmqtt.domain.CommandOutcome.Status;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A command outcome → {@code {base}/{id}/commands/result} (QoS 1, not retained) with
 * {@code {"id","command","mode","status","reason","data_source","upstream_calls","duration_ms","final",
 * "action_id"}}
 * (null where not applicable). A {@code failed} outcome also sets the retained
 * {@code {base}/{id}/status/error}, except when the bridge refused the command itself
 * ({@link CommandOutcome#bridgeRefusal()}: busy, shutdown, not ready), which leaves it as it is; the
 * next {@code ok} or {@code coalesced} clears it with an empty retained payload. Outcomes without a
 * valid vehicle go to the bridge's {@code commands/result}. Not thread-safe: it remembers per vehicle whether an error is shown.
 */
public final class OutcomeMapper {

  public static final int RESULT_QOS = 1;
  public static final int ERROR_QOS = 1;

  private final Topics topics;
  private final Clock clock;
  /** Per vehicle: is an error shown? Absent = unknown (a retained one may be left from an earlier run). */
  private final Map<String, Boolean> errorShown = new HashMap<>();

  public OutcomeMapper(Topics topics, Clock clock) {
    this.topics = topics;
    this.clock = clock;
  }

  public List<MqttMessageOut> map(CommandOutcome outcome) {
    String vehicle = outcome.vehicleId();
    boolean vehicleLevel = vehicle != null && Topics.isVehicleId(vehicle);
    String resultTopic = vehicleLevel ? topics.commandResult(vehicle) : topics.bridgeCommandResult();
    List<MqttMessageOut> out = new ArrayList<>();
    out.add(new MqttMessageOut(resultTopic, result(outcome).encode(), RESULT_QOS, false));
    if (vehicleLevel) {
      String errorTopic = topics.vehicle(vehicle, Topics.STATUS_ERROR);
      if (outcome.bridgeRefusal()) {
        return out; // busy, shutdown, not ready: the bridge's state, not the car's; the car's last error stays
      }
      if (outcome.status() == Status.FAILED) {
        JsonObject error = new JsonObject().put("value", outcome.reason()).put("command_id", outcome.id())
            .put("timestamp", clock.instant().toString());
        out.add(new MqttMessageOut(errorTopic, error.encode(), ERROR_QOS, true));
        errorShown.put(vehicle, true);
      } else if ((outcome.status() == Status.OK || outcome.status() == Status.COALESCED)
          && !Boolean.FALSE.equals(errorShown.get(vehicle))) {
        out.add(new MqttMessageOut(errorTopic, "", ERROR_QOS, true));
        errorShown.put(vehicle, false);
      }
    }
    return out;
  }

  /** The result payload; every field present, null where it does not apply. */
  static JsonObject result(CommandOutcome o) {
    return new JsonObject()
        .put("id", o.id())
        .put("command", o.command())
        .put("mode", o.mode())
        .put("status", o.status().wireName())
        .put("reason", o.reason())
        .put("data_source", o.dataSource() == null ? null : o.dataSource().wireName())
        .put("upstream_calls", o.upstreamCalls())
        .put("duration_ms", o.durationMs())
        .put("final", o.finalOutcome())
        .put("action_id", o.actionId());
  }
}
