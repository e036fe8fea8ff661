package io.bluelinkmqtt.api;

import io.vertx.core.Future;

/**
 * The owner's side of a one-time code, the same for every region: the bridge publishes the retained request on
 * {@code {base}/bridge/otp}, takes the channel and the code from {@code {base}/bridge/commands/otp}, and reports
 * {@code accepted} / {@code rejected} / {@code expired}. One per account; while a challenge is pending no other
 * login may start (commands answer {@code failed}/{@code login_pending}).
 *
 * <p>How a module uses it: when its login meets the cloud's demand for a code, it builds an {@link OtpChallenge}
 * (whose {@code verify} finishes the login and keeps the session on {@code ACCEPTED}), hands it to
 * {@link #solve} without waiting for it, and fails the call that needed the login with {@link #loginPending()}.
 * The neutral layer refuses every call with {@code login_pending} while {@link #pending()}, so the module sees no
 * second login meanwhile; the call after the owner's accepted code finds the session.
 */
public interface OneTimeCodes {

  /**
   * Runs the dialogue for one challenge.
   *
   * @return succeeds once the cloud accepted a code; fails with an {@link ApiException} of kind
   *     {@link ApiException.Kind#AUTH_FAILED} when the challenge expired or ran out of tries
   */
  Future<Void> solve(OtpChallenge challenge);

  /** True while a challenge waits for the owner. */
  boolean pending();

  /** The failure of a call that needs a login while the owner's code is awaited. */
  static ApiException loginPending() {
    return new ApiException(ApiException.Kind.LOGIN_PENDING,
        "the cloud asks for a one-time code: answer it on bridge/commands/otp");
  }

  /** No way to ask the owner: a login that needs a code fails at once (used where no MQTT dialogue is wired). */
  OneTimeCodes UNAVAILABLE = new OneTimeCodes() {
    @Override
    public Future<Void> solve(OtpChallenge challenge) {
      return Future.failedFuture(new ApiException(ApiException.Kind.AUTH_FAILED,
          "the cloud asks for a one-time code and no way to ask the owner is configured"));
    }

    @Override
    public boolean pending() {
      return false;
    }
  };
}
