package io.bluelinkmqtt.testsupport;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Blocks the JUnit thread (never a Vert.x thread) until a future completes, with a bound. Lets a
 * fault scenario read as a sequence of steps without sleeping: every wait is on an event.
 */
public final class Await {

  private Await() {
  }

  /** The future's result; fails the test with {@link AssertionError} on failure or when {@code within} passes. */
  public static <T> T result(Future<T> future, Duration within) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(within.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("nothing happened within " + within, e);
    } catch (ExecutionException e) {
      throw new AssertionError("failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** The failure of a future that must fail within {@code within}. */
  public static Throwable failure(Future<?> future, Duration within) {
    try {
      Object value = future.toCompletionStage().toCompletableFuture().get(within.toMillis(), TimeUnit.MILLISECONDS);
      throw new AssertionError("expected a failure but got " + value);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (TimeoutException e) {
      throw new AssertionError("neither success nor failure within " + within, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /**
   * Waits until {@code condition} holds, checked on a Vert.x timer every 20 ms (no sleeping thread), for
   * state that has no event of its own, such as a gauge.
   */
  public static void condition(io.vertx.core.Vertx vertx, java.util.function.BooleanSupplier condition, Duration within) {
    io.vertx.core.Promise<Void> holds = io.vertx.core.Promise.promise();
    long timer = vertx.setPeriodic(1, 20, id -> {
      if (condition.getAsBoolean()) {
        holds.tryComplete();
      }
    });
    try {
      result(holds.future(), within);
    } finally {
      vertx.cancelTimer(timer);
    }
  }

  /** True when the future is still pending after {@code quiet}: for "nothing must happen" assertions. */
  public static boolean staysPending(Future<?> future, Duration quiet) {
    try {
      future.toCompletionStage().toCompletableFuture().get(quiet.toMillis(), TimeUnit.MILLISECONDS);
      return false;
    } catch (TimeoutException e) {
      return true;
    } catch (ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
