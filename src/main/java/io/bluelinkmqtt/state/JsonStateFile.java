package io.bluelinkmqtt.state;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
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
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One small JSON state file, read and written only on a worker pool. Writes go to a temporary file with mode
 * 600, are synced and then moved over the old file atomically, so a crash leaves either the old or the new
 * state. Writes coalesce: while one is in flight, later states replace each other and only the newest is
 * written next; each returned future completes once a state at least as new as its own is on disk.
 *
 * <p>Every write is followed by an atomic copy to {@code <name>.bak}, the last good copy. {@link #loadChecked}
 * falls back to it when the file itself cannot be read, and moves a damaged file aside
 * ({@code <name>.damaged-<epoch ms>}) instead of letting the next write overwrite the evidence.
 */
public final class JsonStateFile {

  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
  static final String BACKUP_SUFFIX = ".bak";
  static final String DAMAGED_SUFFIX = ".damaged-";
  private static final Logger LOG = LoggerFactory.getLogger(JsonStateFile.class);

  private final Path file;
  private final WorkerExecutor executor;
  private final Vertx vertx;
  private final long minSpacingMs;
  private boolean writing;
  private long spacingTimer = -1;
  private long lastWriteEnd;
  private boolean urgent;
  private Supplier<JsonObject> pending;
  private Promise<Void> pendingDone;

  public JsonStateFile(Path file, WorkerExecutor executor) {
    this(file, executor, null, 0);
  }

  /**
   * @param minSpacingMs after a write, the next one waits at least this long (a crash can lose at most
   *     this much of the newest state; a busy account no longer writes the file once per call)
   */
  public JsonStateFile(Path file, WorkerExecutor executor, Vertx vertx, long minSpacingMs) {
    this.file = file;
    this.executor = executor;
    this.vertx = vertx;
    // a mirrored file is copied after every write: spacing would let the copy fall behind
    this.minSpacingMs = StateMirrors.of(file) == null ? minSpacingMs : 0;
  }

  public Path path() {
    return file;
  }

  /** The file's JSON, or empty when there is no file yet. */
  public Future<Optional<JsonObject>> load() {
    return executor.executeBlocking(() -> {
      if (!Files.exists(file)) {
        return Optional.empty();
      }
      return Optional.of(new JsonObject(Files.readString(file, StandardCharsets.UTF_8)));
    }, false);
  }

  /** The last good copy, written after every successful write. */
  public Path backupPath() {
    return file.resolveSibling(file.getFileName() + BACKUP_SUFFIX);
  }

  /**
   * Reads and parses the file; when it is missing or cannot be parsed, the last good copy. A file that
   * cannot be parsed ({@code parser} throws, or it is no JSON) is moved aside. Runs on the worker.
   */
  public <T> Future<StateLoad<T>> loadChecked(Function<JsonObject, T> parser) {
    return executor.executeBlocking(() -> {
      Path backup = backupPath();
      if (!Files.exists(file) && !Files.exists(backup)) {
        return StateLoad.firstStart();
      }
      Instant damagedAt = null;
      for (Path candidate : List.of(file, backup)) {
        if (!Files.exists(candidate)) {
          continue;
        }
        try {
          T value = parser.apply(new JsonObject(Files.readString(candidate, StandardCharsets.UTF_8)));
          if (damagedAt != null || candidate.equals(backup)) {
            LOG.warn("State file {} restored from its last good copy {}", file, backup);
          }
          return StateLoad.of(value);
        } catch (IOException | RuntimeException damaged) {
          Instant modified = Files.getLastModifiedTime(candidate).toInstant();
          damagedAt = damagedAt == null || modified.isAfter(damagedAt) ? modified : damagedAt;
          Path aside = moveAside(candidate);
          LOG.warn("State file {} is damaged ({}); moved aside to {}", candidate, damaged.getClass().getSimpleName(),
              aside.getFileName());
        }
      }
      return StateLoad.lost(damagedAt);
    }, false);
  }

  private static Path moveAside(Path damaged) throws IOException {
    Path aside = damaged.resolveSibling(damaged.getFileName() + DAMAGED_SUFFIX + System.currentTimeMillis());
    for (int n = 1; Files.exists(aside); n++) {
      aside = damaged.resolveSibling(damaged.getFileName() + DAMAGED_SUFFIX + System.currentTimeMillis() + "-" + n);
    }
    return Files.move(damaged, aside, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Writes {@code state} (built by the caller and not changed afterwards). */
  public Future<Void> save(JsonObject state) {
    return save(() -> state);
  }

  /**
   * Writes the state {@code state} builds. It is called on the worker, right before the write, so
   * saves that coalesce never build their JSON at all, and none is built on the event loop. At most
   * one write a {@code minSpacingMs}, counted from the end of the previous one.
   */
  public synchronized Future<Void> save(Supplier<JsonObject> state) {
    return save(state, false);
  }

  /** Writes without waiting out the spacing (flush on stop). */
  public synchronized Future<Void> saveNow(Supplier<JsonObject> state) {
    return save(state, true);
  }

  private synchronized Future<Void> save(Supplier<JsonObject> state, boolean now) {
    pending = state;
    urgent |= now;
    if (pendingDone == null) {
      pendingDone = Promise.promise();
    }
    Future<Void> done = pendingDone.future();
    if (now && spacingTimer >= 0 && vertx.cancelTimer(spacingTimer)) {
      spacingTimer = -1;
      writeNext();
    } else if (!writing) {
      writing = true;
      long wait = now || vertx == null ? 0 : lastWriteEnd + minSpacingMs - System.currentTimeMillis();
      waitThenWrite(wait);
    }
    return done;
  }

  private void waitThenWrite(long waitMs) {
    if (waitMs <= 0) {
      writeNext();
      return;
    }
    spacingTimer = vertx.setTimer(waitMs, t -> {
      synchronized (this) {
        spacingTimer = -1;
        writeNext();
      }
    });
  }

  /** Takes the newest pending state and writes it; called with {@code writing} set. */
  private synchronized void writeNext() {
    if (pending == null) {
      writing = false;
      return;
    }
    Supplier<JsonObject> next = pending;
    Promise<Void> done = pendingDone;
    pending = null;
    pendingDone = null;
    urgent = false;
    Future<Void> written;
    try {
      written = executor.executeBlocking(() -> {
        String content = next.get().encode();
        writeAtomically(file, content);
        writeAtomically(backupPath(), content);
        StateMirrors.Mirror mirror = StateMirrors.of(file);
        if (mirror != null) {
          mirror.written(file.getFileName().toString(), content);
        }
        return null;
      }, true);
    } catch (RejectedExecutionException closed) {
      written = Future.failedFuture(closed);
    }
    written.onComplete(result -> {
      synchronized (this) {
        lastWriteEnd = System.currentTimeMillis();
        if (pending == null) {
          writing = false;
        } else {
          waitThenWrite(vertx == null || urgent ? 0 : minSpacingMs);
        }
      }
      done.handle(result);
    });
  }

  private static void writeAtomically(Path file, String content) throws IOException {
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
