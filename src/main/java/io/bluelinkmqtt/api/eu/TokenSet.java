package io.bluelinkmqtt.api.eu;

import io.bluelinkmqtt.config.Secret;
import java.time.Instant;

/**
 * The tokens of one EU session. Every token is a {@link Secret}, so {@code toString()} masks them.
 *
 * @param kind how the session was obtained, which decides how it is refreshed
 * @param accessToken what {@code {ccapi}} accepts after "Bearer " (the CCS token, or the legacy access token)
 * @param validUntil when {@code accessToken} expires
 * @param cciAccessToken CCI access token (CCI only)
 * @param refreshToken CCI refresh token, or the legacy 48-character refresh token
 * @param exchangeableAccessToken CCI only
 * @param exchangeableRefreshToken CCI only
 * @param nonCcsToken CCI only
 * @param nonCcsRefreshToken CCI only
 * @param idToken CCI only
 */
public record TokenSet(Kind kind, Secret accessToken, Instant validUntil, Secret cciAccessToken, Secret refreshToken,
                       Secret exchangeableAccessToken, Secret exchangeableRefreshToken, Secret nonCcsToken,
                       Secret nonCcsRefreshToken, Secret idToken) {

  /** How a session was obtained. */
  public enum Kind {
    /** OneApp/CCI login (§2.1.3); refreshed with the whole CCI set, then exchanged for a CCS token. */
    CCI,
    /** A 48-character legacy refresh token given as the password (§2.1.4). */
    LEGACY
  }

  /** Expired, or expiring within {@code skewSeconds}, at {@code now}. */
  public boolean expiresBy(Instant now, long skewSeconds) {
    return !validUntil.minusSeconds(skewSeconds).isAfter(now);
  }

  /**
   * True when {@link #accessToken} is what CCAPI accepts: a CCI set straight from a refresh has no CCS
   * token until the exchange (C5) is done.
   */
  public boolean exchanged() {
    return !accessToken.isEmpty();
  }

  /** A legacy session: only the access token and the refresh token. */
  public static TokenSet legacy(Secret accessToken, Instant validUntil, Secret refreshToken) {
    Secret none = Secret.empty();
    return new TokenSet(Kind.LEGACY, accessToken, validUntil, none, refreshToken, none, none, none, none, none);
  }
}
