package io.bluelinkmqtt.api;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Micrometer hook for every HTTP attempt to the car cloud: {@code bluelink_upstream_call_seconds} with the labels
 * {@code kind} (a {@link CallKind}) and {@code result} ({@code ok} or an {@link ApiException.Kind}), both bounded
 * enums, and fixed histogram buckets. Recorded into Micrometer's global registry, which is empty (a no-op) unless
 * the HTTP server added its Prometheus registry to it.
 */
final class UpstreamMetrics {

  static final String NAME = "bluelink.upstream.call";
  private static final Duration[] BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
      Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
      Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120)};

  private UpstreamMetrics() {
  }

  /** @param failure null for a call that succeeded */
  static void record(CallKind kind, Throwable failure, long startedNanos) {
    String result = failure == null ? "ok" : ApiErrors.from(failure).kind().name().toLowerCase(Locale.ROOT);
    TIMERS.computeIfAbsent(kind.name() + "/" + result, key -> Timer.builder(NAME)
            .description("HTTP attempts to the car cloud, by call kind and result")
            .tag("kind", kind.name().toLowerCase(Locale.ROOT))
            .tag("result", result)
            .serviceLevelObjectives(BUCKETS)
            .register(Metrics.globalRegistry))
        .record(Duration.ofNanos(System.nanoTime() - startedNanos));
  }

  /** Per kind and result, built once (both are bounded enums); the global registry keeps them for the run. */
  private static final Map<String, Timer> TIMERS = new ConcurrentHashMap<>();
}
