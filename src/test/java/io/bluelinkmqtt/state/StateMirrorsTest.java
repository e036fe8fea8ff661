package io.bluelinkmqtt.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.testsupport.Await;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateMirrorsTest {

  private static final Duration WITHIN = Duration.ofSeconds(5);

  @TempDir
  Path dir;

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    StateMirrors.unregister(dir);
    Await.result(vertx.close(), WITHIN);
  }

  @Test
  @DisplayName("a mirrored dir: every write reaches the mirror, newest last, without the write spacing")
  void mirroredWritesReachTheMirror() {
    List<String> mirrored = new CopyOnWriteArrayList<>();
    StateMirrors.register(dir, (name, content) -> mirrored.add(name + "=" + content));
    WorkerExecutor worker = vertx.createSharedWorkerExecutor("mirror-test", 1);
    // a spacing of a minute would hold the second write back; a mirrored file has none
    JsonStateFile file = new JsonStateFile(dir.resolve("budget.json"), worker, vertx, 60_000);
    Await.result(file.save(new JsonObject().put("used", 1)), WITHIN);
    Await.result(file.save(new JsonObject().put("used", 2)), WITHIN);
    assertEquals(List.of("budget.json={\"used\":1}", "budget.json={\"used\":2}"), mirrored);
  }

  @Test
  @DisplayName("another dir, or none registered: nothing is mirrored and the spacing holds")
  void otherDirsAreNotMirrored() {
    List<String> mirrored = new CopyOnWriteArrayList<>();
    StateMirrors.register(dir.resolve("other"), (name, content) -> mirrored.add(name));
    WorkerExecutor worker = vertx.createSharedWorkerExecutor("mirror-test", 1);
    JsonStateFile file = new JsonStateFile(dir.resolve("budget.json"), worker, vertx, 60_000);
    Await.result(file.save(new JsonObject().put("used", 1)), WITHIN);
    assertTrue(Await.staysPending(file.save(new JsonObject().put("used", 2)), Duration.ofMillis(300)),
        "the second write waits out the spacing");
    assertTrue(mirrored.isEmpty());
    StateMirrors.unregister(dir.resolve("other"));
  }
}
