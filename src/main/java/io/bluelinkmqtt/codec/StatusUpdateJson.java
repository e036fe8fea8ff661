package io.bluelinkmqtt.codec;

import io.bluelinkmqtt.domain.DataSource;
import io.bluelinkmqtt.domain.RefreshMode;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.VehicleData;
import io.vertx.core.json.JsonObject;

/** Body of {@code bluelink.vehicle.status-updated}: which car, how the data was obtained, and the data. */
public final class StatusUpdateJson {

  /** A decoded status update. */
  public record StatusUpdate(Vehicle vehicle, RefreshMode method, DataSource dataSource, VehicleData data) {
  }

  private StatusUpdateJson() {
  }

  public static JsonObject toJson(StatusUpdate u) {
    return Envelope.versioned()
        .put("vehicle", VehicleJson.toJson(u.vehicle()))
        .put("method", u.method().wireName())
        .put("dataSource", u.dataSource().wireName())
        .put("data", VehicleDataJson.toJson(u.data()));
  }

  public static StatusUpdate fromJson(JsonObject json) {
    io.bluelinkmqtt.bus.Replies.requireSchema(json);
    return new StatusUpdate(VehicleJson.fromJson(json.getJsonObject("vehicle")),
        RefreshMode.fromWire(json.getString("method")).orElse(RefreshMode.CACHED),
        DataSource.fromWire(json.getString("dataSource")),
        VehicleDataJson.fromJson(json.getJsonObject("data")));
  }
}
