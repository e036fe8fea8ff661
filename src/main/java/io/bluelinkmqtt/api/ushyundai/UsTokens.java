package io.bluelinkmqtt.api.ushyundai;

import io.bluelinkmqtt.config.Secret;
import java.time.Instant;

/**
 * One US Hyundai session (§2.6); both tokens are {@link Secret}s, so {@code toString()} masks them.
 *
 * @param accessToken sent raw (no "Bearer") in the {@code accessToken} header
 * @param refreshToken rotates on every refresh
 * @param validUntil when the access token expires
 */
public record UsTokens(Secret accessToken, Secret refreshToken, Instant validUntil) {

  /** Expired, or expiring within {@code skewSeconds}, at {@code now}. */
  public boolean expiresBy(Instant now, long skewSeconds) {
    return !validUntil.minusSeconds(skewSeconds).isAfter(now);
  }
}
