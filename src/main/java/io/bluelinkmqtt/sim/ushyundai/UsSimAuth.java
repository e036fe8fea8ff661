package io.bluelinkmqtt.sim.ushyundai;

import io.bluelinkmqtt.api.ushyundai.UsHyundaiProfile;
import io.bluelinkmqtt.sim.ushyundai.UsSimCalls.Endpoint;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The US simulator's account side (§2.6): the token endpoint (login, and the refresh grant that demands username and
 * password and rotates the refresh token) and the checks of every authenticated call (app headers, an unexpired access
 * token of the same user, the PIN).
 */
final class UsSimAuth {

  private final UsSimSettings settings;
  private final UsSimAnswers answers;
  private final Map<String, Instant> accessTokens = new HashMap<>();
  private String refreshToken;

  UsSimAuth(UsSimSettings settings, UsSimAnswers answers) {
    this.settings = settings;
    this.answers = answers;
  }

  void token(RoutingContext ctx) {
    JsonObject body = UsSimAnswers.json(ctx);
    boolean refresh = body != null && "refresh_token".equals(body.getValue("grant_type"));
    Endpoint endpoint = refresh ? Endpoint.TOKEN_REFRESH : Endpoint.LOGIN;
    if (!appHeaders(ctx, endpoint)) {
      return;
    }
    if (body == null || !(body.getValue("username") instanceof String user) || user.isEmpty()
        || !(body.getValue("password") instanceof String password) || password.isEmpty()) {
      // the refresh grant is refused without them, which is what lib#1186 found
      answers.error(ctx, endpoint, 400, 400, "C400_1", "IDM", "password required");
      return;
    }
    if (!settings.username().equals(user) || !settings.password().equals(password)) {
      answers.error(ctx, endpoint, 401, 401, "C401_1", "IDM", "Invalid username or password");
      return;
    }
    synchronized (this) {
      if (refresh && (refreshToken == null || !refreshToken.equals(body.getValue("refresh_token")))) {
        answers.error(ctx, endpoint, 401, 401, "C401_3", "IDM", "Invalid refresh token");
        return;
      }
      String access = "ushat-" + UUID.randomUUID();
      refreshToken = "ushrt-" + UUID.randomUUID();
      accessTokens.put(access, settings.clock().instant().plus(settings.tokenLifetime()));
      answers.send(ctx, endpoint, 200, new JsonObject().put("access_token", access).put("refresh_token", refreshToken)
          .put("expires_in", Long.toString(settings.tokenLifetime().toSeconds())).put("token_type", "Bearer"), null);
    }
  }

  /** True when the call carries the app headers, a valid token and the PIN; else answered with the cloud's error. */
  boolean admits(RoutingContext ctx, Endpoint endpoint) {
    if (!appHeaders(ctx, endpoint)) {
      return false;
    }
    MultiMap h = ctx.request().headers();
    String token = h.get("accessToken");
    Instant until;
    synchronized (this) {
      until = token == null ? null : accessTokens.get(token);
    }
    if (until == null || !settings.username().equals(h.get("username"))) {
      answers.error(ctx, endpoint, 401, 401, "C401_1", "IDM", "Invalid token");
      return false;
    }
    if (!until.isAfter(settings.clock().instant())) {
      answers.error(ctx, endpoint, 401, 401, "C401_2", "IDM", "Token has expired");
      return false;
    }
    String pin = h.get("blueLinkServicePin");
    if (pin == null || pin.isEmpty()) {
      answers.pinError(ctx, endpoint, "C400_1", "Missing Fields: blueLinkServicePin or pinToken");
      return false;
    }
    if (!settings.pin().equals(pin)) {
      answers.pinError(ctx, endpoint, "C400_2", "Invalid PIN");
      return false;
    }
    return true;
  }

  synchronized void expireAll() {
    accessTokens.replaceAll((token, until) -> Instant.MIN);
  }

  synchronized List<String> issued() {
    List<String> all = new ArrayList<>(accessTokens.keySet());
    if (refreshToken != null) {
      all.add(refreshToken);
    }
    return all;
  }

  private boolean appHeaders(RoutingContext ctx, Endpoint endpoint) {
    MultiMap h = ctx.request().headers();
    if (UsHyundaiProfile.CLIENT_ID.equals(h.get("client_id"))
        && UsHyundaiProfile.CLIENT_SECRET.equals(h.get("clientSecret")) && "SPA".equals(h.get("from"))) {
      return true;
    }
    answers.error(ctx, endpoint, 400, 400, "C400_1", "IDM", "Missing Fields: client_id or clientSecret");
    return false;
  }
}
