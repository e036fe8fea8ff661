package io.bluelinkmqtt.codec;

import static io.bluelinkmqtt.codec.JsonFields.putIfPresent;

import io.bluelinkmqtt.bus.BridgeException;
import io.bluelinkmqtt.bus.Failure;
import io.bluelinkmqtt.bus.Replies;
import io.bluelinkmqtt.domain.DataSource;
import io.bluelinkmqtt.domain.RefreshMode;
import io.bluelinkmqtt.domain.RefreshRequest;
import io.bluelinkmqtt.domain.RefreshResult;
import io.bluelinkmqtt.domain.Served;
import io.vertx.core.json.JsonObject;

/** Request and reply bodies of {@code bluelink.api.refresh}. */
public final class RefreshJson {

  private RefreshJson() {
  }

  public static JsonObject requestToJson(RefreshRequest r) {
    JsonObject json = Envelope.versioned()
        .put("vehicleId", r.vehicleId())
        .put("mode", r.mode().wireName())
        .put("maxAgeSeconds", r.maxAgeSeconds())
        .put("override", r.override());
    putIfPresent(json, "commandId", r.commandId());
    return json;
  }

  /** Parses and validates a request; a bad one fails with {@link Failure#INVALID} or {@link Failure#UNSUPPORTED_SCHEMA}. */
  public static RefreshRequest requestFromJson(JsonObject json) {
    Replies.requireSchema(json);
    try {
      RefreshMode mode = RefreshMode.fromWire(json.getString("mode"))
          .orElseThrow(() -> new IllegalArgumentException("unknown mode"));
      return new RefreshRequest(json.getString("vehicleId"), mode, json.getLong("maxAgeSeconds", 0L),
          json.getBoolean("override", false), json.getString("commandId"));
    } catch (IllegalArgumentException | ClassCastException e) {
      throw new BridgeException(Failure.INVALID, "invalid refresh request: " + e.getMessage());
    }
  }

  public static JsonObject resultToJson(RefreshResult r) {
    JsonObject json = Envelope.versioned()
        .put("vehicleId", r.vehicleId())
        .put("path", r.path().wireName())
        .put("dataSource", r.dataSource().wireName())
        .put("upstreamCalls", r.upstreamCalls())
        .put("data", VehicleDataJson.toJson(r.data()));
    putIfPresent(json, "deniedBy", r.deniedBy());
    return json;
  }

  public static RefreshResult resultFromJson(JsonObject json) {
    Replies.requireSchema(json);
    return new RefreshResult(json.getString("vehicleId"),
        RefreshMode.fromWire(json.getString("path")).orElse(RefreshMode.CACHED),
        DataSource.fromWire(json.getString("dataSource")),
        json.getInteger("upstreamCalls", 0),
        VehicleDataJson.fromJson(json.getJsonObject("data")),
        json.getString("deniedBy"));
  }

  /**
   * The reply: the refresh's result, plus {@code joined: true} and the leader's {@code leaderCommandId} when this
   * request joined an identical one (its {@code upstreamCalls} are then the leader's, not its own).
   */
  public static JsonObject servedToJson(Served<RefreshResult> served) {
    JsonObject json = resultToJson(served.result());
    if (served.joined()) {
      json.put("joined", true);
      putIfPresent(json, "leaderCommandId", served.leaderCommandId());
    }
    return json;
  }

  public static Served<RefreshResult> servedFromJson(JsonObject json) {
    return new Served<>(resultFromJson(json), json.getBoolean("joined", false), json.getString("leaderCommandId"));
  }
}
