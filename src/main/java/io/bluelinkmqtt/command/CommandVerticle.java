package io.bluelinkmqtt.command;

import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.codec.ActionJson;
import io.bluelinkmqtt.codec.ActionJson.Accepted;
import io.bluelinkmqtt.codec.CommandOutcomeJson;
import io.bluelinkmqtt.codec.OtpJson;
import io.bluelinkmqtt.config.AppConfig.CommandConfig;
import io.bluelinkmqtt.domain.CommandOutcome;
import io.bluelinkmqtt.publish.Topics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses, validates and routes commands, and answers each with exactly one outcome; the car's lane (queueing,
 * joining identical commands, the bulkhead, deadlines) is the API's.
 *
 * <p>Consumes {@code bluelink.command.received} (raw MQTT commands) and
 * {@code bluelink.vehicle.status-updated} (learns vehicle ids), {@code bluelink.api.action-accepted} (an
 * action's progress message) and {@code bluelink.api.otp-changed} (while a one-time code is awaited, commands
 * without a vehicle list answer {@code login_pending}). The owner's answers on {@code bridge/commands/otp} go to
 * {@code bluelink.api.otp} ({@link OtpAnswers}). Requests {@code bluelink.api.vehicles} at start (retried with capped backoff),
 * {@code bluelink.api.refresh} per refresh command and {@code bluelink.api.action} per action. Publishes
 * {@code bluelink.command.completed}. Config: {@link CommandConfig}; the wake rules are the API's.
 * Commands before the vehicle list are held ({@link StartupBuffer}); an empty payload (a retained
 * command being cleared) is ignored. On stop it takes no more commands, answers held ones "shutdown", asks the
 * API ({@code bluelink.api.drain}) to answer what waits in the lanes "shutdown", lets refreshes in flight
 * finish for up to {@link CommandTimings#shutdownGraceMs()} and answers the rest "shutdown". Where a command goes
 * is {@link CommandReception}'s; this class wires the bus to it.
 */
public class CommandVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(CommandVerticle.class);

  /** The id of the outcomes of the start-up refreshes. */
  static final String INITIAL_REFRESH_ID = CommandIntake.INITIAL_REFRESH_ID;

  private final CommandConfig config;
  private final String baseTopic;
  private final Clock clock;
  private final CommandTimings timings;
  private final KnownVehicles known = new KnownVehicles();
  private CommandsInFlight inFlight;
  private ApiRoute api;
  private VehicleDirectory directory;
  private CommandReception reception;
  private MessageConsumer<JsonObject> commandConsumer;
  private OutcomeLog outcomeLog;

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
    var parser = new CommandParser(new Topics(baseTopic), config.maxPayloadBytes(), config.maxSmartAgeSeconds());
    var outcomes = new OutcomeFactory(clock);
    outcomeLog = new OutcomeLog(LOG, clock);
    vertx.setPeriodic(OutcomeLog.WINDOW_MS, t -> outcomeLog.flush()); // cancelled by the undeploy
    api = new ApiRoute(vertx, timings);
    inFlight = new CommandsInFlight(api::send, outcomes, this::publish);
    var intake = new CommandIntake(parser, known, outcomes, inFlight, this::publish);
    directory = new VehicleDirectory(vertx, known, timings, ids -> reception.firstList(ids));
    var otpAnswers = new OtpAnswers(vertx, clock, new Topics(baseTopic).bridgeOtpCommand(), this::publish);
    reception = new CommandReception(vertx, LOG, clock, timings, config.initialRefresh(), known, intake, otpAnswers,
        () -> directory.retryNow());
    commandConsumer = vertx.eventBus().localConsumer(Addresses.COMMAND_RECEIVED,
        msg -> reception.receive(msg.body(), clock.millis()));
    MessageConsumer<JsonObject> otp = vertx.eventBus().localConsumer(Addresses.API_OTP_CHANGED,
        msg -> reception.otpChanged(OtpJson.stateFromJson(msg.body())));
    MessageConsumer<JsonObject> updates = vertx.eventBus()
        .localConsumer(Addresses.VEHICLE_STATUS_UPDATED, msg -> directory.learnFrom(msg.body()));
    MessageConsumer<JsonObject> accepted = vertx.eventBus().localConsumer(Addresses.API_ACTION_ACCEPTED, msg -> {
      Accepted action = ActionJson.acceptedFromJson(msg.body());
      inFlight.accepted(action.vehicleId(), action.commandId(), action.actionId());
    });
    directory.load();
    return Future.all(commandConsumer.completion(), updates.completion(), accepted.completion(), otp.completion());
  }

  @Override
  public Future<?> stop() {
    directory.stop();
    outcomeLog.flush();
    reception.close(); // what was held, and whatever comes while draining, is answered "shutdown"
    // keep listening while draining: a command that arrives now is answered "shutdown", never lost
    return inFlight.drain(vertx, timings.shutdownGraceMs(), api::closeLanes)
        .eventually(() -> commandConsumer.unregister());
  }

  /** Commands sent to the API and not answered yet. Answered on the verticle's context. */
  Future<Integer> commandsInFlight() {
    Promise<Integer> result = Promise.promise();
    context.runOnContext(v -> result.complete(inFlight.size()));
    return result.future();
  }

  private void publish(CommandOutcome outcome) {
    outcomeLog.log(outcome);
    vertx.eventBus().publish(Addresses.COMMAND_COMPLETED, CommandOutcomeJson.toJson(outcome));
  }
}
