package io.bluelinkmqtt.http;

import io.bluelinkmqtt.config.Secret;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The optional bearer token (HTTP_AUTH_TOKEN). An API client sends {@code Authorization: Bearer <token>}; a browser
 * opens {@code /?token=<token>} once, which sets an HttpOnly, SameSite=Strict cookie and redirects to {@code /}, so
 * the token leaves the address bar and the page's own requests (fetch, EventSource) carry it. Without a token
 * every request passes. Comparisons take constant time.
 */
final class BearerAuth implements Handler<RoutingContext> {

  static final String COOKIE = "bluelink_token";
  private final Secret token;

  BearerAuth(Secret token) {
    this.token = token;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (token.isEmpty()) {
      ctx.next();
      return;
    }
    String header = ctx.request().getHeader("Authorization");
    Cookie cookie = ctx.request().getCookie(COOKIE);
    if ((header != null && header.startsWith("Bearer ") && matches(header.substring("Bearer ".length())))
        || (cookie != null && matches(cookie.getValue()))) {
      ctx.next();
      return;
    }
    String fromQuery = ctx.request().getParam("token");
    if ("/".equals(ctx.normalizedPath()) && fromQuery != null && matches(fromQuery)) {
      ctx.response().addCookie(Cookie.cookie(COOKIE, token.reveal()).setHttpOnly(true).setPath("/")
          .setSameSite(CookieSameSite.STRICT));
      ctx.response().setStatusCode(303).putHeader("Location", "/").end();
      return;
    }
    ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer realm=\"bluelink-mqtt\"")
        .putHeader("Content-Type", "application/json").end("{\"error\":\"unauthorized\"}");
  }

  private boolean matches(String presented) {
    return MessageDigest.isEqual(presented.strip().getBytes(StandardCharsets.UTF_8),
        token.reveal().getBytes(StandardCharsets.UTF_8));
  }
}
