package io.bluelinkmqtt.mqtt;

import io.bluelinkmqtt.config.BridgeInfo;
import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.codec.Envelope;
import io.bluelinkmqtt.config.AppConfig.HomeAssistantConfig;
import io.bluelinkmqtt.config.AppConfig.MqttConfig;
import io.bluelinkmqtt.publish.Topics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.messages.MqttPublishMessage;
import java.time.Clock;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's MQTT side. Consumes {@code bluelink.mqtt.publish}; sends {@code bluelink.command.received};
 * publishes {@code bluelink.mqtt.connection-changed} and {@code bluelink.homeassistant.status-received};
 * requests {@code bluelink.api.vehicles} for {@code bridge/info} (again when {@code bluelink.api.otp-changed} says a
 * one-time code was accepted). Config: {@link MqttConfig}, and the
 * discovery prefix from {@link HomeAssistantConfig}. Deployment completes at once: the first connection
 * attempt is under way and a broker that is down only delays the first CONNACK (docs/mqtt-connection.md).
 */
public class MqttBridgeVerticle extends VerticleBase implements BrokerConnection.Listener {

  private static final Logger LOG = LoggerFactory.getLogger(MqttBridgeVerticle.class);
  static final long VEHICLES_TIMEOUT_MS = 10_000;

  private final MqttConfig config;
  private final HomeAssistantConfig homeAssistant;
  private final BridgeInfo info;
  private final Clock clock;
  private final Random random;
  private final RetainedState retained = new RetainedState();
  private boolean clearRetainedOnStop;
  private CommandRouter router;
  private OutboundGate outbound;
  private InboundGate inbound;
  private BridgePresence presence;
  private BrokerConnection broker;

  public MqttBridgeVerticle(MqttConfig config, HomeAssistantConfig homeAssistant, BridgeInfo info) {
    this(config, homeAssistant, info, Clock.systemUTC(), new Random());
  }

  /**
   * @param clearRetainedOnStop a graceful stop empties every retained topic of this run, {@code bridge/state} last,
   *     instead of leaving {@code offline} (demo mode: it leaves nothing on the broker it used)
   */
  public MqttBridgeVerticle(MqttConfig config, HomeAssistantConfig homeAssistant, BridgeInfo info,
                            boolean clearRetainedOnStop, Clock clock) {
    this(config, homeAssistant, info, clock, new Random());
    this.clearRetainedOnStop = clearRetainedOnStop;
  }

  MqttBridgeVerticle(MqttConfig config, HomeAssistantConfig homeAssistant, BridgeInfo info, Clock clock, Random random) {
    this.config = config;
    this.homeAssistant = homeAssistant;
    this.info = info;
    this.clock = clock;
    this.random = random;
  }

  @Override
  public Future<?> start() {
    Topics topics = new Topics(config.baseTopic());
    router = new CommandRouter(topics, homeAssistant);
    outbound = new OutboundGate(router, retained);
    inbound = new InboundGate(vertx.eventBus(), router, config.maxMessageBytes(), clock);
    presence = new BridgePresence(info, topics, retained, clearRetainedOnStop, this::requestVehicles);
    ReconnectPolicy policy = new ReconnectPolicy(config.reconnectBaseMs(), config.reconnectCapMs(), random);
    return MqttClientFactory.load(vertx, config, topics)
        .compose(factory -> vertx.eventBus().<JsonObject>localConsumer(Addresses.MQTT_PUBLISH,
            m -> outbound.accept(m.body(), broker)).completion().map(factory))
        .compose(factory -> vertx.eventBus().<JsonObject>localConsumer(Addresses.API_OTP_CHANGED,
            m -> presence.otpChanged(m.body(), broker)).completion().map(factory))
        .onSuccess(factory -> {
          broker = new BrokerConnection(vertx, config, factory, policy, this, clock);
          broker.start();
        });
  }

  @Override
  public Future<?> stop() {
    return broker == null ? Future.succeededFuture() : broker.stop(() -> presence.farewell(broker));
  }

  /** Gauges for health checks and tests. */
  public MqttGauges gauges() {
    return broker == null ? MqttGauges.NOT_STARTED : MqttGauges.of(broker, outbound.dropped());
  }

  @Override
  public void connected() {
    presence.online(broker);
    // "connected" once the broker acknowledged the command subscriptions: a command published after that event
    // reaches the bridge (before it, the broker may drop it for want of a subscriber)
    broker.subscribe(router.subscriptions(config.qos()))
        .onFailure(e -> LOG.warn("subscribing failed: {}", e.getMessage()))
        .onComplete(ar -> connectionChanged(true, "connected"));
    outbound.republishRetained(broker);
    presence.publishInfo(broker);
  }

  @Override
  public void down(String reason) {
    connectionChanged(false, reason);
  }

  @Override
  public void settled() {
    connectionChanged(true, "connected");
  }

  @Override
  public void message(MqttPublishMessage m) {
    inbound.accept(m);
  }

  /** The vehicle list for bridge/info (VIN and cloud id left out: personal data). */
  private Future<JsonArray> requestVehicles() {
    return vertx.eventBus().<JsonObject>request(Addresses.API_VEHICLES, Envelope.versioned(),
            new DeliveryOptions().setSendTimeout(VEHICLES_TIMEOUT_MS))
        .map(reply -> BridgeInfoJson.publicVehicles(reply.body()))
        .onFailure(e -> LOG.info("bridge/info goes out without vehicles for now: {}", e.getMessage()));
  }

  private void connectionChanged(boolean connected, String reason) {
    vertx.eventBus().publish(Addresses.MQTT_CONNECTION_CHANGED, ConnectionChangedJson.toJson(connected, reason,
        broker.problem()));
  }
}
