package io.bluelinkmqtt.api;

import io.bluelinkmqtt.api.eu.EuBrandProfile;
import io.bluelinkmqtt.api.eu.EuEndpoints;
import io.bluelinkmqtt.api.eu.EuLogin;
import io.bluelinkmqtt.api.eu.EuModule;
import io.bluelinkmqtt.api.eu.EuVehicleClient;
import io.bluelinkmqtt.api.eu.TokenManager;
import io.bluelinkmqtt.api.eu.TokenStore;
import io.bluelinkmqtt.config.AppConfig.AccountConfig;
import io.bluelinkmqtt.config.AppConfig.ApiConfig;
import io.bluelinkmqtt.config.AppConfig.BreakerConfig;
import io.bluelinkmqtt.config.AppConfig.HttpLimits;
import io.bluelinkmqtt.config.AppConfig.LoginBackoff;
import io.bluelinkmqtt.config.AppConfig.RefreshTimings;
import io.bluelinkmqtt.config.AppConfig.RegionEndpoints;
import io.bluelinkmqtt.config.AppConfig.RetryConfig;
import io.bluelinkmqtt.config.AppConfig.TopicIdSource;
import io.bluelinkmqtt.config.Secret;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.Region;
import io.bluelinkmqtt.testsupport.RecordingBudget;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Wires the real client classes the way {@link HyundaiApiVerticle} does, against a given base URL. */
final class ClientHarness {

  final RecordingBudget budget = new RecordingBudget();
  final List<String> breakerEvents = new CopyOnWriteArrayList<>();
  final io.vertx.core.Promise<Void> halfOpen = io.vertx.core.Promise.promise();
  /** System.nanoTime() of each breaker event, in the order of {@link #breakerEvents}. */
  final List<Long> breakerEventNanos = new CopyOnWriteArrayList<>();
  private final List<EventWaiter> eventWaiters = new CopyOnWriteArrayList<>();

  private record EventWaiter(String event, int occurrence, io.vertx.core.Promise<Long> promise) {
  }
  final ResilientCaller caller;
  final TokenManager tokens;
  final EuVehicleClient client;
  final RefreshService service;
  final TokenStore store;

  ClientHarness(Vertx vertx, String baseUrl, Path stateDir, ApiConfig api, Clock clock, WakePolicy wake) {
    WorkerExecutor worker = vertx.createSharedWorkerExecutor("bluelink-api-worker", 2, 30, TimeUnit.SECONDS);
    AccountConfig account = account();
    EuBrandProfile profile = EuBrandProfile.of(Brand.HYUNDAI);
    EuEndpoints endpoints = EuEndpoints.resolve(EuModule.SUPPORT.allAt(baseUrl), profile);
    caller = new ResilientCaller(vertx, api.breaker(), api.retry(), budget, clock, new Random(42),
        (name, state) -> {
          breakerEventNanos.add(System.nanoTime());
          breakerEvents.add(name + ":" + state);
          eventWaiters.forEach(w -> occurrenceAt(w.event(), w.occurrence()).ifPresent(w.promise()::tryComplete));
          if (state == CircuitBreakerState.HALF_OPEN) {
            halfOpen.tryComplete();
          }
        });
    UpstreamHttp http = new UpstreamHttp(vertx, vertx.createHttpClient(new HttpClientOptions(),
        new PoolOptions().setHttp1MaxSize(8).setMaxWaitQueueSize(64)), api.http().requestDeadlineMs(),
        api.http().idleTimeoutMs(), api.http().connectTimeoutMs(), api.http().maxResponseBytes(), new ClockSkew(clock));
    EuLogin login = new EuLogin(http, caller, worker, profile, endpoints, clock);
    store = new TokenStore(worker, stateDir, account.username());
    tokens = new TokenManager(login, store, account.username(), account.password(), clock, api.login().baseMs(),
        api.login().capMs());
    client = new EuVehicleClient(vertx, http, caller, tokens, profile, endpoints, new VehicleNaming(account), clock,
        api.refresh().ccs2PollIntervalMs(), api.refresh().forceDeadlineMs());
    service = new RefreshService(client, wake == null ? new MinIntervalWakePolicy(Duration.ZERO, clock) : wake, clock,
        api.refresh().maxPendingPerVehicle());
  }

  /** The nanoTime of the {@code occurrence}-th (1-based) breaker event {@code event}, e.g. "bluelink-data:OPEN". */
  io.vertx.core.Future<Long> breakerEvent(String event, int occurrence) {
    io.vertx.core.Promise<Long> promise = io.vertx.core.Promise.promise();
    eventWaiters.add(new EventWaiter(event, occurrence, promise));
    occurrenceAt(event, occurrence).ifPresent(promise::tryComplete);
    return promise.future();
  }

  private Optional<Long> occurrenceAt(String event, int occurrence) {
    int seen = 0;
    for (int i = 0; i < breakerEvents.size(); i++) {
      if (breakerEvents.get(i).equals(event) && ++seen == occurrence) {
        return Optional.of(breakerEventNanos.get(i));
      }
    }
    return Optional.empty();
  }

  CircuitBreakerState dataBreaker() {
    return caller.state(ResilientCaller.Concern.DATA);
  }

  static AccountConfig account() {
    return new AccountConfig(Region.EUROPE, Brand.HYUNDAI, ClientStubCloud.USER, Secret.of(ClientStubCloud.PASSWORD),
        Secret.empty(), Optional.empty(), TopicIdSource.VEHICLE_ID);
  }

  /** Short timers for tests; override pieces with {@link ApiConfig}'s with* methods. */
  static ApiConfig api(Path stateDir) {
    return new ApiConfig(stateDir, 2, new HttpLimits(2_000, 1_500, 1_000, 1_048_576), new RefreshTimings(2_000, 3_000,
        20, 2), new LoginBackoff(1_000, 8_000), new RetryConfig(2, 5, 20), new BreakerConfig(3, 60_000, 300, 5_000),
        RegionEndpoints.NONE);
  }

  static ApiConfig withRetry(ApiConfig a, int maxRetries) {
    return a.withRetry(new RetryConfig(maxRetries, 5, 20));
  }

  static ApiConfig withPending(ApiConfig a, int maxPending) {
    RefreshTimings r = a.refresh();
    return a.withRefresh(new RefreshTimings(r.cachedDeadlineMs(), r.forceDeadlineMs(), r.ccs2PollIntervalMs(),
        maxPending));
  }

  static ApiConfig withBreaker(ApiConfig a, BreakerConfig breaker) {
    return a.withBreaker(breaker);
  }

  static ApiConfig withDeadline(ApiConfig a, long deadlineMs, long idleMs) {
    return a.withHttp(new HttpLimits(deadlineMs, idleMs, a.http().connectTimeoutMs(), a.http().maxResponseBytes()));
  }
}
