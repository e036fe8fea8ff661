package io.bluelinkmqtt.command;

import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.codec.CommandOutcomeJson;
import io.bluelinkmqtt.codec.InboundCommandJson;
import io.bluelinkmqtt.codec.InboundCommandJson.InboundCommand;
import io.bluelinkmqtt.codec.RefreshJson;
import io.bluelinkmqtt.config.AppConfig.CommandConfig;
import io.bluelinkmqtt.domain.CommandOutcome;
import io.bluelinkmqtt.domain.RefreshMode;
import io.bluelinkmqtt.domain.RefreshRequest;
import io.bluelinkmqtt.domain.RefreshResult;
import io.bluelinkmqtt.publish.Topics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates, queues and coalesces refresh commands, and answers each with exactly one outcome.
 *
 * <p>Consumes {@code bluelink.command.received} (raw MQTT commands) and
 * {@code bluelink.vehicle.status-updated} (learns vehicle ids). Requests {@code bluelink.api.vehicles}
 * at start (retried with capped backoff) and {@code bluelink.api.refresh} per refresh. Publishes
 * {@code bluelink.command.completed}. Config: {@link CommandConfig}; the minimum interval between
 * forced refreshes is the API's wake policy, not ours. On stop it takes no more commands, lets
 * refreshes in flight finish for up to {@link CommandTimings#shutdownGraceMs()} and answers the rest "shutdown".
 */
public class CommandVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(CommandVerticle.class);

  /** The id of the outcomes of the start-up refreshes. */
  static final String INITIAL_REFRESH_ID = "initial-refresh";

  private final CommandConfig config;
  private final String baseTopic;
  private final Clock clock;
  private final CommandTimings timings;
  private final KnownVehicles known = new KnownVehicles();
  private CommandParser parser;
  private OutcomeFactory outcomes;
  private VehicleQueues queues;
  private VehicleDirectory directory;
  private MessageConsumer<JsonObject> commandConsumer;
  private long sequence;

  public CommandVerticle(CommandConfig config, String baseTopic, Clock clock) {
    this(config, baseTopic, clock, CommandTimings.DEFAULTS);
  }

  public CommandVerticle(CommandConfig config, String baseTopic, Clock clock, CommandTimings timings) {
    this.config = config;
    this.baseTopic = baseTopic;
    this.clock = clock;
    this.timings = timings;
  }

  @Override
  public Future<?> start() {
    parser = new CommandParser(new Topics(baseTopic), config.maxPayloadBytes(), config.maxSmartAgeSeconds());
    outcomes = new OutcomeFactory(clock);
    queues = new VehicleQueues(config.queueCapacity(), this::refresh, outcomes, this::publish);
    directory = new VehicleDirectory(vertx, known, timings, this::initialRefresh);
    commandConsumer = vertx.eventBus().localConsumer(Addresses.COMMAND_RECEIVED, this::onCommand);
    MessageConsumer<JsonObject> updates = vertx.eventBus()
        .localConsumer(Addresses.VEHICLE_STATUS_UPDATED, msg -> directory.learnFrom(msg.body()));
    directory.load();
    return Future.all(commandConsumer.completion(), updates.completion());
  }

  @Override
  public Future<?> stop() {
    directory.stop();
    // keep listening while draining: a command that arrives now is answered "shutdown", never lost
    return queues.drain(vertx, timings.shutdownGraceMs()).eventually(() -> commandConsumer.unregister());
  }

  /** Refreshes in flight or waiting; 0 when the coalescing map is empty. Answered on the verticle's context. */
  Future<Integer> pendingRefreshes() {
    Promise<Integer> result = Promise.promise();
    context.runOnContext(v -> result.complete(queues.pendingRefreshes()));
    return result.future();
  }

  private void onCommand(Message<JsonObject> message) {
    long started = clock.millis();
    InboundCommand inbound;
    try {
      inbound = InboundCommandJson.fromJson(message.body());
    } catch (RuntimeException e) {
      publish(outcomes.rejected(new CommandRejected(null, OutcomeFactory.REASON_MALFORMED, null, null), nextId(),
          started));
      return;
    }
    ParseResult parsed = parser.parse(inbound.topic(), inbound.payload(), known.ids());
    String id = parsed.correlationId() != null ? parsed.correlationId() : nextId();
    if (parsed instanceof ParsedCommand command) {
      queues.submit(new PendingCommand(command, id, started));
    } else if (parsed instanceof CommandRejected rejected) {
      // before the vehicle list arrived every vehicle is unknown: say so instead of "unknown vehicle"
      boolean notReady = !known.listLoaded() && CommandParser.Reasons.UNKNOWN_VEHICLE.equals(rejected.reason());
      publish(notReady ? outcomes.failedUnattributed(id, OutcomeFactory.REASON_NOT_READY, started)
          : outcomes.rejected(rejected, id, started));
    }
  }

  private void initialRefresh(List<String> vehicleIds) {
    if (!config.initialRefresh()) {
      return;
    }
    for (String vehicle : vehicleIds) {
      ParsedCommand cached = new ParsedCommand(vehicle, RefreshMode.CACHED, 0, false, null);
      queues.submit(new PendingCommand(cached, INITIAL_REFRESH_ID, clock.millis()));
    }
  }

  private Future<RefreshResult> refresh(RefreshRequest request) {
    return vertx.eventBus()
        .<JsonObject>request(Addresses.API_REFRESH, RefreshJson.requestToJson(request),
            new DeliveryOptions().setSendTimeout(timings.sendTimeoutMs()))
        .map(reply -> RefreshJson.resultFromJson(reply.body()));
  }

  private void publish(CommandOutcome outcome) {
    LOG.info("command {} for {}: {} {}", outcome.id(), outcome.vehicleId(), outcome.status().wireName(),
        outcome.reason() == null ? "" : outcome.reason());
    vertx.eventBus().publish(Addresses.COMMAND_COMPLETED, CommandOutcomeJson.toJson(outcome));
  }

  private String nextId() {
    return "auto-" + (++sequence);
  }
}
