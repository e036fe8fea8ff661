package io.bluelinkmqtt.codec;

import static io.bluelinkmqtt.codec.JsonFields.putIfPresent;

import io.bluelinkmqtt.bus.Replies;
import io.bluelinkmqtt.domain.CommandOutcome;
import io.bluelinkmqtt.domain.DataSource;
import io.vertx.core.json.JsonObject;

/** Body of {@code bluelink.command.completed}; the MQTT result payload is built from it by the publisher. */
public final class CommandOutcomeJson {

  private CommandOutcomeJson() {
  }

  public static JsonObject toJson(CommandOutcome o) {
    JsonObject json = Envelope.versioned()
        .put("id", o.id())
        .put("command", o.command())
        .put("status", o.status().wireName())
        .put("upstreamCalls", o.upstreamCalls())
        .put("durationMs", o.durationMs())
        .put("final", o.finalOutcome());
    putIfPresent(json, "actionId", o.actionId());
    putIfPresent(json, "vehicleId", o.vehicleId());
    putIfPresent(json, "mode", o.mode());
    putIfPresent(json, "reason", o.reason());
    putIfPresent(json, "dataSource", o.dataSource() == null ? null : o.dataSource().wireName());
    return json;
  }

  public static CommandOutcome fromJson(JsonObject json) {
    Replies.requireSchema(json);
    String dataSource = json.getString("dataSource");
    return new CommandOutcome(json.getString("vehicleId"), json.getString("id"), json.getString("command"),
        json.getString("mode"), CommandOutcome.Status.fromWire(json.getString("status")), json.getString("reason"),
        dataSource == null ? null : DataSource.fromWire(dataSource), json.getInteger("upstreamCalls", 0),
        json.getLong("durationMs", 0L), json.getBoolean("final", true), json.getString("actionId"));
  }
}
