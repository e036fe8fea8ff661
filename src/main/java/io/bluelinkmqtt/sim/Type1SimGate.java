package io.bluelinkmqtt.sim;

import io.bluelinkmqtt.api.type1.Type1Profile;
import io.bluelinkmqtt.domain.Region;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;

/**
 * The request checks of a Type 1 host outside Europe, in the order a client meets them: app ids and, in AU/NZ, a
 * fresh Stamp (401 / 4017); the bearer access token (401 "Key not authorized", 7501 for one never issued); a known
 * {@code ccsp-device-id} (Brazil: its fixed one) (4002); then the daily quota (509 / 5091). Control calls carry the
 * PIN's control token instead: {@code Bearer} in {@code Authorization} and {@code AuthorizationCCSP}, Brazil the bare
 * token in {@code Authorization}.
 */
final class Type1SimGate {

  private final Type1Profile profile;
  private final Type1SimAuth auth;
  private final TokenRegistry tokens;
  private final Quota quota;
  private final Clock clock;
  private final Duration tokenLifetime;

  Type1SimGate(Type1Profile profile, Type1SimAuth auth, TokenRegistry tokens, Quota quota, Clock clock,
               Duration tokenLifetime) {
    this.profile = profile;
    this.auth = auth;
    this.tokens = tokens;
    this.quota = quota;
    this.clock = clock;
    this.tokenLifetime = tokenLifetime;
  }

  boolean admitApp(RoutingContext ctx) {
    if (!profile.serviceId().equals(ctx.request().getHeader("ccsp-service-id"))
        || !profile.appId().equals(ctx.request().getHeader("ccsp-application-id"))
        || (profile.stampsVehicleCalls() && !auth.validStamp(ctx.request().getHeader("Stamp")))) {
      SimResponses.json(ctx, 401, SimResponses.failure("4017"));
      return false;
    }
    return true;
  }

  boolean admitToken(RoutingContext ctx) {
    // the lower-case wording seen from AU (bluelink-protocol.md §2.1.5)
    return CcapiChecks.admitAccessToken(ctx, tokens, clock, tokenLifetime,
        new JsonObject().put("error", "Key not authorized: token has expired"));
  }

  boolean knownDevice(String deviceId) {
    return profile.fixedDeviceId() != null ? profile.fixedDeviceId().equals(deviceId) : tokens.knownDevice(deviceId);
  }

  /** An authenticated vehicle call. */
  boolean admit(RoutingContext ctx, SimEndpoint endpoint) {
    return admitApp(ctx) && admitToken(ctx) && admitDeviceAndQuota(ctx, endpoint);
  }

  /** A control call: the control token where the access token would be. */
  boolean admitControl(RoutingContext ctx, SimEndpoint endpoint) {
    return admitApp(ctx) && admitControlToken(ctx) && admitDeviceAndQuota(ctx, endpoint);
  }

  private boolean admitControlToken(RoutingContext ctx) {
    String authorization = ctx.request().getHeader("Authorization");
    String ccsp = ctx.request().getHeader("AuthorizationCCSP");
    boolean brazil = profile.region() == Region.BRAZIL;
    String token = brazil ? authorization
        : authorization != null && authorization.startsWith("Bearer ") && authorization.equals(ccsp)
            ? authorization.substring("Bearer ".length()) : null;
    if (!tokens.validControlToken(token, clock.instant(), Duration.ofSeconds(SimUser.CONTROL_TOKEN_SECONDS))) {
      SimResponses.json(ctx, 401, SimResponses.failure("7501", "Invalid control token."));
      return false;
    }
    return true;
  }

  private boolean admitDeviceAndQuota(RoutingContext ctx, SimEndpoint endpoint) {
    return CcapiChecks.admitDeviceAndQuota(ctx, endpoint, knownDevice(ctx.request().getHeader("ccsp-device-id")),
        quota);
  }
}
