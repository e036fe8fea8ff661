package io.bluelinkmqtt;

/**
 * The footprint a plain {@code java -jar} gets without JVM flags (those are in conf/jvm.options, docs/benchmarks.md):
 * Netty's pooled allocator with one small arena instead of 2 × cores arenas of 4 MiB chunks (peak RSS of a plain
 * {@code java -jar} 0.84× after 500 commands, measured together with smaller Vert.x pools; with conf/jvm.options
 * no difference). Vert.x's pools stay at their defaults: 2 event loops and 4 workers
 * saved no memory or CPU (threads start lazily) and a cached read's p50 went up (docs/benchmarks.md, Footprint).
 * A property the user set wins.
 */
final class RuntimeFootprint {

  private RuntimeFootprint() {
  }

  /** Call first thing in main, before any Netty class is loaded: Netty reads these once, in static initialisers. */
  static void applyNettyDefaults() {
    setDefault("io.netty.allocator.numDirectArenas", "1");
    setDefault("io.netty.allocator.numHeapArenas", "1");
    // 8 KiB pages << 7 = 1 MiB chunks (Netty's default is 4 MiB); payloads here are a few KiB
    setDefault("io.netty.allocator.maxOrder", "7");
  }

  private static void setDefault(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
