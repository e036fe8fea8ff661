package io.bluelinkmqtt.sim.ushyundai;

import io.vertx.core.MultiMap;
import java.util.ArrayList;
import java.util.List;

/** Every request the US simulator received, in arrival order, with what it carried; tests count and inspect them. */
public final class UsSimCalls {

  /** The endpoints of the US Hyundai cloud the simulator serves. */
  public enum Endpoint {
    LOGIN, TOKEN_REFRESH, ENROLLMENT, CACHED_STATUS, FORCED_STATUS, LOCK, UNLOCK, CLIMATE_START, CLIMATE_STOP,
    CHARGE_START, CHARGE_STOP, CHARGE_LIMITS, HAZARD, HORN_LIGHTS, RUNNING_STATUS
  }

  /**
   * One request.
   *
   * @param answered the HTTP status it got
   */
  public record Call(Endpoint endpoint, String path, MultiMap headers, String body, int answered) {
  }

  private final List<Call> calls = new ArrayList<>();

  synchronized void record(Call call) {
    calls.add(call);
  }

  public synchronized int count(Endpoint endpoint) {
    return (int) calls.stream().filter(c -> c.endpoint() == endpoint).count();
  }

  /** Logins and refreshes together: every time the account's password reached the token endpoint. */
  public synchronized int tokenCalls() {
    return count(Endpoint.LOGIN) + count(Endpoint.TOKEN_REFRESH);
  }

  public synchronized List<Call> of(Endpoint endpoint) {
    return calls.stream().filter(c -> c.endpoint() == endpoint).toList();
  }

  public synchronized int total() {
    return calls.size();
  }

  public synchronized void reset() {
    calls.clear();
  }
}
