package io.bluelinkmqtt.stewardship;

import io.bluelinkmqtt.testsupport.TestClock;
import static io.bluelinkmqtt.stewardship.TestVehicles.CAR1;
import static io.bluelinkmqtt.stewardship.TestVehicles.withAuxBattery;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.api.CallKind;
import io.bluelinkmqtt.api.WakePolicy;
import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.config.AppConfig.StewardshipConfig;
import io.bluelinkmqtt.domain.Region;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class StewardshipTest {

  private static final StewardshipConfig CONFIG = new StewardshipConfig(0, 20, 50, "", "", "Europe/Berlin");
  private static final long MIN_INTERVAL_SECONDS = 900;

  @TempDir
  Path tempDir;

  private final TestClock clock = TestClock.at("2026-03-10T09:00:00Z");

  private Path stateDir() {
    return tempDir.resolve("state");
  }

  private Future<Stewardship> start(Vertx vertx) {
    return Stewardship.start(vertx, Region.EUROPE, CONFIG, MIN_INTERVAL_SECONDS, stateDir(), clock);
  }

  @Test
  @DisplayName("a new instance over the same state dir sees the same used count; files are mode 600")
  void budgetSurvivesARestart(Vertx vertx, VertxTestContext ctx) {
    start(vertx).compose(first -> {
      first.callBudget().tryAcquire(CallKind.LOGIN, false);
      first.callBudget().tryAcquire(CallKind.VEHICLE_LIST, false);
      first.callBudget().tryAcquire(CallKind.CACHED_STATUS, true);
      first.wakePolicy().recordWake(CAR1);
      return first.close();
    }).compose(closed -> start(vertx)).onComplete(ctx.succeeding(second -> ctx.verify(() -> {
      assertEquals(new BudgetSnapshot(3, 160, 157, clock.instant().plus(Duration.ofHours(24)), false),
          second.budget().snapshot());
      assertEquals(new WakeRecord("car1", 1, 1, clock.instant()), second.audit().get("car1"));
      assertEquals(Optional.of(WakePolicy.MIN_INTERVAL), second.wakePolicy().check(CAR1, withAuxBattery(90), true),
          "the interval since the last wake survives the restart");
      for (String file : List.of(Stewardship.BUDGET_FILE, Stewardship.WAKE_AUDIT_FILE)) {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(stateDir().resolve(file))));
      }
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(stateDir())));
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("a crash loop of 20 restarts, each logging in once, does not reset the count")
  void crashLoopDoesNotResetTheCount(Vertx vertx, VertxTestContext ctx) {
    Future<Void> loop = Future.succeededFuture();
    for (int restart = 0; restart < 20; restart++) {
      loop = loop.compose(previous -> start(vertx)).compose(instance -> {
        clock.advance(Duration.ofMinutes(1));
        instance.callBudget().tryAcquire(CallKind.LOGIN, false);
        // A crash: the instance is never closed; only the write its call triggered has happened.
        return instance.flush();
      });
    }
    loop.compose(done -> start(vertx)).onComplete(ctx.succeeding(last -> ctx.verify(() -> {
      assertEquals(20, last.budget().snapshot().used());
      assertEquals(140, last.budget().snapshot().remaining());
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("budget changes are published with the exact JSON, the first one at start")
  void budgetEventsArePublished(Vertx vertx, VertxTestContext ctx) {
    List<JsonObject> events = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>localConsumer(Addresses.API_BUDGET_CHANGED, msg -> {
      events.add(msg.body());
      if (events.size() == 4) {
        ctx.verify(() -> {
          assertEquals(List.of(
              new JsonObject("{\"v\":1,\"used\":0,\"limit\":160,\"remaining\":160,\"exhausted\":false}"),
              new JsonObject("{\"v\":1,\"used\":1,\"limit\":160,\"remaining\":159,"
                  + "\"resetsAt\":\"2026-03-11T09:00:00Z\",\"exhausted\":false}"),
              new JsonObject("{\"v\":1,\"used\":1,\"limit\":160,\"remaining\":0,"
                  + "\"resetsAt\":\"2026-03-10T23:00:00Z\",\"exhausted\":true}"),
              new JsonObject("{\"v\":1,\"used\":1,\"limit\":160,\"remaining\":0,"
                  + "\"resetsAt\":\"2026-03-11T01:00:00Z\",\"exhausted\":true}")), events);
          ctx.completeNow();
        });
      }
    }).completion().compose(registered -> start(vertx)).onComplete(ctx.succeeding(stewardship -> {
      stewardship.callBudget().tryAcquire(CallKind.LOGIN, true);
      stewardship.callBudget().markExhausted();
      // Refused calls and repeated 5091s change nothing: no event for them.
      stewardship.callBudget().tryAcquire(CallKind.LOGIN, true);
      stewardship.callBudget().markExhausted();
      stewardship.callBudget().observeRateLimit(OptionalLong.of(200), OptionalLong.of(0),
          OptionalLong.of(Instant.parse("2026-03-11T01:00:00Z").getEpochSecond()));
    }));
  }

  @Test
  @DisplayName("each wake publishes the vehicle's audit; a restart republishes every known audit")
  void wakeAuditEventsArePublished(Vertx vertx, VertxTestContext ctx) {
    List<JsonObject> events = new CopyOnWriteArrayList<>();
    JsonObject expected = new JsonObject(
        "{\"v\":1,\"vehicleId\":\"car1\",\"today\":1,\"total\":1,\"last\":\"2026-03-10T09:00:00Z\"}");
    vertx.eventBus().<JsonObject>localConsumer(Addresses.VEHICLE_WAKE_AUDIT_CHANGED, msg -> {
      events.add(msg.body());
      if (events.size() == 2) {
        ctx.verify(() -> {
          assertEquals(List.of(expected, expected), events);
          ctx.completeNow();
        });
      }
    }).completion().compose(registered -> start(vertx)).compose(stewardship -> {
      stewardship.wakePolicy().recordWake(CAR1);
      return stewardship.close();
    }).compose(closed -> start(vertx)).onComplete(ctx.succeeding(restarted -> { }));
  }

  @Test
  @DisplayName("an unreadable state file is ignored and replaced by a valid one")
  void unreadableFileIsReplaced(Vertx vertx, VertxTestContext ctx) throws Exception {
    Files.createDirectories(stateDir());
    Files.writeString(stateDir().resolve(Stewardship.BUDGET_FILE), "{not json");
    Files.writeString(stateDir().resolve(Stewardship.WAKE_AUDIT_FILE), "{\"v\":7}");
    start(vertx).compose(stewardship -> {
      ctx.verify(() -> assertEquals(0, stewardship.budget().snapshot().used()));
      stewardship.callBudget().tryAcquire(CallKind.LOGIN, true);
      return stewardship.flush();
    }).compose(flushed -> start(vertx)).onComplete(ctx.succeeding(restarted -> ctx.verify(() -> {
      assertEquals(1, restarted.budget().snapshot().used());
      String file = Files.readString(stateDir().resolve(Stewardship.BUDGET_FILE));
      assertTrue(new JsonObject(file).getJsonArray("calls").size() == 1, file);
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("when a pause ends, the budget is republished as no longer exhausted without waiting for a call")
  void endOfPauseIsPublished(Vertx vertx, VertxTestContext ctx) {
    List<JsonObject> events = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>localConsumer(Addresses.API_BUDGET_CHANGED, msg -> {
      events.add(msg.body());
      if (events.size() == 2) {
        // The cloud's window ends one second from now; the timer fires one (real) second later.
        clock.advance(Duration.ofSeconds(1));
      }
      if (events.size() == 3) {
        ctx.verify(() -> {
          assertEquals(List.of(true, false), List.of(events.get(1).getBoolean("exhausted"), events.get(2).getBoolean("exhausted")));
          assertEquals(new JsonObject("{\"v\":1,\"used\":0,\"limit\":160,\"remaining\":160,\"exhausted\":false}"),
              events.get(2));
          ctx.completeNow();
        });
      }
    }).completion().compose(registered -> start(vertx)).onComplete(ctx.succeeding(stewardship ->
        stewardship.callBudget().observeRateLimit(OptionalLong.of(200), OptionalLong.of(0), OptionalLong.of(1))));
  }
}
