package io.bluelinkmqtt;

import io.bluelinkmqtt.api.HyundaiApiVerticle;
import io.bluelinkmqtt.bridge.EventBusBridgeVerticle;
import io.bluelinkmqtt.cloud.CarCloud;
import io.bluelinkmqtt.command.CommandTimings;
import io.bluelinkmqtt.command.CommandVerticle;
import io.bluelinkmqtt.config.AppConfig;
import io.bluelinkmqtt.config.BridgeInfo;
import io.bluelinkmqtt.config.EventBusBridgeConfig;
import io.bluelinkmqtt.evcc.EvccVerticle;
import io.bluelinkmqtt.config.HttpConfig;
import io.bluelinkmqtt.http.HttpVerticle;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.bluelinkmqtt.homeassistant.ActionAccess;
import io.bluelinkmqtt.homeassistant.HomeAssistantVerticle;
import io.bluelinkmqtt.mqtt.MqttBridgeVerticle;
import io.bluelinkmqtt.publish.PublisherVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys the verticles in the order that keeps the bus answered: consumers first (Publisher, Evcc, Api,
 * Command), then the MQTT bridge, so an inbound command never meets NO_HANDLERS, then Home
 * Assistant discovery, which publishes through the bridge. Stops them in {@link #STOP_ORDER}: Command
 * first (takes no more commands; refreshes in flight finish or are answered "shutdown" within its
 * grace), then the Publisher (its queue, holding those last outcomes, is handed to the bridge before
 * it goes), then the bridge (publishes "offline" retained, or in demo mode empties every retained topic it
 * published, and sends DISCONNECT, so no will), then the API, whose still-open calls are aborted. The HTTP server,
 * when enabled, is deployed before all of them (it must see their first events) and stopped last. The event-bus
 * bridges for other programs, when enabled, are deployed last (the consumers they reach are up) and stopped first.
 */
public final class BridgeApplication {

  private static final Logger LOG = LoggerFactory.getLogger(BridgeApplication.class);

  private final Vertx vertx;
  private final AppConfig config;
  private final Clock clock;
  /**
   * The bridges for other programs go first (no new request enters while the rest drains), then Home Assistant: it
   * only publishes discovery, nothing in flight depends on it.
   */
  static final List<Class<?>> STOP_ORDER = List.of(EventBusBridgeVerticle.class, HomeAssistantVerticle.class,
      CommandVerticle.class, PublisherVerticle.class, EvccVerticle.class, MqttBridgeVerticle.class,
      HyundaiApiVerticle.class, HttpVerticle.class);

  private final Map<Class<?>, String> deployments = new ConcurrentHashMap<>();
  private final HttpConfig http;
  private final PrometheusMeterRegistry registry;
  private final EventBusBridgeConfig eventBusBridges;

  public BridgeApplication(Vertx vertx, AppConfig config) {
    this(vertx, config, Clock.systemUTC());
  }

  public BridgeApplication(Vertx vertx, AppConfig config, Clock clock) {
    this(vertx, config, clock, HttpConfig.off(), null);
  }

  /** With the HTTP server (health, metrics, status page) when {@code http} is enabled; it reports into {@code registry}. */
  public BridgeApplication(Vertx vertx, AppConfig config, HttpConfig http, PrometheusMeterRegistry registry) {
    this(vertx, config, http, registry, EventBusBridgeConfig.off());
  }

  /** With the HTTP server as above and the event-bus bridges for other programs that {@code bridges} enables. */
  public BridgeApplication(Vertx vertx, AppConfig config, HttpConfig http, PrometheusMeterRegistry registry,
                           EventBusBridgeConfig bridges) {
    this(vertx, config, Clock.systemUTC(), http, registry, bridges);
  }

  private BridgeApplication(Vertx vertx, AppConfig config, Clock clock, HttpConfig http,
                            PrometheusMeterRegistry registry) {
    this(vertx, config, clock, http, registry, EventBusBridgeConfig.off());
  }

  private BridgeApplication(Vertx vertx, AppConfig config, Clock clock, HttpConfig http,
                            PrometheusMeterRegistry registry, EventBusBridgeConfig bridges) {
    this.vertx = vertx;
    this.config = config;
    this.clock = clock;
    this.http = http;
    this.registry = registry;
    this.eventBusBridges = bridges;
  }

  public Future<Void> start() {
    String base = config.mqtt().baseTopic();
    // HTTP first: it keeps the status page and metrics from bus events and must see the first of them
    Future<Void> httpStarted = !http.enabled() ? Future.succeededFuture()
        : deploy(new HttpVerticle(http, base, config.homeAssistant().smartButtonMaxAgeSeconds(),
            pageInfo(), registry, config.demo(), clock));
    return httpStarted.compose(v -> deploy(new PublisherVerticle(base)))
        .compose(v -> deploy(new EvccVerticle(base)))
        .compose(v -> deploy(CarCloud.verticle(config.account(), config.api(), config.stewardship(),
            Duration.ofSeconds(config.command().minForceIntervalSeconds()), clock)))
        .compose(v -> deploy(new CommandVerticle(config.command(), base, clock,
            CommandTimings.forForceDeadline(config.api().refresh().forceDeadlineMs()))))
        // a demo leaves nothing retained behind on the broker it used
        .compose(v -> deploy(new MqttBridgeVerticle(config.mqtt(), config.homeAssistant(), BridgeInfo.of(config),
            config.demo(), clock)))
        // discovery publishes through the bridge, so it comes after it
        .compose(v -> deploy(new HomeAssistantVerticle(config.homeAssistant(), base, config.api().stateDir(),
            new ActionAccess(!config.account().pin().isEmpty(), config.api().actions().allowed()))))
        // other programs reach the consumers above, so the bridges open last
        .compose(v -> !eventBusBridges.anyEnabled() ? Future.<Void>succeededFuture()
            : deploy(new EventBusBridgeVerticle(eventBusBridges)))
        .onSuccess(v -> LOG.info("bluelink-mqtt {} started{}", BridgeInfo.currentVersion(), config.demo() ? " in demo mode" : ""))
        .mapEmpty();
  }

  /**
   * Undeploys one verticle after the other in {@link #STOP_ORDER}; a verticle that fails to stop does not
   * keep the next from stopping. Vert.x itself is closed by the caller.
   */
  public Future<Void> stop() {
    Future<Void> chain = Future.succeededFuture();
    for (Class<?> kind : STOP_ORDER) {
      String id = deployments.remove(kind);
      if (id != null) {
        chain = chain.compose(v -> vertx.undeploy(id).recover(e -> {
          LOG.warn("stopping {} failed: {}", kind.getSimpleName(), e.getMessage());
          return Future.succeededFuture();
        }));
      }
    }
    return chain;
  }

  /** Version and effective configuration for the status page; of the token only whether one is set. */
  private JsonObject pageInfo() {
    BridgeInfo info = BridgeInfo.of(config);
    JsonObject effective = info.effectiveConfig().copy().put("http", new JsonObject().put("host", http.host())
        .put("port", http.port()).put("authToken", !http.authToken().isEmpty()));
    return new JsonObject().put("version", info.version()).put("config", effective);
  }

  private Future<Void> deploy(io.vertx.core.Deployable verticle) {
    return vertx.deployVerticle(verticle).onSuccess(id -> deployments.put(verticle.getClass(), id)).mapEmpty();
  }
}
