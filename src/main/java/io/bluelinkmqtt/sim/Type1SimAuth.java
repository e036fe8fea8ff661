package io.bluelinkmqtt.sim;

import io.bluelinkmqtt.api.eu.Stamp;
import io.bluelinkmqtt.api.type1.Type1Profile;
import io.bluelinkmqtt.api.type1.Type1Profile.LoginSteps;
import io.bluelinkmqtt.api.type1.Type1Profile.StampRule;
import io.bluelinkmqtt.domain.Region;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The account side of a Type 1 cloud outside Europe (bluelink-protocol.md §1.2, §2.2–2.5): device registration,
 * authorize (session cookie), the language step (China), sign-in (JSON; Brazil {@code text/plain} with the
 * {@code account} cookie and its {@code step} answers), the token endpoint (code and refresh grants, Basic client
 * credentials, the region's Stamp rule) and the PIN. It refuses what the real cloud refuses: a missing or stale
 * Stamp where the region wants one (401 / 4017, AU refresh included), a {@code Bearer}-prefixed refresh token or
 * an access token sent as one (4002, the AU bug), a code used twice. Refresh answers: AU/NZ rotate the refresh
 * token, China and India answer without one (the old one stays valid: why the lib's CN client kept the access
 * token instead, the quirk).
 */
final class Type1SimAuth {

  private static final Duration STAMP_TOLERANCE = Duration.ofMinutes(10);
  private static final String SESSION_COOKIE = "account";

  private final Type1Profile profile;
  private final SimulatorSettings settings;
  private final TokenRegistry tokens;
  private final Clock clock;
  private final Set<String> sessions = new HashSet<>();
  private final Set<String> refreshTokens = new HashSet<>();
  private final Map<String, String> languages = new HashMap<>();
  private Integer signinStep;

  Type1SimAuth(Type1Profile profile, SimulatorSettings settings, TokenRegistry tokens) {
    this.profile = profile;
    this.settings = settings;
    this.tokens = tokens;
    this.clock = settings.clock();
  }

  synchronized void setSigninStep(Integer step) {
    signinStep = step;
  }

  /** True when the Stamp header decodes to this app id and a time near the server's. */
  boolean validStamp(String stamp) {
    if (stamp == null || stamp.isEmpty() || profile.stampKey() == null) {
      return false;
    }
    return Stamp.decode(stamp, profile.stampKey()).map(plain -> {
      String prefix = profile.appId() + ":";
      String digits = plain.startsWith(prefix) ? plain.substring(prefix.length()) : "";
      if (!digits.matches("\\d{10}|\\d{13}")) {
        return false;
      }
      long millis = digits.length() == 10 ? Long.parseLong(digits) * 1000 : Long.parseLong(digits);
      return Math.abs(millis - clock.millis()) <= STAMP_TOLERANCE.toMillis();
    }).orElse(false);
  }

  /** App id (+ Stamp where the region stamps login calls) of registration and token calls; else 401 / 4017. */
  boolean admitLoginApp(RoutingContext ctx, boolean needsAppHeaders) {
    if (needsAppHeaders && (!profile.serviceId().equals(ctx.request().getHeader("ccsp-service-id"))
        || !profile.appId().equals(ctx.request().getHeader("ccsp-application-id")))) {
      SimResponses.json(ctx, 401, SimResponses.failure("4017"));
      return false;
    }
    if (profile.stamp() != StampRule.NONE && !validStamp(ctx.request().getHeader("Stamp"))) {
      SimResponses.json(ctx, 401, SimResponses.failure("4017"));
      return false;
    }
    return true;
  }

  void register(RoutingContext ctx) {
    if (profile.fixedDeviceId() != null) {
      // Brazil has no registration: the app's device id is fixed
      SimResponses.json(ctx, 404, SimResponses.failure("4003", "Not found"));
      return;
    }
    if (!admitLoginApp(ctx, true)) {
      return;
    }
    JsonObject body = SimVehicles.jsonBody(ctx);
    boolean china = profile.login() == LoginSteps.CHINA;
    if (body == null || body.getString("pushRegId") == null || body.getString("uuid") == null
        || !profile.pushType().equals(body.getString("pushType"))
        || (china && body.getString("providerDeviceId") == null)) {
      SimResponses.json(ctx, 400, SimResponses.failure("4003", "Invalid request body - Invalid values."));
      return;
    }
    SimResponses.json(ctx, 200, SimResponses.success(new JsonObject().put("deviceId", tokens.registerDevice())));
  }

  /** GET authorize: the client id and redirect URI of the app; sets the session cookie (Brazil: on a redirect). */
  void authorize(RoutingContext ctx) {
    if (!profile.serviceId().equals(ctx.request().getParam("client_id"))
        || !profile.redirectUri().equals(ctx.request().getParam("redirect_uri"))
        || !"code".equals(ctx.request().getParam("response_type"))) {
      SimResponses.json(ctx, 400, SimResponses.idpError("4003", "Invalid values"));
      return;
    }
    String session = UUID.randomUUID().toString();
    synchronized (this) {
      sessions.add(session);
    }
    ctx.response().putHeader("Set-Cookie", SESSION_COOKIE + "=" + session + "; Path=/; HttpOnly");
    if (profile.login() == LoginSteps.BRAZIL) {
      SimResponses.redirect(ctx, "/web/v1/user/signin");
      return;
    }
    SimResponses.html(ctx, 200, "<html><body>sign in</body></html>");
  }

  void signinPage(RoutingContext ctx) {
    SimResponses.html(ctx, 200, "<html><body>sign in</body></html>");
  }

  void language(RoutingContext ctx) {
    String session = session(ctx);
    JsonObject body = SimVehicles.jsonBody(ctx);
    if (session == null || body == null || !profile.language().equals(body.getString("lang"))) {
      SimResponses.json(ctx, 400, SimResponses.failure("4003", "Invalid request body - Invalid lang."));
      return;
    }
    synchronized (this) {
      languages.put(session, body.getString("lang"));
    }
    SimResponses.json(ctx, 200, new JsonObject().put("retCode", "S").put("resCode", "0000")
        .put("msgId", UUID.randomUUID().toString()));
  }

  /** POST signin: needs the authorize session; answers the redirect with a one-time code. */
  void signin(RoutingContext ctx) {
    String session = session(ctx);
    String type = String.valueOf(ctx.request().getHeader("Content-Type"));
    boolean brazil = profile.login() == LoginSteps.BRAZIL;
    JsonObject body;
    try {
      body = new JsonObject(ctx.body().asString());
    } catch (RuntimeException e) {
      body = null;
    }
    boolean rightType = brazil ? type.startsWith("text/plain") : type.startsWith("application/json");
    boolean languageSet;
    synchronized (this) {
      languageSet = profile.language() == null || (session != null && languages.containsKey(session));
    }
    if (session == null || body == null || !rightType || !languageSet) {
      SimResponses.json(ctx, 400, SimResponses.idpError("4003", "Invalid values"));
      return;
    }
    if (!settings.username().equals(body.getString("email")) || !settings.password().equals(body.getString("password"))) {
      SimResponses.json(ctx, 400, SimResponses.idpError("4010", "Require authentication"));
      return;
    }
    Integer step;
    synchronized (this) {
      step = signinStep;
    }
    if (brazil && step != null) {
      SimResponses.json(ctx, 200, new JsonObject().put("step", step));
      return;
    }
    String code = tokens.issueCode(clock.instant());
    SimResponses.json(ctx, 200, new JsonObject().put("redirectUrl", profile.redirectUri() + "?code=" + code
        + "&state=ccsp&login_success=y"));
  }

  /** POST oauth2/token: the code grant and the refresh grant. */
  void token(RoutingContext ctx) {
    String basic = "Basic " + Base64.getEncoder().encodeToString(
        (profile.serviceId() + ":" + profile.clientSecret()).getBytes(StandardCharsets.UTF_8));
    if (!basic.equals(ctx.request().getHeader("Authorization"))) {
      SimResponses.json(ctx, 401, new JsonObject().put("error", "invalid_client"));
      return;
    }
    if (!admitLoginApp(ctx, false)) {
      return;
    }
    Map<String, String> form = form(ctx.body().asString());
    String grant = form.get("grant_type");
    if ("authorization_code".equals(grant)) {
      boolean brazil = profile.login() == LoginSteps.BRAZIL;
      if (!profile.redirectUri().equals(form.get("redirect_uri"))
          || (brazil && !profile.serviceId().equals(form.get("client_id")))
          || !tokens.redeemCode(form.get("code"), clock.instant())) {
        SimResponses.json(ctx, 400, SimResponses.failure("4003", "Invalid request value - Invalid code."));
        return;
      }
      SimResponses.json(ctx, 200, grantAnswer(true));
      return;
    }
    if ("refresh_token".equals(grant)) {
      String refresh = form.get("refresh_token");
      boolean known;
      synchronized (this) {
        known = refresh != null && refreshTokens.contains(refresh);
      }
      if (!known) {
        // a Bearer-prefixed value or an access token sent as the refresh token (uvo#1778)
        SimResponses.json(ctx, 400, SimResponses.failure("4002"));
        return;
      }
      boolean rotate = profile.region() == Region.AUSTRALIA || profile.region() == Region.NEW_ZEALAND
          || profile.region() == Region.BRAZIL;
      if (rotate) {
        synchronized (this) {
          refreshTokens.remove(refresh);
        }
      }
      SimResponses.json(ctx, 200, grantAnswer(rotate));
      return;
    }
    SimResponses.json(ctx, 400, new JsonObject().put("error", "unsupported_grant_type"));
  }

  private JsonObject grantAnswer(boolean withRefreshToken) {
    JsonObject answer = new JsonObject().put("token_type", "Bearer")
        .put("access_token", tokens.issueCcsToken(clock.instant()))
        .put("expires_in", settings.ccsTokenLifetime().toSeconds());
    if (withRefreshToken) {
      String refresh = UUID.randomUUID().toString().replace("-", "").toUpperCase(java.util.Locale.ROOT);
      synchronized (this) {
        refreshTokens.add(refresh);
      }
      answer.put("refresh_token", refresh);
    }
    return answer;
  }

  /** PUT pin: the access token, the session's device and the right PIN give a control token. */
  void pin(RoutingContext ctx, Type1SimGate gate) {
    if (!gate.admitToken(ctx)) {
      return;
    }
    JsonObject body = SimVehicles.jsonBody(ctx);
    if (body == null || !gate.knownDevice(body.getString("deviceId")) || !settings.pin().equals(body.getString("pin"))) {
      SimResponses.json(ctx, 400, SimResponses.failure("4003", "PIN verification failed"));
      return;
    }
    SimResponses.json(ctx, 200, new JsonObject().put("controlToken", tokens.issueControlToken(clock.instant()))
        .put("expiresTime", SimUser.CONTROL_TOKEN_SECONDS));
  }

  /** The account's refresh tokens stop working (a password change, a revoked session): the next refresh is 4002. */
  synchronized void revokeRefreshTokens() {
    refreshTokens.clear();
  }

  /** How many refresh tokens are live (tests: a rotation retires the old one). */
  synchronized int liveRefreshTokens() {
    return refreshTokens.size();
  }

  private synchronized String session(RoutingContext ctx) {
    String cookie = ctx.request().getHeader("Cookie");
    if (cookie == null) {
      return null;
    }
    for (String pair : cookie.split(";")) {
      String[] kv = pair.trim().split("=", 2);
      if (kv.length == 2 && kv[0].equals(SESSION_COOKIE) && sessions.contains(kv[1])) {
        return kv[1];
      }
    }
    return null;
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new HashMap<>();
    if (body == null) {
      return form;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }
}
