package io.bluelinkmqtt.api.eu;

import io.bluelinkmqtt.config.Secret;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the session (device id + token set) in {@code <stateDir>/tokens.json}, mode 600, so a
 * restart does not log in again (each login registers a device on the account). File I/O runs on
 * the named worker executor only. The file records a hash of the account name: a session of
 * another account is never reused.
 */
public final class TokenStore {

  private static final Logger LOG = LoggerFactory.getLogger(TokenStore.class);
  static final String FILE_NAME = "tokens.json";
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  /** What is persisted: the device id, and the tokens once logged in. */
  public record StoredSession(String deviceId, TokenSet tokens) {
  }

  private final WorkerExecutor worker;
  private final Path file;
  private final String accountHash;

  public TokenStore(WorkerExecutor worker, Path stateDir, String username) {
    this.worker = worker;
    this.file = stateDir.resolve(FILE_NAME);
    this.accountHash = sha256(username);
  }

  public Path file() {
    return file;
  }

  /** The stored session of this account; empty when there is none or it cannot be read. */
  public Future<Optional<StoredSession>> load() {
    return worker.executeBlocking(() -> {
      if (!Files.exists(file)) {
        return Optional.<StoredSession>empty();
      }
      try {
        JsonObject json = new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
        if (!accountHash.equals(json.getString("account"))) {
          LOG.info("stored session belongs to another account; ignoring it");
          return Optional.<StoredSession>empty();
        }
        JsonObject tokens = json.getJsonObject("tokens");
        return Optional.of(new StoredSession(json.getString("deviceId"), tokens == null ? null : tokensFromJson(tokens)));
      } catch (RuntimeException e) {
        LOG.warn("stored session unreadable ({}); a new login will follow", e.getClass().getSimpleName());
        return Optional.<StoredSession>empty();
      }
    });
  }

  /** Writes the session atomically with mode 600. */
  public Future<Void> save(StoredSession session) {
    JsonObject json = new JsonObject().put("v", 1).put("account", accountHash).put("deviceId", session.deviceId());
    if (session.tokens() != null) {
      json.put("tokens", tokensToJson(session.tokens()));
    }
    byte[] bytes = json.encodePrettily().getBytes(StandardCharsets.UTF_8);
    return worker.executeBlocking(() -> {
      write(bytes);
      return null;
    });
  }

  private void write(byte[] bytes) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    if (!Files.isDirectory(dir)) {
      if (posix) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectories(dir);
      }
    }
    // a fresh temp file created owner-only, so the tokens are never readable by others, not even briefly
    Path temp = posix ? Files.createTempFile(dir, FILE_NAME, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
        : Files.createTempFile(dir, FILE_NAME, ".tmp");
    Files.write(temp, bytes);
    try {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
    }
    try {
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    } catch (UnsupportedOperationException e) {
      LOG.warn("file system has no POSIX permissions; protect {} yourself", file);
    }
  }

  static JsonObject tokensToJson(TokenSet t) {
    return new JsonObject()
        .put("kind", t.kind().name())
        .put("accessToken", t.accessToken().reveal())
        .put("validUntil", t.validUntil().toString())
        .put("cciAccessToken", t.cciAccessToken().reveal())
        .put("refreshToken", t.refreshToken().reveal())
        .put("exchangeableAccessToken", t.exchangeableAccessToken().reveal())
        .put("exchangeableRefreshToken", t.exchangeableRefreshToken().reveal())
        .put("nonCcsToken", t.nonCcsToken().reveal())
        .put("nonCcsRefreshToken", t.nonCcsRefreshToken().reveal())
        .put("idToken", t.idToken().reveal());
  }

  static TokenSet tokensFromJson(JsonObject j) {
    return new TokenSet(TokenSet.Kind.valueOf(j.getString("kind")), secret(j, "accessToken"),
        Instant.parse(j.getString("validUntil")), secret(j, "cciAccessToken"), secret(j, "refreshToken"),
        secret(j, "exchangeableAccessToken"), secret(j, "exchangeableRefreshToken"), secret(j, "nonCcsToken"),
        secret(j, "nonCcsRefreshToken"), secret(j, "idToken"));
  }

  private static Secret secret(JsonObject json, String key) {
    return Secret.of(json.getString(key));
  }

  private static String sha256(String text) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
