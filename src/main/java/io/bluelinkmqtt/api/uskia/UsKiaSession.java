package io.bluelinkmqtt.api.uskia;

import io.bluelinkmqtt.config.Secret;
import java.time.Instant;

/**
 * One USA Kia session: the {@code sid} every call carries and the {@code rmtoken} that lets the next login skip the
 * one-time code (empty when the cloud gave none). The lib assumes 23 h; the cloud may end it earlier (1003/1005).
 */
record UsKiaSession(Secret sid, Secret rmtoken, Instant issuedAt) {

  static final long ASSUMED_LIFETIME_SECONDS = 23 * 3600;

  boolean oldAt(Instant now) {
    return !now.isBefore(issuedAt.plusSeconds(ASSUMED_LIFETIME_SECONDS));
  }

  @Override
  public String toString() {
    return "UsKiaSession[issuedAt=" + issuedAt + ", rmtoken=" + (rmtoken.isEmpty() ? "none" : "***") + "]";
  }
}
