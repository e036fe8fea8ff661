package io.bluelinkmqtt.api;

import io.bluelinkmqtt.api.ApiException.Kind;
import io.bluelinkmqtt.config.AppConfig.BreakerConfig;
import io.bluelinkmqtt.config.AppConfig.RetryConfig;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Every upstream HTTP attempt passes here, in this order: the breaker's fast path (open: fail, 0
 * calls), the endpoint's Retry-After gate, the {@link CallBudget}, then the attempt inside the
 * concern's {@link BackoffBreaker} (no retries inside it: against a quota they are dangerous,
 * reliability.md §2.2). Transient failures are retried here, outside the breaker, with exponential
 * backoff and full jitter, each retry asking the budget again. 5091 marks the budget exhausted.
 *
 * <p>Only an outage of the cloud counts toward opening a breaker: a call that waits for the car (a
 * wake, the legacy live location) and gets no answer in time is the car's problem (asleep, out of
 * coverage), reported as {@link Kind#CAR_TIMEOUT}, and never shuts out the other cars of the account.
 * An open breaker is probed again after its reset timeout, which doubles while the probes fail (up to
 * {@code maxResetTimeoutMs}).
 */
public final class ResilientCaller {

  /** The upstream concerns, each behind its own breaker. */
  public enum Concern {
    /** Device registration, login, token refresh. */
    AUTH,
    /** Vehicle list, status, location, history. */
    DATA
  }

  private final Vertx vertx;
  private final CallBudget budget;
  private final Clock clock;
  private final RetryConfig retry;
  private final Random random;
  private final Map<Concern, BackoffBreaker> breakers = new EnumMap<>(Concern.class);
  private final Map<CallKind, Instant> retryAfterGates = new HashMap<>();

  /**
   * @param onBreakerChange called with (breaker name, new state) on every transition
   */
  public ResilientCaller(Vertx vertx, BreakerConfig breaker, RetryConfig retry, CallBudget budget, Clock clock,
                         Random random, BiConsumer<String, CircuitBreakerState> onBreakerChange) {
    this.vertx = vertx;
    this.budget = budget;
    this.clock = clock;
    this.retry = retry;
    this.random = random;
    CircuitBreakerOptions options = new CircuitBreakerOptions()
        .setMaxFailures(breaker.maxFailures())
        .setFailuresRollingWindow(breaker.failuresRollingWindowMs())
        .setResetTimeout(breaker.resetTimeoutMs())
        .setTimeout(breaker.timeoutMs())
        .setMaxRetries(0)
        .setNotificationAddress(null);
    for (Concern concern : Concern.values()) {
      String name = "bluelink-" + concern.name().toLowerCase(java.util.Locale.ROOT);
      breakers.put(concern, new BackoffBreaker(vertx, name, options, breaker.maxResetTimeoutMs(), ApiErrors::isOutage,
          clock, onBreakerChange));
    }
  }

  /**
   * Makes one logical call: at most 1 + maxRetries HTTP attempts (each counted in {@code context}).
   *
   * @param retryTransient false for calls that must not be repeated (logins: each one registers with the account)
   */
  public <T> Future<T> call(Concern concern, CallKind kind, CallContext context, boolean retryTransient,
                            Supplier<Future<T>> attempt) {
    return attempt(concern, kind, context, retryTransient ? retry.maxRetries() : 0, 0, attempt);
  }

  public CircuitBreakerState state(Concern concern) {
    return breakers.get(concern).state();
  }

  /** Failures the concern's breaker currently counts. */
  public long failureCount(Concern concern) {
    return breakers.get(concern).failureCount();
  }

  /** How long the concern's breaker stays open before its next probe (doubles while probes fail). */
  public long resetTimeoutMs(Concern concern) {
    return breakers.get(concern).resetTimeoutMs();
  }

  /** Passes the cloud's {@code x-ratelimit-*} headers, when present, to the budget. */
  public void observeRateLimit(MultiMap headers) {
    OptionalLong limit = longHeader(headers, "x-ratelimit-limit");
    OptionalLong remaining = longHeader(headers, "x-ratelimit-remaining");
    OptionalLong reset = longHeader(headers, "x-ratelimit-reset");
    if (limit.isPresent() || remaining.isPresent() || reset.isPresent()) {
      budget.observeRateLimit(limit, remaining, reset);
    }
  }

  /** Closes the breakers' timers. */
  public void close() {
    breakers.values().forEach(BackoffBreaker::close);
  }

  private <T> Future<T> attempt(Concern concern, CallKind kind, CallContext context, int retriesLeft, int attemptNo,
                                Supplier<Future<T>> operation) {
    BackoffBreaker breaker = breakers.get(concern);
    if (breaker.state() == CircuitBreakerState.OPEN) {
      return Future.failedFuture(new ApiException(Kind.BREAKER_OPEN, "the cloud is failing; circuit open, call not sent"));
    }
    Instant gate = retryAfterGates.get(kind);
    if (gate != null && clock.instant().isBefore(gate)) {
      return Future.failedFuture(new ApiException(Kind.RETRY_AFTER, "the cloud asked to wait until " + gate,
          null, gate.toEpochMilli() - clock.millis()));
    }
    Optional<String> refusal = budget.tryAcquire(kind, context.userInitiated());
    if (refusal.isPresent()) {
      return Future.failedFuture(new ApiException(Kind.BUDGET, "call refused by the call budget (" + refusal.get() + ")"));
    }
    return breaker.<T>execute(() -> {
      context.countCall();
      long startedNanos = System.nanoTime();
      Future<T> sent = operation.get().onComplete(ar -> UpstreamMetrics.record(kind, ar.cause(), startedNanos));
      return kind.waitsForCar() ? sent.recover(ResilientCaller::carTimeout) : sent;
    }).recover(error -> {
      ApiException failure = ApiErrors.from(error);
      if (failure.kind() == Kind.RETRY_AFTER) {
        retryAfterGates.put(kind, clock.instant().plusMillis(failure.retryAfterMs()));
      } else if (failure.kind() == Kind.RATE_LIMITED) {
        budget.markExhausted();
      }
      if (failure.kind().retryable() && retriesLeft > 0) {
        return vertx.timer(backoffMs(attemptNo))
            .compose(v -> attempt(concern, kind, context, retriesLeft - 1, attemptNo + 1, operation));
      }
      return Future.failedFuture(failure);
    });
  }

  /** The call waited for the car: no answer in time means the car did not answer, not that the cloud is down. */
  private static <T> Future<T> carTimeout(Throwable error) {
    if (ApiErrors.from(error).kind() == Kind.TIMEOUT) {
      return Future.failedFuture(new ApiException(Kind.CAR_TIMEOUT,
          "the car did not answer in time (asleep or out of coverage)"));
    }
    return Future.failedFuture(error);
  }

  /** Full jitter: uniform in [0, min(cap, base × 2^attempt)], at least 1 ms. */
  long backoffMs(int attemptNo) {
    long ceiling = Math.min(retry.maxDelayMs(), retry.baseDelayMs() * (1L << Math.min(attemptNo, 30)));
    return 1 + (long) (random.nextDouble() * ceiling);
  }

  private static OptionalLong longHeader(MultiMap headers, String name) {
    String value = headers.get(name);
    if (value == null) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
