package io.bluelinkmqtt.api;

import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One concern's circuit breaker whose open period grows while the cloud stays down: it starts at the
 * base reset timeout, doubles each time the half-open probe fails, up to a cap, and starts at the base
 * again once a probe succeeded. Counting, fast failing and the single half-open probe stay Vert.x's
 * {@link CircuitBreaker}; that one fixes its reset timeout per instance, so after a failed probe this
 * class continues in a fresh instance with the doubled timeout, opened at once (only public API, and a
 * late completion of the replaced instance can no longer move the state). Events of a replaced instance
 * are ignored. Confined to the event loop of its callers, like the breaker's own handlers.
 */
final class BackoffBreaker {

  private static final Logger LOG = LoggerFactory.getLogger(BackoffBreaker.class);

  private final Vertx vertx;
  private final String name;
  private final CircuitBreakerOptions options;
  private final long baseResetMs;
  private final long maxResetMs;
  private final Predicate<Throwable> countsAsFailure;
  private final Clock clock;
  private final BiConsumer<String, CircuitBreakerState> onChange;
  private CircuitBreaker current;
  private long resetMs;
  private CircuitBreakerState reported = CircuitBreakerState.CLOSED;
  private Instant nextProbeAt;

  /**
   * @param options the Vert.x options; their reset timeout is the base open period
   * @param maxResetMs the longest open period the doubling reaches
   * @param countsAsFailure which failures count toward opening (the others pass as successes)
   * @param clock tells when the next probe is due (logs and diagnostics)
   * @param onChange called with (name, new state) on every transition
   */
  BackoffBreaker(Vertx vertx, String name, CircuitBreakerOptions options, long maxResetMs,
                 Predicate<Throwable> countsAsFailure, Clock clock, BiConsumer<String, CircuitBreakerState> onChange) {
    this.vertx = vertx;
    this.name = name;
    this.options = new CircuitBreakerOptions(options);
    this.baseResetMs = options.getResetTimeout();
    this.maxResetMs = Math.max(baseResetMs, maxResetMs);
    this.countsAsFailure = countsAsFailure;
    this.clock = clock;
    this.onChange = onChange;
    this.current = create(baseResetMs);
  }

  <T> Future<T> execute(Supplier<Future<T>> operation) {
    return current.execute(operation);
  }

  CircuitBreakerState state() {
    return current.state();
  }

  long failureCount() {
    return current.failureCount();
  }

  /** How long the breaker stays open before the next probe (the base while closed). */
  long resetTimeoutMs() {
    return resetMs;
  }

  /** When the next half-open probe is allowed, while open. */
  Optional<Instant> nextProbeAt() {
    return current.state() == CircuitBreakerState.OPEN ? Optional.ofNullable(nextProbeAt) : Optional.empty();
  }

  void close() {
    current.close();
  }

  private CircuitBreaker create(long openMs) {
    resetMs = openMs;
    CircuitBreaker breaker =
        CircuitBreaker.create(name, vertx, new CircuitBreakerOptions(options).setResetTimeout(openMs));
    breaker.failurePolicy(f -> f.failed() && countsAsFailure.test(f.cause()))
        .openHandler(v -> opened(breaker))
        .halfOpenHandler(v -> halfOpened(breaker))
        .closeHandler(v -> closed(breaker));
    return breaker;
  }

  private void opened(CircuitBreaker source) {
    if (source != current) {
      return;
    }
    boolean probeFailed = reported == CircuitBreakerState.HALF_OPEN;
    report(CircuitBreakerState.OPEN);
    if (probeFailed && resetMs < maxResetMs) {
      current = create(Math.min(maxResetMs, resetMs * 2));
      current.open();
      source.close();
      return;
    }
    nextProbeAt = clock.instant().plusMillis(resetMs);
    LOG.info("circuit {} open; next probe in {} ms (at {})", name, resetMs, nextProbeAt);
  }

  private void halfOpened(CircuitBreaker source) {
    if (source == current) {
      report(CircuitBreakerState.HALF_OPEN);
    }
  }

  private void closed(CircuitBreaker source) {
    if (source != current) {
      return;
    }
    report(CircuitBreakerState.CLOSED);
    nextProbeAt = null;
    if (resetMs != baseResetMs) {
      // the next outage starts again at the base period
      current = create(baseResetMs);
      source.close();
    }
  }

  private void report(CircuitBreakerState state) {
    if (state != reported) {
      reported = state;
      onChange.accept(name, state);
    }
  }
}
