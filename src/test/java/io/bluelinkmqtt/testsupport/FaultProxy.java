package io.bluelinkmqtt.testsupport;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-JVM TCP proxy (Vert.x NetServer + NetClient) between a client under test and a broker, with
 * switchable faults:
 * <ul>
 *   <li>{@code PASS}: forward both ways;</li>
 *   <li>{@code BLACKHOLE}: forward nothing, keep every socket open, and do not pass on a close from
 *       upstream (a half-open link); new connections are accepted and starved;</li>
 *   <li>{@code RESET}: every client socket is closed abruptly (SO_LINGER 0, so an RST), at once for
 *       open ones and on accept for new ones;</li>
 *   <li>{@code DELAY}: forward after a fixed delay;</li>
 *   <li>{@code CUT_AFTER}: close both sides once a connection has carried that many bytes.</li>
 * </ul>
 * Accepted connections are counted with their wall-clock time, so a test can read the client's
 * reconnect intervals.
 */
public final class FaultProxy {

  /** Proxy behaviour for open and new connections. */
  public enum Mode { PASS, BLACKHOLE, RESET, DELAY, CUT_AFTER }

  private final Vertx vertx;
  private final String targetHost;
  private final int targetPort;
  private final NetServer server;
  private final NetClient client;
  private final List<Long> acceptTimesMillis = new CopyOnWriteArrayList<>();
  private final Set<Pair> pairs = ConcurrentHashMap.newKeySet();
  private volatile Mode mode = Mode.PASS;
  private volatile long delayMs;
  private volatile long cutAfterBytes;

  private FaultProxy(Vertx vertx, String targetHost, int targetPort) {
    this.vertx = vertx;
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.server = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1").setPort(0).setSoLinger(0));
    this.client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(2000).setSoLinger(0));
  }

  /** Starts a proxy on a free 127.0.0.1 port forwarding to {@code targetHost:targetPort}. */
  public static Future<FaultProxy> start(Vertx vertx, String targetHost, int targetPort) {
    FaultProxy proxy = new FaultProxy(vertx, targetHost, targetPort);
    return proxy.server.connectHandler(proxy::accept).listen().map(s -> proxy);
  }

  public int port() {
    return server.actualPort();
  }

  public Mode mode() {
    return mode;
  }

  public void pass() {
    mode = Mode.PASS;
  }

  public void blackhole() {
    mode = Mode.BLACKHOLE;
  }

  /** Closes every open client socket abruptly and keeps refusing (closing) new ones until another mode is set. */
  public void reset() {
    mode = Mode.RESET;
    pairs.forEach(Pair::closeBoth);
  }

  /** Closes every open connection abruptly once, and stays in PASS for the next ones. */
  public void resetOnce() {
    mode = Mode.PASS;
    pairs.forEach(Pair::closeBoth);
  }

  public void delay(long millis) {
    delayMs = millis;
    mode = Mode.DELAY;
  }

  public void cutAfter(long bytes) {
    cutAfterBytes = bytes;
    mode = Mode.CUT_AFTER;
  }

  /** Number of connections accepted so far. */
  public int acceptedCount() {
    return acceptTimesMillis.size();
  }

  /** Wall-clock times (ms) of every accepted connection, in order. */
  public List<Long> acceptTimesMillis() {
    return List.copyOf(acceptTimesMillis);
  }

  /** Connections currently open through the proxy. */
  public int openConnections() {
    return pairs.size();
  }

  public Future<Void> close() {
    pairs.forEach(Pair::closeBoth);
    return server.close().compose(v -> client.close());
  }

  private void accept(NetSocket downstream) {
    acceptTimesMillis.add(System.currentTimeMillis());
    if (mode == Mode.RESET) {
      downstream.close();
      return;
    }
    Pair pair = new Pair(downstream);
    pairs.add(pair);
    downstream.pause();
    downstream.closeHandler(v -> pair.downstreamClosed());
    downstream.exceptionHandler(e -> pair.closeBoth());
    if (mode == Mode.BLACKHOLE) {
      // a half-open link from the start: the client connects but nothing ever answers
      downstream.handler(buf -> { });
      downstream.resume();
      return;
    }
    client.connect(targetPort, targetHost).onComplete(ar -> {
      if (ar.failed()) {
        pair.closeBoth();
        return;
      }
      pair.attach(ar.result());
      downstream.resume();
    });
  }

  /** One client connection and its upstream connection. */
  private final class Pair {
    private final NetSocket downstream;
    private NetSocket upstream;
    private final AtomicLong bytes = new AtomicLong();

    Pair(NetSocket downstream) {
      this.downstream = downstream;
      downstream.handler(buf -> { });
    }

    void attach(NetSocket up) {
      this.upstream = up;
      downstream.handler(buf -> forward(buf, up));
      up.handler(buf -> forward(buf, downstream));
      up.closeHandler(v -> upstreamClosed());
      up.exceptionHandler(e -> upstreamClosed());
    }

    private void forward(Buffer buf, NetSocket to) {
      switch (mode) {
        case PASS -> to.write(buf);
        case DELAY -> vertx.setTimer(Math.max(1, delayMs), id -> to.write(buf));
        case CUT_AFTER -> {
          if (bytes.addAndGet(buf.length()) > cutAfterBytes) {
            closeBoth();
          } else {
            to.write(buf);
          }
        }
        case BLACKHOLE, RESET -> { }
        default -> throw new IllegalStateException("unknown mode " + mode);
      }
    }

    private void upstreamClosed() {
      if (mode != Mode.BLACKHOLE) {
        closeBoth();
      }
    }

    void downstreamClosed() {
      if (mode == Mode.BLACKHOLE) {
        return; // half-open: the broker must find out by itself (keepalive), so its side stays open
      }
      pairs.remove(this);
      if (upstream != null) {
        upstream.close();
      }
    }

    void closeBoth() {
      pairs.remove(this);
      downstream.close();
      if (upstream != null) {
        upstream.close();
      }
    }
  }
}
