package io.bluelinkmqtt.api;

import io.vertx.core.Future;

/**
 * The owner's side of a one-time code, the same for every region: the bridge publishes the retained request on
 * {@code {base}/bridge/otp}, takes the channel and the code from {@code {base}/bridge/commands/otp}, and reports
 * {@code accepted} / {@code rejected} / {@code expired}. One per account; while a challenge is pending no other
 * login may start (commands answer {@code failed}/{@code login_pending}).
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
