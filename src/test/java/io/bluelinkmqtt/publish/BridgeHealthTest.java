package io.bluelinkmqtt.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BridgeHealthTest {

  @Test
  @DisplayName("health shows the MQTT problem of the latest connection change, also while connected, and drops it after")
  void mqttProblem() {
    BridgeHealth health = new BridgeHealth();
    health.mqttChanged(new JsonObject().put("connected", false).put("reason", "client_id_in_use")
        .put("problem", "client_id_in_use"));
    assertEquals(new JsonObject().put("mqtt", "disconnected").put("mqtt_problem", "client_id_in_use")
        .put("breaker", "closed").put("state", "ok").putNull("budget"), health.healthDocument());
    health.mqttChanged(new JsonObject().put("connected", true).put("reason", "connected").put("problem", "client_id_in_use"));
    assertEquals("client_id_in_use", health.healthDocument().getString("mqtt_problem"));
    assertEquals("connected", health.healthDocument().getString("mqtt"));
    health.mqttChanged(new JsonObject().put("connected", true).put("reason", "connected"));
    assertEquals(new JsonObject().put("mqtt", "connected").put("breaker", "closed").put("state", "ok").putNull("budget"),
        health.healthDocument());
  }
}
