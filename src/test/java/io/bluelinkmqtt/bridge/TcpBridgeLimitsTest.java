package io.bluelinkmqtt.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.config.EventBusBridgeConfig.Limits;
import io.bluelinkmqtt.testsupport.Await;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * No client can take the TCP bridge offline: frames, waiting requests, connections and reply times are bounded. The
 * API is played by a local consumer that holds requests until the test answers them (a bridge delivers on the local
 * bus, so the real consumers, local ones too, are reached the same way).
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class TcpBridgeLimitsTest {

  @BeforeAll
  static void warmUp() {
    BridgeHarness.warmUp();
  }

  private static final String SECRET = "limits-canary-77aa";
  private static final Limits LIMITS = new Limits(1024, 2, 3, 1000);
  private final LinkedBlockingQueue<Message<Object>> held = new LinkedBlockingQueue<>();

  private int start(Vertx vertx, Limits limits) {
    vertx.eventBus().localConsumer(Addresses.API_REFRESH, held::add);
    EventBusBridgeVerticle bridges = new EventBusBridgeVerticle(BridgeHarness.config(SECRET, limits));
    Await.result(vertx.deployVerticle(bridges), Duration.ofSeconds(20));
    return bridges.tcpPort();
  }

  private static JsonObject body() {
    return new JsonObject().put("v", 1).put("vehicleId", "car-1").put("mode", "cached");
  }

  @Test
  @DisplayName("a frame announcing more than maxFrameBytes closes that connection with frame_too_large; the bridge "
      + "serves the next one")
  void oversizedFrame(Vertx vertx) throws Exception {
    int port = start(vertx, LIMITS);
    TcpFrameClient greedy = TcpFrameClient.connect(vertx, port);
    greedy.writeRaw(Buffer.buffer().appendInt(512 * 1024 * 1024).appendString("{\"type\":\"ping\""));
    assertEquals("frame_too_large", greedy.await(f -> "err".equals(f.getString("type"))).getString("message"));
    greedy.awaitClosed();
    TcpFrameClient next = TcpFrameClient.connect(vertx, port);
    assertTrue(next.pong());
  }

  @Test
  @DisplayName("maxInFlight requests wait at once, the next is refused 409 busy without reaching the bus; an answer "
      + "frees its slot; the secret never reaches the consumer")
  void boundedInFlight(Vertx vertx) throws Exception {
    TcpFrameClient client = TcpFrameClient.connect(vertx, start(vertx, LIMITS));
    client.request(Addresses.API_REFRESH, "r1", body(), SECRET);
    client.request(Addresses.API_REFRESH, "r2", body(), SECRET);
    client.request(Addresses.API_REFRESH, "r3", body(), SECRET);
    assertEquals(409, client.replyTo("r3").getInteger("failureCode"));
    Message<Object> first = held.poll(10, TimeUnit.SECONDS);
    Message<Object> second = held.poll(10, TimeUnit.SECONDS);
    assertEquals(body(), first.body());
    assertTrue(first.headers().isEmpty(), "no header, so no secret, travels on the bus: " + first.headers());
    assertTrue(second != null && held.isEmpty(), "the refused request never reached the consumer");

    first.reply(new JsonObject().put("v", 1).put("answer", 1));
    assertEquals(1, client.replyTo("r1").getJsonObject("body").getInteger("answer"));
    client.request(Addresses.API_REFRESH, "r4", body(), SECRET);
    assertEquals(body(), held.poll(10, TimeUnit.SECONDS).body(), "the freed slot takes the next request");
  }

  @Test
  @DisplayName("a refused request (wrong secret, closed address) gives its slot back at once")
  void refusalsFreeTheirSlots(Vertx vertx) throws Exception {
    TcpFrameClient client = TcpFrameClient.connect(vertx, start(vertx, LIMITS));
    for (int i = 0; i < 3 * LIMITS.maxInFlight(); i++) {
      client.request(Addresses.API_REFRESH, "bad" + i, body(), SECRET + "?");
      assertEquals(401, client.replyTo("bad" + i).getInteger("failureCode"));
      client.request(Addresses.MQTT_PUBLISH, "closed" + i, body(), SECRET);
      assertEquals(403, client.replyTo("closed" + i).getInteger("failureCode"));
    }
    client.request(Addresses.API_REFRESH, "ok1", body(), SECRET);
    client.request(Addresses.API_REFRESH, "ok2", body(), SECRET);
    assertEquals(body(), held.poll(10, TimeUnit.SECONDS).body());
    assertEquals(body(), held.poll(10, TimeUnit.SECONDS).body(), "both slots were free again");
  }

  @Test
  @DisplayName("a client's timeout header cannot keep a request open: it fails TIMEOUT after the bridge's replyTimeout")
  void replyTimeoutIsTheBridges(Vertx vertx) throws Exception {
    TcpFrameClient client = TcpFrameClient.connect(vertx, start(vertx, LIMITS));
    client.write(new JsonObject().put("type", "send").put("address", Addresses.API_REFRESH).put("replyAddress", "slow")
        .put("headers", new JsonObject().put(InboundGuard.SECRET_HEADER, SECRET).put("timeout", 3_600_000))
        .put("body", body()));
    long started = System.nanoTime();
    JsonObject failed = client.replyTo("slow");
    long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    assertEquals("TIMEOUT", failed.getString("failureType"));
    assertTrue(waitedMs < 8000, "answered after the bridge's 1 s, not the client's hour: " + waitedMs + " ms");
  }

  @Test
  @DisplayName("beyond maxConnections a new connection is closed at once; closing one makes room")
  void boundedConnections(Vertx vertx) throws Exception {
    int port = start(vertx, LIMITS);
    TcpFrameClient[] open = new TcpFrameClient[3];
    for (int i = 0; i < open.length; i++) {
      open[i] = TcpFrameClient.connect(vertx, port);
      assertTrue(open[i].pong());
    }
    assertFalse(TcpFrameClient.connect(vertx, port).admitted(), "the fourth connection is closed at once");
    open[0].close();
    open[0].awaitClosed();
    // the bridge learns of the close a moment after the client; a few tries at most
    boolean admitted = false;
    for (int attempt = 0; attempt < 20 && !admitted; attempt++) {
      admitted = TcpFrameClient.connect(vertx, port).admitted();
    }
    assertTrue(admitted, "room again once a connection closed");
  }

  @Test
  @DisplayName("frames that are not JSON or of no known type are answered with an error and the connection lives on")
  void malformedFrames(Vertx vertx) throws Exception {
    TcpFrameClient client = TcpFrameClient.connect(vertx, start(vertx, LIMITS));
    client.writeRaw(Buffer.buffer().appendInt(5).appendString("{nope"));
    assertEquals("invalid_json", client.await(f -> "err".equals(f.getString("type"))).getString("message"));
    client.write(new JsonObject().put("type", "explode").put("address", Addresses.API_REFRESH));
    assertEquals("unknown_type", client.await(f -> "err".equals(f.getString("type"))).getString("message"));
    assertTrue(client.pong());
    assertFalse(held.iterator().hasNext(), "nothing reached the bus");
  }
}
