package io.bluelinkmqtt.sim;

import io.bluelinkmqtt.api.eu.EuBrandProfile;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;

/**
 * The request checks of the CCAPI host, in the order a client meets them: app id + Stamp (401 /
 * 4017), bearer CCS token (401 "Key not authorized: Token is expired", or 7501 for a token never
 * issued), known {@code ccsp-device-id} (4002), then the daily quota for vehicle calls (509 / 5091,
 * with {@code x-ratelimit-*} headers on every vehicle call).
 */
final class CcapiGate {

  private final EuBrandProfile profile;
  private final StampCheck stamps;
  private final TokenRegistry tokens;
  private final Quota quota;
  private final Clock clock;
  private final Duration tokenLifetime;

  CcapiGate(EuBrandProfile profile, StampCheck stamps, TokenRegistry tokens, Quota quota, Clock clock,
            Duration tokenLifetime) {
    this.profile = profile;
    this.stamps = stamps;
    this.tokens = tokens;
    this.quota = quota;
    this.clock = clock;
    this.tokenLifetime = tokenLifetime;
  }

  /** True when the app headers identify the official app; otherwise answers 401 / 4017. */
  boolean admitApp(RoutingContext ctx) {
    String serviceId = ctx.request().getHeader("ccsp-service-id");
    String appId = ctx.request().getHeader("ccsp-application-id");
    if (!profile.serviceId().equals(serviceId)) {
      SimResponses.json(ctx, 401, SimResponses.failure("4017", "Invalid request value - Invalid Service Id."));
      return false;
    }
    if (!profile.appId().equals(appId) || !stamps.valid(ctx.request().getHeader("Stamp"))) {
      SimResponses.json(ctx, 401, SimResponses.failure("4017"));
      return false;
    }
    return true;
  }

  /** True when the Authorization header carries a live CCS token; otherwise answers 401. */
  boolean admitToken(RoutingContext ctx) {
    return CcapiChecks.admitAccessToken(ctx, tokens, clock, tokenLifetime, SimResponses.tokenExpired());
  }

  /** All checks of an authenticated CCAPI call; vehicle calls also spend quota. */
  boolean admit(RoutingContext ctx, SimEndpoint endpoint) {
    return admitApp(ctx) && admitToken(ctx) && admitDeviceAndQuota(ctx, endpoint);
  }

  /** The checks of a control call (§6.1 CTRL): app headers, device, quota; the control token is the endpoint's. */
  boolean admitControl(RoutingContext ctx, SimEndpoint endpoint) {
    return admitApp(ctx) && admitDeviceAndQuota(ctx, endpoint);
  }

  private boolean admitDeviceAndQuota(RoutingContext ctx, SimEndpoint endpoint) {
    return CcapiChecks.admitDeviceAndQuota(ctx, endpoint, tokens.knownDevice(ctx.request().getHeader("ccsp-device-id")),
        quota);
  }
}
