package io.bluelinkmqtt.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.bus.BridgeException;
import io.bluelinkmqtt.bus.Failure;
import io.bluelinkmqtt.domain.Served;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The one lane per car: operations are promises the test completes by hand. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class VehicleLanesTest {

  private final VehicleLanes lanes = new VehicleLanes(2, 0);
  /** What ran upstream, in order: "vehicle:key". */
  private final List<String> started = new ArrayList<>();
  private final List<Promise<String>> running = new ArrayList<>();

  private Future<Served<String>> submit(String vehicle, String key, String id) {
    return lanes.submit(vehicle, key, id, 0, "the " + key, () -> {
      started.add(vehicle + ":" + key);
      Promise<String> promise = Promise.promise();
      running.add(promise);
      return promise.future();
    });
  }

  private static Failure failure(Future<?> f) {
    return ((BridgeException) f.cause()).failure();
  }

  @Test
  @DisplayName("a hanging operation of car A does not delay car B; lanes are removed when idle")
  void carsAreIndependent() {
    Future<Served<String>> a = submit("A", "force", "a1");
    Future<Served<String>> b = submit("B", "cached", "b1");
    assertEquals(List.of("A:force", "B:cached"), started);
    running.get(1).complete("b-data");
    assertEquals("b-data", b.result().result());
    assertFalse(a.isComplete());
    assertEquals(1, lanes.activeVehicles());
    running.get(0).complete("a-data");
    assertEquals(0, lanes.activeVehicles());
    assertEquals(0, lanes.pendingOperations());
  }

  @Test
  @DisplayName("joining is unbounded: 10 000 identical requests share one operation, none is refused busy")
  void joiningIsUnbounded() {
    List<Future<Served<String>>> all = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      all.add(submit("A", "force", "f" + i));
    }
    assertEquals(1, started.size());
    assertEquals(1, lanes.pendingOperations());
    assertTrue(all.stream().noneMatch(Future::isComplete), "nobody is refused");
    running.get(0).complete("data");
    assertEquals(new Served<>("data", false, null), all.get(0).result());
    assertTrue(all.subList(1, 10_000).stream().allMatch(f -> f.result().equals(new Served<>("data", true, "f0"))));
    assertEquals(0, lanes.activeVehicles());
  }

  @Test
  @DisplayName("an identical request joins a waiting operation too; distinct ones run one after another, in order")
  void joinsWaitingWork() {
    Future<Served<String>> force = submit("A", "force", "f");
    Future<Served<String>> c1 = submit("A", "cached", "c1");
    Future<Served<String>> c2 = submit("A", "cached", "c2");
    assertEquals(List.of("A:force"), started, "one operation per car at a time");
    assertEquals(2, lanes.pendingOperations());
    running.get(0).complete("forced");
    assertEquals(List.of("A:force", "A:cached"), started);
    running.get(1).complete("cached");
    assertFalse(force.result().joined());
    assertFalse(c1.result().joined());
    assertEquals(new Served<>("cached", true, "c1"), c2.result());
  }

  @Test
  @DisplayName("beyond maxWaiting distinct operations a new distinct one is refused busy at once; identical ones still join")
  void bulkheadRefusesBusy() {
    submit("A", "force", "f");
    submit("A", "cached", "c");
    submit("A", "smart:60", "s60");
    Future<Served<String>> refused = submit("A", "smart:120", "s120");
    Future<Served<String>> joined = submit("A", "smart:60", "again");
    assertEquals(Failure.BUSY, failure(refused));
    assertFalse(joined.isComplete());
    assertEquals(List.of("A:force"), started);
  }

  @Test
  @DisplayName("close: waiting operations answered shutdown and never started, new ones refused; the running one finishes")
  void closeAnswersWaitingShutdown() {
    Future<Served<String>> force = submit("A", "force", "f");
    Future<Served<String>> waiting = submit("A", "cached", "c");
    Future<Served<String>> joiner = submit("A", "cached", "c2");
    assertEquals(1, lanes.close());
    assertEquals(Failure.SHUTDOWN, failure(waiting));
    assertEquals(Failure.SHUTDOWN, failure(joiner));
    assertEquals(Failure.SHUTDOWN, failure(submit("B", "cached", "late")));
    running.get(0).complete("forced");
    assertEquals("forced", force.result().result());
    assertEquals(List.of("A:force"), started, "nothing started after close");
    assertEquals(0, lanes.activeVehicles());
  }

  @Test
  @DisplayName("a run deadline answers upstream_timeout; the lane waits for the work, a later identical request queues "
      + "behind it instead of joining the answered one")
  void runDeadline(Vertx vertx, VertxTestContext ctx) {
    VehicleLanes timed = new VehicleLanes(2, 0);
    List<Promise<String>> work = new ArrayList<>();
    vertx.runOnContext(v -> {
      Future<Served<String>> first = timed.submit("A", "cached", "c1", 50, "the cached refresh", () -> {
        Promise<String> p = Promise.promise();
        work.add(p);
        return p.future();
      });
      first.onComplete(ctx.failing(err -> ctx.verify(() -> {
        assertEquals(Failure.UPSTREAM_TIMEOUT, ((BridgeException) err).failure());
        assertEquals("the cached refresh did not finish within 50 ms", err.getMessage());
        Future<Served<String>> second = timed.submit("A", "cached", "c2", 0, "the cached refresh", () -> {
          Promise<String> p = Promise.promise();
          work.add(p);
          return p.future();
        });
        assertEquals(1, work.size(), "the second waits behind the unfinished first");
        work.get(0).complete("late");
        assertEquals(2, work.size());
        work.get(1).complete("second");
        assertEquals(new Served<>("second", false, null), second.result());
        ctx.completeNow();
      })));
    });
  }

  @Test
  @DisplayName("every operation is answered within answerWithinMs of its request: one that waited that long is answered "
      + "upstream_timeout and never started")
  void answerBoundCoversWaiting(Vertx vertx, VertxTestContext ctx) {
    VehicleLanes timed = new VehicleLanes(1, 80);
    List<String> ran = new ArrayList<>();
    Promise<String> hanging = Promise.promise();
    vertx.runOnContext(v -> {
      timed.submit("A", "force", "f", 0, "the force refresh", () -> {
        ran.add("force");
        return hanging.future();
      });
      timed.submit("A", "cached", "c", 0, "the cached refresh", () -> {
        ran.add("cached");
        return Future.succeededFuture("cached");
      }).onComplete(ctx.failing(err -> ctx.verify(() -> {
        assertEquals(Failure.UPSTREAM_TIMEOUT, ((BridgeException) err).failure());
        assertEquals("the cached refresh did not finish within 80 ms of its request", err.getMessage());
        Future<Served<String>> next = timed.submit("A", "smart:60", "s", 0, "the smart refresh", () -> {
          ran.add("smart");
          return Future.succeededFuture("smart");
        });
        assertFalse(next.isComplete(), "the timed-out waiting one holds no place: not busy");
        hanging.complete("late");
        assertEquals(List.of("force", "smart"), ran, "the answered waiting one is skipped");
        assertEquals("smart", next.result().result());
        assertEquals(0, timed.activeVehicles());
        ctx.completeNow();
      })));
    });
  }
}
