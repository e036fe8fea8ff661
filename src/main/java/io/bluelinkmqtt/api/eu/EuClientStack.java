package io.bluelinkmqtt.api.eu;

import io.bluelinkmqtt.api.CallBudget;
import io.bluelinkmqtt.api.ClockSkew;
import io.bluelinkmqtt.api.RefreshSafeguards;
import io.bluelinkmqtt.api.RefreshService;
import io.bluelinkmqtt.api.ResilientCaller;
import io.bluelinkmqtt.api.UpstreamHttp;
import io.bluelinkmqtt.api.WakePolicy;
import io.bluelinkmqtt.config.AppConfig.AccountConfig;
import io.bluelinkmqtt.config.AppConfig.ApiConfig;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Assembles the EU client for one account: HTTP clients, the resilient caller (breakers, retries,
 * budget), login and tokens, vehicle calls, and the refresh service on top. Kept out of the
 * verticle so the verticle only wires the bus.
 *
 * @param caller the breakers and retries; close it when the verticle stops
 * @param refreshService what the verticle serves
 * @param endpoints the resolved base URLs (for the start-up log line)
 */
public record EuClientStack(ResilientCaller caller, RefreshService refreshService, EuEndpoints endpoints) {

  /** Name of the shared worker pool for token files and RSA. */
  public static final String WORKER_NAME = "bluelink-api-worker";

  public static EuClientStack build(Vertx vertx, AccountConfig account, ApiConfig api, Clock clock, CallBudget budget,
                                    WakePolicy wakePolicy, BiConsumer<String, CircuitBreakerState> breakerChanged) {
    return build(vertx, account, api, clock, budget, wakePolicy, breakerChanged, RefreshSafeguards.NONE);
  }

  /** @param safeguards the read window and the saved vehicle list of the refresh service */
  public static EuClientStack build(Vertx vertx, AccountConfig account, ApiConfig api, Clock clock, CallBudget budget,
                                    WakePolicy wakePolicy, BiConsumer<String, CircuitBreakerState> breakerChanged,
                                    RefreshSafeguards safeguards) {
    WorkerExecutor worker = vertx.createSharedWorkerExecutor(WORKER_NAME, api.workerPoolSize(), 30, TimeUnit.SECONDS);
    EuBrandProfile profile = EuBrandProfile.of(account.brand());
    EuEndpoints endpoints = EuEndpoints.resolve(api.endpoints(), profile);
    ResilientCaller caller = new ResilientCaller(vertx, api.breaker(), api.retry(), budget, clock, new SecureRandom(),
        breakerChanged::accept);
    ClockSkew clockSkew = new ClockSkew(clock);
    EuLogin login = new EuLogin(upstream(vertx, api, 4, clockSkew), caller, worker, profile, endpoints, clock);
    TokenStore store = new TokenStore(worker, api.stateDir(), account.username());
    TokenManager tokens = new TokenManager(login, store, account.username(), account.password(), clock,
        api.loginBackoffBaseMs(), api.loginBackoffCapMs());
    EuVehicleClient client = new EuVehicleClient(vertx, upstream(vertx, api, 8, clockSkew), caller, tokens, profile,
        endpoints, account, clock, api.ccs2PollIntervalMs(), api.forceDeadlineMs());
    return new EuClientStack(caller, new RefreshService(client, wakePolicy, clock, api.maxPendingPerVehicle(),
        api.cachedDeadlineMs(), api.forceDeadlineMs(), safeguards), endpoints);
  }

  /** One HTTP client per concern (auth, data): separate pools, a bounded wait queue (the bulkhead). */
  private static UpstreamHttp upstream(Vertx vertx, ApiConfig api, int poolSize, ClockSkew clockSkew) {
    HttpClient client = vertx.createHttpClient(new HttpClientOptions()
            .setConnectTimeout((int) api.connectTimeoutMs())
            .setDecompressionSupported(true)
            .setKeepAliveTimeout(30),
        new PoolOptions().setHttp1MaxSize(poolSize).setMaxWaitQueueSize(32));
    return new UpstreamHttp(vertx, client, api.requestDeadlineMs(), api.idleTimeoutMs(), api.connectTimeoutMs(),
        api.maxResponseBytes(), clockSkew);
  }
}
