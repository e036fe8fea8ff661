package io.bluelinkmqtt.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.messages.MqttPublishMessage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The observing MQTT client: receives every command result (and, with {@code allTopics}, every
 * vehicle topic) and the harness's own ping messages, and stamps arrival times into the {@link Ledger}.
 */
final class Receiver extends VerticleBase {

  static final String PING_ROOT = "benchping";

  private final int port;
  private final String base;
  private final boolean allTopics;
  private final Ledger ledger;
  private MqttClient client;
  private volatile boolean bridgeOnline;
  private volatile Promise<String> probe;
  private volatile String probeId;

  Receiver(int port, String base, boolean allTopics, Ledger ledger) {
    this.port = port;
    this.base = base;
    this.allTopics = allTopics;
    this.ledger = ledger;
  }

  @Override
  public Future<?> start() {
    client = MqttClient.create(vertx, new MqttClientOptions().setClientId("bench-receiver-" + ProcessHandle.current().pid())
        .setCleanSession(true).setMaxMessageSize(1 << 20).setKeepAliveInterval(60).setMaxInflightQueue(60_000));
    client.publishHandler(this::onMessage);
    Map<String, Integer> filters = new LinkedHashMap<>();
    filters.put(base + "/bridge/state", 0);
    filters.put(base + "/+/commands/result", 0);
    filters.put(PING_ROOT + "/#", 0);
    if (allTopics) {
      filters.put(base + "/#", 0);
    }
    return client.connect(port, "127.0.0.1").compose(ack -> client.subscribe(filters));
  }

  @Override
  public Future<?> stop() {
    return client.isConnected() ? client.disconnect() : Future.succeededFuture();
  }

  /** Forgets the bridge state seen so far (before a bridge is started again). */
  void resetBridgeState() {
    bridgeOnline = false;
  }

  boolean bridgeOnline() {
    return bridgeOnline;
  }

  /** Completes with the status of the result whose id is {@code id}. */
  Future<String> expectProbe(String id) {
    Promise<String> promise = Promise.promise();
    probeId = id;
    probe = promise;
    return promise.future();
  }

  private void onMessage(MqttPublishMessage message) {
    long now = System.nanoTime();
    String topic = message.topicName();
    if (topic.startsWith(PING_ROOT + "/")) {
      ledger.brokerRoundTrips.add(now - Long.parseLong(message.payload().toString()));
      return;
    }
    if (!topic.startsWith(base + "/")) {
      return;
    }
    String rest = topic.substring(base.length() + 1);
    int slash = rest.indexOf('/');
    String first = slash < 0 ? rest : rest.substring(0, slash);
    String leaf = slash < 0 ? "" : rest.substring(slash + 1);
    if (first.equals("bridge")) {
      if (leaf.equals("state")) {
        bridgeOnline = "online".equals(message.payload().toString());
      }
      return;
    }
    if (leaf.equals("commands/refresh")) {
      return;
    }
    if (!message.isRetain()) {
      ledger.vehicleMessages.incrementAndGet();
      if (leaf.equals("battery/level")) {
        ledger.firstMessageNanos.putIfAbsent(first, now);
      }
    }
    if (leaf.equals("commands/result")) {
      onResult(message, now);
      return;
    }
    Command command = ledger.latestFor(ledger.indexOf(first));
    if (command != null && !message.isRetain()) {
      command.topicSeen(now);
    }
  }

  private void onResult(MqttPublishMessage message, long now) {
    JsonObject result = new JsonObject(message.payload());
    String id = result.getString("id");
    Promise<String> waiting = probe;
    if (waiting != null && id != null && id.equals(probeId)) {
      probe = null;
      waiting.tryComplete(result.getString("status") + (result.getString("reason") == null ? ""
          : " (" + result.getString("reason") + ")"));
      return;
    }
    Command command = id == null ? null : ledger.commands.get(id);
    if (command == null) {
      ledger.unmatchedResults.incrementAndGet();
      return;
    }
    String reason = result.getString("reason");
    command.status = result.getString("status")
        + (reason == null || reason.startsWith("joined") ? "" : " (" + reason + ")");
    command.dataSource = result.getString("data_source");
    Integer calls = result.getInteger("upstream_calls");
    command.upstreamCalls = calls == null ? 0 : calls;
    Long duration = result.getLong("duration_ms");
    command.bridgeDurationMs = duration == null ? -1 : duration;
    command.resultNanos = now;
    command.topicSeen(now);
  }
}
