package io.bluelinkmqtt.mqtt;

import io.bluelinkmqtt.config.AppConfig.MqttConfig;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.messages.MqttPublishMessage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT session, kept alive for ever: one attempt at a time, a new {@link MqttClient} per attempt,
 * capped jittered backoff between attempts, a CONNACK deadline, and a {@link LinkWatchdog} plus the
 * ack timeout to find dead links. Handlers of an old client are ignored once a newer attempt exists.
 * Every call into vertx-mqtt is guarded: a closed client throws instead of failing its future.
 * An incoming packet above {@code maxFrameBytes} leaves the decoder unable to read on, so the link is closed
 * with a DISCONNECT (no will: {@code bridge/state} stays online) and reopened at once. A {@link ClientIdClash}
 * makes the bridge back off instead of fighting another client for its id. Where the session stands is one
 * {@link LinkState}, changed only through {@code moveTo}. Runs on the owning verticle's event loop only; durations
 * are measured with the injected clock.
 */
public final class BrokerConnection {

  /** What the owner hears about the session. */
  public interface Listener {
    void connected();

    /** Lost or failed to (re)connect; called on every loss and whenever the failure reason changes. */
    void down(String reason);

    void message(MqttPublishMessage message);

    /** A connection outlasted a suspected client-id clash: the suspicion is over. */
    void settled();
  }

  private static final Logger LOG = LoggerFactory.getLogger(BrokerConnection.class);
  static final long UNREACHABLE_LOG_INTERVAL_MS = 10_000;
  static final long OVERSIZED_LOG_INTERVAL_MS = 60_000;

  private final Vertx vertx;
  private final MqttConfig config;
  private final MqttClientFactory factory;
  private final ReconnectPolicy policy;
  private final Listener listener;
  private final Clock clock;
  private final LinkWatchdog watchdog;
  private final ClientIdClash clash;
  private final LogEvery oversizedWarnings = new LogEvery(OVERSIZED_LOG_INTERVAL_MS);
  private final Set<Integer> inFlight = new HashSet<>();
  private final Set<Integer> ackedEarly = new HashSet<>();
  private final List<Promise<Void>> awaitingAcks = new ArrayList<>();
  private LinkState state = LinkState.NEW;
  /** The client of the open attempt or session; handlers of any other (older) client are ignored. */
  private MqttClient current;
  private long connectedAtMs;
  private long reconnectTimer = -1;
  private long watchdogTimer = -1;
  private long attempts;
  private long lastUnreachableLogMs = Long.MIN_VALUE / 2;
  private long failuresSinceLog;
  private String lastReason = "";
  private String closeReason;
  private Throwable lastException;

  public BrokerConnection(Vertx vertx, MqttConfig config, MqttClientFactory factory, ReconnectPolicy policy,
                          Listener listener, Clock clock) {
    this.vertx = vertx;
    this.config = config;
    this.factory = factory;
    this.policy = policy;
    this.listener = listener;
    this.clock = clock;
    this.watchdog = new LinkWatchdog(config.keepAliveSeconds() * 1000L, clock::millis);
    this.clash = new ClientIdClash(stableMs(config));
  }

  /** A connection that lasted this long resets the backoff and clears a suspected clash: two keep-alives. */
  static long stableMs(MqttConfig config) {
    return 2L * config.keepAliveSeconds() * 1000L;
  }

  /** Makes the first attempt now; later ones follow by themselves until {@link #stop}. */
  public void start() {
    attempt();
  }

  public boolean isConnected() {
    return state.linkUp() && current != null && current.isConnected();
  }

  LinkState state() {
    return state;
  }

  public long attempts() {
    return attempts;
  }

  public int inFlight() {
    return inFlight.size();
  }

  /** The last reason the session went down, or empty while connected. */
  public String lastReason() {
    return state.linkUp() ? "" : lastReason;
  }

  /** A lasting problem worth showing even while connected ({@link LossReason#CLIENT_ID_IN_USE}), or null. */
  public String problem() {
    return clash.suspected() ? LossReason.CLIENT_ID_IN_USE : null;
  }

  /** Consecutive failures the reconnect backoff has counted. */
  public int reconnectFailures() {
    return policy.failures();
  }

  /** Publishes if connected; fails (never throws) otherwise. */
  public Future<Integer> publish(String topic, Buffer payload, int qos, boolean retain) {
    MqttClient client = current;
    if (!isConnected()) {
      return Future.failedFuture(new IllegalStateException("not connected"));
    }
    try {
      return client.publish(topic, payload, MqttQoS.valueOf(qos), false, retain).onSuccess(id -> {
        MqttMetrics.sent();
        if (qos > 0 && client == current && !ackedEarly.remove(id)) {
          inFlight.add(id);
        }
      });
    } catch (RuntimeException closedMeanwhile) {
      return Future.failedFuture(closedMeanwhile);
    }
  }

  /**
   * Completes once no QoS 1/2 publish written so far waits for its acknowledgement (or the session closed), and
   * fails after {@code timeoutMs}. Call it after the publish futures completed: only then are their ids known.
   */
  public Future<Void> allAcknowledged(long timeoutMs) {
    if (inFlight.isEmpty()) {
      return Future.succeededFuture();
    }
    Promise<Void> acked = Promise.promise();
    awaitingAcks.add(acked);
    return acked.future().timeout(timeoutMs, TimeUnit.MILLISECONDS);
  }

  public Future<Integer> subscribe(Map<String, Integer> filters) {
    MqttClient client = current;
    if (!isConnected()) {
      return Future.failedFuture(new IllegalStateException("not connected"));
    }
    try {
      return client.subscribe(filters);
    } catch (RuntimeException closedMeanwhile) {
      return Future.failedFuture(closedMeanwhile);
    }
  }

  /** Stops reconnecting; {@code farewell} runs while still connected (e.g. "offline"), then DISCONNECT. */
  public Future<Void> stop(java.util.function.Supplier<Future<?>> farewell) {
    if (state == LinkState.CONNECTED) {
      moveTo(LinkState.STOPPING);
    } else if (!state.linkUp() && state != LinkState.STOPPED) {
      moveTo(LinkState.STOPPED);
    }
    vertx.cancelTimer(reconnectTimer);
    vertx.cancelTimer(watchdogTimer);
    MqttClient client = current;
    if (client == null || !isConnected()) {
      return client == null ? Future.succeededFuture() : client.disconnect().recover(e -> Future.succeededFuture());
    }
    closeReason = LossReason.STOPPED;
    return farewell.get().transform(ar -> client.disconnect()).recover(e -> Future.succeededFuture());
  }

  private void attempt() {
    if (!state.mayMoveTo(LinkState.CONNECTING)) {
      return;
    }
    moveTo(LinkState.CONNECTING);
    attempts++;
    lastException = null;
    MqttClient client = factory.create();
    current = client;
    client.publishHandler(m -> onRead(client, () -> listener.message(m)));
    client.pingResponseHandler(v -> onRead(client, () -> { }));
    client.subscribeCompletionHandler(ack -> onRead(client, () -> { }));
    client.publishCompletionUnknownPacketIdHandler(id -> onRead(client, () -> { }));
    client.publishCompletionHandler(id -> onRead(client, () -> {
      if (!inFlight.remove(id)) {
        ackedEarly.add(id);
      }
      if (inFlight.isEmpty()) {
        releaseAckWaiters();
      }
    }));
    client.publishCompletionExpirationHandler(id -> onAckExpired(client, id));
    client.exceptionHandler(e -> {
      lastException = e;
      LOG.debug("MQTT connection reported {}: {}", e.getClass().getSimpleName(), e.getMessage());
      if (e instanceof TooLongFrameException && client == current && state.linkUp()) {
        onOversizedFrame(client, e);
      }
    });
    client.closeHandler(v -> onClosed(client));
    client.connect(config.port(), config.host())
        .timeout(factory.connectTimeoutMs(), TimeUnit.MILLISECONDS)
        .onComplete(ar -> {
          if (ar.succeeded()) {
            onConnected(client);
          } else {
            onConnectFailed(client, ar.cause());
          }
        });
  }

  private void onConnected(MqttClient client) {
    if (client != current || state != LinkState.CONNECTING) {
      closeQuietly(client);
      return;
    }
    moveTo(LinkState.CONNECTED);
    connectedAtMs = clock.millis();
    closeReason = null;
    inFlight.clear();
    ackedEarly.clear();
    if (failuresSinceLog > 0) {
      LOG.info("MQTT broker {}:{} reachable again after {} failed attempts", config.host(), config.port(), failuresSinceLog);
    } else {
      LOG.info("connected to MQTT broker {}:{} as {}", config.host(), config.port(), config.clientId());
    }
    failuresSinceLog = 0;
    lastReason = "";
    watchdog.restart();
    watchdogTimer = vertx.setPeriodic(watchdog.checkIntervalMs(), id -> checkLink(client));
    listener.connected();
  }

  private void onConnectFailed(MqttClient client, Throwable cause) {
    if (client != current) {
      return;
    }
    closeQuietly(client); // after a CONNACK deadline the attempt may still be half open
    current = null;
    ConnectFailure failure = ConnectFailure.classify(cause, lastException);
    logFailure(failure, ConnectFailure.describe(cause, lastException));
    if (!failure.reason().equals(lastReason)) {
      lastReason = failure.reason();
      listener.down(lastReason);
    }
    if (state == LinkState.CONNECTING) {
      moveTo(LinkState.WAITING_TO_RECONNECT);
      scheduleReconnect(failure == ConnectFailure.MQTT_AUTH_FAILED ? policy.authFailureDelayMs() : policy.nextDelayMs());
    }
  }

  private void onClosed(MqttClient client) {
    if (client != current || !state.linkUp()) {
      return; // a failed attempt is handled by onConnectFailed
    }
    boolean stopping = state == LinkState.STOPPING;
    moveTo(stopping ? LinkState.STOPPED : LinkState.WAITING_TO_RECONNECT);
    current = null;
    vertx.cancelTimer(watchdogTimer);
    inFlight.clear();
    ackedEarly.clear();
    releaseAckWaiters();
    long livedMs = clock.millis() - connectedAtMs;
    if (livedMs >= stableMs(config)) {
      policy.reset();
    }
    long delayMs;
    if (closeReason != null) {
      lastReason = closeReason;
      delayMs = LossReason.OVERSIZED_MESSAGE.equals(closeReason) ? policy.oversizedDelayMs(clock.millis())
          : policy.nextDelayMs();
    } else if (closedByBrokerIsClash(livedMs)) {
      lastReason = LossReason.CLIENT_ID_IN_USE;
      delayMs = policy.clientIdInUseDelayMs();
    } else {
      lastReason = LossReason.CONNECTION_LOST;
      delayMs = policy.nextDelayMs();
    }
    if (stopping) {
      LOG.info("MQTT connection to {}:{} closed", config.host(), config.port());
    } else {
      LOG.warn("MQTT connection to {}:{} lost ({}) after {} ms", config.host(), config.port(), lastReason, livedMs);
    }
    listener.down(lastReason);
    if (!stopping) {
      scheduleReconnect(delayMs);
    }
  }

  /** A close we did not ask for: counts towards (or keeps up) a suspected client-id clash. */
  private boolean closedByBrokerIsClash(long livedMs) {
    boolean wasSuspected = clash.suspected();
    boolean suspected = clash.closedByBroker(livedMs, lastException == null);
    if (suspected && !wasSuspected) {
      LOG.warn("another client is using MQTT client id {}: the broker closed our connection {} times in a row "
              + "within {} ms of accepting it (a second bridge, or another program with the same mqtt.clientId? Less "
              + "likely: the broker refuses what we publish, e.g. a max_packet_size below our messages); "
              + "waiting {}-{} ms between attempts instead of taking the id back at once",
          config.clientId(), clash.quickCloses(), clash.stableMs(), policy.capMs() / 2, policy.capMs());
    }
    return suspected;
  }

  /**
   * The decoder refused a packet above maxFrameBytes and cannot read on. vert.x closes the socket right after
   * this handler: sending DISCONNECT first keeps the broker from publishing the will.
   */
  private void onOversizedFrame(MqttClient client, Throwable e) {
    closeReason = LossReason.OVERSIZED_MESSAGE;
    if (oversizedWarnings.due(clock.millis())) {
      LOG.warn("an incoming MQTT packet exceeded maxFrameBytes={} ({}); the client cannot read past it, so the bridge "
              + "disconnects cleanly (no will) and reconnects at once, or after the base delay if this repeats within "
              + "10 s ({} more since the last warning). Set the broker's "
              + "message_size_limit (mosquitto) so such messages never reach the bridge",
          config.maxFrameBytes(), e.getMessage(), oversizedWarnings.takeHeld());
    }
    closeQuietly(client);
  }

  private void checkLink(MqttClient client) {
    if (client != current || state != LinkState.CONNECTED) {
      return;
    }
    if (clash.stillUp(clock.millis() - connectedAtMs)) {
      LOG.info("MQTT client id {} is ours again: the connection has lasted {} ms", config.clientId(), clash.stableMs());
      listener.settled();
    }
    switch (watchdog.check()) {
      case PING -> {
        LOG.debug("nothing read for a keep-alive: ping");
        try {
          client.ping();
        } catch (RuntimeException closedMeanwhile) {
          LOG.debug("ping on a closing connection");
        }
      }
      case DEAD -> drop(client, LossReason.LINK_DEAD);
      default -> { }
    }
  }

  private void onAckExpired(MqttClient client, int packetId) {
    if (client != current || !state.linkUp()) {
      return;
    }
    inFlight.remove(packetId);
    drop(client, LossReason.ACK_TIMEOUT);
  }

  /** Closes a link we consider dead; the close handler then reconnects. */
  private void drop(MqttClient client, String reason) {
    LOG.warn("MQTT link to {}:{} considered dead ({}); closing it to reconnect", config.host(), config.port(), reason);
    closeReason = reason;
    closeQuietly(client);
  }

  private void onRead(MqttClient client, Runnable then) {
    if (client == current) {
      watchdog.markRead();
      then.run();
    }
  }

  private void scheduleReconnect(long delayMs) {
    if (state != LinkState.WAITING_TO_RECONNECT) {
      return; // stopped meanwhile (e.g. by the listener)
    }
    LOG.debug("next MQTT connection attempt in {} ms", delayMs);
    reconnectTimer = vertx.setTimer(Math.max(1, delayMs), id -> attempt());
  }

  /** Every change of state goes through here, so only the steps {@link LinkState} allows can happen. */
  private void moveTo(LinkState next) {
    if (!state.mayMoveTo(next)) {
      throw new IllegalStateException("MQTT link cannot go from " + state + " to " + next);
    }
    LOG.debug("MQTT link {} -> {}", state, next);
    state = next;
  }

  private void logFailure(ConnectFailure failure, String description) {
    failuresSinceLog++;
    long now = clock.millis();
    if (now - lastUnreachableLogMs < UNREACHABLE_LOG_INTERVAL_MS && failure.reason().equals(lastReason)) {
      LOG.debug("MQTT connection attempt failed again ({}): {}", failure.reason(), description);
      return;
    }
    lastUnreachableLogMs = now;
    if (failure == ConnectFailure.MQTT_AUTH_FAILED) {
      LOG.error("MQTT broker {}:{} refused the login ({}): check the MQTT username and password; retrying with backoff ({})",
          config.host(), config.port(), failure.reason(), description);
    } else {
      LOG.error("MQTT broker unreachable at {}:{} ({}): {}; retrying with backoff, {} failed attempts so far",
          config.host(), config.port(), failure.reason(), description, failuresSinceLog);
    }
  }

  private void releaseAckWaiters() {
    List<Promise<Void>> waiting = List.copyOf(awaitingAcks);
    awaitingAcks.clear();
    waiting.forEach(Promise::tryComplete);
  }

  private static void closeQuietly(MqttClient client) {
    try {
      client.disconnect();
    } catch (RuntimeException alreadyClosed) {
      LOG.trace("client already closed");
    }
  }
}
