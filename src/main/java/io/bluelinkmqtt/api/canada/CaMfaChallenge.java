package io.bluelinkmqtt.api.canada;

import io.bluelinkmqtt.api.ApiErrors;
import io.bluelinkmqtt.api.ApiException;
import io.bluelinkmqtt.api.ApiException.Kind;
import io.bluelinkmqtt.api.CallContext;
import io.bluelinkmqtt.api.OtpChallenge;
import io.bluelinkmqtt.api.canada.mapping.CaJson;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One Canadian MFA dialogue (§2.8) after a login answered {@code 7110}: {@code sendotp} by e-mail ({@code E}) or
 * SMS ({@code S}), {@code validateotp} with the owner's code, then {@code genmfatkn} with {@code mfaYn "Y"} so the
 * cloud remembers the Deviceid for 90 days and later logins need no code. Each method makes at most the calls the
 * seam allows ({@link #verify} two on success: validate and the token); on acceptance it hands the session to the
 * module before it answers. Confined to one event loop.
 */
final class CaMfaChallenge implements OtpChallenge {

  /** How long a sent code is taken: the cloud documents none; ten minutes is what its e-mail says. */
  static final Duration LIFETIME = Duration.ofMinutes(10);
  /** Wrong codes the bridge lets the owner try before giving up (the cloud's own count is undocumented). */
  static final int MAX_TRIES = 3;

  private final CaLogin login;
  private final String username;
  private final String deviceId;
  private final String userInfoUuid;
  private final String email;
  private final String phone;
  private final CallContext context;
  private final Clock clock;
  private final Instant expiresAt;
  private String otpKey;
  private String sentTo;
  private int triesLeft = MAX_TRIES;
  private final Function<CaSession, Future<CaSession>> onAccepted;

  /** @param onAccepted makes {@code genmfatkn}'s session the module's, before the code is reported accepted */
  CaMfaChallenge(CaLogin login, String username, String deviceId, JsonObject result, CallContext context,
                 Clock clock, Function<CaSession, Future<CaSession>> onAccepted) {
    this.onAccepted = onAccepted;
    this.login = login;
    this.username = username;
    this.deviceId = deviceId;
    this.userInfoUuid = CaJson.text(result.getValue("userInfoUuid"));
    JsonArray emails = CaJson.array(result, "emailList");
    this.email = emails != null && !emails.isEmpty() && emails.getValue(0) instanceof String e && !e.isBlank()
        ? e : null;
    String userPhone = CaJson.text(result.getValue("userPhone"));
    this.phone = userPhone == null || userPhone.isBlank() ? null : userPhone;
    this.context = context;
    this.clock = clock;
    this.expiresAt = clock.instant().plus(LIFETIME);
    if (userInfoUuid == null) {
      throw new ApiException(Kind.AUTH_FAILED, "the cloud opened no one-time-code dialogue (no userInfoUuid)");
    }
  }

  @Override
  public List<String> channels() {
    List<String> channels = new ArrayList<>();
    if (email != null) {
      channels.add("email");
    }
    if (phone != null) {
      channels.add("sms");
    }
    return channels.isEmpty() ? List.of("email") : List.copyOf(channels);
  }

  @Override
  public String destinationHint() {
    return "sms".equals(sentTo) ? maskPhone(phone) : maskEmail(email);
  }

  @Override
  public Instant expiresAt() {
    return expiresAt;
  }

  @Override
  public Future<Void> send(String channel) {
    if (!channels().contains(channel)) {
      return Future.failedFuture(new ApiException(Kind.OTHER, "channel not offered by the cloud"));
    }
    JsonObject body = new JsonObject().put("otpMethod", "sms".equals(channel) ? "S" : "E")
        .put("mfaApiCode", CaLogin.MFA_API_CODE).put("userAccount", username)
        .put("userPhone", "sms".equals(channel) ? phone : "").put("userInfoUuid", userInfoUuid);
    return login.mfa("mfa/sendotp", deviceId, body, context).map(result -> {
      String key = CaJson.text(result.getValue("otpKey"));
      if (key == null || key.isEmpty()) {
        throw new ApiException(Kind.AUTH_FAILED, "the cloud sent no otpKey for the code");
      }
      otpKey = key;
      sentTo = channel;
      return null;
    });
  }

  @Override
  public Future<OtpVerdict> verify(String code) {
    if (!clock.instant().isBefore(expiresAt) || triesLeft <= 0) {
      return Future.succeededFuture(new OtpVerdict(OtpVerdict.Kind.EXPIRED, 0));
    }
    if (otpKey == null) {
      return Future.failedFuture(new ApiException(Kind.OTHER, "no code was sent yet"));
    }
    JsonObject body = new JsonObject().put("otpNo", code).put("userAccount", username).put("otpKey", otpKey)
        .put("mfaApiCode", CaLogin.MFA_API_CODE);
    return login.mfa("mfa/validateotp", deviceId, body, context)
        .compose(result -> {
          String validationKey = CaJson.text(result.getValue("otpValidationKey"));
          if (!Boolean.TRUE.equals(CaJson.flag(result.getValue("verifiedOtp"))) || validationKey == null) {
            return Future.succeededFuture(rejected());
          }
          JsonObject token = new JsonObject().put("userAccount", username).put("otpEmail", email == null ? "" : email)
              .put("mfaApiCode", CaLogin.MFA_API_CODE).put("otpValidationKey", validationKey).put("mfaYn", "Y");
          return login.mfa("mfa/genmfatkn", deviceId, token, context)
              .compose(tokenResult -> onAccepted.apply(login.session(tokenResult)))
              .map(kept -> new OtpVerdict(OtpVerdict.Kind.ACCEPTED, triesLeft));
        })
        .recover(err -> {
          ApiException failure = ApiErrors.from(err);
          // 7549 and the other refusals of a code: a wrong code, not a broken dialogue
          return failure.kind() == Kind.AUTH_FAILED || failure.kind() == Kind.OTHER
              ? Future.succeededFuture(rejected()) : Future.failedFuture(failure);
        });
  }

  private OtpVerdict rejected() {
    triesLeft--;
    return triesLeft <= 0 ? new OtpVerdict(OtpVerdict.Kind.EXPIRED, 0)
        : new OtpVerdict(OtpVerdict.Kind.REJECTED, triesLeft);
  }

  /** {@code jane.doe@example.ca} → {@code j***@e***.ca}. */
  static String maskEmail(String address) {
    if (address == null) {
      return "";
    }
    int at = address.indexOf('@');
    if (at <= 0) {
      return "***";
    }
    String domain = address.substring(at + 1);
    int dot = domain.lastIndexOf('.');
    String tld = dot >= 0 ? domain.substring(dot) : "";
    String host = dot >= 0 ? domain.substring(0, dot) : domain;
    return address.charAt(0) + "***@" + (host.isEmpty() ? "" : host.charAt(0)) + "***" + tld;
  }

  /** Only the last two digits. */
  static String maskPhone(String phone) {
    if (phone == null) {
      return "";
    }
    String digits = phone.replaceAll("\\D", "");
    return digits.length() < 2 ? "***" : "***" + digits.substring(digits.length() - 2);
  }
}
