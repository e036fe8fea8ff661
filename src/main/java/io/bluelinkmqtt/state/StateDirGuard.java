package io.bluelinkmqtt.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Claims the state dir for this process before anything is started: the dir must exist (it is created, mode
 * 700) and take a synced write, and no other bridge may hold it. Two bridges on one dir would overwrite each
 * other's budget and wake audit, so the claim holds an exclusive lock on {@code <dir>/.lock} until
 * {@link #close()} or the process ends. Blocking: call it before Vert.x deploys anything.
 */
public final class StateDirGuard implements AutoCloseable {

  public static final String LOCK_FILE = ".lock";
  private static final String PROBE_PREFIX = ".write-check-";

  private final Path dir;
  private final FileChannel channel;
  private final FileLock lock;

  private StateDirGuard(Path dir, FileChannel channel, FileLock lock) {
    this.dir = dir;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * @throws StateDirException with a message for the user when the dir cannot be created or written, or when
   *     another bridge holds it
   */
  public static StateDirGuard claim(Path stateDir) throws StateDirException {
    Path dir = stateDir.toAbsolutePath();
    checkWritable(dir);
    FileChannel channel = null;
    try {
      channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = tryLock(channel);
      if (lock == null) {
        channel.close();
        throw new StateDirException("the state dir " + dir + " is already in use by another bluelink-mqtt (it holds "
            + dir.resolve(LOCK_FILE) + "); two bridges must not share one state dir: give each its own "
            + "BLUELINK_STATE_DIR");
      }
      return new StateDirGuard(dir, channel, lock);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StateDirException("the state dir " + dir + " cannot be locked (" + describe(e) + ")", e);
    }
  }

  public Path dir() {
    return dir;
  }

  /** Releases the lock (at the end of the process this happens by itself). */
  @Override
  public void close() throws IOException {
    if (lock.isValid()) {
      lock.release();
    }
    channel.close();
  }

  /** Null when another process, or another claim in this JVM, holds the lock. */
  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException heldInThisJvm) {
      return null;
    }
  }

  private static void checkWritable(Path dir) throws StateDirException {
    try {
      if (!Files.isDirectory(dir)) {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Files.createDirectories(dir, posix
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
            : new FileAttribute<?>[0]);
      }
      Path probe = Files.createTempFile(dir, PROBE_PREFIX, ".tmp");
      try (FileChannel out = FileChannel.open(probe, StandardOpenOption.WRITE)) {
        out.write(ByteBuffer.wrap("ok".getBytes(StandardCharsets.UTF_8)));
        out.force(true);
      } finally {
        Files.deleteIfExists(probe);
      }
    } catch (IOException | UnsupportedOperationException e) {
      throw new StateDirException("the state dir " + dir + " is not writable (" + describe(e) + "); the bridge keeps "
          + "its tokens, call budget and wake audit there: make it a writable directory, or point "
          + "BLUELINK_STATE_DIR elsewhere", e);
    }
  }

  private static String describe(Exception e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException ignored) {
      // the claim failed already; nothing more to report
    }
  }
}
