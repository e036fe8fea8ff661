package io.bluelinkmqtt.api.canada;

import io.bluelinkmqtt.api.ApiErrors;
import io.bluelinkmqtt.api.ApiException;
import io.bluelinkmqtt.api.ApiException.Kind;
import io.bluelinkmqtt.api.CallContext;
import io.bluelinkmqtt.api.CallKind;
import io.bluelinkmqtt.api.ResilientCaller.Concern;
import io.bluelinkmqtt.api.canada.mapping.CaJson;
import io.bluelinkmqtt.config.Secret;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/**
 * The Canadian login (§2.8): {@code POST v2/login} with the stable Deviceid; {@code 7110} means a one-time code is
 * needed, which {@link CaMfaChallenge} runs ({@code mfa/selverifmeth}, {@code sendotp}, {@code validateotp},
 * {@code genmfatkn}). The token lives {@code expireIn} seconds less a minute, like the reference client.
 */
final class CaLogin {

  static final String MFA_API_CODE = "0107";
  /** Subtracted from {@code expireIn}, so the token is replaced before the cloud drops it. */
  static final long EXPIRY_MARGIN_SECONDS = 60;

  /** What a login attempt got: a session, or the cloud's demand for a code. */
  record Outcome(CaSession session, boolean codeRequired) {
  }

  private final CaTransport transport;
  private final Clock clock;

  CaLogin(CaTransport transport, Clock clock) {
    this.transport = transport;
    this.clock = clock;
  }

  Future<Outcome> login(String username, Secret password, String deviceId, CallContext context) {
    JsonObject body = new JsonObject().put("loginId", username).put("password", password.reveal());
    return transport.post(Concern.AUTH, CallKind.LOGIN, context, "v2/login", deviceId, Map.of(), body, null)
        .map(answer -> new Outcome(session(answer.result()), false))
        .recover(err -> {
          ApiException failure = ApiErrors.from(err);
          return CaErrors.OTP_REQUIRED.equals(failure.cloudCode()) ? Future.succeededFuture(new Outcome(null, true))
              : Future.failedFuture(failure);
        });
  }

  /** Opens the MFA dialogue for this device: asks the cloud which channels it offers (one call). */
  Future<CaMfaChallenge> challenge(String username, String deviceId, CallContext context,
                                   Function<CaSession, Future<CaSession>> onAccepted) {
    JsonObject body = new JsonObject().put("mfaApiCode", MFA_API_CODE).put("userAccount", username);
    return mfa("mfa/selverifmeth", deviceId, body, context)
        .map(result -> new CaMfaChallenge(this, username, deviceId, result, context, clock, onAccepted));
  }

  /** One MFA step; its {@code result}. */
  Future<JsonObject> mfa(String path, String deviceId, JsonObject body, CallContext context) {
    return transport.post(Concern.AUTH, CallKind.LOGIN, context, path, deviceId, Map.of(), body, null)
        .map(CaTransport.Answer::result);
  }

  /** {@code result.token} (+ {@code accountInformation}) of a login or {@code genmfatkn} as a session. */
  CaSession session(JsonObject result) {
    JsonObject token = CaJson.object(result, "token");
    String access = CaJson.text(CaJson.at(token, "accessToken"));
    if (access == null || access.isEmpty()) {
      throw new ApiException(Kind.AUTH_FAILED, "login answered without an access token");
    }
    Integer expireIn = CaJson.wholeIn(CaJson.at(token, "expireIn"), 1, Integer.MAX_VALUE);
    long lifetime = Math.max(EXPIRY_MARGIN_SECONDS, (expireIn == null ? 86_400 : expireIn)) - EXPIRY_MARGIN_SECONDS;
    Instant validUntil = clock.instant().plusSeconds(lifetime);
    String province = CaJson.text(CaJson.at(result, "accountInformation", "addresses", "primary", "province"));
    return new CaSession(Secret.of(access), validUntil, province);
  }
}
