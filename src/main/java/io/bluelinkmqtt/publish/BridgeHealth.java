package io.bluelinkmqtt.publish;

import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The bridge-level health and budget documents, kept from bus events.
 * Health: {@code {"mqtt":"connected|disconnected","breaker":"closed|open|half_open","state":"ok|unwritable",
 * "budget":{…}|null}}, plus {@code "mqtt_problem":"client_id_in_use"} only while the bridge reports a lasting
 * problem of its broker session (even while connected); {@code breaker} is the worst state over all named
 * breakers; {@code state} says whether the state dir can be written. Budget:
 * {@code {"used","limit","remaining","resets_at","exhausted"}}. Not thread-safe.
 */
public final class BridgeHealth {

  /** Breaker states from best to worst. */
  private static final List<String> BREAKER_STATES = List.of("closed", "half_open", "open");

  private boolean mqttConnected;
  private String mqttProblem;
  private final Map<String, String> breakers = new HashMap<>();
  private JsonObject budget;
  private boolean stateWritable = true;

  /** From {@code bluelink.mqtt.connection-changed}. */
  public void mqttChanged(JsonObject event) {
    mqttConnected = Boolean.TRUE.equals(event.getValue("connected"));
    mqttProblem = event.getValue("problem") instanceof String problem ? problem : null;
  }

  /** From {@code bluelink.api.breaker-changed}; returns false (and changes nothing) for an unknown state. */
  public boolean breakerChanged(JsonObject event) {
    String state = event.getValue("state") instanceof String s ? s.toLowerCase(Locale.ROOT).replace('-', '_') : "";
    if (!BREAKER_STATES.contains(state)) {
      return false;
    }
    String name = event.getValue("name") instanceof String n ? n : "api";
    breakers.put(name, state);
    return true;
  }

  /** From {@code bluelink.api.budget-changed}; returns the retained budget document. */
  public JsonObject budgetChanged(JsonObject event) {
    budget = new JsonObject()
        .put("used", event.getValue("used"))
        .put("limit", event.getValue("limit"))
        .put("remaining", event.getValue("remaining"))
        .put("resets_at", event.getValue("resetsAt"))
        .put("exhausted", event.getValue("exhausted"));
    return budget.copy();
  }

  /** From {@code bluelink.api.state-dir-changed}; returns false (and changes nothing) without a boolean writable. */
  public boolean stateDirChanged(JsonObject event) {
    if (!(event.getValue("writable") instanceof Boolean writable)) {
      return false;
    }
    stateWritable = writable;
    return true;
  }

  public JsonObject healthDocument() {
    String breaker = breakers.values().stream().max((a, b) -> BREAKER_STATES.indexOf(a) - BREAKER_STATES.indexOf(b))
        .orElse("closed");
    JsonObject health = new JsonObject().put("mqtt", mqttConnected ? "connected" : "disconnected");
    if (mqttProblem != null) {
      health.put("mqtt_problem", mqttProblem);
    }
    return health.put("breaker", breaker)
        .put("state", stateWritable ? "ok" : "unwritable")
        .put("budget", budget == null ? null : budget.copy());
  }
}
