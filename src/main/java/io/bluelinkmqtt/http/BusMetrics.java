package io.bluelinkmqtt.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.bluelinkmqtt.domain.CommandOutcome;
import io.bluelinkmqtt.domain.VehicleIds;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bridge's meters that follow bus events. Every label value comes from a closed set: breaker names and vehicle
 * ids are the account's (a handful), command names outside the known ones count as {@code other}, statuses are
 * {@link CommandOutcome.Status}. Confined to the HTTP verticle's event loop, except the gauges' reads.
 */
final class BusMetrics {

  private static final Set<String> COMMANDS = Set.of("refresh");
  private static final Set<String> STATUSES = Set.copyOf(Arrays.stream(CommandOutcome.Status.values())
      .map(CommandOutcome.Status::wireName).toList());
  private static final Map<String, Integer> BREAKER_LEVELS = Map.of("closed", 0, "half_open", 1, "open", 2);
  /** More ids than any account has cars: a flood of made-up ids cannot grow the label set. */
  private static final int MAX_VEHICLES = 32;

  private final MeterRegistry registry;
  private final AtomicLong mqttConnected = new AtomicLong();
  private final AtomicLong budgetUsed = new AtomicLong();
  private final AtomicLong budgetLimit = new AtomicLong();
  private final AtomicLong budgetRemaining = new AtomicLong();
  private final Map<String, AtomicLong> breakers = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> wakesTotal = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> wakesToday = new ConcurrentHashMap<>();
  private final Counter reconnects;
  private final Timer loopDelay;
  private boolean everConnected;

  BusMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("bluelink.mqtt.connected", mqttConnected, AtomicLong::get)
        .description("1 while the bridge's MQTT session is up").register(registry);
    Gauge.builder("bluelink.budget.used", budgetUsed, AtomicLong::get)
        .description("upstream calls counted against the rolling 24 h cap").register(registry);
    Gauge.builder("bluelink.budget.limit", budgetLimit, AtomicLong::get)
        .description("the rolling 24 h cap of upstream calls").register(registry);
    Gauge.builder("bluelink.budget.remaining", budgetRemaining, AtomicLong::get)
        .description("upstream calls left in the rolling 24 h window").register(registry);
    reconnects = Counter.builder("bluelink.mqtt.reconnects").description("MQTT sessions re-established after a loss")
        .register(registry);
    loopDelay = Timer.builder("bluelink.event.loop.delay").description("how late a 1 s timer fired on each event loop")
        .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofSeconds(1))
        .register(registry);
  }

  void mqttChanged(JsonObject event) {
    boolean connected = Boolean.TRUE.equals(event.getValue("connected"));
    if (connected && mqttConnected.get() == 0 && everConnected) {
      reconnects.increment();
    }
    everConnected |= connected;
    mqttConnected.set(connected ? 1 : 0);
  }

  void breakerChanged(JsonObject event) {
    Integer level = event.getValue("state") instanceof String s ? BREAKER_LEVELS.get(s.toLowerCase(Locale.ROOT)) : null;
    if (level == null || !(event.getValue("name") instanceof String name) || !VehicleIds.isValid(name)) {
      return;
    }
    breakerGauge(name).set(level);
  }

  /** The breakers start closed; known before their first change so the series exists from the start. */
  AtomicLong breakerGauge(String name) {
    return breakers.computeIfAbsent(name, n -> {
      AtomicLong value = new AtomicLong();
      Gauge.builder("bluelink.breaker.state", value, AtomicLong::get)
          .description("circuit breaker state: 0 closed, 1 half open, 2 open").tag("breaker", n).register(registry);
      return value;
    });
  }

  void budgetChanged(JsonObject event) {
    budgetUsed.set(number(event, "used"));
    budgetLimit.set(number(event, "limit"));
    budgetRemaining.set(number(event, "remaining"));
  }

  void wakeAuditChanged(JsonObject event) {
    if (!(event.getValue("vehicleId") instanceof String id) || !VehicleIds.isValid(id)
        || (!wakesTotal.containsKey(id) && wakesTotal.size() >= MAX_VEHICLES)) {
      return;
    }
    vehicleGauge(wakesTotal, "bluelink.vehicle.wakes", "forced refreshes that woke the car, as audited", id)
        .set(number(event, "total"));
    vehicleGauge(wakesToday, "bluelink.vehicle.wakes.today", "car wakes today, as audited", id)
        .set(number(event, "today"));
  }

  void commandCompleted(JsonObject event) {
    String command = event.getValue("command") instanceof String c && COMMANDS.contains(c) ? c : "other";
    String status = event.getValue("status") instanceof String s && STATUSES.contains(s) ? s : "other";
    Counter.builder("bluelink.commands").description("command outcomes, by command and status")
        .tag("command", command).tag("status", status).register(registry).increment();
  }

  void loopDelay(Duration late) {
    loopDelay.record(late);
  }

  private AtomicLong vehicleGauge(Map<String, AtomicLong> gauges, String name, String description, String id) {
    return gauges.computeIfAbsent(id, v -> {
      AtomicLong value = new AtomicLong();
      Gauge.builder(name, value, AtomicLong::get).description(description).tag("vehicle", v).register(registry);
      return value;
    });
  }

  private static long number(JsonObject event, String field) {
    return event.getValue(field) instanceof Number n ? n.longValue() : 0;
  }
}
