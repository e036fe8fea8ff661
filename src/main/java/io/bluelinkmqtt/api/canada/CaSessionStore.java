package io.bluelinkmqtt.api.canada;

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
 * Keeps the Canadian {@code Deviceid} and the session in {@code <stateDir>/ca-session.json} (mode 600, atomic, on
 * the worker pool). The Deviceid must be the same on every login, or the cloud asks for a one-time code again
 * (§2.8, §11: OTP loops); the session lets a restart go without a login. The account name is stored as a hash: the
 * file of another account is never used.
 */
final class CaSessionStore {

  private static final Logger LOG = LoggerFactory.getLogger(CaSessionStore.class);
  static final String FILE_NAME = "ca-session.json";

  /** What is persisted: the Deviceid always, the session once logged in. */
  record Stored(String deviceId, CaSession session) {
  }

  private final JsonStateFile file;
  private final String accountHash;

  CaSessionStore(WorkerExecutor worker, Path stateDir, String username) {
    this.file = new JsonStateFile(stateDir.resolve(FILE_NAME), worker);
    this.accountHash = sha256(username);
  }

  Path file() {
    return file.path();
  }

  Future<Optional<Stored>> load() {
    return file.load().map(json -> json.flatMap(this::parse)).otherwise(err -> {
      LOG.warn("stored Canadian session unreadable ({}); a new login will follow", err.getClass().getSimpleName());
      return Optional.empty();
    });
  }

  Future<Void> save(Stored stored) {
    JsonObject json = new JsonObject().put("v", 1).put("account", accountHash).put("deviceId", stored.deviceId());
    CaSession s = stored.session();
    if (s != null) {
      json.put("accessToken", s.accessToken().reveal()).put("validUntil", s.validUntil().toString())
          .put("province", s.province());
    }
    return file.save(json);
  }

  private Optional<Stored> parse(JsonObject json) {
    if (!accountHash.equals(json.getString("account")) || !(json.getValue("deviceId") instanceof String device)) {
      LOG.info("stored Canadian session belongs to another account or has no device id; ignoring it");
      return Optional.empty();
    }
    try {
      CaSession session = json.getValue("accessToken") instanceof String token
          ? new CaSession(Secret.of(token), Instant.parse(json.getString("validUntil")), json.getString("province"))
          : null;
      return Optional.of(new Stored(device, session));
    } catch (RuntimeException e) {
      LOG.warn("stored Canadian session unreadable ({}); keeping the device id", e.getClass().getSimpleName());
      return Optional.of(new Stored(device, null));
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
