package io.bluelinkmqtt.api;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/**
 * One login's demand for a one-time code (bluelink-protocol.md §2.7 US Kia, §2.8 Canada MFA), as the region module
 * sees it: which channels the cloud offers, where the code would go (masked), how to have it sent and how to check
 * it. The module implements it per login; {@link OneTimeCodes} runs the owner's side of the dialogue. Every method
 * that returns a future makes at most one upstream call.
 */
public interface OtpChallenge {

  /** The channels the cloud offers, in its order, as wire words: {@code email}, {@code sms}. */
  List<String> channels();

  /** Where the code goes, masked by the cloud or by the module ({@code j***@e***.com}); never the full address. */
  String destinationHint();

  /** When the cloud stops accepting a code for this login. */
  Instant expiresAt();

  /** Asks the cloud to send the code by {@code channel} (one of {@link #channels()}). */
  Future<Void> send(String channel);

  /** Checks the owner's code with the cloud; on {@link OtpVerdict.Kind#ACCEPTED} the login may go on. */
  Future<OtpVerdict> verify(String code);

  /** The cloud's answer to a code. */
  record OtpVerdict(Kind kind, int triesLeft) {

    public enum Kind {
      /** The login went on: the module holds the session (and the remember-me token, where the region has one). */
      ACCEPTED,
      /** A wrong code; {@code triesLeft} more may be sent for this challenge. */
      REJECTED,
      /** The challenge is over: too late or no tries left. A new one needs a new login. */
      EXPIRED
    }
  }
}
