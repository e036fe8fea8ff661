package io.bluelinkmqtt.demo;

import io.bluelinkmqtt.config.AppConfig;
import io.bluelinkmqtt.config.AppConfig.AccountConfig;
import io.bluelinkmqtt.config.AppConfig.ApiConfig;
import io.bluelinkmqtt.config.AppConfig.MqttConfig;
import io.bluelinkmqtt.config.AppConfig.TlsConfig;
import io.bluelinkmqtt.config.Secret;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demo mode: the real verticles against the built-in simulator of the configured region ({@link DemoClouds}) and a
 * broker. It must never touch an owner's setup:
 * <ul>
 *   <li>a broker is used only when MQTT_BROKER_HOST names it; then the demo publishes under {@value #BASE_TOPIC}
 *       as client {@value #CLIENT_ID}, whatever MQTT_BASE_TOPIC / MQTT_CLIENT_ID say (those belong to the owner's
 *       bridge), and a graceful stop empties every retained topic it published (the bridge does that in demo mode);
 *   <li>otherwise it starts its embedded broker on 127.0.0.1 at MQTT_BROKER_PORT (1883), or on a free port when
 *       that one is taken (the owner's broker, most likely), and never connects to what listens there;
 *   <li>its state (tokens, API budget, wake audit) lives in a fresh temp dir deleted at stop, so every start has
 *       the full budget and a first {@code force} is not throttled by the previous run.
 * </ul>
 */
public final class DemoMode {

  /** The base topic on a broker the user named. */
  public static final String BASE_TOPIC = "demo";
  /** The client id on a broker the user named: never the owner's bridge's id, which we would throw off. */
  public static final String CLIENT_ID = "bluelink-mqtt-demo";

  private static final Logger LOG = LoggerFactory.getLogger(DemoMode.class);
  private static final TlsConfig NO_TLS = new TlsConfig(false, "", "", "", false);

  private final Vertx vertx;
  private final DemoCloud simulator;
  /** Set on a worker thread while starting, read when stopping. */
  private volatile DemoBroker broker;
  private volatile Path stateDir;

  private DemoMode(Vertx vertx, DemoCloud simulator) {
    this.vertx = vertx;
    this.simulator = simulator;
  }

  /** What demo mode started, and the configuration that points the bridge at it. */
  public record Started(DemoMode demo, AppConfig config) {
  }

  /**
   * @param brokerHostConfigured true when the user named a broker (MQTT_BROKER_HOST): use it, start none
   */
  public static Future<Started> start(Vertx vertx, AppConfig config, boolean brokerHostConfigured) {
    DemoMode demo = new DemoMode(vertx, DemoClouds.forRegion(vertx, config.account().region(),
        config.account().brand()));
    Future<MqttConfig> mqtt = brokerHostConfigured ? Future.succeededFuture(onNamedBroker(config.mqtt()))
        : demo.startEmbeddedBroker(config.mqtt());
    Future<Path> stateDir = vertx.executeBlocking(() -> demo.stateDir = Files.createTempDirectory("bluelink-demo-"));
    return Future.all(demo.simulator.start(), mqtt, stateDir)
        .map(all -> {
          AppConfig pointed = pointAtSimulator(config, mqtt.result(), demo.simulator, stateDir.result());
          demo.logHowToWatch(pointed);
          return new Started(demo, pointed);
        })
        .recover(e -> demo.stop().transform(ar -> Future.failedFuture(e)));
  }

  /** How many cars the simulator has. */
  public int vehicleCount() {
    return simulator.vehicleIds().size();
  }

  /** Stops the embedded broker (if any) and the simulator, and deletes the demo's state. */
  public Future<Void> stop() {
    Future<Void> brokerStopped = broker == null ? Future.succeededFuture()
        : vertx.executeBlocking(() -> {
          broker.close();
          return null;
        });
    return brokerStopped
        .eventually(simulator::stop)
        .eventually(() -> stateDir == null ? Future.succeededFuture() : vertx.fileSystem().deleteRecursive(stateDir.toString()));
  }

  private Future<MqttConfig> startEmbeddedBroker(MqttConfig c) {
    long startedNanos = System.nanoTime();
    return vertx.executeBlocking(() -> broker = DemoBrokers.start(c.port())).map(b -> {
      LOG.info("demo: started an embedded MQTT broker on {}:{} in {} ms", b.host(), b.port(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos));
      if (b.port() != c.port()) {
        LOG.info("demo: {}:{} is taken (another broker?), so the embedded broker took the free port {}; the demo "
            + "uses another broker only when MQTT_BROKER_HOST names it", b.host(), c.port(), b.port());
      }
      return new MqttConfig(b.host(), b.port(), "", Secret.empty(), c.clientId(), c.qos(), c.baseTopic(),
          c.keepAliveSeconds(), c.ackTimeoutSeconds(), c.maxMessageBytes(), c.reconnectBaseMs(), c.reconnectCapMs(),
          NO_TLS);
    });
  }

  private static MqttConfig onNamedBroker(MqttConfig c) {
    LOG.info("demo: using the MQTT broker {}:{} named by MQTT_BROKER_HOST, under '{}/' as client {}; a graceful stop "
        + "removes everything the demo retained there", c.host(), c.port(), BASE_TOPIC, CLIENT_ID);
    return new MqttConfig(c.host(), c.port(), c.username(), c.password(), CLIENT_ID, c.qos(), BASE_TOPIC,
        c.keepAliveSeconds(), c.ackTimeoutSeconds(), c.maxMessageBytes(), c.reconnectBaseMs(), c.reconnectCapMs(),
        c.tls());
  }

  private static AppConfig pointAtSimulator(AppConfig c, MqttConfig mqtt, DemoCloud sim, Path stateDir) {
    AccountConfig account = new AccountConfig(c.account().region(), c.account().brand(), sim.username(),
        Secret.of(sim.password()), Secret.of(sim.pin()), Optional.empty(), c.account().topicIdSource());
    ApiConfig api = c.api().withStateDir(stateDir).withEndpoints(sim.endpoints());
    return new AppConfig(account, mqtt, api, c.command(), c.homeAssistant(), c.stewardship(), c.logging(), true);
  }

  private void logHowToWatch(AppConfig config) {
    String base = config.mqtt().baseTopic();
    String brokerArgs = "-h " + config.mqtt().host() + " -p " + config.mqtt().port();
    LOG.info("demo: simulated cloud at {}, cars {}, state in {} (deleted at stop)", simulator.baseUrl(),
        simulator.vehicleIds(), stateDir);
    LOG.info("demo: watch with   mosquitto_sub {} -t '{}/#' -v", brokerArgs, base);
    simulator.vehicleIds().stream().findFirst().ifPresent(car -> LOG.info(
        "demo: refresh with  mosquitto_pub {} -t '{}/{}/commands/refresh' -m force", brokerArgs, base, car));
  }
}
