package io.bluelinkmqtt.mqtt;

import io.bluelinkmqtt.codec.Envelope;
import io.vertx.core.json.JsonObject;

/**
 * The body of {@code bluelink.mqtt.connection-changed}: whether the session is up, why (a {@link LossReason}, a
 * {@link ConnectFailure} reason, or {@code connected}), and a lasting {@code problem} only while there is one.
 */
final class ConnectionChangedJson {

  private ConnectionChangedJson() {
  }

  /** @param problem {@link BrokerConnection#problem()}: null leaves the field out */
  static JsonObject toJson(boolean connected, String reason, String problem) {
    JsonObject event = Envelope.versioned().put("connected", connected).put("reason", reason);
    if (problem != null) {
      event.put("problem", problem);
    }
    return event;
  }
}
