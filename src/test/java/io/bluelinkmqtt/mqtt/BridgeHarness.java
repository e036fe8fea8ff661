package io.bluelinkmqtt.mqtt;

import io.bluelinkmqtt.config.BridgeInfo;
import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.codec.MqttPublishJson;
import io.bluelinkmqtt.codec.MqttPublishJson.MqttMessageOut;
import io.bluelinkmqtt.config.AppConfig.HomeAssistantConfig;
import io.bluelinkmqtt.config.AppConfig.MqttConfig;
import io.bluelinkmqtt.config.AppConfig.TlsConfig;
import io.bluelinkmqtt.config.Secret;
import io.bluelinkmqtt.publish.Topics;
import io.bluelinkmqtt.testsupport.Await;
import io.bluelinkmqtt.testsupport.BusRecorder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;

/**
 * Deploys only the MqttBridgeVerticle and plays the other verticles with bus recorders: commands
 * received, connection changes, Home Assistant status. Every test gets its own base topic and
 * client id, so a shared broker is fine.
 */
final class BridgeHarness {

  static final Duration WAIT = Duration.ofSeconds(10);

  final Vertx vertx;
  final MqttConfig config;
  final HomeAssistantConfig homeAssistant;
  final Topics topics;
  final BusRecorder commands;
  final BusRecorder connection;
  final BusRecorder haStatus;
  MqttBridgeVerticle verticle;
  private String deploymentId;

  private BridgeHarness(Vertx vertx, MqttConfig config, HomeAssistantConfig homeAssistant) {
    this.vertx = vertx;
    this.config = config;
    this.homeAssistant = homeAssistant;
    this.topics = new Topics(config.baseTopic());
    this.commands = Await.result(BusRecorder.start(vertx, Addresses.COMMAND_RECEIVED), WAIT);
    this.connection = Await.result(BusRecorder.start(vertx, Addresses.MQTT_CONNECTION_CHANGED), WAIT);
    this.haStatus = Await.result(BusRecorder.start(vertx, Addresses.HA_STATUS_RECEIVED), WAIT);
  }

  static Settings settings(String host, int port) {
    return new Settings(host, port);
  }

  /** Deploys the verticle (seeded jitter, printed) and returns at once: deployment does not wait for the broker. */
  BridgeHarness deploy() {
    long seed = new Random().nextLong();
    System.getLogger(BridgeHarness.class.getName()).log(System.Logger.Level.INFO, "jitter seed " + seed);
    verticle = new MqttBridgeVerticle(config, homeAssistant, new BridgeInfo("test-1.0", new JsonObject().put("mqtt",
        new JsonObject().put("host", config.host()))), Clock.systemUTC(), new Random(seed));
    deploymentId = Await.result(vertx.deployVerticle(verticle), WAIT);
    return this;
  }

  Future<Void> undeploy() {
    return deploymentId == null ? Future.succeededFuture() : vertx.undeploy(deploymentId);
  }

  /** The next connection-changed event with {@code connected == up}. */
  Future<JsonObject> nextConnection(boolean up) {
    return connection.next(b -> b.getBoolean("connected") == up);
  }

  /** The first connected event, already seen or to come. */
  JsonObject awaitFirstConnect() {
    return Await.result(connection.await(b -> b.getBoolean("connected")), WAIT);
  }

  /** What another verticle would send to {@code bluelink.mqtt.publish}. */
  void publish(String topic, String payload, int qos, boolean retain) {
    vertx.eventBus().send(Addresses.MQTT_PUBLISH, MqttPublishJson.toJson(new MqttMessageOut(topic, payload, qos, retain)));
  }

  String vehicleTopic(String vehicle, String leaf) {
    return topics.vehicle(vehicle, leaf);
  }

  /** Bridge settings with short test timings; every field has a default. */
  static final class Settings {
    private final String host;
    private final int port;
    String base = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    String clientId = "bridge-" + base;
    String username = "";
    Secret password = Secret.empty();
    int keepAlive = 2;
    int ackTimeout = 2;
    int maxMessageBytes = 16384;
    int maxFrameBytes = MqttConfig.DEFAULT_MAX_FRAME_BYTES;
    long baseMs = 100;
    long capMs = 1000;
    TlsConfig tls = new TlsConfig(false, "", "", "", false);
    boolean discovery = true;
    String haPrefix = "ha" + base;

    private Settings(String host, int port) {
      this.host = host;
      this.port = port;
    }

    Settings keepAlive(int seconds) {
      keepAlive = seconds;
      return this;
    }

    Settings backoff(long base, long cap) {
      baseMs = base;
      capMs = cap;
      return this;
    }

    Settings credentials(String user, String pass) {
      username = user;
      password = Secret.of(pass);
      return this;
    }

    Settings maxMessageBytes(int bytes) {
      maxMessageBytes = bytes;
      return this;
    }

    Settings maxFrameBytes(int bytes) {
      maxFrameBytes = bytes;
      return this;
    }

    Settings clientId(String id) {
      clientId = id;
      return this;
    }

    Settings tls(TlsConfig t) {
      tls = t;
      return this;
    }

    BridgeHarness build(Vertx vertx) {
      MqttConfig config = new MqttConfig(host, port, username, password, clientId, 1, base, keepAlive, ackTimeout,
          maxMessageBytes, baseMs, capMs, tls, maxFrameBytes);
      return new BridgeHarness(vertx, config, new HomeAssistantConfig(discovery, haPrefix, 3600));
    }
  }
}
