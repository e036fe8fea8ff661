package io.bluelinkmqtt.api.eu;

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
 * Keeps the session (device id + token set) in {@code <stateDir>/tokens.json}, mode 600, so a
 * restart does not log in again (each login registers a device on the account). The file is a
 * {@link JsonStateFile}: written atomically, on the worker pool only. The file records a hash of the account name: a session of
 * another account is never reused.
 */
public final class TokenStore {

  private static final Logger LOG = LoggerFactory.getLogger(TokenStore.class);
  static final String FILE_NAME = "tokens.json";

  /** What is persisted: the device id, and the tokens once logged in. */
  public record StoredSession(String deviceId, TokenSet tokens) {
  }

  private final JsonStateFile file;
  private final String accountHash;

  public TokenStore(WorkerExecutor worker, Path stateDir, String username) {
    this.file = new JsonStateFile(stateDir.resolve(FILE_NAME), worker);
    this.accountHash = sha256(username);
  }

  public Path file() {
    return file.path();
  }

  /** The stored session of this account; empty when there is none or it cannot be read. */
  public Future<Optional<StoredSession>> load() {
    return file.load()
        .map(stored -> stored.flatMap(this::session))
        .otherwise(err -> {
          LOG.warn("stored session unreadable ({}); a new login will follow", err.getClass().getSimpleName());
          return Optional.empty();
        });
  }

  /** Writes the session atomically with mode 600 (on the worker pool). */
  public Future<Void> save(StoredSession session) {
    JsonObject json = new JsonObject().put("v", 1).put("account", accountHash).put("deviceId", session.deviceId());
    if (session.tokens() != null) {
      json.put("tokens", tokensToJson(session.tokens()));
    }
    return file.save(json);
  }

  private Optional<StoredSession> session(JsonObject json) {
    if (!accountHash.equals(json.getString("account"))) {
      LOG.info("stored session belongs to another account; ignoring it");
      return Optional.empty();
    }
    try {
      JsonObject tokens = json.getJsonObject("tokens");
      return Optional.of(new StoredSession(json.getString("deviceId"), tokens == null ? null : tokensFromJson(tokens)));
    } catch (RuntimeException e) {
      LOG.warn("stored session unreadable ({}); a new login will follow", e.getClass().getSimpleName());
      return Optional.empty();
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
