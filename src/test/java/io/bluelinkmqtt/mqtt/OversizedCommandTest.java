package io.bluelinkmqtt.mqtt;

import static io.bluelinkmqtt.mqtt.BridgeHarness.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.BridgeApplication;
import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.cloud.CloudModules;
import io.bluelinkmqtt.command.CommandParser;
import io.bluelinkmqtt.config.AppConfig;
import io.bluelinkmqtt.config.ConfigParser;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.sim.EuSimulator;
import io.bluelinkmqtt.sim.SimCar;
import io.bluelinkmqtt.sim.SimulatorSettings;
import io.bluelinkmqtt.testsupport.Await;
import io.bluelinkmqtt.testsupport.BusRecorder;
import io.bluelinkmqtt.testsupport.MosquittoProcess;
import io.bluelinkmqtt.testsupport.MqttObserver;
import io.bluelinkmqtt.testsupport.SimulatedAccount;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reliability catalogue A10c: oversized commands with the shipped limits, through the whole bridge (real
 * Mosquitto without a size limit, the EU simulator): refused, never a reconnect, never the will.
 */
@Tag("fault")
@ExtendWith(VertxExtension.class)
class OversizedCommandTest {

  private static final Logger LOG = LoggerFactory.getLogger(OversizedCommandTest.class);
  /** The README's suggested broker message_size_limit: must stay above everything the bridge publishes. */
  static final int SUGGESTED_BROKER_LIMIT = 65_536;

  @Test
  @DisplayName("A10c: 17 000-byte and 900 KB commands: one 'invalid' outcome each, no reconnect, bridge/state never "
      + "offline, the next command is answered")
  void oversizedCommandsAreRefusedWithoutReconnect(Vertx vertx) throws Exception {
    String base = "big" + UUID.randomUUID().toString().substring(0, 8);
    String clientId = base + "-bridge";
    Path stateDir = Files.createTempDirectory("bluelink-oversized");
    EuSimulator simulator = new EuSimulator(vertx, SimulatorSettings.defaults(Brand.KIA).withPin("8642"));
    try (MosquittoProcess broker = MosquittoProcess.startDefault()) {
      Await.result(simulator.start(), WAIT);
      Map<String, String> env = SimulatedAccount.env(simulator, stateDir);
      env.put("MQTT_BROKER_HOST", broker.host());
      env.put("MQTT_BROKER_PORT", Integer.toString(broker.port()));
      env.put("MQTT_BASE_TOPIC", base);
      env.put("MQTT_CLIENT_ID", clientId);
      env.put("HA_DISCOVERY_PREFIX", base + "-ha");
      AppConfig config = ConfigParser.parse(new JsonObject(), env, path -> "", false, CloudModules.supported());
      SimCar car = simulator.cars().get(0);
      String commands = base + "/" + car.vehicleId() + "/commands/refresh";
      String results = base + "/" + car.vehicleId() + "/commands/result";
      BusRecorder connection = Await.result(BusRecorder.start(vertx, Addresses.MQTT_CONNECTION_CHANGED), WAIT);
      MqttObserver user = Await.result(MqttObserver.start(vertx, broker.host(), broker.port(), base + "/#",
          base + "-ha/#"), WAIT);
      BridgeApplication app = new BridgeApplication(vertx, config);
      Await.result(app.start(), WAIT);
      // the start-up refresh has answered: the vehicle list is loaded and the subscription is live
      Await.result(user.awaitMessage(base + "/" + car.vehicleId() + "/battery/level", m -> true), WAIT);

      for (int size : List.of(17_000, 900 * 1024)) {
        Await.result(user.publish(commands, Buffer.buffer("f".repeat(size)), 1, false), WAIT);
        JsonObject outcome = new JsonObject(Await.result(user.nextMessage(m -> m.topic().equals(results)
            && !m.payload().contains("initial-refresh")), WAIT).payload());
        assertEquals("invalid", outcome.getString("status"), size + " bytes: " + outcome.encode());
        assertTrue(outcome.getString("reason").startsWith(CommandParser.Reasons.TOO_LARGE), outcome.encode());
      }
      Await.result(user.publish(commands, "{\"mode\":\"cached\",\"id\":\"after\"}", 1, false), WAIT);
      JsonObject after = new JsonObject(Await.result(user.awaitMessage(results, m -> m.payload().contains("\"after\"")),
          WAIT).payload());
      assertEquals("ok", after.getString("status"), after.encode());

      List<JsonObject> outcomes = user.messages(results).stream().map(m -> new JsonObject(m.payload())).toList();
      assertEquals(2, outcomes.stream().filter(o -> "invalid".equals(o.getString("status"))).count(),
          "exactly one outcome per oversized command: " + outcomes);
      assertEquals(1, connection.count(), "the bridge never lost its connection: " + connection.bodies());
      assertEquals(1, broker.logLines("New client connected").stream().filter(l -> l.contains(" as " + clientId + " "))
          .count(), "one connection to the broker");
      List<String> states = user.messages(base + "/bridge/state").stream().map(MqttObserver.Received::payload).toList();
      assertEquals(List.of("online"), states, "bridge/state as a subscriber saw it");

      MqttObserver.Received largest = user.messages().stream()
          .filter(m -> !m.topic().equals(commands))
          .max(Comparator.comparingInt(m -> m.payload().length())).orElseThrow();
      LOG.info("A10c measured: the largest message the bridge published is {} bytes on {}", largest.payload().length(),
          largest.topic());
      assertTrue(largest.payload().length() < SUGGESTED_BROKER_LIMIT / 8, "the README's broker limit must stay far above "
          + "the bridge's own messages: " + largest.payload().length() + " bytes on " + largest.topic());
      Await.result(app.stop(), WAIT);
    } finally {
      Await.result(simulator.stop(), WAIT);
    }
  }
}
