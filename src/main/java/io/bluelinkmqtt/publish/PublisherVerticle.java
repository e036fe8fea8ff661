package io.bluelinkmqtt.publish;

import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.codec.CommandOutcomeJson;
import io.bluelinkmqtt.codec.MqttPublishJson;
import io.bluelinkmqtt.codec.MqttPublishJson.MqttMessageOut;
import io.bluelinkmqtt.codec.OtpJson;
import io.bluelinkmqtt.codec.StatusUpdateJson;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns vehicle data, command outcomes and bridge events into MQTT messages.
 *
 * <p>Consumes {@code bluelink.vehicle.status-updated} ({@link TopicMapper}), {@code bluelink.command.completed}
 * ({@link OutcomeMapper}), {@code bluelink.mqtt.connection-changed}, {@code bluelink.api.breaker-changed},
 * {@code bluelink.api.budget-changed} ({@link BridgeHealth}: {@code bridge/health}, {@code bridge/budget}) and
 * {@code bluelink.vehicle.wake-audit-changed} ({@code {id}/status/wake_audit}) and {@code bluelink.api.otp-changed}
 * ({@link OtpStateMapper}: {@code bridge/otp}). Sends every message to
 * {@code bluelink.mqtt.publish}. Config: the base topic only. A body it cannot read is logged and dropped:
 * these are events, nobody waits for a reply.
 */
public class PublisherVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(PublisherVerticle.class);
  /** QoS of the retained bridge documents and wake audit. */
  static final int BRIDGE_DOC_QOS = 1;

  private final String baseTopic;
  private final Clock clock;
  private Topics topics;
  private TopicMapper topicMapper;
  private OutcomeMapper outcomeMapper;
  private OtpStateMapper otpMapper;
  private final BridgeHealth health = new BridgeHealth();

  public PublisherVerticle(String baseTopic) {
    this(baseTopic, Clock.systemUTC());
  }

  public PublisherVerticle(String baseTopic, Clock clock) {
    this.baseTopic = baseTopic;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    topics = new Topics(baseTopic);
    topicMapper = new TopicMapper(topics);
    outcomeMapper = new OutcomeMapper(topics, clock);
    otpMapper = new OtpStateMapper(topics);
    return Future.all(List.of(
        consume(Addresses.VEHICLE_STATUS_UPDATED, body -> topicMapper.map(StatusUpdateJson.fromJson(body))),
        consume(Addresses.COMMAND_COMPLETED, body -> outcomeMapper.map(CommandOutcomeJson.fromJson(body))),
        consume(Addresses.MQTT_CONNECTION_CHANGED, this::onMqttChanged),
        consume(Addresses.API_BREAKER_CHANGED, this::onBreakerChanged),
        consume(Addresses.API_BUDGET_CHANGED, this::onBudgetChanged),
        consume(Addresses.API_STATE_DIR_CHANGED, body -> health.stateDirChanged(body) ? List.of(healthMessage()) : List.of()),
        consume(Addresses.VEHICLE_WAKE_AUDIT_CHANGED, this::onWakeAudit),
        consume(Addresses.API_OTP_CHANGED, body -> otpMapper.map(OtpJson.stateFromJson(body)))));
  }

  private Future<Void> consume(String address, Function<JsonObject, List<MqttMessageOut>> mapper) {
    MessageConsumer<JsonObject> consumer = vertx.eventBus().localConsumer(address, msg -> {
      try {
        send(mapper.apply(msg.body()));
      } catch (RuntimeException e) {
        LOG.warn("unreadable body on {} dropped: {}", address, e.getClass().getSimpleName());
      }
    });
    return consumer.completion();
  }

  private List<MqttMessageOut> onMqttChanged(JsonObject event) {
    health.mqttChanged(event);
    return List.of(healthMessage());
  }

  private List<MqttMessageOut> onBreakerChanged(JsonObject event) {
    return health.breakerChanged(event) ? List.of(healthMessage()) : List.of();
  }

  private List<MqttMessageOut> onBudgetChanged(JsonObject event) {
    JsonObject budget = health.budgetChanged(event);
    // each of several accounts has a budget of its own
    String topic = event.getValue("account") instanceof String account && Topics.isVehicleId(account)
        ? topics.accountBudget(account) : topics.bridgeBudget();
    return List.of(new MqttMessageOut(topic, budget.encode(), BRIDGE_DOC_QOS, true), healthMessage());
  }

  private List<MqttMessageOut> onWakeAudit(JsonObject event) {
    String vehicleId = event.getString("vehicleId");
    if (!Topics.isVehicleId(vehicleId)) {
      LOG.warn("wake audit for a vehicle id that cannot be a topic level: not published");
      return List.of();
    }
    JsonObject audit = new JsonObject()
        .put("today", event.getValue("today"))
        .put("total", event.getValue("total"))
        .put("last", event.getValue("last"))
        .put("last_cause", event.getValue("lastCause"));
    return List.of(new MqttMessageOut(topics.vehicle(vehicleId, Topics.WAKE_AUDIT), audit.encode(), BRIDGE_DOC_QOS,
        true));
  }

  private MqttMessageOut healthMessage() {
    return new MqttMessageOut(topics.bridgeHealth(), health.healthDocument().encode(), BRIDGE_DOC_QOS, true);
  }

  /** One bus message per event, however many topics it touches. */
  private void send(List<MqttMessageOut> messages) {
    if (messages.size() == 1) {
      vertx.eventBus().send(Addresses.MQTT_PUBLISH, MqttPublishJson.toJson(messages.get(0)));
    } else if (!messages.isEmpty()) {
      vertx.eventBus().send(Addresses.MQTT_PUBLISH, MqttPublishJson.batchToJson(messages));
    }
  }
}
