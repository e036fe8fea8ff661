package io.bluelinkmqtt.api;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The two rules every region's session keeper applies to its logins: <em>single-flight</em> (every caller that needs
 * a session while one is being made shares that attempt) and <em>backoff</em> (after a failed attempt, callers fail
 * at once with its failure until the wait has passed: refused credentials double the wait each time, from the base
 * up to the cap, so a broken login never loops; any other failure waits the base). What an attempt is (login,
 * refresh, one-time code) and which failures back off stay the region's. Confined to one event loop.
 *
 * @param <T> the region's session
 */
public final class SessionRenewal<T> {

  private final Clock clock;
  private final long backoffBaseMs;
  private final long backoffCapMs;

  private Future<T> pending;
  private int refusals;
  private Instant nextAttemptAt = Instant.MIN;
  private ApiException lastFailure;

  public SessionRenewal(Clock clock, long backoffBaseMs, long backoffCapMs) {
    this.clock = clock;
    this.backoffBaseMs = backoffBaseMs;
    this.backoffCapMs = backoffCapMs;
  }

  /**
   * The attempt under way; else, while a failed attempt's wait runs, its failure (naming when the next may start);
   * else a new attempt from {@code attempt}, shared until it completes.
   */
  public Future<T> renew(Supplier<Future<T>> attempt) {
    if (pending != null) {
      return pending;
    }
    if (clock.instant().isBefore(nextAttemptAt)) {
      return Future.failedFuture(lastFailure.as(lastFailure.kind(),
          lastFailure.getMessage() + " (next attempt after " + nextAttemptAt + ")"));
    }
    Future<T> flight = attempt.get();
    pending = flight;
    flight.onComplete(ar -> {
      if (pending == flight) {
        pending = null;
      }
    });
    return flight;
  }

  /** True while an attempt is under way. */
  public boolean inFlight() {
    return pending != null;
  }

  /** A session was made: the next failure starts from the base wait again. */
  public void succeeded() {
    refusals = 0;
    nextAttemptAt = Instant.MIN;
  }

  /**
   * Records a failed attempt: AUTH_FAILED (refused credentials) waits base × 2^(refusals − 1), any other kind the
   * base; both capped.
   *
   * @return the wait in ms, for the region's log line
   */
  public long backOff(ApiException failure) {
    boolean refused = failure.kind() == ApiException.Kind.AUTH_FAILED;
    refusals = refused ? refusals + 1 : refusals;
    long delay = refused ? Math.min(backoffCapMs, backoffBaseMs * (1L << Math.min(refusals - 1, 30)))
        : Math.min(backoffCapMs, backoffBaseMs);
    nextAttemptAt = clock.instant().plusMillis(delay);
    lastFailure = failure;
    return delay;
  }
}
