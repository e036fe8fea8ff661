package io.bluelinkmqtt.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.BridgeApplication;
import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.cloud.CloudModules;
import io.bluelinkmqtt.config.AppConfig;
import io.bluelinkmqtt.config.ConfigParser;
import io.bluelinkmqtt.config.EventBusBridgeConfig;
import io.bluelinkmqtt.config.HttpConfig;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.sim.EuSimulator;
import io.bluelinkmqtt.sim.SimulatorSettings;
import io.bluelinkmqtt.testsupport.Await;
import io.bluelinkmqtt.testsupport.LogCapture;
import io.bluelinkmqtt.testsupport.MqttObserver;
import io.bluelinkmqtt.testsupport.SimulatedAccount;
import io.bluelinkmqtt.testsupport.TestBroker;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bridges as the application deploys them from the EVENTBUS_* settings: a command entering over MQTT ends in
 * an outcome a TCP bridge client receives; the application's stop closes the bridge.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class EventBusBridgeApplicationTest {

  private static final String SECRET = "app-bridge-canary-a1";
  private static final Duration WAIT = Duration.ofSeconds(20);

  @BeforeAll
  static void warmUp() {
    BridgeHarness.warmUp();
  }

  @Test
  @DisplayName("EVENTBUS_TCP_* deploy the TCP bridge with the application; an MQTT command's outcome reaches a "
      + "subscribed client; after the application's stop the bridge takes no connection")
  void outcomesReachABridgeClient(Vertx vertx) throws Exception {
    String base = "eb" + UUID.randomUUID().toString().substring(0, 8);
    try (TestBroker broker = TestBroker.start("EventBusBridgeApplicationTest"); LogCapture logs = LogCapture.attach()) {
      EuSimulator simulator = new EuSimulator(vertx, SimulatorSettings.defaults(Brand.KIA));
      Await.result(simulator.start(), WAIT);
      Map<String, String> env = SimulatedAccount.env(simulator, Files.createTempDirectory("eb-app"));
      env.putAll(Map.of("MQTT_BROKER_HOST", broker.host(), "MQTT_BROKER_PORT", String.valueOf(broker.port()),
          "MQTT_BASE_TOPIC", base, "MQTT_CLIENT_ID", base + "-bridge", "HA_DISCOVERY", "false",
          "INITIAL_REFRESH", "false", "EVENTBUS_TCP_ENABLED", "true", "EVENTBUS_TCP_PORT", "0",
          "EVENTBUS_SECRET", SECRET));
      AppConfig config = ConfigParser.parse(new JsonObject(), env, path -> "", false, CloudModules.supported());
      EventBusBridgeConfig bridges = EventBusBridgeConfig.parse(new JsonObject(), env, path -> "");
      BridgeApplication app = new BridgeApplication(vertx, config, HttpConfig.off(), null, bridges);
      MqttObserver observer = Await.result(MqttObserver.start(vertx, broker.host(), broker.port(), base + "/#"), WAIT);
      Await.result(app.start(), WAIT);
      // bridge/info follows the command subscription on the same connection: commands are heard from here on
      Await.result(observer.awaitMessage(base + "/bridge/info", m -> true), WAIT);

      Matcher announced = Pattern.compile("TCP bridge on tcp://127\\.0\\.0\\.1:(\\d+)").matcher(logs.text());
      assertTrue(announced.find(), "the start announces where the bridge listens");
      int port = Integer.parseInt(announced.group(1));
      TcpFrameClient client = TcpFrameClient.connect(vertx, port);
      client.write(new JsonObject().put("type", "register").put("address", Addresses.COMMAND_COMPLETED)
          .put("headers", new JsonObject().put(InboundGuard.SECRET_HEADER, SECRET)));
      assertTrue(client.pong(), "frames are handled in order: the subscription is in place");

      String car = simulator.cars().get(0).vehicleId();
      Await.result(observer.publish(base + "/" + car + "/commands/refresh", "{\"mode\":\"cached\",\"id\":\"eb-1\"}",
          1, false), WAIT);
      JsonObject outcome = client.await(f -> "message".equals(f.getString("type"))
          && Addresses.COMMAND_COMPLETED.equals(f.getString("address"))).getJsonObject("body");
      assertEquals("eb-1", outcome.getString("id"));
      assertEquals("ok", outcome.getString("status"));
      assertEquals(car, outcome.getString("vehicleId"));
      assertEquals(true, outcome.getBoolean("final"));

      Await.result(app.stop(), WAIT);
      var net = vertx.createNetClient();
      Await.failure(net.connect(port, "127.0.0.1"), WAIT);
      Await.result(net.close(), WAIT);
      Await.result(observer.clearRetained().compose(v -> observer.close()), WAIT);
      Await.result(simulator.stop(), WAIT);
    }
  }
}
