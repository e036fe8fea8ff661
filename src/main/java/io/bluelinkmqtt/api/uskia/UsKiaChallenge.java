package io.bluelinkmqtt.api.uskia;

import io.bluelinkmqtt.api.CallContext;
import io.bluelinkmqtt.api.OtpChallenge;
import io.bluelinkmqtt.api.uskia.UsKiaLogin.CodeDemand;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One login's one-time code (§2.7): sent by {@code cmm/sendOTP}, checked by {@code cmm/verifyOTP}; an accepted code's
 * {@code sid} + {@code rmtoken} complete the login with one more {@code authUser} (when the cloud gave only a
 * {@code sid}, that one is used as it is, uvo#1221). The cloud documents neither the code's lifetime nor the number
 * of tries: {@link #LIFETIME} and {@link #TRIES} are assumptions, the cloud's own "expired" answer ends it earlier.
 */
final class UsKiaChallenge implements OtpChallenge {

  static final Duration LIFETIME = Duration.ofMinutes(10);
  static final int TRIES = 3;

  private final UsKiaLogin login;
  private final UsKiaSessions sessions;
  private final CodeDemand demand;
  private final Clock clock;
  private final Instant expiresAt;
  private int triesLeft = TRIES;

  UsKiaChallenge(UsKiaLogin login, UsKiaSessions sessions, CodeDemand demand, Clock clock) {
    this.login = login;
    this.sessions = sessions;
    this.demand = demand;
    this.clock = clock;
    this.expiresAt = clock.instant().plus(LIFETIME);
  }

  @Override
  public List<String> channels() {
    List<String> channels = new ArrayList<>();
    if (demand.hasEmail()) {
      channels.add("email");
    }
    if (demand.hasPhone()) {
      channels.add("sms");
    }
    return channels.isEmpty() ? List.of("email") : List.copyOf(channels);
  }

  @Override
  public String destinationHint() {
    return demand.hasEmail() || !demand.hasPhone() ? maskEmail(demand.email()) : maskPhone(demand.phone());
  }

  @Override
  public Instant expiresAt() {
    return expiresAt;
  }

  @Override
  public Future<Void> send(String channel) {
    return login.sendCode(sessions.deviceId(), demand, channel, new CallContext(true));
  }

  @Override
  public Future<OtpVerdict> verify(String code) {
    if (!clock.instant().isBefore(expiresAt) || triesLeft <= 0) {
      return Future.succeededFuture(new OtpVerdict(OtpVerdict.Kind.EXPIRED, 0));
    }
    CallContext context = new CallContext(true);
    return login.verifyCode(sessions.deviceId(), demand, code, context).compose(verified -> {
      if (verified.refusal() == UsKiaLogin.Refusal.EXPIRED) {
        return Future.succeededFuture(new OtpVerdict(OtpVerdict.Kind.EXPIRED, 0));
      }
      if (verified.refusal() != null) {
        triesLeft--;
        return Future.succeededFuture(new OtpVerdict(triesLeft > 0 ? OtpVerdict.Kind.REJECTED : OtpVerdict.Kind.EXPIRED,
            triesLeft));
      }
      return sessions.completeWithCode(verified.sid(), verified.rmtoken(), context).map(new OtpVerdict(OtpVerdict.Kind.ACCEPTED, triesLeft));
    });
  }

  /** {@code jane@example.com} → {@code j***@e***.com}; an address the cloud masked already stays as it is. */
  static String maskEmail(String email) {
    if (email == null || email.isBlank()) {
      return "your e-mail address";
    }
    if (email.contains("*")) {
      return email;
    }
    int at = email.indexOf('@');
    int dot = email.lastIndexOf('.');
    if (at < 1 || dot < at + 2) {
      return email.charAt(0) + "***";
    }
    return email.charAt(0) + "***@" + email.charAt(at + 1) + "***" + email.substring(dot);
  }

  /** Only the last two digits. */
  static String maskPhone(String phone) {
    if (phone == null || phone.replaceAll("[^0-9]", "").length() < 2) {
      return "your phone";
    }
    String digits = phone.replaceAll("[^0-9]", "");
    return "***" + digits.substring(digits.length() - 2);
  }
}
