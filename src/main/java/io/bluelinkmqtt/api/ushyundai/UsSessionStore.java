package io.bluelinkmqtt.api.ushyundai;

import io.bluelinkmqtt.config.Secret;
import io.bluelinkmqtt.state.JsonStateFile;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the US Hyundai session in {@code <stateDir>/us-hyundai-session.json} (a {@link JsonStateFile}: atomic, mode
 * 600, worker pool), so a restart does not log in again. A session of another account is never reused.
 */
public final class UsSessionStore {

  private static final Logger LOG = LoggerFactory.getLogger(UsSessionStore.class);
  static final String FILE_NAME = "us-hyundai-session.json";

  private final JsonStateFile file;
  private final String accountHash;

  public UsSessionStore(WorkerExecutor worker, Path stateDir, String username) {
    this.file = new JsonStateFile(stateDir.resolve(FILE_NAME), worker);
    this.accountHash = sha256(username);
  }

  public Path file() {
    return file.path();
  }

  /** The stored tokens of this account; empty when there are none or they cannot be read. */
  public Future<Optional<UsTokens>> load() {
    return file.load()
        .map(stored -> stored.flatMap(this::tokens))
        .otherwise(err -> {
          LOG.warn("stored session unreadable ({}); a new login will follow", err.getClass().getSimpleName());
          return Optional.empty();
        });
  }

  public Future<Void> save(UsTokens tokens) {
    return file.save(new JsonObject().put("v", 1).put("account", accountHash)
        .put("accessToken", tokens.accessToken().reveal())
        .put("refreshToken", tokens.refreshToken().reveal())
        .put("validUntil", tokens.validUntil().toString()));
  }

  private Optional<UsTokens> tokens(JsonObject json) {
    if (!accountHash.equals(json.getString("account"))) {
      LOG.info("stored session belongs to another account; ignoring it");
      return Optional.empty();
    }
    try {
      return Optional.of(new UsTokens(Secret.of(json.getString("accessToken")),
          Secret.of(json.getString("refreshToken")), Instant.parse(json.getString("validUntil"))));
    } catch (RuntimeException e) {
      LOG.warn("stored session unreadable ({}); a new login will follow", e.getClass().getSimpleName());
      return Optional.empty();
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
