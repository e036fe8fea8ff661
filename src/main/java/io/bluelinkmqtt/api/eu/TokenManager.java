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
 * <em>single-flight</em> from the CCI refresh to the end of the CCS exchange: every caller that meets
 * an expired token while a renewal is pending shares that one future, and the session handed to
 * callers is only ever a complete one (a refreshed CCI set is stored for recovery before the
 * exchange, but CCAPI accepts only the exchanged CCS token). A failed renewal (refresh, then one
 * login) backs off exponentially; until the backoff passes, callers fail at once with the last
 * failure and no call is made, so a broken login never loops (each login registers a device on the
 * account). Confined to one event loop.
 */
public final class TokenManager {

  private static final Logger LOG = LoggerFactory.getLogger(TokenManager.class);
  static final long EXPIRY_SKEW_SECONDS = 10;

  /** A usable session: the device id and the tokens. */
  public record Session(String deviceId, TokenSet tokens) {
  }

  private final SessionLogin login;
  private final TokenStore store;
  private final String username;
  private final Secret password;
  private final Clock clock;
  private final long backoffBaseMs;
  private final long backoffCapMs;

  private Future<Optional<StoredSession>> loaded;
  private String deviceId;
  /** The current complete session (CCS token present); the only one handed to callers. */
  private Session session;
  /** A refreshed set whose CCS exchange has not succeeded yet: the next renewal refreshes from it. */
  private TokenSet unexchanged;
  private Future<Session> pending;
  private int consecutiveFailures;
  private Instant nextAttemptAt = Instant.MIN;
  private ApiException lastFailure;

  public TokenManager(SessionLogin login, TokenStore store, String username, Secret password, Clock clock,
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
          // a refreshed set not yet exchanged holds the newer refresh token: keep that one on disk
          return store(id, unexchanged != null ? unexchanged : stale.tokens()).map(session);
        }), context);
  }

  /** The current complete session, if any (tests and diagnostics); never a set still waiting for its exchange. */
  public Optional<Session> current() {
    return Optional.ofNullable(session);
  }

  private Future<Void> load() {
    if (loaded == null) {
      loaded = store.load().onSuccess(stored -> stored.ifPresent(s -> {
        deviceId = s.deviceId();
        if (s.tokens() != null && deviceId != null && s.tokens().exchanged()) {
          session = new Session(deviceId, s.tokens());
          LOG.info("using the stored session (no login needed)");
        } else if (s.tokens() != null && deviceId != null) {
          unexchanged = s.tokens();
          LOG.info("the stored session was refreshed but not exchanged; it is renewed before the first call");
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
    TokenSet source = unexchanged != null ? unexchanged : session == null ? null : session.tokens();
    if (source == null || deviceId == null) {
      return ensureDevice(context).compose(id -> loginWith(id, context));
    }
    String device = session != null ? session.deviceId() : deviceId;
    return login.refreshTokens(source, device, context)
        // store the refreshed (possibly rotated) set before the exchange: if the exchange fails, the next
        // attempt refreshes with the new refresh token instead of falling back to a password login.
        // It is kept apart from the session: CCAPI refuses it until it is exchanged.
        .compose(refreshed -> {
          unexchanged = refreshed.exchanged() ? null : refreshed;
          return store(device, refreshed).compose(stored -> login.completeRefresh(refreshed, device, context));
        })
        .compose(tokens -> {
          LOG.info("session refreshed");
          return complete(new Session(device, tokens));
        })
        .recover(err -> {
          ApiException failure = ApiErrors.from(err);
          if (failure.kind() != Kind.AUTH_FAILED && failure.kind() != Kind.TOKEN_EXPIRED) {
            return Future.failedFuture(failure);
          }
          LOG.info("refresh rejected; logging in again");
          session = null;
          unexchanged = null;
          return loginWith(device, context);
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
      return complete(new Session(device, tokens));
    });
  }

  /** Makes a complete session current and stores it. */
  private Future<Session> complete(Session complete) {
    session = complete;
    unexchanged = null;
    return persist(complete);
  }

  private Future<Session> persist(Session s) {
    return store(s.deviceId(), s.tokens()).map(s);
  }

  private Future<Void> store(String device, TokenSet tokens) {
    return store.save(new StoredSession(device, tokens)).<Void>mapEmpty()
        .recover(err -> {
          LOG.warn("could not store the session ({}); it lives in memory only", err.getClass().getSimpleName());
          return Future.succeededFuture();
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
