package io.bluelinkmqtt.api.ushyundai;

import io.bluelinkmqtt.domain.Brand;
import io.vertx.core.MultiMap;
import java.time.Clock;
import java.time.ZoneId;

/**
 * The public constants of the USA Hyundai cloud (bluelink-protocol.md §1.3): one host for Hyundai and Genesis, the
 * app's client id and secret, and the browser-like static headers every call carries.
 */
public final class UsHyundaiProfile {

  /** The real host; {@code api.endpoints.usa.hata} points elsewhere (a simulator). */
  public static final String DEFAULT_BASE = "https://api.telematics.hyundaiusa.com";
  public static final String CLIENT_ID = "m66129Bb-em93-SPAHYN-bZ91-am4540zp19920";
  public static final String CLIENT_SECRET = "v558o935-6nne-423i-baa8";
  public static final String TOKEN_PATH = "/v2/ac/oauth/token";
  static final String USER_AGENT = "okhttp/3.14.9";
  /** The reference library sends {@code H} for Genesis too (§1.3; not independently verified). */
  static final String BRAND_INDICATOR = "H";

  private UsHyundaiProfile() {
  }

  /** The headers of every call, the login included. */
  static MultiMap baseHeaders(String base, Clock clock) {
    return MultiMap.caseInsensitiveMultiMap()
        .add("content-type", "application/json;charset=UTF-8")
        .add("accept", "application/json, text/plain, */*")
        .add("accept-language", "en-US,en;q=0.9")
        .add("user-agent", USER_AGENT)
        .add("from", "SPA")
        .add("to", "ISS")
        .add("language", "0")
        .add("offset", Integer.toString(offsetHours(clock)))
        .add("refresh", "false")
        .add("encryptFlag", "false")
        .add("brandIndicator", BRAND_INDICATOR)
        .add("client_id", CLIENT_ID)
        .add("clientSecret", CLIENT_SECRET)
        .add("origin", base)
        .add("referer", base + "/login");
  }

  /** Hyundai and Genesis share the host and the constants. */
  static boolean serves(Brand brand) {
    return brand == Brand.HYUNDAI || brand == Brand.GENESIS;
  }

  /** The local UTC offset in whole hours, as the app sends it. */
  private static int offsetHours(Clock clock) {
    return ZoneId.systemDefault().getRules().getOffset(clock.instant()).getTotalSeconds() / 3600;
  }
}
