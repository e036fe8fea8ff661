package io.bluelinkmqtt.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.net.ServerSocket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class EmbeddedBrokerTest {

  @Test
  @DisplayName("the demo broker delivers a retained QoS 1 message to a later subscriber")
  void retainedRoundTrip(Vertx vertx, VertxTestContext ctx) throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    EmbeddedBroker broker = EmbeddedBroker.start("127.0.0.1", port);
    assertEquals(port, broker.port());
    MqttClient publisher = MqttClient.create(vertx, new MqttClientOptions().setClientId("pub"));
    MqttClient subscriber = MqttClient.create(vertx, new MqttClientOptions().setClientId("sub"));
    subscriber.publishHandler(msg -> ctx.verify(() -> {
      assertEquals("hyundai/V1/battery/level", msg.topicName());
      assertEquals("{\"value\":81}", msg.payload().toString());
      // Moquette 0.17 delivers stored retained messages without the retain flag; delivery to a
      // subscriber that came after the PUBACK is what shows the message was retained.
      vertx.executeBlocking(() -> {
        broker.close();
        return null;
      }).onComplete(ctx.succeedingThenComplete());
    }));
    publisher.publishCompletionHandler(packetId -> subscriber.connect(port, "127.0.0.1")
        .compose(ack -> subscriber.subscribe("hyundai/#", 1))
        .onFailure(ctx::failNow));
    publisher.connect(port, "127.0.0.1")
        .compose(ack -> publisher.publish("hyundai/V1/battery/level", Buffer.buffer("{\"value\":81}"),
            MqttQoS.AT_LEAST_ONCE, false, true))
        .onFailure(ctx::failNow);
  }
}
