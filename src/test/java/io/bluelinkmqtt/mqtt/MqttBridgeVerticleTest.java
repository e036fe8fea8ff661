package io.bluelinkmqtt.mqtt;

import static io.bluelinkmqtt.mqtt.BridgeHarness.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.codec.InboundCommandJson;
import io.bluelinkmqtt.codec.InboundCommandJson.InboundCommand;
import io.bluelinkmqtt.testsupport.Await;
import io.bluelinkmqtt.testsupport.MqttObserver;
import io.bluelinkmqtt.testsupport.MqttObserver.Received;
import io.bluelinkmqtt.testsupport.TestBroker;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The bridge's normal life against a real Mosquitto: state, info, commands in, state out, stop. */
@ExtendWith(VertxExtension.class)
class MqttBridgeVerticleTest {

  private static TestBroker broker;

  @BeforeAll
  static void broker() {
    broker = TestBroker.start(MqttBridgeVerticleTest.class.getSimpleName());
  }

  @AfterAll
  static void stopBroker() throws Exception {
    broker.close();
  }

  @Test
  @DisplayName("online and info retained at connect, commands forwarded as-is, HA status forwarded, offline on stop")
  void normalLife(Vertx vertx) {
    BridgeHarness h = BridgeHarness.settings(broker.host(), broker.port()).build(vertx);
    vertx.eventBus().<JsonObject>localConsumer(Addresses.API_VEHICLES, m -> m.reply(new JsonObject().put("v", 1)
        .put("vehicles", new JsonArray().add(new JsonObject().put("id", "car1").put("apiId", "cloud-uuid")
            .put("vin", "KMHVIN0000001").put("name", "Kona").put("brand", "HYUNDAI").put("engine", "EV")))));
    MqttObserver observer = Await.result(MqttObserver.start(vertx, broker.host(), broker.port(), h.topics.base() + "/#"), WAIT);
    h.deploy();
    assertEquals("connected", h.awaitFirstConnect().getString("reason"));

    Received state = Await.result(observer.awaitPayload(h.topics.bridgeState(), "online"), WAIT);
    assertEquals(1, state.qos());
    JsonObject info = new JsonObject(Await.result(observer.awaitMessage(h.topics.bridgeInfo(), m -> true), WAIT).payload());
    assertEquals("test-1.0", info.getString("version"));
    assertEquals(new JsonObject().put("id", "car1").put("name", "Kona").put("brand", "HYUNDAI").put("engine", "EV"),
        info.getJsonArray("vehicles").getJsonObject(0), "VIN and cloud id stay off the broker");
    assertEquals(broker.host(), info.getJsonObject("config").getJsonObject("mqtt").getString("host"));
    // a fresh subscriber gets both as retained
    MqttObserver late = Await.result(MqttObserver.start(vertx, broker.host(), broker.port(), h.topics.bridgeState()), WAIT);
    assertTrue(Await.result(late.awaitPayload(h.topics.bridgeState(), "online"), WAIT).retain());

    String commandTopic = h.vehicleTopic("car1", "commands/refresh");
    Await.result(observer.publish(commandTopic, "force", 1, false), WAIT);
    InboundCommand command = InboundCommandJson.fromJson(Await.result(h.commands.await(b -> true), WAIT));
    assertEquals(commandTopic, command.topic());
    assertEquals("force", new String(command.payload(), StandardCharsets.UTF_8));
    assertEquals(1, command.qos());
    assertFalse(command.dup());

    Await.result(observer.publish(h.homeAssistant.prefix() + "/status", "online", 1, false), WAIT);
    assertEquals(new JsonObject().put("v", 1).put("payload", "online"), Await.result(h.haStatus.await(b -> true), WAIT));

    h.publish(h.vehicleTopic("car1", "battery/level"), "80", 1, true);
    Received level = Await.result(observer.awaitPayload(h.vehicleTopic("car1", "battery/level"), "80"), WAIT);
    assertEquals(1, level.qos());

    Await.result(h.undeploy(), WAIT);
    assertEquals("offline", Await.result(observer.awaitPayload(h.topics.bridgeState(), "offline"), WAIT).payload());
    Await.result(observer.clearRetained(), WAIT);
    Await.result(observer.close(), WAIT);
    Await.result(late.close(), WAIT);
  }

  @Test
  @DisplayName("publish requests outside the base topic, with wildcards or on bridge/state are refused")
  void refusesForeignTopics(Vertx vertx) {
    BridgeHarness h = BridgeHarness.settings(broker.host(), broker.port()).build(vertx);
    MqttObserver observer = Await.result(MqttObserver.start(vertx, broker.host(), broker.port(),
        h.topics.base() + "/#", "elsewhere/#"), WAIT);
    h.deploy();
    h.awaitFirstConnect();
    Await.result(observer.awaitPayload(h.topics.bridgeState(), "online"), WAIT);

    h.publish("elsewhere/" + h.topics.base(), "x", 0, false);
    h.publish(h.topics.base() + "/+/battery", "x", 0, false);
    h.publish(h.topics.base() + "//battery", "x", 0, false);
    h.publish(h.topics.bridgeState(), "offline", 1, true);
    h.publish(h.vehicleTopic("car1", "ev/range"), "321", 0, false);

    Await.result(observer.awaitPayload(h.vehicleTopic("car1", "ev/range"), "321"), WAIT);
    assertTrue(observer.messages().stream().noneMatch(m -> m.payload().equals("x")), observer.messages().toString());
    assertTrue(observer.messages(h.topics.bridgeState()).stream().allMatch(m -> m.payload().equals("online")));
    assertEquals(0, h.verticle.gauges().dropped());
    Await.result(h.undeploy(), WAIT);
    Await.result(observer.clearRetained(), WAIT);
  }
}
