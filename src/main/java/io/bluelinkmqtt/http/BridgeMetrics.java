package io.bluelinkmqtt.http;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.Match;
import io.vertx.micrometer.MatchType;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.Set;

/**
 * The one Prometheus registry of the process: Vert.x's own metrics (HTTP client and server, pools, verticles, event
 * bus for the bridge's own addresses), JVM memory, and the bridge's meters, which the api and mqtt hooks record into
 * Micrometer's global registry (this registry is added to it). Labels are the bounded ones only.
 */
public final class BridgeMetrics {

  private final PrometheusMeterRegistry registry;

  private BridgeMetrics(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  public static BridgeMetrics create() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // Vert.x registers these gauges once per consumer, and they collide where several verticles consume one address
    registry.config().meterFilter(MeterFilter.deny(id -> id.getName().equals("vertx.eventbus.handlers")
        || id.getName().equals("vertx.eventbus.pending")));
    return new BridgeMetrics(registry);
  }

  /** A Vert.x that reports into this registry (call once). */
  public Vertx newVertx() {
    MicrometerMetricsOptions options = new MicrometerMetricsOptions().setEnabled(true)
        .setLabels(Set.of(Label.HTTP_METHOD, Label.HTTP_CODE, Label.POOL_TYPE, Label.POOL_NAME, Label.EB_SIDE,
            Label.EB_ADDRESS, Label.NAMESPACE))
        // only the bridge's own addresses (docs/event-bus.md): reply addresses would be a label value per request
        .addLabelMatch(new Match().setDomain(MetricsDomain.EVENT_BUS).setLabel(Label.EB_ADDRESS.toString())
            .setType(MatchType.REGEX).setValue("bluelink\\..*"));
    Vertx vertx = Vertx.builder().with(new VertxOptions().setMetricsOptions(options))
        .withMetrics(new MicrometerMetricsFactory(registry)).build();
    // meters only after Vert.x configured its filters on the registry
    new JvmMemoryMetrics().bindTo(registry);
    Metrics.addRegistry(registry);
    return vertx;
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
