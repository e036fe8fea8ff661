package io.bluelinkmqtt.api;

import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.bus.Replies;
import io.bluelinkmqtt.codec.ActionJson;
import io.bluelinkmqtt.codec.Envelope;
import io.bluelinkmqtt.codec.VehicleJson;
import io.bluelinkmqtt.config.AppConfig.AccountConfig;
import io.bluelinkmqtt.config.AppConfig.ApiConfig;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The car maker's cloud, whichever region's {@link CloudModule} speaks it, behind circuit breakers, a call budget
 * and wake rules.
 *
 * <p>Consumes {@link Addresses#API_REFRESH} and {@link Addresses#API_DRAIN} ({@link RefreshEndpoint}),
 * {@link Addresses#API_ACTION} ({@link ActionEndpoint}; publishes {@link Addresses#API_ACTION_ACCEPTED}) and
 * {@link Addresses#API_VEHICLES} ({@code {v}} → vehicle list) and {@link Addresses#API_OTP} (the owner's one-time
 * code, {@link OtpEndpoint}; publishes {@link Addresses#API_OTP_CHANGED}). Publishes
 * {@link Addresses#VEHICLE_STATUS_UPDATED} after every successful refresh, a LAST_KNOWN answer included
 * (so {@code status/data_source} says what the outcome says) and {@link Addresses#API_BREAKER_CHANGED}
 * {@code {v, name, state}}.
 * Config: {@link AccountConfig}, {@link ApiConfig}; blocking work (token file, RSA) runs on the
 * worker executor {@value #WORKER_NAME}. Built by the composition root ({@code io.bluelinkmqtt.cloud.CarCloud}),
 * which picks the module and opens the guards (the stewardship).
 */
public class HyundaiApiVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(HyundaiApiVerticle.class);
  /** Name of the shared worker pool for token files and RSA. */
  public static final String WORKER_NAME = "bluelink-api-worker";

  private final CloudModule module;
  private final AccountConfig account;
  private final ApiConfig api;
  private final Clock clock;
  private final UpstreamGuards.Opener guardsOpener;
  private final ApiAddresses addresses;
  private UpstreamGuards guards;
  private ResilientCaller caller;
  private RefreshService refreshService;

  /** @param guards opened at start: the budget, wake policy and safeguards every call passes */
  public HyundaiApiVerticle(CloudModule module, AccountConfig account, ApiConfig api, Clock clock,
                            UpstreamGuards.Opener guards) {
    this(module, account, api, clock, guards, ApiAddresses.SINGLE);
  }

  /** @param addresses where it takes requests: the plain addresses, or its account's own (several accounts) */
  public HyundaiApiVerticle(CloudModule module, AccountConfig account, ApiConfig api, Clock clock,
                            UpstreamGuards.Opener guards, ApiAddresses addresses) {
    this.addresses = addresses;
    this.module = module;
    this.account = account;
    this.api = api;
    this.clock = clock;
    this.guardsOpener = guards;
  }

  @Override
  public Future<?> start() {
    return guardsOpener.open(vertx).compose(opened -> {
      guards = opened;
      return wire();
    });
  }

  private Future<?> wire() {
    WorkerExecutor worker = vertx.createSharedWorkerExecutor(WORKER_NAME, api.workerPoolSize(), 30, TimeUnit.SECONDS);
    caller = new ResilientCaller(vertx, api.breaker(), api.retry(), guards.budget(), clock, new SecureRandom(),
        this::breakerChanged);
    OtpDialogue otp = new OtpDialogue(vertx, clock, state -> OtpEndpoint.publish(vertx, state));
    VehicleCloud cloud = new OtpGate(module.connect(new CloudSetup(vertx, account, api, clock, caller, worker,
        new ClockSkew(clock), new VehicleNaming(account), otp)), otp);
    refreshService = new RefreshService(cloud, guards.wakePolicy(), clock, api.refresh().maxPendingPerVehicle(),
        api.refresh().cachedDeadlineMs(), api.refresh().forceDeadlineMs(), guards.safeguards());
    RefreshEndpoint refreshes = new RefreshEndpoint(vertx, refreshService, addresses);
    ActionService actions = new ActionService(vertx, cloud.actions().orElse(VehicleActions.NONE), refreshService,
        guards.wakePolicy(), account.pin(), api.actions(), clock,
        accepted -> vertx.eventBus().publish(Addresses.API_ACTION_ACCEPTED, ActionJson.acceptedToJson(accepted)));
    return Future.all(refreshes.register(),
        new ActionEndpoint(vertx, actions, refreshService, refreshes, addresses).register(),
        new OtpEndpoint(vertx, otp).register(),
        ApiConsumers.register(vertx, addresses, addresses.vehicles(), msg -> Replies.respond(msg, this::vehicles)));
  }

  @Override
  public Future<?> stop() {
    if (caller != null) {
      caller.close();
    }
    Future<Void> moduleClosed = caller == null ? Future.succeededFuture() : module.close();
    return moduleClosed.eventually(() -> guards == null ? Future.succeededFuture() : guards.close());
  }

  private Future<JsonObject> vehicles(JsonObject body) {
    Replies.requireSchema(body);
    return refreshService.vehicles().map(VehicleJson::listToJson);
  }

  private void breakerChanged(String name, CircuitBreakerState state) {
    LOG.warn("circuit breaker {} is now {}", name, state);
    vertx.eventBus().publish(Addresses.API_BREAKER_CHANGED,
        Envelope.versioned().put("name", name).put("state", state.name().toLowerCase(Locale.ROOT)));
  }
}
