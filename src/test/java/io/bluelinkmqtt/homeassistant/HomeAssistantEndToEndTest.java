package io.bluelinkmqtt.homeassistant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.config.BridgeInfo;
import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.codec.StatusUpdateJson;
import io.bluelinkmqtt.codec.StatusUpdateJson.StatusUpdate;
import io.bluelinkmqtt.codec.VehicleJson;
import io.bluelinkmqtt.config.AppConfig.HomeAssistantConfig;
import io.bluelinkmqtt.config.AppConfig.MqttConfig;
import io.bluelinkmqtt.config.AppConfig.TlsConfig;
import io.bluelinkmqtt.config.Secret;
import io.bluelinkmqtt.domain.DataSource;
import io.bluelinkmqtt.domain.RefreshMode;
import io.bluelinkmqtt.mqtt.MqttBridgeVerticle;
import io.bluelinkmqtt.publish.Topics;
import io.bluelinkmqtt.testsupport.Await;
import io.bluelinkmqtt.testsupport.BusRecorder;
import io.bluelinkmqtt.testsupport.MqttObserver;
import io.bluelinkmqtt.testsupport.TestBroker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery through a real Mosquitto: the MQTT bridge and the Home Assistant verticle deployed together, the
 * rest of the bridge played on the bus. Each test run uses its own base topic and discovery prefix.
 */
@ExtendWith(VertxExtension.class)
class HomeAssistantEndToEndTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static TestBroker broker;

  @TempDir
  Path stateDir;

  @BeforeAll
  static void broker() {
    broker = TestBroker.start(HomeAssistantEndToEndTest.class.getSimpleName());
  }

  @AfterAll
  static void stopBroker() throws Exception {
    broker.close();
  }

  @Test
  @DisplayName("retained configs on the broker; HA birth re-sends them; a button press reaches the command bus")
  void discoveryThroughARealBroker(Vertx vertx) {
    String base = "e2e" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    String prefix = "ha" + base;
    HomeAssistantConfig ha = new HomeAssistantConfig(true, prefix, 900);
    MqttConfig mqtt = new MqttConfig(broker.host(), broker.port(), "", Secret.empty(), "bridge-" + base, 1, base, 5,
        2, 65536, 100, 1000, new TlsConfig(false, "", "", "", false));
    DiscoveryPayloads payloads = new DiscoveryPayloads(prefix, new Topics(base), 900);
    Set<String> expected = topicsOf(payloads.forBridge());
    expected.addAll(topicsOf(payloads.forVehicle(SampleVehicles.KONA, SampleVehicles.FULL)));

    vertx.eventBus().<JsonObject>localConsumer(Addresses.API_VEHICLES,
        m -> m.reply(VehicleJson.listToJson(List.of(SampleVehicles.KONA))));
    BusRecorder commands = Await.result(BusRecorder.start(vertx, Addresses.COMMAND_RECEIVED), WAIT);
    BusRecorder connection = Await.result(BusRecorder.start(vertx, Addresses.MQTT_CONNECTION_CHANGED), WAIT);
    Await.result(vertx.deployVerticle(new MqttBridgeVerticle(mqtt, ha, new BridgeInfo("e2e", new JsonObject()))), WAIT);
    Await.result(connection.await(b -> b.getBoolean("connected")), WAIT);
    Await.result(vertx.deployVerticle(new HomeAssistantVerticle(ha, base, stateDir)), WAIT);
    vertx.eventBus().publish(Addresses.VEHICLE_STATUS_UPDATED, StatusUpdateJson.toJson(
        new StatusUpdate(SampleVehicles.KONA, RefreshMode.CACHED, DataSource.CACHED, SampleVehicles.FULL)));

    // A live subscriber sees every config once it is published ...
    MqttObserver live = Await.result(MqttObserver.start(vertx, broker.host(), broker.port(), prefix + "/#"), WAIT);
    for (String topic : expected) {
      Await.result(live.awaitMessage(topic, m -> !m.payload().isEmpty()), WAIT);
    }
    // ... and a subscriber that comes later gets them from the broker as retained messages.
    MqttObserver late = Await.result(MqttObserver.start(vertx, broker.host(), broker.port(), prefix + "/#",
        base + "/#"), WAIT);
    for (String topic : expected) {
      MqttObserver.Received config = Await.result(late.awaitMessage(topic, m -> true), WAIT);
      assertTrue(config.retain(), topic + " retained");
      assertEquals(1, config.qos(), topic);
      new JsonObject(config.payload());
    }

    // Home Assistant's birth message: every config is published again.
    late.clear();
    Await.result(late.publish(prefix + "/status", "online", 1, false), WAIT);
    for (String topic : expected) {
      Await.result(late.awaitMessage(topic, m -> !m.payload().isEmpty()), WAIT);
    }

    // Pressing the smart button: what Home Assistant would publish reaches the command bus unchanged.
    JsonObject smart = payloads.forVehicle(SampleVehicles.KONA, SampleVehicles.FULL).stream()
        .filter(m -> m.topic().endsWith("/refresh_smart/config")).findFirst().orElseThrow().payload();
    Await.result(late.publish(smart.getString("command_topic"), smart.getString("payload_press"), 1, false), WAIT);
    JsonObject command = Await.result(commands.await(b -> b.getString("topic").equals(smart.getString("command_topic"))),
        WAIT);
    assertEquals("smart:900", new String(Base64.getDecoder().decode(command.getString("payload")),
        StandardCharsets.UTF_8));

    Await.result(late.clearRetained(), WAIT); // leave nothing behind on a shared broker
    Await.result(Future.all(live.close(), late.close()), WAIT);
  }

  private static Set<String> topicsOf(List<DiscoveryMessage> messages) {
    return messages.stream().map(DiscoveryMessage::topic).collect(Collectors.toSet());
  }
}
