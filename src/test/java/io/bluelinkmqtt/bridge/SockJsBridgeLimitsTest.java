package io.bluelinkmqtt.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.config.EventBusBridgeConfig.Limits;
import io.bluelinkmqtt.testsupport.Await;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
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
 * No client can take the SockJS bridge offline: only WebSocket transports (bounded messages), bounded connections
 * and bounded handlers per socket. Driven over the raw WebSocket endpoint, one JSON message per text frame.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
class SockJsBridgeLimitsTest {

  @BeforeAll
  static void warmUp() {
    BridgeHarness.warmUp();
  }

  private static final String SECRET = "sockjs-limits-canary-31";
  private static final Limits LIMITS = new Limits(1024, 2, 3, 30_000);
  private static final Duration WAIT = Duration.ofSeconds(10);
  private final LinkedBlockingQueue<Message<Object>> held = new LinkedBlockingQueue<>();

  private record Client(WebSocket socket, LinkedBlockingQueue<JsonObject> frames, Promise<Short> closed) {

    JsonObject next() throws InterruptedException {
      JsonObject frame = frames.poll(10, TimeUnit.SECONDS);
      if (frame == null) {
        throw new AssertionError("no frame within 10 s");
      }
      return frame;
    }
  }

  private int start(Vertx vertx) {
    vertx.eventBus().localConsumer(Addresses.API_VEHICLES, held::add);
    EventBusBridgeVerticle bridges = new EventBusBridgeVerticle(BridgeHarness.config(SECRET, LIMITS));
    Await.result(vertx.deployVerticle(bridges), WAIT);
    return bridges.sockJsPort();
  }

  /** Held for the whole test: Vert.x closes a client that is no longer referenced, its connections with it. */
  private WebSocketClient clients;

  private Client connect(Vertx vertx, int port) {
    if (clients == null) {
      clients = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxMessageSize(1 << 20)
          .setMaxFrameSize(1 << 20));
    }
    WebSocket socket = Await.result(clients.connect(port, "127.0.0.1", SockJsBridge.PATH + "/websocket"), WAIT);
    LinkedBlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
    Promise<Short> closed = Promise.promise();
    try {
      // the raw WebSocket transport answers in binary messages, one JSON object each
      socket.binaryMessageHandler(data -> frames.add(new JsonObject(data)));
      socket.textMessageHandler(text -> frames.add(new JsonObject(text)));
      socket.closeHandler(v -> closed.tryComplete(socket.closeStatusCode()));
    } catch (IllegalStateException alreadyClosed) {
      closed.tryComplete((short) -1);
    }
    return new Client(socket, frames, closed);
  }

  private static JsonObject request(String replyAddress, Object body) {
    return new JsonObject().put("type", "send").put("address", Addresses.API_VEHICLES).put("replyAddress", replyAddress)
        .put("headers", new JsonObject().put(InboundGuard.SECRET_HEADER, SECRET)).put("body", body);
  }

  @Test
  @DisplayName("a message over maxFrameBytes closes its WebSocket; a normal request on a new one is answered")
  void oversizedMessage(Vertx vertx) throws Exception {
    int port = start(vertx);
    Client greedy = connect(vertx, port);
    greedy.socket().writeTextMessage(request("big", "x".repeat(4096)).encode());
    Await.result(greedy.closed().future(), WAIT);
    assertTrue(held.isEmpty());

    Client client = connect(vertx, port);
    client.socket().writeTextMessage(request("small", new JsonObject().put("v", 1)).encode());
    Message<Object> asked = held.poll(10, TimeUnit.SECONDS);
    assertTrue(asked.headers().isEmpty(), "the secret header stays at the bridge");
    asked.reply(new JsonObject().put("v", 1).put("vehicles", new io.vertx.core.json.JsonArray()));
    JsonObject reply = client.next();
    assertEquals("small", reply.getString("address"));
    assertEquals(1, reply.getJsonObject("body").getInteger("v"));
  }

  @Test
  @DisplayName("requests and subscriptions of one socket are bounded (maxInFlight + the two subscribable events)")
  void boundedHandlers(Vertx vertx) throws Exception {
    Client client = connect(vertx, start(vertx));
    int bound = LIMITS.maxInFlight() + BridgeAllowList.OUTBOUND.size();
    for (int i = 0; i <= bound; i++) {
      client.socket().writeTextMessage(request("r" + i, new JsonObject().put("v", 1)).encode());
    }
    JsonObject refused = client.next();
    assertEquals("err", refused.getString("type"));
    assertEquals("max_handlers_reached", refused.getString("body"));
    for (int i = 0; i < bound; i++) {
      assertTrue(held.poll(10, TimeUnit.SECONDS) != null);
    }
    assertTrue(held.isEmpty(), "the refused one never reached the consumer");
  }

  @Test
  @DisplayName("beyond maxConnections a new socket is closed at once")
  void boundedConnections(Vertx vertx) throws Exception {
    int port = start(vertx);
    for (int i = 0; i < LIMITS.maxConnections(); i++) {
      Client client = connect(vertx, port);
      client.socket().writeTextMessage(request("c" + i, new JsonObject().put("v", 1)).encode());
      held.poll(10, TimeUnit.SECONDS).reply(new JsonObject().put("v", 1));
      assertEquals("c" + i, client.next().getString("address"));
    }
    Client extra = connect(vertx, port);
    Await.result(extra.closed().future(), WAIT);
  }

  @Test
  @DisplayName("the streaming and polling transports, which read unbounded request bodies, are not served")
  void onlyWebSockets(Vertx vertx) throws Exception {
    int port = start(vertx);
    var http = vertx.createHttpClient();
    int xhr = Await.result(http.request(HttpMethod.POST, port, "127.0.0.1", SockJsBridge.PATH + "/000/s1/xhr")
        .compose(r -> r.send().map(resp -> resp.statusCode())), WAIT);
    int xhrSend = Await.result(http.request(HttpMethod.POST, port, "127.0.0.1", SockJsBridge.PATH + "/000/s1/xhr_send")
        .compose(r -> r.send("[\"x\"]").map(resp -> resp.statusCode())), WAIT);
    JsonObject info = Await.result(http.request(HttpMethod.GET, port, "127.0.0.1", SockJsBridge.PATH + "/info")
        .compose(r -> r.send().compose(resp -> resp.body())).map(b -> new JsonObject(b)), WAIT);
    Await.result(http.close(), WAIT);
    assertEquals(404, xhr);
    assertEquals(404, xhrSend);
    assertEquals(true, info.getBoolean("websocket"));
  }
}
