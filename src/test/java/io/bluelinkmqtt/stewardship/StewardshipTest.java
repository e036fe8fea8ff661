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
  @DisplayName("an unreadable state file (written just now) leaves the conservative state, which a second restart "
      + "keeps: no restart starts from a clean slate")
  void unreadableFileIsReplacedByTheConservativeState(Vertx vertx, VertxTestContext ctx) throws Exception {
    Files.createDirectories(stateDir());
    Files.writeString(stateDir().resolve(Stewardship.BUDGET_FILE), "{not json");
    Files.writeString(stateDir().resolve(Stewardship.WAKE_AUDIT_FILE), "{\"v\":7}");
    start(vertx).compose(stewardship -> {
      ctx.verify(() -> assertEquals(150, stewardship.budget().snapshot().used(), "all but the system reserve"));
      stewardship.callBudget().tryAcquire(CallKind.LOGIN, true);
      return stewardship.flush();
    }).compose(flushed -> start(vertx)).onComplete(ctx.succeeding(restarted -> ctx.verify(() -> {
      assertEquals(151, restarted.budget().snapshot().used());
      String file = Files.readString(stateDir().resolve(Stewardship.BUDGET_FILE));
      assertTrue(new JsonObject(file).getJsonArray("calls").size() == 151, file);
      assertEquals(Optional.of(clock.instant()), restarted.audit().lastWake("car1"), "the assumed wake was kept");
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

  private List<String> stateFiles() throws java.io.IOException {
    try (java.util.stream.Stream<Path> files = Files.list(stateDir())) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  @DisplayName("a damaged wake-audit.json without a good copy: a force right after start is throttled min_interval, "
      + "the damaged file is moved aside, and the assumed wake is written at once")
  void lostWakeAuditAssumesAWakeJustHappened(Vertx vertx, VertxTestContext ctx) throws Exception {
    Files.createDirectories(stateDir());
    Files.writeString(stateDir().resolve(Stewardship.WAKE_AUDIT_FILE), "{\"v\":1,\"vehicles\":{\"car1\":{\"day\":");
    start(vertx).compose(s -> s.flush().map(s)).onComplete(ctx.succeeding(stewardship -> ctx.verify(() -> {
      assertEquals(Optional.of(WakePolicy.MIN_INTERVAL), stewardship.wakePolicy().check(CAR1, withAuxBattery(90), false));
      assertTrue(stateFiles().stream().anyMatch(f -> f.startsWith(Stewardship.WAKE_AUDIT_FILE + ".damaged-")),
          "damaged file kept aside: " + stateFiles());
      assertEquals(clock.instant().toString(), new JsonObject(Files.readString(
          stateDir().resolve(Stewardship.WAKE_AUDIT_FILE))).getString("assumedWake"));
      clock.advance(Duration.ofSeconds(MIN_INTERVAL_SECONDS));
      assertEquals(Optional.empty(), stewardship.wakePolicy().check(CAR1, withAuxBattery(90), false),
          "allowed once the interval since the assumed wake has passed");
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("a damaged budget.json 12 h old without a good copy: cap less system reserve (150) assumed spent evenly "
      + "over the 24 h before it was written, so 75 still count")
  void lostBudgetIsAssumedSpentByItsAge(Vertx vertx, VertxTestContext ctx) throws Exception {
    Files.createDirectories(stateDir());
    Path budgetFile = stateDir().resolve(Stewardship.BUDGET_FILE);
    Files.writeString(budgetFile, "not json at all");
    Files.setLastModifiedTime(budgetFile, java.nio.file.attribute.FileTime.from(clock.instant().minus(Duration.ofHours(12))));
    start(vertx).onComplete(ctx.succeeding(stewardship -> ctx.verify(() -> {
      BudgetSnapshot snapshot = stewardship.budget().snapshot();
      assertEquals(75, snapshot.used(), snapshot.toString());
      assertEquals(85, snapshot.remaining());
      assertTrue(stateFiles().stream().anyMatch(f -> f.startsWith(Stewardship.BUDGET_FILE + ".damaged-")),
          stateFiles().toString());
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("a damaged budget.json with a good last copy: the copy is restored, the damaged file moved aside")
  void damagedBudgetFallsBackToTheLastGoodCopy(Vertx vertx, VertxTestContext ctx) {
    start(vertx).compose(first -> {
      first.callBudget().tryAcquire(CallKind.LOGIN, false);
      first.callBudget().tryAcquire(CallKind.CACHED_STATUS, true);
      return first.close();
    }).compose(closed -> {
      try {
        Files.writeString(stateDir().resolve(Stewardship.BUDGET_FILE), "{\"v\":1,\"calls\":[\"x\"]}");
      } catch (java.io.IOException e) {
        return Future.failedFuture(e);
      }
      return start(vertx);
    }).onComplete(ctx.succeeding(second -> ctx.verify(() -> {
      assertEquals(2, second.budget().snapshot().used());
      assertTrue(stateFiles().contains(Stewardship.BUDGET_FILE + ".bak"), stateFiles().toString());
      assertTrue(stateFiles().stream().anyMatch(f -> f.startsWith(Stewardship.BUDGET_FILE + ".damaged-")),
          stateFiles().toString());
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("a state dir that becomes unwritable: one warning for many failed writes, a writable:false event "
      + "(bridge/health), and writable:true once it works again")
  void unwritableStateDirWarnsOnce(Vertx vertx, VertxTestContext ctx) throws Exception {
    assertTrue(Files.notExists(stateDir()), "written only once something changes");
    List<JsonObject> events = new CopyOnWriteArrayList<>();
    io.bluelinkmqtt.testsupport.LogCapture logs = io.bluelinkmqtt.testsupport.LogCapture.attach();
    io.vertx.core.Promise<Void> bothEvents = io.vertx.core.Promise.promise();
    vertx.eventBus().<JsonObject>localConsumer(Addresses.API_STATE_DIR_CHANGED, msg -> {
      events.add(msg.body());
      if (events.size() == 2) {
        bothEvents.complete();
      }
    }).completion().compose(registered -> start(vertx)).compose(stewardship -> vertx.executeBlocking(() -> {
          // the dir is gone and a plain file sits in its place: no write can succeed
          Files.writeString(stateDir(), "not a dir");
          return null;
        }).compose(replaced -> {
          Future<Void> writes = Future.succeededFuture();
          for (int i = 0; i < 5; i++) {
            writes = writes.compose(v -> {
              stewardship.callBudget().tryAcquire(CallKind.CACHED_STATUS, true);
              return stewardship.flush().recover(err -> Future.succeededFuture());
            });
          }
          return writes;
        }).compose(failed -> vertx.executeBlocking(() -> {
          Files.delete(stateDir());
          return Files.createDirectories(stateDir());
        })).compose(back -> {
          stewardship.callBudget().tryAcquire(CallKind.CACHED_STATUS, true);
          return stewardship.flush();
        }))
        .compose(flushed -> bothEvents.future())
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          logs.close();
          assertEquals(1, logs.count("WARN", "is not writable"), logs.text());
          assertEquals(List.of(
              new JsonObject().put("v", 1).put("writable", false).put("problem", "FileAlreadyExistsException"),
              new JsonObject().put("v", 1).put("writable", true)), events);
          assertEquals(6, new JsonObject(Files.readString(stateDir().resolve(Stewardship.BUDGET_FILE)))
              .getJsonArray("calls").size(), "every call counted in memory is written once the dir is back");
          ctx.completeNow();
        })));
  }
}
