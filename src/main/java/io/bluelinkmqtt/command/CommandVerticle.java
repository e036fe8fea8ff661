package io.bluelinkmqtt.command;

import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.codec.ActionJson;
import io.bluelinkmqtt.codec.ActionJson.Accepted;
import io.bluelinkmqtt.codec.CommandOutcomeJson;
import io.bluelinkmqtt.codec.InboundCommandJson;
import io.bluelinkmqtt.codec.OtpJson;
import io.bluelinkmqtt.codec.OtpJson.OtpState;
import io.bluelinkmqtt.config.AppConfig.CommandConfig;
import io.bluelinkmqtt.domain.CommandOutcome;
import io.bluelinkmqtt.domain.RefreshMode;
import io.bluelinkmqtt.publish.Topics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
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
 * finish for up to {@link CommandTimings#shutdownGraceMs()} and answers the rest "shutdown".
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
  private OutcomeFactory outcomes;
  private CommandsInFlight inFlight;
  private ApiRoute api;
  private CommandIntake intake;
  private VehicleDirectory directory;
  private MessageConsumer<JsonObject> commandConsumer;
  private final StartupBuffer startup = new StartupBuffer();
  private long startupTimer = -1;
  private OutcomeLog outcomeLog;
  private OtpAnswers otpAnswers;
  private String otpTopic;
  private boolean loginPending;

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
    outcomes = new OutcomeFactory(clock);
    outcomeLog = new OutcomeLog(LOG, clock);
    vertx.setPeriodic(OutcomeLog.WINDOW_MS, t -> outcomeLog.flush()); // cancelled by the undeploy
    api = new ApiRoute(vertx, timings);
    inFlight = new CommandsInFlight(api::send, outcomes, this::publish);
    intake = new CommandIntake(parser, known, outcomes, inFlight, this::publish);
    directory = new VehicleDirectory(vertx, known, timings, ids -> {
      initialRefresh(ids);
      releaseHeld();
    });
    otpAnswers = new OtpAnswers(vertx, clock, this::publish);
    otpTopic = new Topics(baseTopic).bridgeOtpCommand();
    commandConsumer = vertx.eventBus().localConsumer(Addresses.COMMAND_RECEIVED, this::onCommand);
    MessageConsumer<JsonObject> otp = vertx.eventBus().localConsumer(Addresses.API_OTP_CHANGED,
        msg -> otpChanged(OtpJson.stateFromJson(msg.body())));
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
    startup.close(); // what was held, and whatever comes while draining, is answered "shutdown"
    intake.close();
    releaseHeld();
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

  private void onCommand(Message<JsonObject> message) {
    long started = clock.millis();
    if (InboundCommandJson.hasEmptyPayload(message.body())) {
      LOG.debug("empty command payload ignored: a retained command being cleared (mosquitto_pub -r -n)");
      return;
    }
    if (otpTopic.equals(message.body().getString("topic"))) {
      otpAnswers.handle(message.body(), started);
      return;
    }
    if (!known.listLoaded() && !loginPending && startup.offer(message.body(), started)) {
      if (startupTimer < 0) {
        startupTimer = vertx.setTimer(Math.min(StartupBuffer.MAX_HOLD_MS, timings.sendTimeoutMs()), t -> releaseHeld());
      }
      return;
    }
    intake.handle(message.body(), started);
  }

  /** A login waits for the owner's code: held commands are answered now; an accepted code brings the list. */
  private void otpChanged(OtpState state) {
    loginPending = state.awaitsCode();
    intake.loginPending(loginPending);
    if (loginPending) {
      releaseHeld();
    } else if (OtpJson.ACCEPTED.equals(state.state())) {
      directory.retryNow();
    }
  }

  /** Handles what was held before the vehicle list arrived (or when holding it ran out of time, or at stop). */
  private void releaseHeld() {
    vertx.cancelTimer(startupTimer);
    startupTimer = -1; // the next command held while the list is still missing starts a hold of its own
    startup.release().forEach(held -> intake.handle(held.body(), held.receivedAtMillis()));
  }

  private void initialRefresh(List<String> vehicleIds) {
    if (!config.initialRefresh()) {
      return;
    }
    for (String vehicle : vehicleIds) {
      ParsedCommand cached = new ParsedCommand(vehicle, RefreshMode.CACHED, 0, false, null);
      inFlight.submit(new PendingCommand(cached, INITIAL_REFRESH_ID, clock.millis()));
    }
  }

  private void publish(CommandOutcome outcome) {
    outcomeLog.log(outcome);
    vertx.eventBus().publish(Addresses.COMMAND_COMPLETED, CommandOutcomeJson.toJson(outcome));
  }
}
