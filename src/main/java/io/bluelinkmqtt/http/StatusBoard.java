package io.bluelinkmqtt.http;

import io.bluelinkmqtt.codec.StatusUpdateJson;
import io.bluelinkmqtt.codec.StatusUpdateJson.StatusUpdate;
import io.bluelinkmqtt.publish.TopicMapper;
import io.bluelinkmqtt.publish.Topics;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the status page and {@code /ready} show, kept from bus events. A car's values are those the publisher
 * sends to MQTT: they come from the same {@link TopicMapper}, and an update that publishes only some leaves (a
 * last-known answer) changes only those, as on the broker. Confined to the HTTP verticle's event loop.
 */
final class StatusBoard {

  static final String DATA_BREAKER = "bluelink-data";
  /** The API verticle's breakers, closed until they report otherwise. */
  static final List<String> BREAKERS = List.of("bluelink-auth", DATA_BREAKER);
  static final int OUTCOMES_KEPT = 5;
  private static final int CHART_HOURS = 24;

  private final Topics topics;
  private final TopicMapper mapper;
  private final JsonObject info;
  private final Clock clock;
  private final Map<String, JsonObject> cars = new LinkedHashMap<>();
  private final Map<String, String> breakers = new TreeMap<>();
  private final Deque<JsonObject> bridgeOutcomes = new ArrayDeque<>();
  /** Upstream calls per clock hour (epoch hour → calls), from the budget's increases. */
  private final Map<Long, Long> callsPerHour = new TreeMap<>();
  private boolean vehicleListLoaded;
  private boolean mqttConnected;
  private String mqttReason = "not connected yet";
  private JsonObject budget;
  private Long lastBudgetUsed;

  /** @param info version and effective configuration (no secrets), shown as they are */
  StatusBoard(String baseTopic, JsonObject info, Clock clock) {
    this.topics = new Topics(baseTopic);
    this.mapper = new TopicMapper(topics);
    this.info = info;
    this.clock = clock;
    BREAKERS.forEach(name -> breakers.put(name, "closed"));
  }

  boolean knows(String vehicleId) {
    return cars.containsKey(vehicleId);
  }

  /** The reply of {@code bluelink.api.vehicles}. */
  void vehiclesLoaded(JsonObject reply) {
    JsonArray list = reply.getJsonArray("vehicles", new JsonArray());
    for (int i = 0; i < list.size(); i++) {
      JsonObject vehicle = list.getJsonObject(i);
      car(vehicle.getString("id")).put("name", vehicle.getString("name")).put("model", vehicle.getString("model"));
    }
    vehicleListLoaded = true;
  }

  void statusUpdated(JsonObject event) {
    StatusUpdate update = StatusUpdateJson.fromJson(event);
    JsonObject car = car(update.vehicle().id());
    car.put("name", update.vehicle().name()).put("model", update.vehicle().model());
    JsonObject values = car.getJsonObject("values");
    if (!Topics.isVehicleId(update.vehicle().id())) {
      return;
    }
    for (TopicMapper.Leaf leaf : mapper.leaves(update)) {
      if (leaf.published()) {
        // "json": the value as the MQTT payload spells it (221.0 stays 221.0, which a browser would print as 221)
        JsonObject payload = leaf.payload();
        values.put(leaf.value().leaf(), payload.put("json", Json.encode(payload.getValue("value"))));
      }
    }
  }

  void commandCompleted(JsonObject event) {
    JsonObject outcome = event.copy().put("at", clock.instant().toString());
    outcome.remove("v");
    Deque<JsonObject> kept = bridgeOutcomes;
    if (outcome.getValue("vehicleId") instanceof String id && cars.containsKey(id)) {
      JsonArray outcomes = cars.get(id).getJsonArray("outcomes");
      outcomes.getList().add(0, outcome);
      while (outcomes.size() > OUTCOMES_KEPT) {
        outcomes.remove(outcomes.size() - 1);
      }
      return;
    }
    kept.addFirst(outcome);
    while (kept.size() > OUTCOMES_KEPT) {
      kept.removeLast();
    }
  }

  void mqttChanged(JsonObject event) {
    mqttConnected = Boolean.TRUE.equals(event.getValue("connected"));
    mqttReason = event.getValue("reason") instanceof String r ? r : null;
  }

  void breakerChanged(JsonObject event) {
    if (event.getValue("name") instanceof String name && event.getValue("state") instanceof String state) {
      breakers.put(name, state);
    }
  }

  void budgetChanged(JsonObject event) {
    budget = event.copy();
    budget.remove("v");
    long used = event.getValue("used") instanceof Number n ? n.longValue() : 0;
    if (lastBudgetUsed != null && used > lastBudgetUsed) {
      callsPerHour.merge(hour(), used - lastBudgetUsed, Long::sum);
    }
    lastBudgetUsed = used;
    callsPerHour.keySet().removeIf(h -> h <= hour() - CHART_HOURS);
  }

  void wakeAuditChanged(JsonObject event) {
    if (event.getValue("vehicleId") instanceof String id && cars.containsKey(id)) {
      JsonObject audit = event.copy();
      audit.remove("v");
      audit.remove("vehicleId");
      cars.get(id).put("wakes", audit);
    }
  }

  /** Why the bridge cannot serve now; empty when it can. */
  List<String> notReady() {
    List<String> reasons = new ArrayList<>();
    if (!mqttConnected) {
      reasons.add("mqtt_disconnected");
    }
    if (!vehicleListLoaded) {
      reasons.add("vehicle_list_not_loaded");
    }
    if ("open".equals(breakers.get(DATA_BREAKER))) {
      reasons.add("data_breaker_open");
    }
    return reasons;
  }

  JsonObject snapshot() {
    JsonArray chart = new JsonArray();
    long now = hour();
    for (long h = now - CHART_HOURS + 1; h <= now; h++) {
      chart.add(new JsonObject().put("hour", Duration.ofHours(h).toMillis()).put("calls", callsPerHour.getOrDefault(h, 0L)));
    }
    List<String> reasons = notReady();
    return new JsonObject()
        .put("now", clock.instant().toString())
        .put("info", info)
        .put("ready", new JsonObject().put("ready", reasons.isEmpty()).put("reasons", new JsonArray(reasons)))
        .put("mqtt", new JsonObject().put("connected", mqttConnected).put("reason", mqttReason))
        .put("breakers", new JsonObject(new LinkedHashMap<>(breakers)))
        .put("budget", budget)
        .put("callsPerHour", chart)
        .put("cars", new JsonArray(new ArrayList<>(cars.values())))
        .put("outcomes", new JsonArray(new ArrayList<>(bridgeOutcomes)));
  }

  private JsonObject car(String id) {
    return cars.computeIfAbsent(id, v -> new JsonObject().put("id", v).put("values", new JsonObject())
        .put("outcomes", new JsonArray()));
  }

  private long hour() {
    return Duration.ofMillis(clock.millis()).toHours();
  }
}
