package io.bluelinkmqtt.demo;

import io.bluelinkmqtt.config.AppConfig;
import io.bluelinkmqtt.config.AppConfig.AccountConfig;
import io.bluelinkmqtt.config.AppConfig.ApiConfig;
import io.bluelinkmqtt.config.AppConfig.Endpoints;
import io.bluelinkmqtt.config.Secret;
import io.bluelinkmqtt.sim.EuSimulator;
import io.bluelinkmqtt.sim.SimCar;
import io.bluelinkmqtt.sim.SimulatorSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demo mode: the real verticles against the built-in EU simulator (two cars, a legacy and a CCS2
 * one) and a broker. When a broker already listens on the configured host and port, or
 * MQTT_BROKER_HOST was set, that broker is used; otherwise an embedded one is started there.
 */
public final class DemoMode {

  private static final Logger LOG = LoggerFactory.getLogger(DemoMode.class);

  private final Vertx vertx;
  private final EuSimulator simulator;
  private EmbeddedBroker broker;

  private DemoMode(Vertx vertx, EuSimulator simulator) {
    this.vertx = vertx;
    this.simulator = simulator;
  }

  /** What demo mode started, and the configuration that points the bridge at it. */
  public record Started(DemoMode demo, AppConfig config) {
  }

  /**
   * @param brokerHostConfigured true when the user named a broker (MQTT_BROKER_HOST): never start our own then
   */
  public static Future<Started> start(Vertx vertx, AppConfig config, boolean brokerHostConfigured) {
    // short wake delays so a demo "force" answers within seconds; the real car takes tens of seconds
    SimulatorSettings settings = SimulatorSettings.defaults(config.account().brand())
        .withForceDelays(Duration.ofSeconds(3), Duration.ofSeconds(2));
    DemoMode demo = new DemoMode(vertx, new EuSimulator(vertx, settings));
    return demo.simulator.start()
        .compose(port -> brokerHostConfigured ? Future.succeededFuture() : demo.ensureBroker(config))
        .map(v -> {
          AppConfig pointed = pointAtSimulator(config, settings, demo.simulator.baseUrl());
          demo.logHowToWatch(pointed);
          return new Started(demo, pointed);
        });
  }

  public Future<Void> stop() {
    Future<Void> brokerStopped = broker == null ? Future.succeededFuture()
        : vertx.executeBlocking(() -> {
          broker.close();
          return null;
        });
    return brokerStopped.compose(v -> simulator.stop());
  }

  private Future<Void> ensureBroker(AppConfig config) {
    String host = config.mqtt().host();
    int port = config.mqtt().port();
    return vertx.createNetClient(new NetClientOptions().setConnectTimeout(1000)).connect(port, host)
        .compose(socket -> {
          LOG.info("demo: using the MQTT broker already listening on {}:{}", host, port);
          return socket.close();
        })
        .recover(notListening -> vertx.executeBlocking(() -> {
          broker = EmbeddedBroker.start(host, port);
          LOG.info("demo: started an embedded MQTT broker on {}:{}", host, port);
          return null;
        }));
  }

  private static AppConfig pointAtSimulator(AppConfig c, SimulatorSettings sim, String baseUrl) {
    AccountConfig account = new AccountConfig(c.account().region(), c.account().brand(), sim.username(),
        Secret.of(sim.password()), Secret.of(sim.pin()), Optional.empty(), c.account().topicIdSource());
    ApiConfig a = c.api();
    ApiConfig api = new ApiConfig(new Endpoints(baseUrl, baseUrl, baseUrl), a.stateDir().resolve("demo"),
        a.workerPoolSize(), a.requestDeadlineMs(), a.idleTimeoutMs(), a.connectTimeoutMs(), a.maxResponseBytes(),
        a.cachedDeadlineMs(), a.forceDeadlineMs(), a.ccs2PollIntervalMs(), a.maxPendingPerVehicle(), a.retry(),
        a.breaker(), a.loginBackoffBaseMs(), a.loginBackoffCapMs());
    return new AppConfig(account, c.mqtt(), api, c.command(), c.homeAssistant(), c.stewardship(), c.logging(), true);
  }

  private void logHowToWatch(AppConfig config) {
    String base = config.mqtt().baseTopic();
    String broker = "-h " + config.mqtt().host() + " -p " + config.mqtt().port();
    LOG.info("demo: simulated cloud at {}, cars {}", simulator.baseUrl(),
        simulator.cars().stream().map(SimCar::vehicleId).toList());
    LOG.info("demo: watch with   mosquitto_sub {} -t '{}/#' -v", broker, base);
    simulator.cars().stream().findFirst().ifPresent(car -> LOG.info(
        "demo: refresh with  mosquitto_pub {} -t '{}/{}/commands/refresh' -m force", broker, base, car.vehicleId()));
  }
}
