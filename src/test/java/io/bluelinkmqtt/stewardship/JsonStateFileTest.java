package io.bluelinkmqtt.stewardship;

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
  @DisplayName("a burst of saves coalesces: every future completes, the newest state is on disk, mode 600, no temp file left")
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
          assertEquals(List.of(written), files.toList());
        }
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
}
