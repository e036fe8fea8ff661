package io.bluelinkmqtt.mqtt;

import static io.bluelinkmqtt.mqtt.BridgeHarness.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bluelinkmqtt.codec.InboundCommandJson;
import io.bluelinkmqtt.testsupport.Await;
import io.bluelinkmqtt.testsupport.MqttObserver;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/** The bridge against the official eclipse-mosquitto image; skipped where no Docker engine answers. */
@Testcontainers(disabledWithoutDocker = true)
@ExtendWith(VertxExtension.class)
class MqttBridgeContainerTest {

  @Container
  private static final GenericContainer<?> MOSQUITTO = new GenericContainer<>(DockerImageName.parse("eclipse-mosquitto:2.0"))
      .withExposedPorts(1883)
      .withCommand("mosquitto", "-c", "/mosquitto-no-auth.conf");

  @Test
  @DisplayName("against eclipse-mosquitto: online retained, a command is forwarded")
  void bridgeAgainstContainer(Vertx vertx) {
    String host = MOSQUITTO.getHost();
    int port = MOSQUITTO.getMappedPort(1883);
    BridgeHarness h = BridgeHarness.settings(host, port).build(vertx);
    MqttObserver observer = Await.result(MqttObserver.start(vertx, host, port, h.topics.base() + "/#"), WAIT);
    h.deploy();
    Await.result(observer.awaitMessage(h.topics.bridgeInfo(), m -> true), WAIT);
    assertEquals("online", Await.result(observer.awaitPayload(h.topics.bridgeState(), "online"), WAIT).payload());
    Await.result(observer.publish(h.vehicleTopic("car1", "commands/refresh"), "cached", 1, false), WAIT);
    assertEquals("cached", new String(InboundCommandJson.fromJson(Await.result(h.commands.await(b -> true), WAIT)).payload(),
        StandardCharsets.UTF_8));
    Await.result(h.undeploy(), WAIT);
  }
}
