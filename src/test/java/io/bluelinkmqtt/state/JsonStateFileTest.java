package io.bluelinkmqtt.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class JsonStateFileTest {

  @TempDir
  Path dir;

  @Test
  @DisplayName("a burst of saves coalesces: every future completes, the newest state is on disk with its last good "
      + "copy, mode 600, no temp file left")
  void burstOfSavesCoalesces(Vertx vertx, VertxTestContext ctx) {
    WorkerExecutor executor = vertx.createSharedWorkerExecutor("state-file-test", 1);
    JsonStateFile file = new JsonStateFile(dir.resolve("nested/state.json"), executor);
    List<Future<Void>> saves = new ArrayList<>();
    vertx.runOnContext(v -> {
      for (int i = 1; i <= 50; i++) {
        saves.add(file.save(new JsonObject().put("v", 1).put("n", i)));
      }
      Future.all(saves).compose(all -> file.load()).onComplete(ctx.succeeding(loaded -> ctx.verify(() -> {
        assertEquals(Optional.of(new JsonObject().put("v", 1).put("n", 50)), loaded);
        Path written = dir.resolve("nested/state.json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(written)));
        try (Stream<Path> files = Files.list(dir.resolve("nested"))) {
          assertEquals(List.of(written, dir.resolve("nested/state.json.bak")), files.sorted().toList());
        }
        ctx.completeNow();
      })));
    });
  }

  @Test
  @DisplayName("with spacing, 200 saves during two writes build and write the state twice, the newest last; saveNow skips the wait")
  void spacedSavesWriteRarely(Vertx vertx, VertxTestContext ctx) {
    WorkerExecutor executor = vertx.createSharedWorkerExecutor("state-file-spacing-test", 1);
    JsonStateFile file = new JsonStateFile(dir.resolve("spaced.json"), executor, vertx, 300);
    java.util.concurrent.atomic.AtomicInteger builds = new java.util.concurrent.atomic.AtomicInteger();
    List<Future<Void>> saves = new ArrayList<>();
    vertx.runOnContext(v -> {
      for (int i = 1; i <= 200; i++) {
        int n = i;
        saves.add(file.save(() -> {
          builds.incrementAndGet();
          return new JsonObject().put("n", n);
        }));
      }
      Future.all(saves).compose(all -> file.load()).compose(loaded -> {
        ctx.verify(() -> {
          assertEquals(Optional.of(new JsonObject().put("n", 200)), loaded);
          assertEquals(2, builds.get(), "the first save writes at once, the other 199 coalesce into one spaced write");
        });
        long afterSpaced = System.nanoTime();
        return file.saveNow(() -> new JsonObject().put("n", 201))
            .map(x -> TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - afterSpaced));
      }).onComplete(ctx.succeeding(urgentMs -> ctx.verify(() -> {
        assertEquals(true, urgentMs < 250, "saveNow does not wait out the 300 ms spacing: " + urgentMs + " ms");
        ctx.completeNow();
      })));
    });
  }

  @Test
  @DisplayName("a missing file loads as empty")
  void missingFileIsEmpty(Vertx vertx, VertxTestContext ctx) {
    JsonStateFile file = new JsonStateFile(dir.resolve("absent.json"), vertx.createSharedWorkerExecutor("state-file-test", 1));
    file.load().onComplete(ctx.succeeding(loaded -> ctx.verify(() -> {
      assertEquals(Optional.empty(), loaded);
      ctx.completeNow();
    })));
  }

  private static Integer counter(JsonObject json) {
    Integer n = json.getInteger("n");
    if (n == null) {
      throw new IllegalArgumentException("no n");
    }
    return n;
  }

  @Test
  @DisplayName("loadChecked: a damaged file is moved aside and the last good copy is served; both damaged: lost, "
      + "with the damaged file's last-modified time; no file at all: a first start")
  void damagedFileFallsBackToTheLastGoodCopy(Vertx vertx, VertxTestContext ctx) {
    WorkerExecutor executor = vertx.createSharedWorkerExecutor("state-file-check-test", 1);
    Path path = dir.resolve("checked.json");
    JsonStateFile file = new JsonStateFile(path, executor);
    java.time.Instant modified = java.time.Instant.parse("2026-03-10T08:00:00Z");
    file.loadChecked(JsonStateFileTest::counter).compose(first -> {
      ctx.verify(() -> {
        assertEquals(Optional.empty(), first.state());
        assertEquals(false, first.lost());
      });
      return file.save(new JsonObject().put("n", 7));
    }).compose(saved -> {
      ctx.verify(() -> Files.writeString(path, "{\"n\":"));
      return file.loadChecked(JsonStateFileTest::counter);
    }).compose(fromBackup -> {
      ctx.verify(() -> {
        assertEquals(Optional.of(7), fromBackup.state());
        assertEquals(false, Files.exists(path), "the damaged file was moved aside");
        try (Stream<Path> files = Files.list(dir)) {
          assertEquals(1, files.filter(f -> f.getFileName().toString().startsWith("checked.json.damaged-")).count());
        }
        Files.writeString(file.backupPath(), "{\"other\":1}");
        Files.setLastModifiedTime(file.backupPath(), java.nio.file.attribute.FileTime.from(modified));
      });
      return file.loadChecked(JsonStateFileTest::counter);
    }).onComplete(ctx.succeeding(lost -> ctx.verify(() -> {
      assertEquals(true, lost.lost());
      assertEquals(modified, lost.damagedAt());
      assertEquals(false, Files.exists(file.backupPath()));
      ctx.completeNow();
    })));
  }
}
