package io.bluelinkmqtt.sim.canada;

import java.util.ArrayList;
import java.util.List;

/** Every request the Canadian simulator received, in arrival order, with what the tests check of it. */
public final class CaCallLog {

  /**
   * One request.
   *
   * @param vehicleId the {@code vehicleId} header, null when absent
   * @param deviceId the {@code Deviceid} header
   * @param body the JSON body as sent, null when none
   * @param pAuth the {@code pAuth} header, null when absent
   * @param from the {@code from} header (CWP for the portal's calls, SPA for some remote ones)
   * @param referer the {@code Referer} header, null when absent
   */
  public record Call(CaSimEndpoint endpoint, String vehicleId, String deviceId, String body, String pAuth,
                     String from, String referer) {
  }

  private final List<Call> calls = new ArrayList<>();

  synchronized void record(Call call) {
    calls.add(call);
  }

  public synchronized int count(CaSimEndpoint endpoint) {
    return (int) calls.stream().filter(c -> c.endpoint() == endpoint).count();
  }

  public synchronized int total() {
    return calls.size();
  }

  public synchronized List<Call> of(CaSimEndpoint endpoint) {
    return calls.stream().filter(c -> c.endpoint() == endpoint).toList();
  }

  public synchronized List<Call> all() {
    return List.copyOf(calls);
  }
}
