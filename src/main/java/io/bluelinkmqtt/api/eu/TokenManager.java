package io.bluelinkmqtt.api.eu;

import io.bluelinkmqtt.api.ApiErrors;
import io.bluelinkmqtt.api.ApiException;
import io.bluelinkmqtt.api.ApiException.Kind;
import io.bluelinkmqtt.api.CallContext;
import io.bluelinkmqtt.api.eu.TokenStore.StoredSession;
import io.bluelinkmqtt.config.Secret;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the session: loads it from the {@link TokenStore} (so a restart does not log in), renews it
 * 10 s before expiry by the injected clock, and after the cloud refused it. Renewal is
 * <em>single-flight</em>: every caller that meets an expired token while a renewal is pending
 * shares that one future. A failed renewal (refresh, then one login) backs off exponentially; until
 * the backoff passes, callers fail at once with the last failure and no call is made, so a broken
 * login never loops (each login registers a device on the account). Confined to one event loop.
 */
public final class TokenManager {

  private static final Logger LOG = LoggerFactory.getLogger(TokenManager.class);
  static final long EXPIRY_SKEW_SECONDS = 10;

  /** A usable session: the device id and the tokens. */
  public record Session(String deviceId, TokenSet tokens) {
  }

  private final EuLogin login;
  private final TokenStore store;
  private final String username;
  private final Secret password;
  private final Clock clock;
  private final long backoffBaseMs;
  private final long backoffCapMs;

  private Future<Optional<StoredSession>> loaded;
  private String deviceId;
  private Session session;
  private Future<Session> pending;
  private int consecutiveFailures;
  private Instant nextAttemptAt = Instant.MIN;
  private ApiException lastFailure;

  public TokenManager(EuLogin login, TokenStore store, String username, Secret password, Clock clock,
                      long backoffBaseMs, long backoffCapMs) {
    this.login = login;
    this.store = store;
    this.username = username;
    this.password = password;
    this.clock = clock;
    this.backoffBaseMs = backoffBaseMs;
    this.backoffCapMs = backoffCapMs;
  }

  /** A session valid for at least 10 more seconds: stored, refreshed or freshly logged in. */
  public Future<Session> session(CallContext context) {
    return load().compose(v -> {
      if (session != null && !session.tokens().expiresBy(clock.instant(), EXPIRY_SKEW_SECONDS)) {
        return Future.succeededFuture(session);
      }
      return renew(context);
    });
  }

  /**
   * The cloud refused {@code rejected}: renew it, unless another caller already did (then the
   * newer session is returned without any call).
   */
  public Future<Session> renewAfterRejection(Session rejected, CallContext context) {
    if (session != null && session != rejected) {
      return Future.succeededFuture(session);
    }
    return renew(context);
  }

  /** The cloud invalidated the device id (4002): register a new one, keep the tokens. */
  public Future<Session> reRegisterDevice(Session stale, CallContext context) {
    if (session != null && !session.deviceId().equals(stale.deviceId())) {
      return Future.succeededFuture(session);
    }
    return singleFlight(ctx -> login.registerDevice(ctx)
        .compose(id -> {
          deviceId = id;
          session = new Session(id, stale.tokens());
          return persist(session);
        }), context);
  }

  /** The session in memory, if any (tests and diagnostics). */
  public Optional<Session> current() {
    return Optional.ofNullable(session);
  }

  private Future<Void> load() {
    if (loaded == null) {
      loaded = store.load().onSuccess(stored -> stored.ifPresent(s -> {
        deviceId = s.deviceId();
        if (s.tokens() != null && deviceId != null) {
          session = new Session(deviceId, s.tokens());
          LOG.info("using the stored session (no login needed)");
        }
      })).recover(err -> {
        LOG.warn("could not read the stored session ({})", err.getClass().getSimpleName());
        return Future.succeededFuture(Optional.empty());
      });
    }
    return loaded.mapEmpty();
  }

  private Future<Session> renew(CallContext context) {
    return singleFlight(this::refreshOrLogin, context);
  }

  private Future<Session> singleFlight(Function<CallContext, Future<Session>> operation, CallContext context) {
    if (pending != null) {
      return pending;
    }
    Instant now = clock.instant();
    if (now.isBefore(nextAttemptAt)) {
      return Future.failedFuture(lastFailure.as(lastFailure.kind(),
          lastFailure.getMessage() + " (next attempt after " + nextAttemptAt + ")"));
    }
    Future<Session> started;
    try {
      started = operation.apply(context);
    } catch (RuntimeException e) {
      started = Future.failedFuture(e);
    }
    Future<Session> flight = started
        .onSuccess(s -> {
          consecutiveFailures = 0;
          nextAttemptAt = Instant.MIN;
        })
        .recover(err -> {
          ApiException cause = ApiErrors.from(err);
          ApiException failure = asAuthFailure(cause);
          // only refused credentials escalate the backoff (each login registers a device on the account);
          // a network or cloud outage waits the base delay, so the bridge is back soon after the network is
          boolean refused = cause.kind() == Kind.AUTH_FAILED || cause.kind() == Kind.TOKEN_EXPIRED;
          consecutiveFailures = refused ? consecutiveFailures + 1 : consecutiveFailures;
          long delay = refused
              ? Math.min(backoffCapMs, backoffBaseMs * (1L << Math.min(consecutiveFailures - 1, 30)))
              : Math.min(backoffCapMs, backoffBaseMs);
          nextAttemptAt = clock.instant().plusMillis(delay);
          lastFailure = failure;
          LOG.warn("session renewal failed: {}; next attempt in {} ms", failure.getMessage(), delay);
          return Future.failedFuture(failure);
        });
    pending = flight;
    flight.onComplete(ar -> {
      if (pending == flight) {
        pending = null;
      }
    });
    return flight;
  }

  private Future<Session> refreshOrLogin(CallContext context) {
    Session old = session;
    if (old == null) {
      return ensureDevice(context).compose(id -> loginWith(id, context));
    }
    return login.refreshTokens(old.tokens(), old.deviceId(), context)
        // store the refreshed (possibly rotated) set before the exchange: if the exchange fails, the next
        // attempt refreshes with the new refresh token instead of falling back to a password login
        .compose(refreshed -> {
          session = new Session(old.deviceId(), refreshed);
          return persist(session).compose(stored -> login.completeRefresh(refreshed, old.deviceId(), context));
        })
        .compose(tokens -> {
          LOG.info("session refreshed");
          session = new Session(old.deviceId(), tokens);
          return persist(session);
        })
        .recover(err -> {
          ApiException failure = ApiErrors.from(err);
          if (failure.kind() != Kind.AUTH_FAILED && failure.kind() != Kind.TOKEN_EXPIRED) {
            return Future.failedFuture(failure);
          }
          LOG.info("refresh rejected; logging in again");
          session = null;
          return loginWith(old.deviceId(), context);
        });
  }

  private Future<String> ensureDevice(CallContext context) {
    if (deviceId != null) {
      return Future.succeededFuture(deviceId);
    }
    return login.registerDevice(context).compose(id -> {
      deviceId = id;
      return store.save(new StoredSession(id, null)).map(id);
    });
  }

  private Future<Session> loginWith(String device, CallContext context) {
    return login.login(username, password, device, context).compose(tokens -> {
      LOG.info("logged in");
      session = new Session(device, tokens);
      return persist(session);
    });
  }

  private Future<Session> persist(Session s) {
    return store.save(new StoredSession(s.deviceId(), s.tokens())).map(s)
        .recover(err -> {
          LOG.warn("could not store the session ({}); it lives in memory only", err.getClass().getSimpleName());
          return Future.succeededFuture(s);
        });
  }

  /** Renewal failures that are not transport problems surface as AUTH_FAILED. */
  private static ApiException asAuthFailure(ApiException failure) {
    if (failure.kind() == Kind.TOKEN_EXPIRED || failure.kind() == Kind.OTHER || failure.kind() == Kind.DEVICE_INVALID) {
      return failure.as(Kind.AUTH_FAILED, "session renewal failed: " + failure.getMessage());
    }
    return failure;
  }
}
