package io.bluelinkmqtt;

import io.vertx.core.VertxOptions;

/**
 * The footprint a plain {@code java -jar} gets without JVM flags (those are in conf/jvm.options, docs/benchmarks.md):
 * Netty's pooled allocator with one small arena instead of 2 × cores arenas of 4 MiB chunks (peak RSS of a plain
 * {@code java -jar} 0.84× after 500 commands), and worker pools of 4 instead of 20 threads. The event loops stay at
 * Vert.x's 2 × cores: 2 loops saved no memory or CPU but put verticles on shared loops, and a cached read's p50 / p99
 * went to 1.27× / 2.14× (docs/benchmarks.md, Footprint). A property the user set wins.
 */
final class RuntimeFootprint {

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
    return new VertxOptions().setWorkerPoolSize(WORKERS)
        .setInternalBlockingPoolSize(WORKERS);
  }

  private static void setDefault(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
