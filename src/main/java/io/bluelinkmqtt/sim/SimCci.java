package io.bluelinkmqtt.sim;

import io.bluelinkmqtt.api.eu.EuBrandProfile;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The CCI host ({@code cci-api-eu.*}, §2.1.3 C4, C5 and refresh): login code → seven-token set,
 * token exchange → CCS token with {@code expiresTime} as a TTL in seconds, and the v2 JSON refresh
 * (v1 with JSON answers HTTP 500 / 9009). Every call needs the CCI app headers.
 */
final class SimCci {

  /** CCI access tokens live about an hour (lib default 3599 s). */
  static final long CCI_EXPIRES_IN = 3599;
  private static final List<String> REFRESH_FIELDS = List.of("accessToken", "refreshToken",
      "exchangeableAccessToken", "exchangeableRefreshToken", "nonCcsToken", "nonCcsRefreshToken", "idToken");

  private final EuBrandProfile profile;
  private final TokenRegistry tokens;
  private final Clock clock;
  private final Duration ccsTokenLifetime;

  SimCci(SimulatorSettings settings, TokenRegistry tokens) {
    this.profile = EuBrandProfile.of(settings.brand());
    this.tokens = tokens;
    this.clock = settings.clock();
    this.ccsTokenLifetime = settings.ccsTokenLifetime();
  }

  void token(RoutingContext ctx) {
    if (!appHeaders(ctx)) {
      return;
    }
    if (!tokens.redeemCode(ctx.request().getParam("code"), clock.instant())) {
      SimResponses.json(ctx, 400, SimResponses.idpError("4003", "Invalid values"));
      return;
    }
    SimResponses.json(ctx, 200, tokens.issueCciSet().toJson(CCI_EXPIRES_IN));
  }

  void exchange(RoutingContext ctx) {
    if (!appHeaders(ctx)) {
      return;
    }
    HttpServerRequest req = ctx.request();
    Optional<TokenRegistry.CciTokenSet> set = tokens.findForExchange(bearer(req), req.getHeader("Authentication"),
        req.getHeader("exchangeable-token"), req.getHeader("non-ccs-token"));
    if (!"CCS".equals(req.getParam("serviceType")) || set.isEmpty()) {
      SimResponses.json(ctx, 401, SimResponses.idpError("4010", "Require authentication"));
      return;
    }
    SimResponses.json(ctx, 200, new JsonObject().put("accessToken", tokens.issueCcsToken(clock.instant()))
        .put("expiresTime", ccsTokenLifetime.toSeconds()));
  }

  /** v2: JSON body with all seven fields of the current set. */
  void refreshV2(RoutingContext ctx) {
    if (appHeaders(ctx)) {
      refreshWith(ctx, SimVehicles.jsonBody(ctx));
    }
  }

  /** v1 wants a form; a JSON body fails with HTTP 500 and code 9009 (§8.2). */
  void refreshV1(RoutingContext ctx) {
    if (!appHeaders(ctx)) {
      return;
    }
    String contentType = ctx.request().getHeader("Content-Type");
    if (contentType == null || !contentType.startsWith("application/x-www-form-urlencoded")) {
      SimResponses.json(ctx, 500, SimResponses.idpError("9009", "Internal Server Error"));
      return;
    }
    JsonObject fields = new JsonObject();
    REFRESH_FIELDS.forEach(name -> fields.put(name, ctx.request().getFormAttribute(name)));
    refreshWith(ctx, fields);
  }

  private void refreshWith(RoutingContext ctx, JsonObject body) {
    if (body == null || bearer(ctx.request()) == null
        || REFRESH_FIELDS.stream().anyMatch(name -> body.getString(name) == null)) {
      SimResponses.json(ctx, 400, SimResponses.idpError("4003", "Invalid values"));
      return;
    }
    Optional<TokenRegistry.CciTokenSet> fresh = tokens.refresh(body);
    if (fresh.isEmpty()) {
      SimResponses.json(ctx, 401, SimResponses.idpError("4010", "Require authentication"));
      return;
    }
    ctx.response().putHeader("Set-Cookie", "t=" + fresh.get().exchangeableAccessToken() + "; Path=/; HttpOnly");
    SimResponses.json(ctx, 200, fresh.get().toJson(CCI_EXPIRES_IN).put("isRequiredTerm", false));
  }

  /** The CCI app identification headers of §2.1.3 C4. */
  private boolean appHeaders(RoutingContext ctx) {
    HttpServerRequest req = ctx.request();
    boolean ok = profile.cciClientId().equals(req.getHeader("client-id"))
        && profile.cciClientName().equals(req.getHeader("client-name"))
        && present(req, "client-version") && present(req, "client-os-code") && present(req, "client-device-id");
    if (!ok) {
      SimResponses.json(ctx, 400, SimResponses.idpError("4003", "Invalid values"));
    }
    return ok;
  }

  private static boolean present(HttpServerRequest req, String header) {
    String value = req.getHeader(header);
    return value != null && !value.isBlank();
  }

  private static String bearer(HttpServerRequest req) {
    String value = req.getHeader("authorization");
    return value != null && value.startsWith("Bearer ") ? value.substring("Bearer ".length()) : null;
  }
}
