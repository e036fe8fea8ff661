package io.bluelinkmqtt.api.canada;

import io.bluelinkmqtt.api.ApiErrors;
import io.bluelinkmqtt.api.ApiException;
import io.bluelinkmqtt.api.ApiException.Kind;
import io.bluelinkmqtt.api.CallContext;
import io.bluelinkmqtt.api.OneTimeCodes;
import io.bluelinkmqtt.api.SessionRenewal;
import io.bluelinkmqtt.api.canada.CaSessionStore.Stored;
import io.bluelinkmqtt.config.Secret;
import io.vertx.core.Future;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the Canadian session: the stable Deviceid (made once, stored, sent on every call), the stored session (a
 * restart does not log in), and the login, which is <em>single-flight</em> (every caller that needs a session while
 * one is being made shares it). There is no refresh endpoint (§2.8): an expired token (by the clock, or 7403 / 7602
 * / 7606 from the cloud) means one new login. A login answered 7110 hands a {@link CaMfaChallenge} to
 * {@link OneTimeCodes} without waiting for the owner and fails with {@code login_pending}; while the code is awaited
 * every caller fails the same way and no second login is attempted; the accepted code's session becomes the session
 * (the next call finds it). Failed logins, and a challenge that ended without a code, back off exponentially, so a
 * broken login never loops. Confined to one event loop.
 */
final class CaSessionManager {

  private static final Logger LOG = LoggerFactory.getLogger(CaSessionManager.class);
  static final long EXPIRY_SKEW_SECONDS = 10;
  /** /dev/urandom only: the default SecureRandom may seed itself from /dev/random and block the event loop. */
  private static final SecureRandom RANDOM = nonBlockingRandom();

  private final CaLogin login;
  private final CaSessionStore store;
  private final OneTimeCodes codes;
  private final String username;
  private final Secret password;
  private final Clock clock;
  private final SessionRenewal<CaSession> renewal;

  private Future<Void> loaded;
  private String deviceId;
  private CaSession session;

  CaSessionManager(CaLogin login, CaSessionStore store, OneTimeCodes codes, String username, Secret password,
                   Clock clock, long backoffBaseMs, long backoffCapMs) {
    this.login = login;
    this.store = store;
    this.codes = codes;
    this.username = username;
    this.password = password;
    this.clock = clock;
    this.renewal = new SessionRenewal<>(clock, backoffBaseMs, backoffCapMs);
  }

  /** A session valid for 10 more seconds at least: stored or freshly logged in. */
  Future<CaSession> session(CallContext context) {
    return load().compose(v -> {
      if (session != null && !session.expiresBy(clock.instant(), EXPIRY_SKEW_SECONDS)) {
        return Future.succeededFuture(session);
      }
      return relogin(context);
    });
  }

  /** The cloud refused {@code rejected}: log in again, unless another caller already did. */
  Future<CaSession> renewAfterRejection(CaSession rejected, CallContext context) {
    if (session != null && session != rejected) {
      return Future.succeededFuture(session);
    }
    session = null;
    return relogin(context);
  }

  /** The stable Deviceid; valid once a session was asked for. */
  String deviceId() {
    return deviceId;
  }

  Optional<CaSession> current() {
    return Optional.ofNullable(session);
  }

  private Future<Void> load() {
    if (loaded == null) {
      loaded = store.load().map(stored -> {
        stored.ifPresent(s -> {
          deviceId = s.deviceId();
          session = s.session();
          if (session != null) {
            LOG.info("using the stored Canadian session (no login needed)");
          }
        });
        if (deviceId == null) {
          deviceId = newDeviceId();
        }
        return null;
      });
    }
    return loaded;
  }

  private Future<CaSession> relogin(CallContext context) {
    if (!renewal.inFlight() && codes.pending()) {
      return Future.failedFuture(OneTimeCodes.loginPending());
    }
    return renewal.renew(() -> loginOnce(context)
        .compose(this::complete)
        .onSuccess(s -> renewal.succeeded())
        .recover(this::backOff));
  }

  private Future<CaSession> loginOnce(CallContext context) {
    // the Deviceid is on disk before the first login: a crash after the cloud registered it must not make a new one
    return store.save(new Stored(deviceId, null)).otherwiseEmpty()
        .compose(v -> login.login(username, password, deviceId, context))
        .compose(outcome -> {
          if (!outcome.codeRequired()) {
            LOG.info("logged in to the Canadian cloud");
            return Future.succeededFuture(outcome.session());
          }
          LOG.info("the Canadian cloud asks for a one-time code for this device (7110); asking the owner");
          return login.challenge(username, deviceId, context, this::acceptedByCode).compose(this::askOwner);
        });
  }

  /** Hands the challenge to the owner's dialogue, without waiting for it: the call that needed the login fails now. */
  private Future<CaSession> askOwner(CaMfaChallenge challenge) {
    Future<Void> solved = codes.solve(challenge);
    if (solved.failed()) {
      return Future.failedFuture(solved.cause());
    }
    solved.onFailure(err -> {
      if (session == null) {
        // the challenge ended without a code: no new login (and no new code) before the backoff passes
        backOff(new ApiException(Kind.AUTH_FAILED, "the one-time code was not given in time"));
      }
    });
    return Future.failedFuture(OneTimeCodes.loginPending());
  }

  /** The owner's code was accepted: {@code genmfatkn}'s session is the session from now on. */
  private Future<CaSession> acceptedByCode(CaSession fresh) {
    LOG.info("one-time code accepted; the cloud remembers this device");
    renewal.succeeded();
    return complete(fresh);
  }

  private Future<CaSession> complete(CaSession fresh) {
    session = fresh;
    return store.save(new Stored(deviceId, fresh)).map(fresh).recover(err -> {
      LOG.warn("could not store the Canadian session ({}); it lives in memory only", err.getClass().getSimpleName());
      return Future.succeededFuture(fresh);
    });
  }

  private Future<CaSession> backOff(Throwable err) {
    ApiException cause = ApiErrors.from(err);
    if (cause.kind() == Kind.LOGIN_PENDING) {
      return Future.failedFuture(cause);
    }
    ApiException failure = cause.kind() == Kind.TOKEN_EXPIRED || cause.kind() == Kind.OTHER
        ? cause.as(Kind.AUTH_FAILED, "login failed: " + cause.getMessage()) : cause;
    long delay = renewal.backOff(failure);
    LOG.warn("Canadian login failed: {}; next attempt in {} ms", failure.getMessage(), delay);
    return Future.failedFuture(failure);
  }

  static SecureRandom nonBlockingRandom() {
    try {
      return SecureRandom.getInstance("NativePRNGNonBlocking");
    } catch (java.security.NoSuchAlgorithmException notOnThisPlatform) {
      return new SecureRandom();
    }
  }

  /** A stable base64 string like the portal's: 16 random bytes. */
  private static String newDeviceId() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64.getEncoder().encodeToString(bytes);
  }
}
