package io.bluelinkmqtt.api.uskia;

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
 * {@code <stateDir>/uskia-session.json}: the persistent {@code deviceid} (a new one means a new device, and a one-time
 * code), the {@code rmtoken} and the last {@code sid}. Written atomically on the worker pool; a file of another account
 * (hash of its name) is never used.
 */
final class UsKiaSessionStore {

  static final String FILE_NAME = "uskia-session.json";
  private static final Logger LOG = LoggerFactory.getLogger(UsKiaSessionStore.class);

  /** What is kept: the device always, the session once there is one, the remember-me token on its own. */
  record Stored(String deviceId, Secret rmtoken, UsKiaSession session) {
  }

  private final JsonStateFile file;
  private final String accountHash;

  UsKiaSessionStore(WorkerExecutor worker, Path stateDir, String username) {
    this.file = new JsonStateFile(stateDir.resolve(FILE_NAME), worker);
    this.accountHash = sha256(username);
  }

  Future<Optional<Stored>> load() {
    return file.load().map(json -> json.flatMap(this::read)).otherwise(err -> {
      LOG.warn("stored USA Kia session unreadable ({}); a new login will follow", err.getClass().getSimpleName());
      return Optional.empty();
    });
  }

  Future<Void> save(Stored stored) {
    JsonObject json = new JsonObject().put("v", 1).put("account", accountHash).put("deviceId", stored.deviceId())
        .put("rmtoken", stored.rmtoken().reveal());
    if (stored.session() != null) {
      json.put("sid", stored.session().sid().reveal()).put("issuedAt", stored.session().issuedAt().toString());
    }
    return file.save(json);
  }

  private Optional<Stored> read(JsonObject json) {
    if (!accountHash.equals(json.getString("account")) || json.getString("deviceId") == null) {
      LOG.info("stored USA Kia session belongs to another account; ignoring it");
      return Optional.empty();
    }
    try {
      String sid = json.getString("sid");
      UsKiaSession session = sid == null || sid.isEmpty() ? null
          : new UsKiaSession(Secret.of(sid), Secret.of(json.getString("rmtoken")),
              Instant.parse(json.getString("issuedAt")));
      return Optional.of(new Stored(json.getString("deviceId"), Secret.of(json.getString("rmtoken")), session));
    } catch (RuntimeException e) {
      LOG.warn("stored USA Kia session unreadable ({}); a new login will follow", e.getClass().getSimpleName());
      return Optional.empty();
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
