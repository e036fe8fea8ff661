package io.bluelinkmqtt.bridge;

import io.bluelinkmqtt.testsupport.Await;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A test's raw TCP bridge connection: writes frames (or any bytes), queues the frames it reads, sees the close. */
final class TcpFrameClient {

  private final NetSocket socket;
  private final LinkedBlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  private final Promise<Void> closed = Promise.promise();
  private Buffer pending = Buffer.buffer();

  private TcpFrameClient(NetSocket socket) {
    this.socket = socket;
    socket.handler(chunk -> {
      pending.appendBuffer(chunk);
      while (pending.length() >= 4 && pending.length() >= 4 + pending.getInt(0)) {
        int length = pending.getInt(0);
        frames.add(new JsonObject(pending.getString(4, 4 + length)));
        pending = pending.getBuffer(4 + length, pending.length());
      }
    });
    socket.closeHandler(v -> closed.tryComplete());
  }

  /** One client for every connection of a test's Vert.x, held: Vert.x closes a client nobody references. */
  private static final java.util.Map<Vertx, NetClient> CLIENTS = java.util.Collections.synchronizedMap(
      new java.util.WeakHashMap<>());

  static TcpFrameClient connect(Vertx vertx, int port) {
    NetClient client = CLIENTS.computeIfAbsent(vertx, v -> v.createNetClient());
    // handlers are set on the event loop as the connection opens, so a close right after it is never missed
    return Await.result(client.connect(port, "127.0.0.1").map(TcpFrameClient::new), Duration.ofSeconds(10));
  }

  void write(JsonObject frame) {
    byte[] data = frame.encode().getBytes(StandardCharsets.UTF_8);
    writeRaw(Buffer.buffer().appendInt(data.length).appendBytes(data));
  }

  void writeRaw(Buffer bytes) {
    socket.write(bytes);
  }

  /** The next frame that matches, skipping others; fails after 10 s. */
  JsonObject await(Predicate<JsonObject> match) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      JsonObject frame = frames.poll(100, TimeUnit.MILLISECONDS);
      if (frame != null && match.test(frame)) {
        return frame;
      }
    }
    throw new AssertionError("no matching frame within 10 s");
  }

  /** Sends a request with a reply address and secret. */
  void request(String address, String replyAddress, JsonObject body, String secret) {
    write(new JsonObject().put("type", "send").put("address", address).put("replyAddress", replyAddress)
        .put("headers", new JsonObject().put(InboundGuard.SECRET_HEADER, secret)).put("body", body));
  }

  JsonObject replyTo(String replyAddress) throws InterruptedException {
    return await(f -> replyAddress.equals(f.getString("address")));
  }

  boolean pong() throws InterruptedException {
    write(new JsonObject().put("type", "ping"));
    return "pong".equals(await(f -> "pong".equals(f.getString("type"))).getString("type"));
  }

  /** True on a pong, false when the bridge closes the connection instead. */
  boolean admitted() throws InterruptedException {
    write(new JsonObject().put("type", "ping"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      JsonObject frame = frames.poll(20, TimeUnit.MILLISECONDS);
      if (frame != null && "pong".equals(frame.getString("type"))) {
        return true;
      }
      if (frame == null && closed.future().isComplete()) {
        return false;
      }
    }
    throw new AssertionError("neither pong nor close within 10 s");
  }

  void awaitClosed() {
    Await.result(closed.future(), Duration.ofSeconds(10));
  }

  void close() {
    socket.close();
  }
}
