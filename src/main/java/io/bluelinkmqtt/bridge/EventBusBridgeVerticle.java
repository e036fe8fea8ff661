package io.bluelinkmqtt.bridge;

import io.bluelinkmqtt.config.EventBusBridgeConfig;
import io.bluelinkmqtt.config.EventBusBridgeConfig.Listener;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the allow-listed part of the bus to other programs: the TCP bridge and the SockJS bridge, each when
 * enabled. It holds no state of its own: requests go to the same consumers as the bridge's own (which validate
 * them), and subscriptions see the same published events. Deployed after the consumers, stopped before them.
 */
public class EventBusBridgeVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(EventBusBridgeVerticle.class);

  private final EventBusBridgeConfig config;
  private TcpBridge tcp;
  private SockJsBridge sockJs;

  public EventBusBridgeVerticle(EventBusBridgeConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    InboundGuard guard = new InboundGuard(config.secret());
    Future<Void> tcpStarted = !config.tcp().enabled() ? Future.succeededFuture()
        : TcpBridge.start(vertx, config.tcp(), guard, config.limits())
            .recover(e -> Future.failedFuture(cannotListen("TCP", "EVENTBUS_TCP_PORT", config.tcp(), e)))
            .onSuccess(t -> {
              tcp = t;
              announce("TCP", config.tcp(), "tcp://", t.actualPort(), "");
            }).mapEmpty();
    return tcpStarted.compose(v -> !config.sockjs().enabled() ? Future.succeededFuture()
        : SockJsBridge.start(vertx, config.sockjs(), guard, config.limits())
            .recover(e -> Future.failedFuture(cannotListen("SockJS", "EVENTBUS_SOCKJS_PORT", config.sockjs(), e)))
            .onSuccess(s -> {
              sockJs = s;
              announce("SockJS", config.sockjs(), "http://", s.actualPort(), SockJsBridge.PATH);
            }));
  }

  @Override
  public Future<?> stop() {
    Future<Void> tcpClosed = tcp == null ? Future.succeededFuture() : tcp.close();
    return tcpClosed.eventually(() -> sockJs == null ? Future.succeededFuture() : sockJs.close());
  }

  /** The TCP bridge's port; 0 when it is off. */
  public int tcpPort() {
    return tcp == null ? 0 : tcp.actualPort();
  }

  /** The SockJS bridge's port; 0 when it is off. */
  public int sockJsPort() {
    return sockJs == null ? 0 : sockJs.actualPort();
  }

  private void announce(String kind, Listener listener, String scheme, int port, String path) {
    String host = listener.host().contains(":") ? "[" + listener.host() + "]" : listener.host();
    LOG.info("event-bus {} bridge on {}{}:{}{} (secret {})", kind, scheme, host, port, path,
        config.secret().isEmpty() ? "not set" : "required");
    if (listener.exposed() && config.secret().isEmpty()) {
      LOG.warn("the event-bus {} bridge listens on {} without EVENTBUS_SECRET: anyone on the network can read the "
          + "cars' data and trigger refreshes and actions; set EVENTBUS_SECRET (or EVENTBUS_SECRET_FILE) or bind it "
          + "to 127.0.0.1", kind, host);
    }
  }

  private static IllegalStateException cannotListen(String kind, String portVariable, Listener listener,
                                                    Throwable cause) {
    return new IllegalStateException("the event-bus " + kind + " bridge cannot listen on " + listener.host() + ":"
        + listener.port() + " (" + cause.getMessage() + "); set " + portVariable, cause);
  }
}
