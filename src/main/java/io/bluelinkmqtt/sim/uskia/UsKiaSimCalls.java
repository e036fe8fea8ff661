package io.bluelinkmqtt.sim.uskia;

import java.util.ArrayList;
import java.util.List;

/** Every request the US Kia simulator received, in arrival order, with the answer it got; tests count them. */
public final class UsKiaSimCalls {

  /** The endpoints of the US Kia cloud the simulator serves. */
  public enum Endpoint {
    AUTH_USER, SEND_OTP, VERIFY_OTP, VEHICLE_LIST, VEHICLE_INFO, FORCE_STATUS, LOCK, UNLOCK, CLIMATE_START,
    CLIMATE_STOP, CHARGE_START, CHARGE_STOP, CHARGE_LIMITS, ACTION_STATUS
  }

  /**
   * One request.
   *
   * @param body the request body as sent ("" for none)
   * @param answered the HTTP status, and {@code errorCode} the cloud's error code (0 for success)
   */
  public record Call(Endpoint endpoint, String body, int answered, int errorCode) {
  }

  private final List<Call> calls = new ArrayList<>();

  synchronized void record(Call call) {
    calls.add(call);
  }

  public synchronized int count(Endpoint endpoint) {
    return (int) calls.stream().filter(c -> c.endpoint() == endpoint).count();
  }

  public synchronized List<Call> of(Endpoint endpoint) {
    return calls.stream().filter(c -> c.endpoint() == endpoint).toList();
  }

  public synchronized List<Call> all() {
    return List.copyOf(calls);
  }

  public synchronized int total() {
    return calls.size();
  }
}
