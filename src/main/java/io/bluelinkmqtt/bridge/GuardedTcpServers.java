package io.bluelinkmqtt.bridge;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lets the library's TCP bridge run unchanged behind our limits. It creates its server from the {@link Vertx} it is
 * given and parses each connection itself, with no hook before the first whole frame; so it is given a view of
 * Vert.x whose servers cap the open connections and hand it sockets whose reads pass a {@link TcpFrameGate} and
 * whose writes tell the gate which requests are answered. Everything else goes straight to the real objects.
 */
final class GuardedTcpServers {

  private final AtomicInteger open = new AtomicInteger();
  private volatile NetServer created;
  private final Vertx view;

  GuardedTcpServers(Vertx vertx, int maxConnections, int maxFrameBytes, int maxInFlight) {
    view = proxy(Vertx.class, vertx, (method, args) -> {
      if (method.getName().equals("createNetServer") && args != null && args.length == 1) {
        created = vertx.createNetServer((NetServerOptions) args[0]);
        return guardedServer(created, open, maxConnections, maxFrameBytes, maxInFlight);
      }
      return UNHANDLED;
    });
  }

  /** The Vert.x to give the bridge. */
  Vertx vertx() {
    return view;
  }

  /** The port of the server the bridge created; 0 before it listens. */
  int actualPort() {
    return created == null ? 0 : created.actualPort();
  }

  private static NetServer guardedServer(NetServer server, AtomicInteger open, int maxConnections, int maxFrameBytes,
                                         int maxInFlight) {
    NetServer[] self = new NetServer[1];
    self[0] = proxy(NetServer.class, server, (method, args) -> {
      if (method.getName().equals("connectHandler") && args != null && args.length == 1) {
        @SuppressWarnings("unchecked")
        Handler<NetSocket> bridge = (Handler<NetSocket>) args[0];
        server.connectHandler(socket -> {
          if (open.incrementAndGet() > maxConnections) {
            open.decrementAndGet();
            socket.close();
            return;
          }
          socket.closeHandler(v -> open.decrementAndGet());
          bridge.handle(guardedSocket(socket, new TcpFrameGate(socket, maxFrameBytes, maxInFlight)));
        });
        return self[0];
      }
      return UNHANDLED;
    });
    return self[0];
  }

  private static NetSocket guardedSocket(NetSocket socket, TcpFrameGate gate) {
    NetSocket[] self = new NetSocket[1];
    self[0] = proxy(NetSocket.class, socket, (method, args) -> {
      int arity = args == null ? 0 : args.length;
      if (method.getName().equals("handler") && arity == 1) {
        @SuppressWarnings("unchecked")
        Handler<Buffer> parser = (Handler<Buffer>) args[0];
        socket.handler(parser == null ? null : gate.inbound(parser));
        return self[0];
      }
      if (method.getName().equals("write") && arity == 1 && args[0] instanceof Buffer written) {
        gate.outbound(written);
      }
      return UNHANDLED;
    });
    return self[0];
  }

  private static final Object UNHANDLED = new Object();

  /** What a proxy does itself; {@link #UNHANDLED} passes the call on to the real object. */
  @FunctionalInterface
  private interface Override {
    Object call(Method method, Object[] args) throws Throwable;
  }

  private static <T> T proxy(Class<T> type, T target, Override override) {
    InvocationHandler handler = (proxy, method, args) -> {
      Object result = override.call(method, args);
      if (result != UNHANDLED) {
        return result;
      }
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return type.cast(Proxy.newProxyInstance(GuardedTcpServers.class.getClassLoader(), new Class<?>[] {type}, handler));
  }
}
