package io.bluelinkmqtt;

import io.bluelinkmqtt.api.HyundaiApiVerticle;
import io.bluelinkmqtt.command.CommandTimings;
import io.bluelinkmqtt.command.CommandVerticle;
import io.bluelinkmqtt.config.AppConfig;
import io.bluelinkmqtt.homeassistant.HomeAssistantVerticle;
import io.bluelinkmqtt.mqtt.MqttBridgeVerticle;
import io.bluelinkmqtt.publish.PublisherVerticle;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys the verticles in the order that keeps the bus answered: consumers first (Publisher, Api,
 * Command), then the MQTT bridge, so an inbound command never meets NO_HANDLERS, then Home
 * Assistant discovery, which publishes through the bridge. Stops them in
 * reverse, so the bridge publishes "offline" and disconnects before anything else goes away.
 */
public final class BridgeApplication {

  private static final Logger LOG = LoggerFactory.getLogger(BridgeApplication.class);

  private final Vertx vertx;
  private final AppConfig config;
  private final Clock clock;
  private final Deque<String> deployments = new ArrayDeque<>();

  public BridgeApplication(Vertx vertx, AppConfig config) {
    this(vertx, config, Clock.systemUTC());
  }

  public BridgeApplication(Vertx vertx, AppConfig config, Clock clock) {
    this.vertx = vertx;
    this.config = config;
    this.clock = clock;
  }

  public Future<Void> start() {
    String base = config.mqtt().baseTopic();
    return deploy(new PublisherVerticle(base))
        .compose(v -> deploy(new HyundaiApiVerticle(config.account(), config.api(), config.stewardship(),
            Duration.ofSeconds(config.command().minForceIntervalSeconds()), clock)))
        .compose(v -> deploy(new CommandVerticle(config.command(), base, clock,
            CommandTimings.forForceDeadline(config.api().forceDeadlineMs()))))
        .compose(v -> deploy(new MqttBridgeVerticle(config.mqtt(), config.homeAssistant(), BridgeInfo.of(config))))
        // discovery publishes through the bridge, so it comes after it
        .compose(v -> deploy(new HomeAssistantVerticle(config.homeAssistant(), base, config.api().stateDir())))
        .onSuccess(v -> LOG.info("bluelink-mqtt {} started{}", BridgeInfo.currentVersion(), config.demo() ? " in demo mode" : ""))
        .mapEmpty();
  }

  /** Undeploys in reverse order of deployment. */
  public Future<Void> stop() {
    Future<Void> chain = Future.succeededFuture();
    while (!deployments.isEmpty()) {
      String id = deployments.pop();
      chain = chain.compose(v -> vertx.undeploy(id).recover(e -> Future.succeededFuture()));
    }
    return chain;
  }

  private Future<Void> deploy(io.vertx.core.Deployable verticle) {
    return vertx.deployVerticle(verticle).onSuccess(deployments::push).mapEmpty();
  }
}
