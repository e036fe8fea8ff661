package io.bluelinkmqtt.stewardship;

import io.bluelinkmqtt.domain.Region;

/**
 * The bridge's default daily call cap per region, when {@code API_DAILY_CALL_CAP} is 0. The car clouds
 * publish no numbers; the estimates come from user reports (docs/bluelink-protocol.md §7) and the cap is
 * 80 % of the estimate, so the owner's phone app keeps a share of the quota.
 */
public final class RegionQuota {

  /** The share of the estimated quota the bridge uses by default. */
  static final double BRIDGE_SHARE = 0.8;

  private RegionQuota() {
  }

  /**
   * The estimated account quota per day, all calls (logins included) counted. Regions without any report
   * get a deliberately low estimate: 60 calls for the CCAPI family (a third of Europe's) and 30 for Canada
   * (like the USA, whose backends it resembles).
   */
  public static int estimatedDailyQuota(Region region) {
    return switch (region) {
      case EUROPE -> 200;
      case USA, CANADA -> 30;
      case AUSTRALIA, NEW_ZEALAND, CHINA, INDIA, BRAZIL -> 60;
    };
  }

  /** The default cap: 80 % of the estimated quota (EU 160, USA/Canada 24, others 48). */
  public static int defaultDailyCap(Region region) {
    return (int) Math.floor(estimatedDailyQuota(region) * BRIDGE_SHARE);
  }

  /** The configured cap, or the region's default when the configuration says 0. */
  public static int effectiveCap(int configuredCap, Region region) {
    return configuredCap > 0 ? configuredCap : defaultDailyCap(region);
  }
}
