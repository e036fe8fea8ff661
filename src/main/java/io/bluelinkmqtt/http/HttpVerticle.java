package io.bluelinkmqtt.http;

import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.codec.Envelope;
import io.bluelinkmqtt.config.HttpConfig;
import io.bluelinkmqtt.publish.Topics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.net.BindException;
import java.time.Clock;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: health, readiness, Prometheus metrics and the live status page (docs/http.md). Listens to the
 * bus events of the other verticles (status updates, outcomes, MQTT connection, breakers, budget, wake audit) and
 * keeps a {@link StatusBoard} and the {@link BusMetrics} from them; requests {@code bluelink.api.vehicles} until it
 * once answers; its buttons send {@code bluelink.command.received} like the MQTT bridge. Deployed first, so it sees
 * every event from the start.
 */
public class HttpVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);
  static final long VEHICLES_RETRY_MS = 10_000;
  static final long VEHICLES_FIRST_RETRY_MS = 200;

  private final HttpConfig config;
  private final String baseTopic;
  private final long smartMaxAgeSeconds;
  private final JsonObject info;
  private final PrometheusMeterRegistry registry;
  private final boolean anyPortWhenTaken;
  private final Clock clock;
  private StatusBoard board;
  private BusMetrics metrics;
  private final LiveEvents events = new LiveEvents();
  private HttpServer server;

  /**
   * @param info version and effective configuration, without secrets, shown on the page
   * @param anyPortWhenTaken when the configured port is taken, listen on a free one (demo mode) instead of failing
   */
  public HttpVerticle(HttpConfig config, String baseTopic, long smartMaxAgeSeconds, JsonObject info,
                      PrometheusMeterRegistry registry, boolean anyPortWhenTaken, Clock clock) {
    this.config = config;
    this.baseTopic = baseTopic;
    this.smartMaxAgeSeconds = smartMaxAgeSeconds;
    this.info = info;
    this.registry = registry;
    this.anyPortWhenTaken = anyPortWhenTaken;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    board = new StatusBoard(baseTopic, info, clock);
    metrics = new BusMetrics(registry);
    StatusBoard.BREAKERS.forEach(metrics::breakerGauge);
    LoopProbe.Heartbeats heartbeats = new LoopProbe.Heartbeats(VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE);
    consume(Addresses.VEHICLE_STATUS_UPDATED, (b, e) -> b.statusUpdated(e), null);
    consume(Addresses.COMMAND_COMPLETED, StatusBoard::commandCompleted, BusMetrics::commandCompleted);
    consume(Addresses.MQTT_CONNECTION_CHANGED, StatusBoard::mqttChanged, BusMetrics::mqttChanged);
    consume(Addresses.API_BREAKER_CHANGED, StatusBoard::breakerChanged, BusMetrics::breakerChanged);
    consume(Addresses.API_BUDGET_CHANGED, StatusBoard::budgetChanged, BusMetrics::budgetChanged);
    consume(Addresses.VEHICLE_WAKE_AUDIT_CHANGED, StatusBoard::wakeAuditChanged, BusMetrics::wakeAuditChanged);
    vertx.setPeriodic(LiveEvents.KEEPALIVE_MS, id -> events.keepAlive());
    loadVehicles();
    HttpRoutes routes = new HttpRoutes(vertx, board, events, heartbeats, new Topics(baseTopic), smartMaxAgeSeconds,
        clock);
    return vertx.deployVerticle(() -> new LoopProbe(heartbeats, metrics::loopDelay),
            new DeploymentOptions().setInstances(heartbeats.loops()))
        .compose(id -> listen(routes, config.port()))
        .onSuccess(s -> announce(s.actualPort()));
  }

  @Override
  public Future<?> stop() {
    events.closeAll();
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** The port it listens on; 0 before start. */
  public int actualPort() {
    return server == null ? 0 : server.actualPort();
  }

  private Future<HttpServer> listen(HttpRoutes routes, int port) {
    return vertx.createHttpServer().requestHandler(routes.router(config, registry)).listen(port, config.host())
        .recover(e -> {
          if (anyPortWhenTaken && port != 0 && e instanceof BindException) {
            LOG.info("HTTP port {} is taken; the demo's status page takes a free port", port);
            return listen(routes, 0);
          }
          return Future.failedFuture(new IllegalStateException("HTTP cannot listen on " + config.host() + ":" + port
              + " (" + e.getMessage() + "); set HTTP_PORT, or HTTP_PORT=0 to turn HTTP off", e));
        })
        .onSuccess(s -> server = s);
  }

  private void announce(int port) {
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    LOG.info("status page on http://{}:{}/ (health /health, readiness /ready, metrics /metrics)", host, port);
    if (config.exposed() && config.authToken().isEmpty()) {
      LOG.warn("HTTP listens on {} without HTTP_AUTH_TOKEN: anyone on the network can see the cars' locations and "
          + "trigger refreshes; set HTTP_AUTH_TOKEN (or HTTP_AUTH_TOKEN_FILE) or bind HTTP_HOST=127.0.0.1", host);
    }
  }

  private void consume(String address, BiConsumer<StatusBoard, JsonObject> toBoard,
                       BiConsumer<BusMetrics, JsonObject> toMetrics) {
    vertx.eventBus().<JsonObject>localConsumer(address, msg -> {
      try {
        toBoard.accept(board, msg.body());
        if (toMetrics != null) {
          toMetrics.accept(metrics, msg.body());
        }
        events.broadcast(board::snapshot);
      } catch (RuntimeException e) {
        LOG.warn("unreadable body on {} dropped: {}", address, e.getClass().getSimpleName());
      }
    });
  }

  /** Asked until it once answers: readiness needs it, and the page names the cars before their first update. */
  private void loadVehicles() {
    vertx.eventBus().<JsonObject>request(Addresses.API_VEHICLES, Envelope.versioned(),
            new DeliveryOptions().setSendTimeout(VEHICLES_RETRY_MS))
        .onSuccess(reply -> {
          board.vehiclesLoaded(reply.body());
          events.broadcast(board::snapshot);
        })
        .onFailure(e -> {
          LOG.debug("vehicle list not loaded yet: {}", e.getMessage());
          // at start-up the API verticle is deployed just after this one
          boolean apiNotUpYet = e instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS;
          vertx.setTimer(apiNotUpYet ? VEHICLES_FIRST_RETRY_MS : VEHICLES_RETRY_MS, id -> loadVehicles());
        });
  }
}
