package io.bluelinkmqtt.api.canada;

import io.bluelinkmqtt.domain.Brand;

/**
 * The per-brand constants of Canada (§1.3): each brand has its own portal host; the client id and secret are the
 * same for all three.
 *
 * @param host the portal host, e.g. {@code kiaconnect.ca}
 */
public record CaBrandProfile(Brand brand, String host) {

  public static final String CLIENT_ID = "HATAHSPACA0232141ED9722C67715A0B";
  public static final String CLIENT_SECRET = "CLISCR01AHSPA";
  /** The {@code from} header of the web portal; some remote calls send {@code SPA}. */
  public static final String FROM = "CWP";
  /** Any offset is accepted (§1.3); the portal sends Eastern time's. */
  public static final String OFFSET = "-5";
  public static final String LANGUAGE = "0";
  static final String USER_AGENT = "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 (KHTML, like Gecko) "
      + "Chrome/120.0.0.0 Mobile Safari/537.36";

  public static CaBrandProfile of(Brand brand) {
    return switch (brand) {
      case KIA -> new CaBrandProfile(brand, "kiaconnect.ca");
      case HYUNDAI -> new CaBrandProfile(brand, "mybluelink.ca");
      case GENESIS -> new CaBrandProfile(brand, "genesisconnect.ca");
    };
  }

  /** {@code https://<host>}: the Origin header and, with {@code /tods/api}, the API base. */
  public String origin() {
    return "https://" + host;
  }

  /** The real API base: {@code https://<host>/tods/api}. */
  public String apiBase() {
    return origin() + "/tods/api";
  }
}
