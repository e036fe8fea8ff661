package io.bluelinkmqtt.http;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The status page's server-sent event streams: each gets the whole snapshot when it opens and after every change
 * (a few kB; the page re-renders from it, so a reconnect needs nothing special). A client too slow to take a frame
 * misses it and gets the next. Confined to the HTTP verticle's event loop.
 */
final class LiveEvents {

  /** Sent every so often so proxies and the browser keep an idle stream open. */
  static final long KEEPALIVE_MS = 15_000;
  /** How soon the browser's EventSource reconnects after the stream broke (the bridge restarted, say). */
  private static final int RETRY_MS = 1_000;

  private final Set<HttpServerResponse> clients = new LinkedHashSet<>();

  void open(HttpServerResponse response, JsonObject snapshot) {
    response.setChunked(true)
        .putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .putHeader("X-Accel-Buffering", "no");
    response.write("retry: " + RETRY_MS + "\n\n");
    response.write(frame(snapshot));
    clients.add(response);
    response.closeHandler(v -> clients.remove(response));
    response.exceptionHandler(e -> clients.remove(response));
  }

  /** The snapshot is built only when someone is listening. */
  void broadcast(Supplier<JsonObject> snapshot) {
    if (!clients.isEmpty()) {
      String frame = frame(snapshot.get());
      clients.stream().filter(c -> !c.writeQueueFull()).forEach(c -> c.write(frame));
    }
  }

  void keepAlive() {
    clients.forEach(c -> c.write(": keep-alive\n\n"));
  }

  void closeAll() {
    clients.forEach(HttpServerResponse::end);
    clients.clear();
  }

  int size() {
    return clients.size();
  }

  private static String frame(JsonObject snapshot) {
    return "event: snapshot\ndata: " + snapshot.encode() + "\n\n";
  }
}
