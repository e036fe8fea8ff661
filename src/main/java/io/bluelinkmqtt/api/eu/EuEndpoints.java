package io.bluelinkmqtt.api.eu;

import io.bluelinkmqtt.config.AppConfig.RegionEndpoints;

/**
 * The three EU base URLs in use: the configured overrides (a simulator or proxy, plain
 * {@code http://127.0.0.1:port} allowed), else the brand's real hosts. No trailing slash.
 */
public record EuEndpoints(String ccapi, String idp, String cci) {

  /** The names of the three overridable base URLs ({@code api.endpoints.europe.<name>}). */
  public static final String CCAPI = "ccapi";
  public static final String IDP = "idp";
  public static final String CCI = "cci";

  public static EuEndpoints resolve(RegionEndpoints overrides, EuBrandProfile profile) {
    return new EuEndpoints(pick(overrides.url(CCAPI), profile.ccapiBase()), pick(overrides.url(IDP), profile.idpBase()),
        pick(overrides.url(CCI), profile.cciBase()));
  }

  private static String pick(String override, String fallback) {
    String url = override == null || override.isBlank() ? fallback : override.trim();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
