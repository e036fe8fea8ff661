package io.bluelinkmqtt.sim;

import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Every request the simulator received, in arrival order, with per-endpoint counters. Tests use it
 * to assert quotas, single-flight behaviour and the spacing of retries (both the injected clock's
 * time and {@link System#nanoTime()} are recorded).
 */
public final class CallLog {

  /**
   * One received request.
   *
   * @param endpoint which endpoint
   * @param vehicleId the path's vehicle id, null for account-level calls
   * @param clockTime the simulator clock's instant at arrival
   * @param nanoTime {@link System#nanoTime()} at arrival (real elapsed time between calls)
   */
  public record Call(SimEndpoint endpoint, String vehicleId, Instant clockTime, long nanoTime) {
  }

  /**
   * What one request carried, for the tests that check the exact request (actions): path with query, the JSON
   * body as sent (null when none) and the two authorisation headers.
   */
  public record Request(SimEndpoint endpoint, String vehicleId, String path, String body, String authorization,
                        String authorizationCcsp) {
  }

  private final List<Call> calls = new ArrayList<>();
  private final List<Request> requests = new ArrayList<>();
  private final Map<SimEndpoint, Integer> counts = new EnumMap<>(SimEndpoint.class);

  /** One call to a simulated CCAPI endpoint: when, and what was sent (path, body, both authorization headers). */
  void record(RoutingContext ctx, SimEndpoint endpoint, Instant at) {
    String vehicleId = ctx.pathParam("vid");
    record(new Call(endpoint, vehicleId, at, System.nanoTime()));
    record(new Request(endpoint, vehicleId, ctx.request().uri(),
        ctx.body() == null || ctx.body().buffer() == null ? null : ctx.body().asString(),
        ctx.request().getHeader("Authorization"), ctx.request().getHeader("AuthorizationCCSP")));
  }

  synchronized void record(Call call) {
    calls.add(call);
    counts.merge(call.endpoint(), 1, Integer::sum);
  }

  synchronized void record(Request request) {
    requests.add(request);
  }

  /** The requests to one endpoint, in arrival order. */
  public synchronized List<Request> requests(SimEndpoint endpoint) {
    return requests.stream().filter(r -> r.endpoint() == endpoint).toList();
  }

  public synchronized int count(SimEndpoint endpoint) {
    return counts.getOrDefault(endpoint, 0);
  }

  /** Calls to one endpoint for one vehicle. */
  public synchronized int count(SimEndpoint endpoint, String vehicleId) {
    return (int) calls.stream()
        .filter(c -> c.endpoint() == endpoint && vehicleId.equals(c.vehicleId()))
        .count();
  }

  public synchronized int total() {
    return calls.size();
  }

  public synchronized List<Call> all() {
    return List.copyOf(calls);
  }

  public synchronized List<Call> of(SimEndpoint endpoint) {
    return calls.stream().filter(c -> c.endpoint() == endpoint).toList();
  }

  public synchronized void reset() {
    calls.clear();
    counts.clear();
    requests.clear();
  }
}
