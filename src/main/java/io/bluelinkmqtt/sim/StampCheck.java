package io.bluelinkmqtt.sim;

import io.bluelinkmqtt.api.eu.EuBrandProfile;
import io.bluelinkmqtt.api.eu.Stamp;
import java.time.Clock;
import java.time.Duration;

/**
 * What the real server checks in a Stamp header (§1.2): it XOR-decodes to
 * {@code <appId>:<timestamp>} with a timestamp in milliseconds (the app) or seconds (the Python lib)
 * within {@link #TOLERANCE} of the server's own clock (the simulator clock): a client whose clock is
 * off gets 4017 like from the real cloud, as does a replayed or foreign stamp.
 */
final class StampCheck {

  static final Duration TOLERANCE = Duration.ofMinutes(10);

  private final EuBrandProfile profile;
  private final Clock clock;

  StampCheck(EuBrandProfile profile, Clock clock) {
    this.profile = profile;
    this.clock = clock;
  }

  boolean valid(String stamp) {
    if (stamp == null || stamp.isEmpty()) {
      return false;
    }
    return Stamp.decode(stamp, profile.stampKeyBase64()).map(this::validPlaintext).orElse(false);
  }

  private boolean validPlaintext(String plain) {
    String prefix = profile.appId() + ":";
    if (!plain.startsWith(prefix)) {
      return false;
    }
    String digits = plain.substring(prefix.length());
    if (!digits.matches("\\d{10}|\\d{13}")) {
      return false;
    }
    long millis = digits.length() == 10 ? Long.parseLong(digits) * 1000 : Long.parseLong(digits);
    return Math.abs(millis - clock.millis()) <= TOLERANCE.toMillis();
  }
}
