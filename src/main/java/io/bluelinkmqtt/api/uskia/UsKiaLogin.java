package io.bluelinkmqtt.api.uskia;

import io.bluelinkmqtt.api.ApiException;
import io.bluelinkmqtt.api.ApiException.Kind;
import io.bluelinkmqtt.api.CallContext;
import io.bluelinkmqtt.api.CallKind;
import io.bluelinkmqtt.api.ResilientCaller;
import io.bluelinkmqtt.api.ResilientCaller.Concern;
import io.bluelinkmqtt.api.UpstreamHttp;
import io.bluelinkmqtt.api.UpstreamResponse;
import io.bluelinkmqtt.config.Secret;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Locale;
import java.util.function.Function;

/**
 * The USA Kia sign-in calls (§2.7): {@code prof/authUser} (with the {@code rmtoken} when one is kept), and the
 * one-time-code branch {@code cmm/sendOTP}, {@code cmm/verifyOTP}, the completing {@code authUser}. Each is one call
 * through the {@link ResilientCaller}, never retried (a login is not repeated behind the owner's back).
 */
final class UsKiaLogin {

  /** What {@code authUser} answered: a session id, or the demand for a one-time code. */
  sealed interface SignIn permits SignedIn, CodeDemand {
  }

  record SignedIn(Secret sid) implements SignIn {
  }

  /**
   * @param otpKey and {@code xid} name the code transaction; {@code email}/{@code phone} as the cloud gives them
   * @param rmTokenExpired the kept remember-me token was refused
   */
  record CodeDemand(Secret otpKey, Secret xid, boolean hasEmail, boolean hasPhone, String email, String phone,
                    boolean rmTokenExpired) implements SignIn {
  }

  /** verifyOTP's answer: the session (and remember-me token, when given), or why the code was not taken. */
  record Verified(Secret sid, Secret rmtoken, Refusal refusal) {
  }

  enum Refusal { WRONG_CODE, EXPIRED }

  private final UpstreamHttp http;
  private final ResilientCaller caller;
  private final String base;
  private final Clock clock;

  UsKiaLogin(UpstreamHttp http, ResilientCaller caller, String base, Clock clock) {
    this.http = http;
    this.caller = caller;
    this.base = base;
    this.clock = clock;
  }

  /** {@code authUser}; {@code sid} only for the call that completes a code's login. */
  Future<SignIn> authUser(String deviceId, String username, Secret password, Secret rmtoken, Secret sid,
                          CallContext context) {
    JsonObject body = new JsonObject().put("deviceKey", deviceId).put("deviceType", 2)
        .put("userCredential", new JsonObject().put("userId", username).put("password", password.reveal()));
    if (sid == null) {
      body.put("tncFlag", 1);
    }
    MultiMap headers = UsKiaProfile.baseHeaders(deviceId, clock);
    if (!rmtoken.isEmpty()) {
      headers.add(UsKiaProfile.RMTOKEN, rmtoken.reveal());
    }
    if (sid != null) {
      headers.add(UsKiaProfile.SID, sid.reveal());
    }
    return post(UsKiaProfile.AUTH_USER, headers, body, context, response -> {
      JsonObject payload = UsKiaErrors.checkEnvelope(response).getJsonObject("payload", new JsonObject());
      if (payload.getValue("otpKey") instanceof String otpKey && !otpKey.isEmpty()) {
        return new CodeDemand(Secret.of(otpKey), Secret.of(response.header(UsKiaProfile.XID)),
            payload.getBoolean("hasEmail", false), payload.getBoolean("hasPhone", false),
            payload.getString("email"), payload.getString("phone"), payload.getBoolean("rmTokenExpired", false));
      }
      String newSid = response.header(UsKiaProfile.SID);
      if (newSid == null || newSid.isBlank()) {
        throw new ApiException(Kind.BAD_RESPONSE, "authUser answered without a session id");
      }
      return new SignedIn(Secret.of(newSid));
    });
  }

  /** {@code cmm/sendOTP} by {@code channel} ({@code email} → EMAIL, {@code sms} → SMS). */
  Future<Void> sendCode(String deviceId, CodeDemand demand, String channel, CallContext context) {
    MultiMap headers = codeHeaders(deviceId, demand)
        .add(UsKiaProfile.NOTIFY_TYPE, "sms".equals(channel) ? "SMS" : "EMAIL");
    return post(UsKiaProfile.SEND_OTP, headers, new JsonObject(), context, response -> {
      UsKiaErrors.checkEnvelope(response);
      return null;
    });
  }

  /** {@code cmm/verifyOTP}: the session headers, or the refusal the cloud's message names. */
  Future<Verified> verifyCode(String deviceId, CodeDemand demand, String code, CallContext context) {
    return post(UsKiaProfile.VERIFY_OTP, codeHeaders(deviceId, demand), new JsonObject().put("otp", code), context,
        response -> {
          JsonObject status = statusOf(response);
          if (status != null && status.getInteger("statusCode", 0) != 0
              && status.getInteger("errorCode", 0) != UsKiaErrors.SESSION_INVALID) {
            String message = status.getString("errorMessage", "").toLowerCase(Locale.ROOT);
            return new Verified(null, null, message.contains("expire") ? Refusal.EXPIRED : Refusal.WRONG_CODE);
          }
          UsKiaErrors.checkEnvelope(response);
          String sid = response.header(UsKiaProfile.SID);
          if (sid == null || sid.isBlank()) {
            throw new ApiException(Kind.BAD_RESPONSE, "verifyOTP answered without a session id");
          }
          return new Verified(Secret.of(sid), Secret.of(response.header(UsKiaProfile.RMTOKEN)), null);
        });
  }

  private MultiMap codeHeaders(String deviceId, CodeDemand demand) {
    return UsKiaProfile.baseHeaders(deviceId, clock)
        .add(UsKiaProfile.OTPKEY, demand.otpKey().reveal())
        .add(UsKiaProfile.XID, demand.xid().reveal());
  }

  /** One call; {@code read} classifies the answer inside the caller, so its breaker and budget see the failure. */
  private <T> Future<T> post(String path, MultiMap headers, JsonObject body, CallContext context,
                             Function<UpstreamResponse, T> read) {
    return caller.call(Concern.AUTH, CallKind.LOGIN, context, false,
        () -> http.send(HttpMethod.POST, base + path, headers, Buffer.buffer(body.encode())).map(read));
  }

  private static JsonObject statusOf(UpstreamResponse response) {
    try {
      return new JsonObject(response.body().toString()).getJsonObject("status");
    } catch (RuntimeException e) {
      return null;
    }
  }
}
