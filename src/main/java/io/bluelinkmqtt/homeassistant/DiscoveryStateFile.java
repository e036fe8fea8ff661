package io.bluelinkmqtt.homeassistant;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The small JSON file that remembers which discovery topics were announced. All file I/O runs on the given
 * {@link WorkerExecutor}, ordered, so writes never overlap and never block the event loop. Writes go to a
 * temporary file first and are moved into place, so a crash leaves the old or the new file, never half of one.
 */
final class DiscoveryStateFile {

  private static final Logger LOG = LoggerFactory.getLogger(DiscoveryStateFile.class);

  private final Path path;
  private final WorkerExecutor executor;

  DiscoveryStateFile(Path path, WorkerExecutor executor) {
    this.path = path;
    this.executor = executor;
  }

  /** The stored state; an empty object when there is no file yet or it cannot be read. */
  Future<JsonObject> load() {
    return executor.executeBlocking(() -> Files.exists(path) ? new JsonObject(Files.readString(path)) : new JsonObject(),
            true)
        .recover(err -> {
          LOG.warn("cannot read {}, starting without announced topics: {}", path, err.toString());
          return Future.succeededFuture(new JsonObject());
        });
  }

  Future<Void> save(JsonObject state) {
    String text = state.encodePrettily();
    return executor.<Void>executeBlocking(() -> {
      Files.createDirectories(path.toAbsolutePath().getParent());
      Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
      Files.writeString(temporary, text);
      Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return null;
    }, true);
  }
}
