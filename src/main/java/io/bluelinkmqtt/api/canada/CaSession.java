package io.bluelinkmqtt.api.canada;

import io.bluelinkmqtt.config.Secret;
import java.time.Instant;

/**
 * A logged-in session: the access token (raw, sent as the {@code accessToken} header), when it stops being valid
 * and the account's province (for the car's time zone, §5.12). The {@code Deviceid} is the module's, not the
 * session's: it outlives every session.
 */
record CaSession(Secret accessToken, Instant validUntil, String province) {

  /** True once the token is within {@code skewSeconds} of its end. */
  boolean expiresBy(Instant now, long skewSeconds) {
    return !now.plusSeconds(skewSeconds).isBefore(validUntil);
  }

  @Override
  public String toString() {
    return "CaSession[validUntil=" + validUntil + "]";
  }
}
