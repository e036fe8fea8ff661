package io.bluelinkmqtt.sim;

import io.bluelinkmqtt.api.eu.EuBrandProfile;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Supplier;
import javax.crypto.Cipher;

/**
 * The identity provider host ({@code idpconnect-eu.*}, §2.1.3 C1–C3 and §2.1.4): authorize page,
 * RSA certs, the password signin with its redirect answers, and the legacy 48-character refresh-token
 * grant. RSA work runs on the simulator's worker executor. The legacy (non-OneApp) client id is WAF
 * blocked, as since 2026-08-11.
 */
final class SimIdp {

  static final String KEY_ID = "HMGID2_CIPHER_KEY1";
  private static final String UA_SUFFIX = "_CCS_APP_AOS";

  private final EuBrandProfile profile;
  private final SimulatorSettings settings;
  private final TokenRegistry tokens;
  private final WorkerExecutor worker;
  private final Supplier<String> baseUrl;
  private volatile KeyPair keyPair;

  SimIdp(SimulatorSettings settings, TokenRegistry tokens, WorkerExecutor worker, Supplier<String> baseUrl) {
    this.profile = EuBrandProfile.of(settings.brand());
    this.settings = settings;
    this.tokens = tokens;
    this.worker = worker;
    this.baseUrl = baseUrl;
  }

  /** Generates the server's RSA key pair off the event loop. */
  Future<Void> init() {
    return worker.executeBlocking(() -> {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    }).map(pair -> {
      keyPair = pair;
      return null;
    });
  }

  void authorize(RoutingContext ctx, FaultType loginFault) {
    HttpServerRequest req = ctx.request();
    if (!mobileAgent(req)) {
      SimResponses.html(ctx, 400, "<html><body>Bad Request</body></html>");
    } else if (loginFault == FaultType.WAF_BLOCK || profile.serviceId().equals(req.getParam("client_id"))) {
      SimResponses.redirect(ctx, wafErrorUrl(req.getParam("client_id")));
    } else if (!profile.oneAppClientId().equals(req.getParam("client_id"))
        || !profile.oneAppRedirectUri().equals(req.getParam("redirect_uri"))
        || !"code".equals(req.getParam("response_type"))) {
      SimResponses.html(ctx, 400, "<html><body>Bad Request</body></html>");
    } else {
      ctx.response().putHeader("Set-Cookie", "SESSION=" + UUID.randomUUID() + "; Path=/auth; HttpOnly");
      SimResponses.html(ctx, 200, "<!DOCTYPE html><html><head><title>Sign in</title></head><body>"
          + "<form id=\"kc-form-login\" action=\"/auth/account/signin\" method=\"post\">"
          + "<input name=\"username\"/><input name=\"password\" type=\"password\"/></form></body></html>");
    }
  }

  /** The page the WAF redirect ends on. */
  void errorPage(RoutingContext ctx) {
    String description = ctx.request().getParam("error_description", "");
    SimResponses.html(ctx, 400, "<html><body><h1>Error</h1><p>" + description.replace("<", "&lt;")
        + "</p></body></html>");
  }

  void certs(RoutingContext ctx) {
    RSAPublicKey key = (RSAPublicKey) keyPair.getPublic();
    SimResponses.json(ctx, 200, new JsonObject().put("retValue", new JsonObject().put("kid", KEY_ID)
        .put("n", base64Url(key.getModulus())).put("e", base64Url(key.getPublicExponent()))));
  }

  void signin(RoutingContext ctx, FaultType loginFault) {
    HttpServerRequest req = ctx.request();
    String clientId = req.getFormAttribute("client_id");
    if (!mobileAgent(req)) {
      SimResponses.html(ctx, 400, "<html><body>Bad Request</body></html>");
      return;
    }
    if (loginFault == FaultType.WAF_BLOCK || profile.serviceId().equals(clientId)) {
      SimResponses.redirect(ctx, wafErrorUrl(clientId));
      return;
    }
    String username = req.getFormAttribute("username");
    String hexPassword = req.getFormAttribute("password");
    if (!profile.oneAppClientId().equals(clientId)
        || !profile.oneAppRedirectUri().equals(req.getFormAttribute("redirect_uri"))
        || !"true".equals(req.getFormAttribute("encryptedPassword"))
        || !KEY_ID.equals(req.getFormAttribute("kid")) || username == null || hexPassword == null) {
      SimResponses.json(ctx, 400, SimResponses.idpError("4003", "Invalid values"));
      return;
    }
    decrypt(hexPassword).onComplete(result -> {
      if (result.failed()) {
        SimResponses.json(ctx, 400, SimResponses.idpError("4003", "Invalid values"));
      } else if (loginFault == FaultType.WRONG_CREDENTIALS || !settings.username().equalsIgnoreCase(username)
          || !settings.password().equals(result.result())) {
        SimResponses.redirect(ctx, baseUrl.get() + "/auth/api/v2/user/oauth2/authorize?response_type=code"
            + "&client_id=" + clientId + "&redirect_uri=" + encode(profile.oneAppRedirectUri())
            + "&lang=en&state=ccsp");
      } else if (loginFault == FaultType.CONSENT_REQUIRED) {
        SimResponses.redirect(ctx, baseUrl.get() + "/web/v1/user/authorization?client_id=" + clientId
            + "&state=ccsp");
      } else {
        String code = tokens.issueCode(settings.clock().instant());
        SimResponses.redirect(ctx, profile.oneAppRedirectUri() + "?code=" + code + "&login_success=y&state="
            + req.getFormAttribute("state"));
      }
    });
  }

  /** {@code POST /auth/api/v2/user/oauth2/token} with {@code grant_type=refresh_token} (§2.1.4). */
  void legacyToken(RoutingContext ctx, FaultType loginFault) {
    HttpServerRequest req = ctx.request();
    if (loginFault == FaultType.WAF_BLOCK) {
      SimResponses.html(ctx, 400, "<html><body>" + wafDescription(req.getFormAttribute("client_id"))
          + "</body></html>");
    } else if (!"refresh_token".equals(req.getFormAttribute("grant_type"))
        || !profile.serviceId().equals(req.getFormAttribute("client_id"))
        || !profile.clientSecret().equals(req.getFormAttribute("client_secret"))) {
      SimResponses.json(ctx, 400, new JsonObject().put("error", "invalid_client")
          .put("error_description", "Client is not registered"));
    } else if (loginFault == FaultType.WRONG_CREDENTIALS
        || !tokens.legacyRefreshToken().equals(req.getFormAttribute("refresh_token"))) {
      SimResponses.json(ctx, 400, new JsonObject().put("error", "invalid_grant")
          .put("error_description", "Invalid refresh token"));
    } else {
      Duration lifetime = settings.ccsTokenLifetime();
      SimResponses.json(ctx, 200, new JsonObject().put("token_type", "Bearer")
          .put("access_token", tokens.issueCcsToken(settings.clock().instant()))
          .put("expires_in", lifetime.toSeconds()));
    }
  }

  private Future<String> decrypt(String hex) {
    return worker.executeBlocking(() -> {
      Cipher cipher = Cipher.getInstance("RSA/ECB/PKCS1Padding");
      cipher.init(Cipher.DECRYPT_MODE, keyPair.getPrivate());
      return new String(cipher.doFinal(HexFormat.of().parseHex(hex)), StandardCharsets.UTF_8);
    });
  }

  private String wafErrorUrl(String clientId) {
    return baseUrl.get() + "/auth/error?status=400&error_description=" + encode(wafDescription(clientId));
  }

  private static String wafDescription(String clientId) {
    return "Bad Request. It was classified as an abusing request and blocked. client_id : " + clientId;
  }

  private static boolean mobileAgent(HttpServerRequest req) {
    String agent = req.getHeader("User-Agent");
    return agent != null && agent.endsWith(UA_SUFFIX);
  }

  private static String base64Url(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      byte[] unsigned = new byte[bytes.length - 1];
      System.arraycopy(bytes, 1, unsigned, 0, unsigned.length);
      bytes = unsigned;
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
