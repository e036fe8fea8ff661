package io.bluelinkmqtt.api;

import io.bluelinkmqtt.api.eu.EuBrandProfile;
import io.bluelinkmqtt.api.eu.EuEndpoints;
import io.bluelinkmqtt.api.eu.EuLogin;
import io.bluelinkmqtt.api.eu.EuVehicleClient;
import io.bluelinkmqtt.api.eu.TokenManager;
import io.bluelinkmqtt.api.eu.TokenStore;
import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.bus.Replies;
import io.bluelinkmqtt.codec.Envelope;
import io.bluelinkmqtt.codec.RefreshJson;
import io.bluelinkmqtt.codec.StatusUpdateJson;
import io.bluelinkmqtt.codec.StatusUpdateJson.StatusUpdate;
import io.bluelinkmqtt.codec.VehicleJson;
import io.bluelinkmqtt.config.AppConfig.AccountConfig;
import io.bluelinkmqtt.config.AppConfig.ApiConfig;
import io.bluelinkmqtt.config.AppConfig.StewardshipConfig;
import io.bluelinkmqtt.domain.DataSource;
import io.bluelinkmqtt.domain.RefreshResult;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The car maker's cloud (EU CCAPI + CCI login) behind circuit breakers, a call budget and wake rules.
 *
 * <p>Consumes {@link Addresses#API_REFRESH} (RefreshJson request → RefreshJson result) and
 * {@link Addresses#API_VEHICLES} ({@code {v}} → vehicle list). Publishes
 * {@link Addresses#VEHICLE_STATUS_UPDATED} after every successful read (not for LAST_KNOWN answers:
 * nothing new was read) and {@link Addresses#API_BREAKER_CHANGED} {@code {v, name, state}}.
 * Config: {@link AccountConfig}, {@link ApiConfig}; blocking work (token file, RSA) runs on the
 * worker executor "bluelink-api-worker".
 */
public class HyundaiApiVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(HyundaiApiVerticle.class);
  /** Used by the four-argument constructor; the same as the config's default {@code command.minForceIntervalSeconds}. */
  public static final Duration DEFAULT_MIN_FORCE_INTERVAL = Duration.ofMinutes(15);
  static final String WORKER_NAME = "bluelink-api-worker";

  private final AccountConfig account;
  private final ApiConfig api;
  private final Clock clock;
  private final CallBudget budget;
  private final WakePolicy wakePolicy;
  private ResilientCaller caller;
  private RefreshService refreshService;

  public HyundaiApiVerticle(AccountConfig account, ApiConfig api, StewardshipConfig stewardship, Clock clock) {
    this(account, api, stewardship, clock, CallBudget.UNLIMITED, null, DEFAULT_MIN_FORCE_INTERVAL);
  }

  /**
   * @param wakePolicy the rules every forced refresh passes; null for a {@link MinIntervalWakePolicy} of {@code minForceInterval}
   */
  public HyundaiApiVerticle(AccountConfig account, ApiConfig api, StewardshipConfig stewardship, Clock clock,
                            CallBudget budget, WakePolicy wakePolicy, Duration minForceInterval) {
    this.account = account;
    this.api = api;
    this.clock = clock;
    this.budget = budget;
    this.wakePolicy = wakePolicy != null ? wakePolicy : new MinIntervalWakePolicy(minForceInterval, clock);
  }

  @Override
  public Future<?> start() {
    WorkerExecutor worker = vertx.createSharedWorkerExecutor(WORKER_NAME, api.workerPoolSize(), 30, TimeUnit.SECONDS);
    EuBrandProfile profile = EuBrandProfile.of(account.brand());
    EuEndpoints endpoints = EuEndpoints.resolve(api.endpoints(), profile);
    caller = new ResilientCaller(vertx, api.breaker(), api.retry(), budget, clock, new SecureRandom(), this::breakerChanged);
    EuLogin login = new EuLogin(upstream(4), caller, worker, profile, endpoints, clock);
    TokenStore store = new TokenStore(worker, api.stateDir(), account.username());
    TokenManager tokens = new TokenManager(login, store, account.username(), account.password(), clock,
        api.loginBackoffBaseMs(), api.loginBackoffCapMs());
    EuVehicleClient client = new EuVehicleClient(vertx, upstream(8), caller, tokens, profile, endpoints, account, clock,
        api.ccs2PollIntervalMs(), api.forceDeadlineMs());
    refreshService = new RefreshService(client, wakePolicy, clock, api.maxPendingPerVehicle());
    LOG.info("car cloud client ready: brand {}, ccapi {}", account.brand(), endpoints.ccapi());
    return Future.all(
        vertx.eventBus().<JsonObject>localConsumer(Addresses.API_REFRESH, msg -> Replies.respond(msg, this::refresh))
            .completion(),
        vertx.eventBus().<JsonObject>localConsumer(Addresses.API_VEHICLES, msg -> Replies.respond(msg, this::vehicles))
            .completion());
  }

  @Override
  public Future<?> stop() {
    if (caller != null) {
      caller.close();
    }
    return Future.succeededFuture();
  }

  private Future<JsonObject> refresh(JsonObject body) {
    return Future.succeededFuture(body)
        .map(RefreshJson::requestFromJson)
        .compose(refreshService::refresh)
        .onSuccess(this::publishUpdate)
        .map(RefreshJson::resultToJson);
  }

  private Future<JsonObject> vehicles(JsonObject body) {
    Replies.requireSchema(body);
    return refreshService.vehicles().map(VehicleJson::listToJson);
  }

  private void publishUpdate(RefreshResult result) {
    if (result.dataSource() == DataSource.LAST_KNOWN) {
      return;
    }
    refreshService.vehicle(result.vehicleId()).ifPresent(vehicle -> vertx.eventBus().publish(
        Addresses.VEHICLE_STATUS_UPDATED,
        StatusUpdateJson.toJson(new StatusUpdate(vehicle, result.path(), result.dataSource(), result.data()))));
  }

  private void breakerChanged(String name, CircuitBreakerState state) {
    LOG.warn("circuit breaker {} is now {}", name, state);
    vertx.eventBus().publish(Addresses.API_BREAKER_CHANGED,
        Envelope.versioned().put("name", name).put("state", state.name().toLowerCase(Locale.ROOT)));
  }

  /** One HTTP client per concern (auth, data): separate pools, a bounded wait queue (the bulkhead). */
  private UpstreamHttp upstream(int poolSize) {
    HttpClient client = vertx.createHttpClient(new HttpClientOptions()
            .setConnectTimeout((int) api.connectTimeoutMs())
            .setDecompressionSupported(true)
            .setKeepAliveTimeout(30),
        new PoolOptions().setHttp1MaxSize(poolSize).setMaxWaitQueueSize(32));
    return new UpstreamHttp(vertx, client, api.requestDeadlineMs(), api.idleTimeoutMs(), api.connectTimeoutMs(),
        api.maxResponseBytes());
  }
}
