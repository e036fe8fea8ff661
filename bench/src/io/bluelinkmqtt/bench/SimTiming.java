package io.bluelinkmqtt.bench;

import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Vert.x metrics SPI plugged into the harness's Vertx (which hosts the simulator): times every HTTP
 * request the simulator serves, from the parsed request head to the last byte of the response
 * written, and adds that time to the command in flight for the vehicle named in the path. This is the
 * "simulator time" subtracted from the end-to-end latency to estimate the bridge's own overhead.
 */
final class SimTiming implements VertxMetricsFactory, VertxMetrics {

  private static final String VEHICLE_PREFIX = "/api/v1/spa/vehicles/";

  private volatile Ledger ledger;
  private final Map<String, LongAdder> nanosByPath = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> callsByPath = new ConcurrentHashMap<>();

  void attach(Ledger runLedger) {
    this.ledger = runLedger;
  }

  void reset() {
    nanosByPath.clear();
    callsByPath.clear();
  }

  @Override
  public VertxMetrics metrics(VertxOptions options) {
    return this;
  }

  @Override
  public HttpServerMetrics<?, ?, ?> createHttpServerMetrics(HttpServerOptions options, SocketAddress local) {
    return new ServerMetrics();
  }

  /** Per path kind: calls and mean handling time in ms. */
  Map<String, String> summary() {
    Map<String, String> out = new TreeMap<>();
    callsByPath.forEach((kind, calls) -> {
      long n = calls.sum();
      double meanMs = n == 0 ? 0 : nanosByPath.get(kind).sum() / 1e6 / n;
      out.put(kind, n + " calls, mean " + String.format("%.3f", meanMs) + " ms");
    });
    return out;
  }

  long totalCalls() {
    return callsByPath.values().stream().mapToLong(LongAdder::sum).sum();
  }

  long totalNanos() {
    return nanosByPath.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** What one request carries between its begin and end callbacks. */
  private record Timing(String kind, String vehicleId, long beginNanos) {
  }

  private final class ServerMetrics implements HttpServerMetrics<Timing, Void, Void> {

    @Override
    public Timing requestBegin(Void socket, HttpRequest request) {
      String path = request.uri();
      int query = path.indexOf('?');
      if (query >= 0) {
        path = path.substring(0, query);
      }
      String vehicleId = null;
      String kind = path;
      if (path.startsWith(VEHICLE_PREFIX)) {
        int slash = path.indexOf('/', VEHICLE_PREFIX.length());
        if (slash > 0) {
          vehicleId = path.substring(VEHICLE_PREFIX.length(), slash);
          kind = "vehicles/{id}" + path.substring(slash);
        }
      }
      return new Timing(kind, vehicleId, System.nanoTime());
    }

    @Override
    public void responseEnd(Timing timing, HttpResponse response, long bytesWritten) {
      if (timing == null) {
        return;
      }
      long elapsed = System.nanoTime() - timing.beginNanos();
      nanosByPath.computeIfAbsent(timing.kind(), k -> new LongAdder()).add(elapsed);
      callsByPath.computeIfAbsent(timing.kind(), k -> new LongAdder()).increment();
      Ledger current = ledger;
      if (current == null || timing.vehicleId() == null) {
        return;
      }
      Command command = current.latestFor(current.indexOf(timing.vehicleId()));
      if (command == null || command.resultNanos != 0) {
        current.unattributedSimCalls.incrementAndGet();
        return;
      }
      command.simNanos.addAndGet(elapsed);
      command.simCalls.incrementAndGet();
    }
  }
}
