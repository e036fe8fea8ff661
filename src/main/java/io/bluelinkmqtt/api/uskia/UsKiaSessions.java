package io.bluelinkmqtt.api.uskia;

import io.bluelinkmqtt.api.ApiErrors;
import io.bluelinkmqtt.api.ApiException;
import io.bluelinkmqtt.api.ApiException.Kind;
import io.bluelinkmqtt.api.CallContext;
import io.bluelinkmqtt.api.OneTimeCodes;
import io.bluelinkmqtt.api.SessionRenewal;
import io.bluelinkmqtt.api.uskia.UsKiaLogin.CodeDemand;
import io.bluelinkmqtt.api.uskia.UsKiaLogin.SignedIn;
import io.bluelinkmqtt.api.uskia.UsKiaSessionStore.Stored;
import io.bluelinkmqtt.config.Secret;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the USA Kia session: the stored one after a restart (no login), else one login (single-flight) with the kept
 * {@code rmtoken}. When the cloud wants a one-time code, the challenge goes to {@link OneTimeCodes} and the call fails
 * {@code login_pending}; the accepted code's session comes back through {@link #accepted}. The {@code deviceid} is made
 * once and kept. A refused login (1001) backs off exponentially, so wrong credentials never loop. Confined to the API
 * verticle's event loop.
 */
final class UsKiaSessions {

  private static final Logger LOG = LoggerFactory.getLogger(UsKiaSessions.class);

  private final UsKiaLogin login;
  private final UsKiaSessionStore store;
  private final OneTimeCodes otp;
  private final String username;
  private final Secret password;
  private final Clock clock;
  private final SessionRenewal<UsKiaSession> renewal;

  private Future<Void> loaded;
  private String deviceId;
  private Secret rmtoken = Secret.empty();
  private UsKiaSession session;

  UsKiaSessions(UsKiaLogin login, UsKiaSessionStore store, OneTimeCodes otp, String username, Secret password,
                Clock clock, long backoffBaseMs, long backoffCapMs) {
    this.login = login;
    this.store = store;
    this.otp = otp;
    this.username = username;
    this.password = password;
    this.clock = clock;
    this.renewal = new SessionRenewal<>(clock, backoffBaseMs, backoffCapMs);
  }

  /** A session: the current one unless older than the lib's 23 h, else a login. */
  Future<UsKiaSession> session(CallContext context) {
    return load().compose(v -> session != null && !session.oldAt(clock.instant())
        ? Future.succeededFuture(session) : signIn(context));
  }

  /** The cloud refused {@code rejected} (1003/1005): a new login, unless another caller already made one. */
  Future<UsKiaSession> renewAfterRejection(UsKiaSession rejected, CallContext context) {
    if (session != null && session != rejected) {
      return Future.succeededFuture(session);
    }
    LOG.info("the USA Kia session ended early; logging in again (the vehicle list is read again too)");
    session = null;
    return signIn(context);
  }

  String deviceId() {
    return deviceId;
  }

  /**
   * The code was accepted ({@code verifyOTP} gave {@code sid}, maybe {@code rmtoken}): with a remember-me token one more
   * {@code authUser} gives the final sid; without one, the verified sid is the session (uvo#1221). Either is kept.
   */
  Future<Void> completeWithCode(Secret sid, Secret newRmtoken, CallContext context) {
    if (newRmtoken.isEmpty()) {
      return accepted(sid, Secret.empty());
    }
    return login.authUser(deviceId, username, password, newRmtoken, sid, context)
        .compose(answer -> accepted(answer instanceof SignedIn signedIn ? signedIn.sid() : sid, newRmtoken));
  }

  private Future<Void> accepted(Secret sid, Secret newRmtoken) {
    if (!newRmtoken.isEmpty()) {
      rmtoken = newRmtoken;
    } else {
      LOG.warn("the cloud accepted the code but gave no remember-me token: the next login may ask for a code again");
    }
    session = new UsKiaSession(sid, rmtoken, clock.instant());
    renewal.succeeded();
    return persist();
  }

  private Future<Void> load() {
    if (loaded == null) {
      loaded = store.load().compose(stored -> {
        if (stored.isPresent()) {
          deviceId = stored.get().deviceId();
          rmtoken = stored.get().rmtoken();
          session = stored.get().session();
          LOG.info(session != null ? "using the stored USA Kia session (no login needed)"
              : "using the stored USA Kia device{}", rmtoken.isEmpty() ? "" : " and remember-me token");
          return Future.succeededFuture();
        }
        deviceId = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
        return persist(); // the same device on every login from now on, or each one would ask for a code
      }).recover(err -> Future.succeededFuture());
    }
    return loaded;
  }

  private Future<UsKiaSession> signIn(CallContext context) {
    return renewal.renew(() -> login.authUser(deviceId, username, password, rmtoken, null, context)
        .compose(answer -> answer instanceof SignedIn signedIn ? signedIn(signedIn)
            : codeDemanded((CodeDemand) answer))
        .recover(this::failed));
  }

  private Future<UsKiaSession> signedIn(SignedIn signedIn) {
    LOG.info("logged in to the USA Kia cloud{}", rmtoken.isEmpty() ? "" : " with the remember-me token");
    session = new UsKiaSession(signedIn.sid(), rmtoken, clock.instant());
    renewal.succeeded();
    return persist().map(v -> session);
  }

  private Future<UsKiaSession> codeDemanded(CodeDemand demand) {
    if (demand.rmTokenExpired() && !rmtoken.isEmpty()) {
      LOG.info("the USA Kia remember-me token expired");
      rmtoken = Secret.empty();
    }
    UsKiaChallenge challenge = new UsKiaChallenge(login, this, demand, clock);
    otp.solve(challenge).onFailure(e -> LOG.info("the one-time-code login did not complete: {}", e.getMessage()));
    return Future.failedFuture(OneTimeCodes.loginPending());
  }

  private Future<UsKiaSession> failed(Throwable err) {
    ApiException failure = ApiErrors.from(err);
    // only refused credentials wait here; any other failure lets the next caller try again
    if (failure.kind() == Kind.AUTH_FAILED) {
      long delay = renewal.backOff(failure);
      LOG.warn("USA Kia login refused: {}; next attempt in {} ms", failure.getMessage(), delay);
    }
    return Future.failedFuture(failure);
  }

  private Future<Void> persist() {
    return store.save(new Stored(deviceId, rmtoken, session)).recover(err -> {
      LOG.warn("could not store the USA Kia session ({}); it lives in memory only", err.getClass().getSimpleName());
      return Future.succeededFuture();
    });
  }
}
