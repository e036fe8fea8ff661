package io.bluelinkmqtt.api.ushyundai;

import io.bluelinkmqtt.api.ApiErrors;
import io.bluelinkmqtt.api.ApiException;
import io.bluelinkmqtt.api.ApiException.Kind;
import io.bluelinkmqtt.api.CallContext;
import io.bluelinkmqtt.api.CallKind;
import io.bluelinkmqtt.api.ResilientCaller;
import io.bluelinkmqtt.api.ResilientCaller.Concern;
import io.bluelinkmqtt.api.UpstreamHttp;
import io.bluelinkmqtt.config.Secret;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Clock;

/**
 * The two token calls of §2.6, both {@code POST /v2/ac/oauth/token}: the login ({@code username}, {@code password})
 * and the refresh, which the endpoint accepts only with username and password beside the refresh token (the
 * refresh token rotates). Neither is ever resent: a login attempt counts against the account.
 */
final class UsLogin {

  /** Assumed when the answer names no lifetime (§2.6: about 30 minutes in 2026). */
  static final long DEFAULT_LIFETIME_SECONDS = 1800;

  private final UpstreamHttp http;
  private final ResilientCaller caller;
  private final String base;
  private final Clock clock;

  UsLogin(UpstreamHttp http, ResilientCaller caller, String base, Clock clock) {
    this.http = http;
    this.caller = caller;
    this.base = base;
    this.clock = clock;
  }

  Future<UsTokens> login(String username, Secret password, CallContext context) {
    JsonObject body = new JsonObject().put("username", username).put("password", password.reveal());
    return tokenCall(CallKind.LOGIN, body, context);
  }

  Future<UsTokens> refresh(String username, Secret password, UsTokens current, CallContext context) {
    JsonObject body = new JsonObject().put("username", username).put("password", password.reveal())
        .put("grant_type", "refresh_token").put("refresh_token", current.refreshToken().reveal());
    return tokenCall(CallKind.TOKEN_REFRESH, body, context);
  }

  private Future<UsTokens> tokenCall(CallKind kind, JsonObject body, CallContext context) {
    return caller.call(Concern.AUTH, kind, context, false,
            () -> http.send(HttpMethod.POST, base + UsHyundaiProfile.TOKEN_PATH, UsHyundaiProfile.baseHeaders(base, clock),
                    body.toBuffer())
                .map(response -> UsHyundaiErrors.checkEnvelope(response, clock)))
        .recover(err -> Future.failedFuture(refused(ApiErrors.from(err), kind)))
        .map(this::tokens);
  }

  private UsTokens tokens(JsonObject json) {
    Object access = json.getValue("access_token");
    Object refresh = json.getValue("refresh_token");
    if (!(access instanceof String a) || a.isEmpty() || !(refresh instanceof String r) || r.isEmpty()) {
      throw new ApiException(Kind.AUTH_FAILED, "the token answer holds no access or refresh token");
    }
    long lifetime = DEFAULT_LIFETIME_SECONDS;
    Object expires = json.getValue("expires_in");
    if (expires instanceof Number n && n.longValue() > 0) {
      lifetime = n.longValue();
    } else if (expires instanceof String s && s.matches("\\d{1,9}")) {
      lifetime = Long.parseLong(s);
    }
    return new UsTokens(Secret.of(a), Secret.of(r), clock.instant().plusSeconds(lifetime));
  }

  /** A token call the cloud answered with a refusal failed for good: the credentials (or the refresh token). */
  private static ApiException refused(ApiException failure, CallKind kind) {
    return switch (failure.kind()) {
      case TOKEN_EXPIRED, OTHER, WRONG_PIN -> failure.as(Kind.AUTH_FAILED,
          (kind == CallKind.LOGIN ? "login refused: " : "token refresh refused: ") + failure.getMessage());
      default -> failure;
    };
  }
}
