package io.bluelinkmqtt.command;

import io.bluelinkmqtt.testsupport.TestClock;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bluelinkmqtt.domain.CommandOutcome;
import io.bluelinkmqtt.domain.CommandOutcome.Status;
import io.bluelinkmqtt.domain.RefreshMode;
import io.bluelinkmqtt.domain.RefreshRequest;
import io.bluelinkmqtt.domain.RefreshResult;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The queues without Vert.x: refreshes are promises the test completes by hand. */
class VehicleQueuesTest {

  private final List<RefreshRequest> requests = new ArrayList<>();
  private final List<Promise<RefreshResult>> pending = new ArrayList<>();
  private final List<CommandOutcome> outcomes = new ArrayList<>();
  private final VehicleQueues queues = new VehicleQueues(2, request -> {
    requests.add(request);
    Promise<RefreshResult> promise = Promise.promise();
    pending.add(promise);
    return promise.future();
  }, new OutcomeFactory(new TestClock(0)), outcomes::add);

  private static PendingCommand command(String vehicle, RefreshMode mode, String id) {
    return new PendingCommand(new ParsedCommand(vehicle, mode, 0, false, null), id, 0);
  }

  private void completeOldest() {
    Promise<RefreshResult> promise = pending.remove(0);
    RefreshRequest request = requests.get(requests.size() - pending.size() - 1);
    promise.complete(FakeApi.fresh(request));
  }

  @Test
  @DisplayName("a hanging refresh of vehicle A does not delay vehicle B; lanes are removed when idle")
  void vehiclesAreIndependent() {
    queues.submit(command("A", RefreshMode.FORCE, "a1"));
    queues.submit(command("B", RefreshMode.CACHED, "b1"));
    assertEquals(2, requests.size());
    pending.remove(1).complete(FakeApi.fresh(requests.get(1)));
    assertEquals(List.of("b1"), outcomes.stream().map(CommandOutcome::id).toList());
    assertEquals(1, queues.activeVehicles());
    completeOldest();
    assertEquals(0, queues.activeVehicles());
    assertEquals(0, queues.pendingRefreshes());
  }

  @Test
  @DisplayName("joining is unbounded: 10 000 identical commands share one refresh, none is answered busy")
  void joiningIsUnbounded() {
    for (int i = 0; i < 10_000; i++) {
      queues.submit(command("A", RefreshMode.FORCE, "f" + i));
    }
    assertEquals(0, outcomes.size(), "nobody is refused");
    completeOldest();
    assertEquals(10_000, outcomes.size());
    assertEquals(1, requests.size());
    assertEquals(Status.OK, outcomes.get(0).status());
    assertEquals("f9999", outcomes.get(9_999).id());
    assertEquals(9_999, outcomes.stream().filter(o -> o.status() == Status.COALESCED).count());
  }

  @Test
  @DisplayName("an identical command joins a queued refresh too; distinct ones run one after another")
  void joinsQueuedWork() {
    queues.submit(command("A", RefreshMode.FORCE, "f"));
    queues.submit(command("A", RefreshMode.CACHED, "c1"));
    queues.submit(command("A", RefreshMode.CACHED, "c2"));
    assertEquals(1, requests.size());
    assertEquals(2, queues.pendingRefreshes());
    completeOldest();
    assertEquals(2, requests.size());
    completeOldest();
    assertEquals(List.of(Status.OK, Status.OK, Status.COALESCED), outcomes.stream().map(CommandOutcome::status).toList());
    assertEquals(0, queues.activeVehicles());
  }

  @Test
  @DisplayName("close answers queued work 'shutdown'; abort answers the refresh in flight; a late reply adds nothing")
  void shutdownAnswersEachCommandOnce() {
    queues.submit(command("A", RefreshMode.FORCE, "f"));
    queues.submit(command("A", RefreshMode.CACHED, "c"));
    queues.close();
    assertEquals(List.of("c"), outcomes.stream().map(CommandOutcome::id).toList());
    queues.submit(command("A", RefreshMode.CACHED, "late"));
    assertEquals("shutdown", outcomes.get(1).reason());
    queues.abortInFlight();
    assertEquals(3, outcomes.size());
    assertEquals("shutdown", outcomes.get(2).reason());
    completeOldest();
    assertEquals(3, outcomes.size(), "the late reply is ignored");
    assertEquals(0, queues.activeVehicles());
  }
}
