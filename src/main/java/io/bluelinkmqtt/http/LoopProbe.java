package io.bluelinkmqtt.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;

/**
 * One instance per event loop (deployed with as many instances as there are loops, which Vert.x hands out round
 * robin): a 1 s timer that stamps its heartbeat and reports how late it fired. {@code /health} is up while every
 * heartbeat is fresh, i.e. every event loop still answers.
 */
final class LoopProbe extends VerticleBase {

  static final long PERIOD_MS = 1_000;

  /** The heartbeats of all instances; shared by them and read by the HTTP verticle. */
  static final class Heartbeats {
    private final AtomicLongArray lastBeatNanos;
    private final AtomicInteger nextSlot = new AtomicInteger();

    Heartbeats(int loops) {
      lastBeatNanos = new AtomicLongArray(loops);
      long now = System.nanoTime();
      for (int i = 0; i < loops; i++) {
        lastBeatNanos.set(i, now);
      }
    }

    int loops() {
      return lastBeatNanos.length();
    }

    /** How many loops have not beaten within {@code maxSilence}. */
    int stalled(Duration maxSilence) {
      long now = System.nanoTime();
      int stalled = 0;
      for (int i = 0; i < lastBeatNanos.length(); i++) {
        if (now - lastBeatNanos.get(i) > maxSilence.toNanos()) {
          stalled++;
        }
      }
      return stalled;
    }
  }

  private final Heartbeats heartbeats;
  private final Consumer<Duration> lateness;
  private int slot;
  private long expectedNanos;

  LoopProbe(Heartbeats heartbeats, Consumer<Duration> lateness) {
    this.heartbeats = heartbeats;
    this.lateness = lateness;
  }

  @Override
  public Future<?> start() {
    slot = heartbeats.nextSlot.getAndIncrement() % heartbeats.loops();
    expectedNanos = System.nanoTime() + Duration.ofMillis(PERIOD_MS).toNanos();
    vertx.setPeriodic(PERIOD_MS, id -> beat());
    return Future.succeededFuture();
  }

  private void beat() {
    long now = System.nanoTime();
    heartbeats.lastBeatNanos.set(slot, now);
    lateness.accept(Duration.ofNanos(Math.max(0, now - expectedNanos)));
    expectedNanos = now + Duration.ofMillis(PERIOD_MS).toNanos();
  }
}
