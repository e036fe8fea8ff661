package io.bluelinkmqtt.bridge;

import io.bluelinkmqtt.config.EventBusBridgeConfig.Limits;
import io.bluelinkmqtt.config.EventBusBridgeConfig.Listener;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServerOptions;
import io.vertx.ext.eventbus.bridge.tcp.BridgeEvent;
import io.vertx.ext.eventbus.bridge.tcp.TcpEventBusBridge;
import io.vertx.ext.eventbus.bridge.tcp.impl.protocol.FrameHelper;
import java.util.concurrent.TimeUnit;

/**
 * The TCP event-bus bridge ({@code vertx-tcp-eventbus-bridge}): frames of a 4-byte big-endian length and a JSON
 * object, for Python, Go and the like. Every send and register passes the {@link InboundGuard}; the connection
 * limits are the {@link GuardedTcpServers}'.
 */
final class TcpBridge {

  /** A connection that sends nothing, not even a ping, for this long is closed. */
  static final int IDLE_TIMEOUT_SECONDS = 120;

  private final TcpEventBusBridge bridge;
  private final long replyTimeoutMs;
  private final InboundGuard guard;
  private final GuardedTcpServers servers;

  private TcpBridge(Vertx vertx, InboundGuard guard, Limits limits) {
    this.guard = guard;
    this.replyTimeoutMs = limits.replyTimeoutMs();
    servers = new GuardedTcpServers(vertx, limits.maxConnections(), limits.maxFrameBytes(), limits.maxInFlight());
    NetServerOptions options = new NetServerOptions().setIdleTimeout(IDLE_TIMEOUT_SECONDS)
        .setIdleTimeoutUnit(TimeUnit.SECONDS);
    this.bridge = TcpEventBusBridge.create(servers.vertx(), BridgeAllowList.tcpOptions(), options, this::onEvent);
  }

  static Future<TcpBridge> start(Vertx vertx, Listener listener, InboundGuard guard, Limits limits) {
    TcpBridge tcp = new TcpBridge(vertx, guard, limits);
    return tcp.bridge.listen(listener.port(), listener.host()).map(tcp);
  }

  /** The port it listens on. */
  int actualPort() {
    return servers.actualPort();
  }

  Future<Void> close() {
    return bridge.close();
  }

  private void onEvent(BridgeEvent event) {
    String type = switch (event.type()) {
      case SEND -> "send";
      case PUBLISH -> "publish";
      case REGISTER -> "register";
      default -> null;
    };
    if (type == null) {
      // a ping or unregister needs no secret, but carries none further (the library logs some frames whole)
      if (event.getRawMessage() != null) {
        event.getRawMessage().remove("headers");
      }
      event.complete(true);
      return;
    }
    JsonObject frame = event.getRawMessage();
    InboundGuard.Refusal refusal = guard.check(type, frame);
    if (refusal != null) {
      FrameHelper.writeFrame(refusal.toErrFrame(), event.socket());
      event.complete(false);
      return;
    }
    // the client cannot hold a request open longer than the bridge allows
    frame.put("headers", new JsonObject().put("timeout", replyTimeoutMs));
    event.complete(true);
  }
}
