package io.bluelinkmqtt.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BusMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final BusMetrics metrics = new BusMetrics(registry);

  @Test
  @DisplayName("outcomes count by command and status; anything else is 'other', never a new label value")
  void outcomesHaveBoundedLabels() {
    metrics.commandCompleted(new JsonObject().put("command", "refresh").put("status", "ok").put("id", "a1"));
    metrics.commandCompleted(new JsonObject().put("command", "refresh").put("status", "ok").put("id", "a2"));
    metrics.commandCompleted(new JsonObject().put("command", "x'; DROP").put("status", "no such status"));
    assertEquals(2, registry.get("bluelink.commands").tags("command", "refresh", "status", "ok").counter().count());
    assertEquals(1, registry.get("bluelink.commands").tags("command", "other", "status", "other").counter().count());
    assertEquals(2, registry.find("bluelink.commands").counters().size(), "no id and no free text as a label");
  }

  @Test
  @DisplayName("a reconnect is a connect after a loss, not the first connect and not a repeated connected event")
  void reconnects() {
    metrics.mqttChanged(new JsonObject().put("connected", true));
    metrics.mqttChanged(new JsonObject().put("connected", true));
    assertEquals(0, registry.get("bluelink.mqtt.reconnects").counter().count());
    metrics.mqttChanged(new JsonObject().put("connected", false));
    assertEquals(0, registry.get("bluelink.mqtt.connected").gauge().value());
    metrics.mqttChanged(new JsonObject().put("connected", true));
    assertEquals(1, registry.get("bluelink.mqtt.reconnects").counter().count());
    assertEquals(1, registry.get("bluelink.mqtt.connected").gauge().value());
  }

  @Test
  @DisplayName("breaker states as 0/1/2; an unknown state or a name that is no id changes nothing")
  void breakers() {
    metrics.breakerChanged(new JsonObject().put("name", "bluelink-data").put("state", "open"));
    assertEquals(2, registry.get("bluelink.breaker.state").tag("breaker", "bluelink-data").gauge().value());
    metrics.breakerChanged(new JsonObject().put("name", "bluelink-data").put("state", "melted"));
    metrics.breakerChanged(new JsonObject().put("name", "has spaces").put("state", "open"));
    assertEquals(2, registry.get("bluelink.breaker.state").tag("breaker", "bluelink-data").gauge().value());
    assertNull(registry.find("bluelink.breaker.state").tag("breaker", "has spaces").gauge());
  }

  @Test
  @DisplayName("budget and wake gauges follow their events; wakes only for valid vehicle ids")
  void budgetAndWakes() {
    metrics.budgetChanged(new JsonObject().put("used", 13).put("limit", 160).put("remaining", 147));
    assertEquals(13, registry.get("bluelink.budget.used").gauge().value());
    assertEquals(147, registry.get("bluelink.budget.remaining").gauge().value());
    metrics.wakeAuditChanged(new JsonObject().put("vehicleId", "car-1").put("today", 2).put("total", 9));
    metrics.wakeAuditChanged(new JsonObject().put("vehicleId", "../../x").put("today", 1).put("total", 1));
    assertEquals(9, registry.get("bluelink.vehicle.wakes").tag("vehicle", "car-1").gauge().value());
    assertEquals(2, registry.get("bluelink.vehicle.wakes.today").tag("vehicle", "car-1").gauge().value());
    assertEquals(1, registry.find("bluelink.vehicle.wakes").gauges().size());
  }
}
