package io.bluelinkmqtt.sim;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;

/** The checks every simulated CCAPI gate (Europe, the other Type 1 regions) makes the same way. */
final class CcapiChecks {

  private CcapiChecks() {
  }

  /**
   * True when the Authorization header carries a live CCS token; otherwise answers 401 with {@code expiredBody} for an
   * expired one (each region's cloud words it its own way), 7501 for one never issued.
   */
  static boolean admitAccessToken(RoutingContext ctx, TokenRegistry tokens, Clock clock, Duration lifetime,
                                  JsonObject expiredBody) {
    String authorization = ctx.request().getHeader("Authorization");
    String token = authorization != null && authorization.startsWith("Bearer ")
        ? authorization.substring("Bearer ".length()) : null;
    switch (tokens.ccsTokenState(token, clock.instant(), lifetime)) {
      case VALID:
        return true;
      case EXPIRED:
        SimResponses.json(ctx, 401, expiredBody);
        return false;
      default:
        SimResponses.json(ctx, 401, SimResponses.failure("7501"));
        return false;
    }
  }

  /** A known device (else 400 / 4002); a vehicle call also spends quota (else 509 / 5091, headers on every one). */
  static boolean admitDeviceAndQuota(RoutingContext ctx, SimEndpoint endpoint, boolean knownDevice, Quota quota) {
    if (!knownDevice) {
      SimResponses.json(ctx, 400, SimResponses.failure("4002"));
      return false;
    }
    if (!endpoint.isVehicleCall()) {
      return true;
    }
    boolean spent = quota.trySpend();
    quota.writeHeaders(ctx.response());
    if (!spent) {
      SimResponses.json(ctx, 509, SimResponses.failure("5091"));
    }
    return spent;
  }
}
