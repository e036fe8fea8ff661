package io.bluelinkmqtt.state;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Copies of state files kept elsewhere (a cluster-wide map), by state directory. A {@link JsonStateFile} in a
 * mirrored directory hands every state it wrote to the mirror, and writes without spacing, so the copy lags the
 * newest state by one write at most. Nothing is mirrored unless a mirror was registered (clustered mode only).
 */
public final class StateMirrors {

  /** Receives each written state: the file's name and its content. Called on the worker that wrote it. */
  @FunctionalInterface
  public interface Mirror {
    void written(String fileName, String content);
  }

  private static final Map<Path, Mirror> MIRRORS = new ConcurrentHashMap<>();

  private StateMirrors() {
  }

  public static void register(Path dir, Mirror mirror) {
    MIRRORS.put(dir.toAbsolutePath().normalize(), mirror);
  }

  public static void unregister(Path dir) {
    MIRRORS.remove(dir.toAbsolutePath().normalize());
  }

  static Mirror of(Path file) {
    if (MIRRORS.isEmpty()) {
      return null;
    }
    Path dir = file.toAbsolutePath().normalize().getParent();
    return dir == null ? null : MIRRORS.get(dir);
  }
}
