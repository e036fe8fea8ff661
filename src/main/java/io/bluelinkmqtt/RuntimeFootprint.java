package io.bluelinkmqtt;

import io.vertx.core.VertxOptions;

/**
 * The footprint a plain {@code java -jar} gets without JVM flags (those are in conf/jvm.options, docs/benchmarks.md):
 * Netty's pooled allocator with one small arena instead of 2 × cores arenas of 4 MiB chunks, and Vert.x pools sized
 * for a bridge of a few cars instead of 2 × cores event loops and 20 workers. A property the user set wins.
 */
final class RuntimeFootprint {

  /** Two loops keep MQTT and the cloud client off each other's thread; more buy nothing for a few cars. */
  static final int EVENT_LOOPS = 2;
  /** Blocking work here is short state-file writes: a few threads suffice. */
  static final int WORKERS = 4;

  private RuntimeFootprint() {
  }

  /** Call first thing in main, before any Netty class is loaded: Netty reads these once, in static initialisers. */
  static void applyNettyDefaults() {
    setDefault("io.netty.allocator.numDirectArenas", "1");
    setDefault("io.netty.allocator.numHeapArenas", "1");
    // 8 KiB pages << 7 = 1 MiB chunks (Netty's default is 4 MiB); payloads here are a few KiB
    setDefault("io.netty.allocator.maxOrder", "7");
  }

  static VertxOptions vertxOptions() {
    return new VertxOptions().setEventLoopPoolSize(EVENT_LOOPS).setWorkerPoolSize(WORKERS)
        .setInternalBlockingPoolSize(WORKERS);
  }

  private static void setDefault(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
