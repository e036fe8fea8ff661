package io.bluelinkmqtt.cluster;

import io.bluelinkmqtt.state.StateMirrors;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An account's state files (tokens, budget, wake audit, saved vehicles) in a cluster-wide map
 * ({@code bluelink.state.<account>}, Hazelcast with one backup), so the node that takes the seat over starts from the
 * same session and the same counts. The seat holder mirrors every write ({@link StateMirrors}); a new holder first
 * writes the map's copies into its own state dir (or, when the map is empty, fills it from its files).
 */
final class StateReplica {

  private static final Logger LOG = LoggerFactory.getLogger(StateReplica.class);

  private final Vertx vertx;
  private final String account;
  private final Path dir;
  private final Map<String, Future<Void>> lastPut = new HashMap<>();
  private AsyncMap<String, String> map;

  StateReplica(Vertx vertx, String account, Path dir) {
    this.vertx = vertx;
    this.account = account;
    this.dir = dir;
  }

  /** Brings the local state dir up to the cluster's copy, then mirrors every later write. */
  Future<Void> takeOver() {
    return vertx.sharedData().<String, String>getAsyncMap("bluelink.state." + account).compose(m -> {
      map = m;
      return m.entries();
    }).compose(entries -> vertx.executeBlocking(() -> {
      Files.createDirectories(dir);
      if (entries.isEmpty()) {
        return localFiles();
      }
      for (Map.Entry<String, String> e : entries.entrySet()) {
        if (safeName(e.getKey())) {
          write(dir.resolve(e.getKey()), e.getValue());
          write(dir.resolve(e.getKey() + ".bak"), e.getValue());
        }
      }
      LOG.info("account {}: state restored from the cluster ({} file(s))", account, entries.size());
      return Map.<String, String>of();
    })).compose(local -> {
      local.forEach(this::put);
      StateMirrors.register(dir, this::put);
      return Future.succeededFuture();
    });
  }

  /** Stops mirroring (the seat was given up). */
  void release() {
    StateMirrors.unregister(dir);
  }

  private synchronized void put(String name, String content) {
    if (map == null) {
      return;
    }
    // one put after the other per file, so an older state never overwrites a newer one
    Future<Void> previous = lastPut.getOrDefault(name, Future.succeededFuture());
    lastPut.put(name, previous.eventually(() -> map.put(name, content)
        .onFailure(err -> LOG.warn("account {}: state {} not copied to the cluster: {}", account, name,
            err.toString()))));
  }

  private Map<String, String> localFiles() throws IOException {
    Map<String, String> found = new HashMap<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
      for (Path file : files) {
        found.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
      }
    }
    return found;
  }

  private static boolean safeName(String name) {
    return name.matches("[A-Za-z0-9_.-]+\\.json") && !name.startsWith(".");
  }

  private static void write(Path file, String content) throws IOException {
    Path temp = file.resolveSibling(file.getFileName() + ".restore.tmp");
    Files.writeString(temp, content, StandardCharsets.UTF_8);
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
    }
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
