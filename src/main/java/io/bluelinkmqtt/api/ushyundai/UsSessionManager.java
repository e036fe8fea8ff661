package io.bluelinkmqtt.api.ushyundai;

import io.bluelinkmqtt.api.ApiErrors;
import io.bluelinkmqtt.api.ApiException;
import io.bluelinkmqtt.api.ApiException.Kind;
import io.bluelinkmqtt.api.CallContext;
import io.bluelinkmqtt.api.SessionRenewal;
import io.bluelinkmqtt.config.Secret;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the US Hyundai session: loads it from the {@link UsSessionStore} (a restart does not log in), renews it 10 s
 * before expiry by the injected clock and after the cloud refused it: the refresh grant first (it needs the username
 * and password too, §2.6), a login when the refresh is refused. Renewal is single-flight: every caller that meets an
 * expired token while one is pending shares it. A failed renewal backs off (refused credentials exponentially), and
 * until the backoff passes callers fail at once with no call. Confined to one event loop.
 */
final class UsSessionManager {

  private static final Logger LOG = LoggerFactory.getLogger(UsSessionManager.class);
  static final long EXPIRY_SKEW_SECONDS = 10;

  private final UsLogin login;
  private final UsSessionStore store;
  private final String username;
  private final Secret password;
  private final Clock clock;
  private final SessionRenewal<UsTokens> renewal;

  private Future<Void> loaded;
  private UsTokens tokens;

  UsSessionManager(UsLogin login, UsSessionStore store, String username, Secret password, Clock clock,
                   long backoffBaseMs, long backoffCapMs) {
    this.login = login;
    this.store = store;
    this.username = username;
    this.password = password;
    this.clock = clock;
    this.renewal = new SessionRenewal<>(clock, backoffBaseMs, backoffCapMs);
  }

  /** Tokens valid for at least 10 more seconds: stored, refreshed or freshly logged in. */
  Future<UsTokens> tokens(CallContext context) {
    return load().compose(v -> tokens != null && !tokens.expiresBy(clock.instant(), EXPIRY_SKEW_SECONDS)
        ? Future.succeededFuture(tokens) : renew(context));
  }

  /** The cloud refused {@code rejected}: renew, unless another caller already has (then no call is made). */
  Future<UsTokens> renewAfterRejection(UsTokens rejected, CallContext context) {
    if (tokens != null && tokens != rejected) {
      return Future.succeededFuture(tokens);
    }
    return renew(context);
  }

  Optional<UsTokens> current() {
    return Optional.ofNullable(tokens);
  }

  private Future<Void> load() {
    if (loaded == null) {
      loaded = store.load().onSuccess(stored -> stored.ifPresent(t -> {
        tokens = t;
        LOG.info("using the stored session (no login needed)");
      })).<Void>mapEmpty().recover(err -> Future.succeededFuture());
    }
    return loaded;
  }

  private Future<UsTokens> renew(CallContext context) {
    return renewal.renew(() -> refreshOrLogin(context)
        .compose(renewed -> {
          tokens = renewed;
          renewal.succeeded();
          return store.save(renewed).map(renewed).recover(err -> {
            LOG.warn("could not store the session ({}); it lives in memory only", err.getClass().getSimpleName());
            return Future.succeededFuture(renewed);
          });
        })
        .recover(err -> {
          ApiException failure = ApiErrors.from(err);
          long delay = renewal.backOff(failure);
          LOG.warn("session renewal failed: {}; next attempt in {} ms", failure.getMessage(), delay);
          return Future.failedFuture(failure);
        }));
  }

  private Future<UsTokens> refreshOrLogin(CallContext context) {
    if (tokens == null) {
      return login.login(username, password, context).onSuccess(t -> LOG.info("logged in"));
    }
    return login.refresh(username, password, tokens, context)
        .onSuccess(t -> LOG.info("session refreshed"))
        .recover(err -> {
          if (ApiErrors.from(err).kind() != Kind.AUTH_FAILED) {
            return Future.failedFuture(err);
          }
          LOG.info("refresh refused; logging in again");
          tokens = null;
          return login.login(username, password, context).onSuccess(t -> LOG.info("logged in"));
        });
  }
}
