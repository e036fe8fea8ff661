package io.bluelinkmqtt.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * What every upstream call and every forced refresh passes, whatever the region: the call budget, the wake
 * policy and the refresh safeguards (read window, saved vehicle list). The composition root opens them (the
 * stewardship, in production) before the verticle builds its cloud.
 *
 * @param closer releases them when the verticle stops
 */
public record UpstreamGuards(CallBudget budget, WakePolicy wakePolicy, RefreshSafeguards safeguards,
                             Supplier<Future<Void>> closer) {

  /** Guards that need no start and hold nothing (tests, tools). */
  public static Opener fixed(CallBudget budget, WakePolicy wakePolicy) {
    UpstreamGuards guards = new UpstreamGuards(budget, wakePolicy, RefreshSafeguards.NONE, Future::succeededFuture);
    return vertx -> Future.succeededFuture(guards);
  }

  public Future<Void> close() {
    return closer.get();
  }

  /** Opens the guards on the verticle's Vert.x, once, at its start. */
  @FunctionalInterface
  public interface Opener {
    Future<UpstreamGuards> open(Vertx vertx);
  }
}
