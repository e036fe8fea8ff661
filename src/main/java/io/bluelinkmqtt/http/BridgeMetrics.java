package io.bluelinkmqtt.http;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;

/**
 * The one Prometheus registry of the process: Vert.x's own metrics (HTTP client and server, pools, verticles, event
 * bus without address labels), JVM memory, and the bridge's meters, which the api and mqtt hooks record into
 * Micrometer's global registry (this registry is added to it). Labels are the bounded ones only.
 */
public final class BridgeMetrics {

  private final PrometheusMeterRegistry registry;

  private BridgeMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  public static BridgeMetrics create() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    Metrics.addRegistry(registry);
    return new BridgeMetrics(registry);
  }

  /** A Vert.x that reports into this registry. */
  public Vertx newVertx() {
    MicrometerMetricsOptions options = new MicrometerMetricsOptions().setEnabled(true)
        .setLabels(java.util.Set.of(Label.HTTP_METHOD, Label.HTTP_CODE, Label.POOL_TYPE, Label.POOL_NAME, Label.EB_SIDE,
            Label.NAMESPACE));
    return Vertx.builder().with(new VertxOptions().setMetricsOptions(options))
        .withMetrics(new MicrometerMetricsFactory(registry)).build();
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Takes the registry out of the global one (tests that create several). */
  public void close() {
    Metrics.removeRegistry(registry);
    registry.close();
  }
}
