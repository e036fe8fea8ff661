package io.bluelinkmqtt.stewardship;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;

/**
 * One small JSON state file, read and written only on a worker pool. Writes go to a temporary file with mode
 * 600, are synced and then moved over the old file atomically, so a crash leaves either the old or the new
 * state. Writes coalesce: while one is in flight, later states replace each other and only the newest is
 * written next; each returned future completes once a state at least as new as its own is on disk.
 */
final class JsonStateFile {

  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

  private final Path file;
  private final WorkerExecutor executor;
  private boolean writing;
  private JsonObject pending;
  private Promise<Void> pendingDone;

  JsonStateFile(Path file, WorkerExecutor executor) {
    this.file = file;
    this.executor = executor;
  }

  Path path() {
    return file;
  }

  /** The file's JSON, or empty when there is no file yet. */
  Future<Optional<JsonObject>> load() {
    return executor.executeBlocking(() -> {
      if (!Files.exists(file)) {
        return Optional.empty();
      }
      return Optional.of(new JsonObject(Files.readString(file, StandardCharsets.UTF_8)));
    }, false);
  }

  /** Writes {@code state} (built by the caller and not changed afterwards). */
  synchronized Future<Void> save(JsonObject state) {
    if (!writing) {
      writing = true;
      return write(state);
    }
    pending = state;
    if (pendingDone == null) {
      pendingDone = Promise.promise();
    }
    return pendingDone.future();
  }

  private Future<Void> write(JsonObject state) {
    Future<Void> written;
    try {
      written = executor.executeBlocking(() -> {
        writeAtomically(state.encode());
        return null;
      }, true);
    } catch (RejectedExecutionException closed) {
      written = Future.failedFuture(closed);
    }
    return written.andThen(result -> writeNext());
  }

  private synchronized void writeNext() {
    if (pending == null) {
      writing = false;
      return;
    }
    JsonObject next = pending;
    Promise<Void> done = pendingDone;
    pending = null;
    pendingDone = null;
    write(next).onComplete(done);
  }

  private void writeAtomically(String content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir, posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR)}
          : new FileAttribute<?>[0]);
    }
    Path temp = posix ? Files.createTempFile(dir, file.getFileName().toString(), ".tmp",
        PosixFilePermissions.asFileAttribute(OWNER_ONLY)) : Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        channel.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      if (posix) {
        Files.setPosixFilePermissions(file, OWNER_ONLY);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
