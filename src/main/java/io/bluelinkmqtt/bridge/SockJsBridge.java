package io.bluelinkmqtt.bridge;

import io.bluelinkmqtt.config.EventBusBridgeConfig.Limits;
import io.bluelinkmqtt.config.EventBusBridgeConfig.Listener;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.sockjs.BridgeEvent;
import io.vertx.ext.web.handler.sockjs.SockJSHandler;
import io.vertx.ext.web.handler.sockjs.SockJSHandlerOptions;
import io.vertx.ext.web.handler.sockjs.SockJSSocket;
import io.vertx.ext.web.handler.sockjs.Transport;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SockJS event-bus bridge ({@code vertx-web}), for browsers and Node with the official
 * {@code @vertx/eventbus-bridge-client.js}, on its own HTTP server at {@value #PATH}: apart from the status page, so
 * either can be on without the other and each is exposed on its own terms. Only the WebSocket transports are
 * served, so every inbound message is bounded by the server's WebSocket message limit; the library counts a
 * socket's waiting requests with its handlers, which bounds those too.
 */
final class SockJsBridge {

  static final String PATH = "/eventbus";

  private final InboundGuard guard;
  private final int maxConnections;
  private final Set<SockJSSocket> open = Collections.newSetFromMap(new ConcurrentHashMap<>());
  private HttpServer server;

  private SockJsBridge(InboundGuard guard, Limits limits) {
    this.guard = guard;
    this.maxConnections = limits.maxConnections();
  }

  static Future<SockJsBridge> start(Vertx vertx, Listener listener, InboundGuard guard, Limits limits) {
    SockJsBridge sockJs = new SockJsBridge(guard, limits);
    SockJSHandlerOptions handlerOptions = new SockJSHandlerOptions().setRegisterWriteHandler(false)
        .setInsertJSESSIONID(false);
    for (Transport transport : Transport.values()) {
      if (transport != Transport.WEBSOCKET) {
        handlerOptions.addDisabledTransport(transport.name());
      }
    }
    Router router = Router.router(vertx);
    router.route(PATH + "/*").subRouter(SockJSHandler.create(vertx, handlerOptions).bridge(
        BridgeAllowList.sockJsOptions().setReplyTimeout(limits.replyTimeoutMs())
            .setMaxHandlersPerSocket(limits.maxInFlight() + BridgeAllowList.OUTBOUND.size()),
        sockJs::onEvent));
    HttpServerOptions serverOptions = new HttpServerOptions().setMaxWebSocketFrameSize(limits.maxFrameBytes())
        .setMaxWebSocketMessageSize(limits.maxFrameBytes());
    return vertx.createHttpServer(serverOptions).requestHandler(router).listen(listener.port(), listener.host())
        .map(s -> {
          sockJs.server = s;
          return sockJs;
        });
  }

  int actualPort() {
    return server == null ? 0 : server.actualPort();
  }

  Future<Void> close() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  private void onEvent(BridgeEvent event) {
    switch (event.type()) {
      case SOCKET_CREATED -> {
        boolean room = open.size() < maxConnections;
        if (room) {
          open.add(event.socket());
        }
        event.complete(room);
      }
      case SOCKET_CLOSED -> {
        open.remove(event.socket());
        event.complete(true);
      }
      case SEND, PUBLISH, REGISTER -> admit(event);
      case UNREGISTER, SOCKET_PING -> {
        // no secret needed, but none carried further either
        if (event.getRawMessage() != null) {
          event.getRawMessage().remove("headers");
        }
        event.complete(true);
      }
      default -> event.complete(true);
    }
  }

  private void admit(BridgeEvent event) {
    String type = switch (event.type()) {
      case SEND -> "send";
      case PUBLISH -> "publish";
      default -> "register";
    };
    InboundGuard.Refusal refusal = guard.check(type, event.getRawMessage());
    if (refusal != null) {
      // answered on the client's reply (or handler) address, so its callback learns the failure code
      event.socket().write(Buffer.buffer(refusal.toErrFrame().encode()));
    }
    event.complete(refusal == null);
  }
}
