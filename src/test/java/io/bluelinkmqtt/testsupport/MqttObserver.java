package io.bluelinkmqtt.testsupport;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A second MQTT client that records every message on a filter ({@code #} by default) and lets a
 * test wait for one with a future. It also publishes, playing a user or Home Assistant.
 * {@link #reconnect()} starts a fresh client, e.g. after the broker restarted.
 */
public final class MqttObserver {

  /** One message as the observer received it. */
  public record Received(String topic, String payload, int qos, boolean retain, long atMillis) {
  }

  private record Waiter(Predicate<Received> predicate, Promise<Received> promise) {
  }

  private final Vertx vertx;
  private final String host;
  private final int port;
  private final List<String> filters;
  private final List<Received> messages = new CopyOnWriteArrayList<>();
  private final List<Waiter> waiters = new CopyOnWriteArrayList<>();
  private MqttClient client;
  private String username;
  private String password;

  private MqttObserver(Vertx vertx, String host, int port, String... filters) {
    this.vertx = vertx;
    this.host = host;
    this.port = port;
    this.filters = List.of(filters);
  }

  /**
   * Connects and subscribes to {@code filters} at QoS 1; completes after the SUBACK. Subscribe to what
   * the test checks, not to {@code #}: a long-lived shared broker holds many retained messages.
   */
  public static Future<MqttObserver> start(Vertx vertx, String host, int port, String... filters) {
    MqttObserver observer = new MqttObserver(vertx, host, port, filters);
    return observer.connect().map(observer);
  }

  /**
   * Clears (empty retained payload) every topic this observer has seen, so a test leaves nothing
   * behind on a shared broker.
   */
  public Future<Void> clearRetained() {
    List<Future<Integer>> cleared = messages.stream().map(Received::topic).distinct()
        .map(topic -> publish(topic, "", 0, true)).toList();
    return Future.join(cleared).mapEmpty();
  }

  /** Like {@link #start} for a broker that requires a login. */
  public static Future<MqttObserver> startWithCredentials(Vertx vertx, String host, int port, String filter,
                                                          String username, String password) {
    MqttObserver observer = new MqttObserver(vertx, host, port, filter);
    observer.username = username;
    observer.password = password;
    return observer.connect().map(observer);
  }

  /** Drops the old connection (if any) and connects a new client with the same filter. */
  public Future<Void> reconnect() {
    MqttClient old = client;
    Future<Void> closed = old != null && old.isConnected() ? old.disconnect() : Future.succeededFuture();
    return closed.recover(e -> Future.succeededFuture()).compose(v -> connect());
  }

  private Future<Void> connect() {
    MqttClientOptions options = new MqttClientOptions()
        .setClientId("observer-" + UUID.randomUUID().toString().substring(0, 8))
        .setMaxMessageSize(2 * 1024 * 1024)
        .setMaxInflightQueue(1000)
        .setKeepAliveInterval(5);
    if (username != null) {
      options.setUsername(username).setPassword(password);
    }
    MqttClient c = MqttClient.create(vertx, options);
    client = c;
    Promise<Void> subscribed = Promise.promise();
    c.publishHandler(m -> record(new Received(m.topicName(), m.payload().toString(StandardCharsets.UTF_8),
        m.qosLevel().value(), m.isRetain(), System.currentTimeMillis())));
    c.subscribeCompletionHandler(ack -> subscribed.tryComplete());
    java.util.Map<String, Integer> subscriptions = new java.util.LinkedHashMap<>();
    filters.forEach(f -> subscriptions.put(f, 1));
    return c.connect(port, host).compose(ack -> c.subscribe(subscriptions)).compose(id -> subscribed.future());
  }

  /** Synchronized with {@link #awaitAny}: a message can never slip between its history check and its waiter. */
  private synchronized void record(Received message) {
    messages.add(message);
    for (Waiter waiter : waiters) {
      if (waiter.predicate.test(message) && waiter.promise.tryComplete(message)) {
        waiters.remove(waiter);
      }
    }
  }

  /** The first message (already recorded or still to come) on {@code topic} matching {@code predicate}. */
  public Future<Received> awaitMessage(String topic, Predicate<Received> predicate) {
    return awaitAny(m -> m.topic().equals(topic) && predicate.test(m));
  }

  /** The first message on any topic (already recorded or still to come) matching {@code match}. */
  public synchronized Future<Received> awaitAny(Predicate<Received> match) {
    for (Received m : messages) {
      if (match.test(m)) {
        return Future.succeededFuture(m);
      }
    }
    return nextMessage(match);
  }

  /** The first message on {@code topic} with exactly this payload, recorded or to come. */
  public Future<Received> awaitPayload(String topic, String payload) {
    return awaitMessage(topic, m -> m.payload().equals(payload));
  }

  /** The next message from now on matching {@code predicate} (history is ignored). */
  public synchronized Future<Received> nextMessage(Predicate<Received> predicate) {
    Promise<Received> promise = Promise.promise();
    waiters.add(new Waiter(predicate, promise));
    return promise.future();
  }

  public Future<Integer> publish(String topic, String payload, int qos, boolean retain) {
    return publish(topic, Buffer.buffer(payload), qos, retain);
  }

  public Future<Integer> publish(String topic, Buffer payload, int qos, boolean retain) {
    return client.publish(topic, payload, MqttQoS.valueOf(qos), false, retain);
  }

  /** Every message recorded so far, in arrival order. */
  public List<Received> messages() {
    return List.copyOf(messages);
  }

  public List<Received> messages(String topic) {
    return messages.stream().filter(m -> m.topic().equals(topic)).toList();
  }

  /** Forgets what was recorded, e.g. before the phase of a test that counts. */
  public void clear() {
    messages.clear();
  }

  public boolean isConnected() {
    return client != null && client.isConnected();
  }

  /**
   * A test's teardown after stopping the bridge under {@code base}: waits for its {@code offline} (it comes after
   * everything the bridge published, so clearing cannot race a late publish; a bridge that never said it is let
   * be), empties what stays retained, and closes this observer.
   */
  public Future<Void> clearAfterBridgeOffline(String base) {
    return awaitPayload(base + "/bridge/state", "offline").<Void>mapEmpty()
        .recover(e -> Future.succeededFuture())
        .compose(v -> clearRetained()).compose(v -> close());
  }

  public Future<Void> close() {
    return client != null && client.isConnected() ? client.disconnect() : Future.succeededFuture();
  }
}
