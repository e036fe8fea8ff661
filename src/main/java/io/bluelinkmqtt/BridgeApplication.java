package io.bluelinkmqtt;

import io.bluelinkmqtt.api.HyundaiApiVerticle;
import io.bluelinkmqtt.bridge.EventBusBridgeVerticle;
import io.bluelinkmqtt.cloud.CarCloud;
import io.bluelinkmqtt.cluster.AccountRouterVerticle;
import io.bluelinkmqtt.cluster.AccountSeatVerticle;
import io.bluelinkmqtt.cluster.ClusterNode;
import io.bluelinkmqtt.cluster.EventRelayVerticle;
import io.bluelinkmqtt.cluster.Seats;
import io.bluelinkmqtt.config.Accounts;
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
      AccountRouterVerticle.class, AccountSeatVerticle.class, HyundaiApiVerticle.class, HttpVerticle.class,
      EventRelayVerticle.class);
  /** The router answers only within this of the Command verticle's own send timeout. */
  private static final long ROUTER_MARGIN_MS = 10_000;
  private static final long LIST_TIMEOUT_MS = 10_000;

  private final Map<Class<?>, List<String>> deployments = new ConcurrentHashMap<>();
  private Accounts accounts;
  private ClusterNode node;
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
    this.accounts = Accounts.single(config);
  }

  /**
   * Several accounts (one API verticle each, behind the account router) and, with a {@code node}, one node of a
   * cluster that runs only its roles; a null node is the whole bridge in this process. The event-bus bridges open
   * on a front node only.
   */
  public BridgeApplication(Vertx vertx, AppConfig config, Accounts accounts, HttpConfig http,
                           PrometheusMeterRegistry registry, ClusterNode node, EventBusBridgeConfig bridges) {
    this(vertx, config, Clock.systemUTC(), http, registry, bridges);
    this.accounts = accounts;
    this.node = node;
  }

  /** Several accounts in this process, on the given clock (tests). */
  public BridgeApplication(Vertx vertx, AppConfig config, Accounts accounts, Clock clock) {
    this(vertx, config, clock, HttpConfig.off(), null);
    this.accounts = accounts;
  }

  private boolean front() {
    return node == null || node.runs(ClusterNode.Role.FRONT);
  }

  public Future<Void> start() {
    String base = config.mqtt().baseTopic();
    // HTTP first: it keeps the status page and metrics from bus events and must see the first of them
    // a cluster node relays the API's events to the other nodes before anything publishes one
    Future<Void> relayed = node == null ? Future.succeededFuture() : deploy(node.relay());
    Future<Void> httpStarted = relayed.compose(v -> !http.enabled() || !front() ? Future.succeededFuture()
        : deploy(new HttpVerticle(http, base, config.homeAssistant().smartButtonMaxAgeSeconds(),
            pageInfo(), registry, config.demo(), clock)));
    return httpStarted.compose(v -> front() ? deploy(new PublisherVerticle(base)) : Future.succeededFuture())
        .compose(v -> front() ? deploy(new EvccVerticle(base)) : Future.succeededFuture())
        .compose(v -> deployApi())
        .compose(v -> !front() ? Future.succeededFuture() : deploy(new CommandVerticle(config.command(), base, clock,
            CommandTimings.forForceDeadline(config.api().refresh().forceDeadlineMs()))))
        // a demo leaves nothing retained behind on the broker it used
        .compose(v -> !front() ? Future.succeededFuture() : deploy(new MqttBridgeVerticle(config.mqtt(),
            config.homeAssistant(), BridgeInfo.of(config, accounts), config.demo(), clock)))
        // discovery publishes through the bridge, so it comes after it
        .compose(v -> !front() ? Future.succeededFuture()
            : deploy(new HomeAssistantVerticle(config.homeAssistant(), base, config.api().stateDir(),
                new ActionAccess(!config.account().pin().isEmpty(), config.api().actions().allowed()))))
        // other programs reach the consumers above, so the bridges open last
        .compose(v -> !front() || !eventBusBridges.anyEnabled() ? Future.<Void>succeededFuture()
            : deploy(new EventBusBridgeVerticle(eventBusBridges)))
        .onSuccess(v -> LOG.info("bluelink-mqtt {} started{}", BridgeInfo.currentVersion(), config.demo() ? " in demo mode" : ""))
        .mapEmpty();
  }

  /**
   * The car cloud: the single account's API verticle on the plain addresses, as ever; or one per account behind the
   * account router; or, clustered, this node's bid for each account's seat and the router.
   */
  private Future<Void> deployApi() {
    Duration minForce = Duration.ofSeconds(config.command().minForceIntervalSeconds());
    if (node == null && accounts.classic()) {
      return deploy(CarCloud.verticle(config.account(), config.api(), config.stewardship(), minForce, clock));
    }
    Future<Void> apis = Future.succeededFuture();
    if (node == null || node.runs(ClusterNode.Role.API)) {
      for (Accounts.Account account : accounts.all()) {
        apis = apis.compose(v -> deploy(node == null ? CarCloud.verticle(account, minForce, clock)
            : node.seat(account, minForce, clock)));
      }
    }
    if (!front()) {
      return apis; // requests enter at the front node; its router finds the seats
    }
    long forwardTimeout = CommandTimings.forForceDeadline(config.api().refresh().forceDeadlineMs()).sendTimeoutMs()
        - ROUTER_MARGIN_MS;
    List<String> ids = accounts.all().stream().map(Accounts.Account::id).toList();
    return apis.compose(v -> deploy(new AccountRouterVerticle(ids, forwardTimeout, LIST_TIMEOUT_MS,
        node == null ? Seats.local() : node.seats())));
  }

  /**
   * Undeploys one verticle after the other in {@link #STOP_ORDER}; a verticle that fails to stop does not
   * keep the next from stopping. Vert.x itself is closed by the caller.
   */
  public Future<Void> stop() {
    Future<Void> chain = Future.succeededFuture();
    for (Class<?> kind : STOP_ORDER) {
      for (String id : deployments.getOrDefault(kind, List.of())) {
        chain = chain.compose(v -> vertx.undeploy(id).recover(e -> {
          LOG.warn("stopping {} failed: {}", kind.getSimpleName(), e.getMessage());
          return Future.succeededFuture();
        }));
      }
      deployments.remove(kind);
    }
    return chain;
  }

  /** Version and effective configuration for the status page; of the token only whether one is set. */
  private JsonObject pageInfo() {
    BridgeInfo info = BridgeInfo.of(config, accounts);
    JsonObject effective = info.effectiveConfig().copy().put("http", new JsonObject().put("host", http.host())
        .put("port", http.port()).put("authToken", !http.authToken().isEmpty()));
    return new JsonObject().put("version", info.version()).put("config", effective);
  }

  private Future<Void> deploy(io.vertx.core.Deployable verticle) {
    return vertx.deployVerticle(verticle).onSuccess(id -> deployments
        .computeIfAbsent(verticle.getClass(), k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(id))
        .mapEmpty();
  }
}
