package io.bluelinkmqtt.api.type1;

import io.bluelinkmqtt.api.ApiErrors;
import io.bluelinkmqtt.api.ApiException;
import io.bluelinkmqtt.api.ApiException.Kind;
import io.bluelinkmqtt.api.CallContext;
import io.bluelinkmqtt.api.CallKind;
import io.bluelinkmqtt.api.ResilientCaller;
import io.bluelinkmqtt.api.ResilientCaller.Concern;
import io.bluelinkmqtt.api.UpstreamHttp;
import io.bluelinkmqtt.api.UpstreamResponse;
import io.bluelinkmqtt.api.eu.EuErrors;
import io.bluelinkmqtt.api.eu.EuLogin;
import io.bluelinkmqtt.api.eu.SessionLogin;
import io.bluelinkmqtt.api.eu.Stamp;
import io.bluelinkmqtt.api.eu.TokenSet;
import io.bluelinkmqtt.api.type1.Type1Profile.LoginSteps;
import io.bluelinkmqtt.config.Secret;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The Type 1 login outside Europe (bluelink-protocol.md §2.2–2.5): device registration, authorize (cookies),
 * sign-in with e-mail and password, the authorisation-code grant, and the refresh-token grant — with the region's
 * Stamp rule, China's language step and immediate refresh, Brazil's {@code text/plain} sign-in and {@code step}
 * answers. The refresh token is stored verbatim and sent verbatim: never {@code Bearer}-prefixed, never an access
 * token (the AU bug of the reference library, uvo#1778). Every call goes through the {@link ResilientCaller} (auth
 * concern, never retried: each login registers with the account).
 */
public final class Type1Login implements SessionLogin {

  static final String WRONG_CREDENTIALS = "login rejected: wrong e-mail or password";
  private static final String OAUTH = "/api/v1/user/oauth2/";
  /** China: the lib assumes 23 h when the answer gives no lifetime. */
  private static final long DEFAULT_TTL_SECONDS = 23 * 3600;
  private static final String BR_USER_AGENT = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_4 like Mac OS X) "
      + "AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148_CCS_APP_iOS";
  private static final int MAX_HOPS = 3;

  private final UpstreamHttp http;
  private final ResilientCaller caller;
  private final Type1Profile profile;
  private final String ccapi;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public Type1Login(UpstreamHttp http, ResilientCaller caller, Type1Profile profile, String ccapi, Clock clock) {
    this.http = http;
    this.caller = caller;
    this.profile = profile;
    this.ccapi = ccapi;
    this.clock = clock;
  }

  @Override
  public Future<String> registerDevice(CallContext context) {
    if (profile.fixedDeviceId() != null) {
      return Future.succeededFuture(profile.fixedDeviceId());
    }
    byte[] push = new byte[32];
    random.nextBytes(push);
    JsonObject body = new JsonObject().put("pushRegId", HexFormat.of().formatHex(push))
        .put("pushType", profile.pushType()).put("uuid", UUID.randomUUID().toString());
    if (profile.login() == LoginSteps.CHINA) {
      body.put("pushRegId", "1").put("providerDeviceId", "59af09e554a9442ab8589c9500d04d2e");
    }
    MultiMap headers = appHeaders(profile.stampsLogin()).add("Content-Type", "application/json;charset=UTF-8");
    return exchange(CallKind.DEVICE_REGISTRATION, context, HttpMethod.POST,
        ccapi + "/api/v1/spa/notifications/register", headers, body.toBuffer())
        .map(response -> {
          JsonObject json = EuErrors.checkEnvelope(response, clock);
          String id = json.getValue("resMsg") instanceof JsonObject m ? text(m.getValue("deviceId")) : null;
          if (id == null || id.isBlank()) {
            throw new ApiException(Kind.BAD_RESPONSE, "device registration returned no device id");
          }
          return id;
        });
  }

  @Override
  public Future<TokenSet> login(String username, Secret password, String deviceId, CallContext context) {
    if (username.isBlank() || password.isEmpty()) {
      return Future.failedFuture(new ApiException(Kind.AUTH_FAILED, "no user name or password configured"));
    }
    Map<String, String> cookies = new LinkedHashMap<>();
    String authorize = ccapi + OAUTH + "authorize?response_type=code&client_id=" + enc(profile.serviceId())
        + "&redirect_uri=" + enc(profile.redirectUri()) + (profile.login() == LoginSteps.BRAZIL ? "" : "&lang=en");
    Future<Void> session = follow(authorize, cookies, context, 0);
    if (profile.language() != null) {
      session = session.compose(v -> language(cookies, context));
    }
    Future<TokenSet> tokens = session.compose(v -> signIn(username, password, cookies, context))
        .compose(code -> codeGrant(code, context));
    // China: the lib's login ends with a refresh grant; its answer is the session kept
    return profile.login() == LoginSteps.CHINA ? tokens.compose(t -> refreshTokens(t, deviceId, context)) : tokens;
  }

  @Override
  public Future<TokenSet> refreshTokens(TokenSet tokens, String deviceId, CallContext context) {
    String form = "grant_type=refresh_token&refresh_token=" + enc(tokens.refreshToken().reveal());
    if (profile.refreshRedirectUri() != null) {
      form += "&redirect_uri=" + enc(profile.refreshRedirectUri());
    }
    return tokenCall(CallKind.TOKEN_REFRESH, form, context)
        .map(json -> tokenSet(json, tokens.refreshToken(), "refresh token rejected; a new login is needed"));
  }

  @Override
  public Future<TokenSet> completeRefresh(TokenSet tokens, String deviceId, CallContext context) {
    return Future.succeededFuture(tokens);
  }

  // ---- the steps ----

  /** GET authorize, keeping the cookies of every hop (Brazil sets its {@code account} cookie on the redirect). */
  private Future<Void> follow(String url, Map<String, String> cookies, CallContext context, int hops) {
    MultiMap headers = browserHeaders(cookies);
    return exchange(CallKind.LOGIN, context, HttpMethod.GET, url, headers, null).compose(response -> {
      store(cookies, response);
      String location = response.header("Location");
      if (response.status() / 100 == 3 && location != null && hops < MAX_HOPS) {
        return follow(URI.create(url).resolve(location).toString(), cookies, context, hops + 1);
      }
      if (response.status() >= 500) {
        return Future.failedFuture(new ApiException(Kind.SERVER_ERROR, "login page error HTTP " + response.status()));
      }
      if (response.status() >= 400) {
        return Future.failedFuture(new ApiException(Kind.AUTH_FAILED,
            "login page refused the request (HTTP " + response.status() + ")"));
      }
      return Future.succeededFuture();
    });
  }

  private Future<Void> language(Map<String, String> cookies, CallContext context) {
    MultiMap headers = browserHeaders(cookies).add("Content-Type", "application/json");
    JsonObject body = new JsonObject().put("lang", profile.language());
    return exchange(CallKind.LOGIN, context, HttpMethod.POST, ccapi + "/api/v1/user/language", headers,
        body.toBuffer()).map(response -> {
          store(cookies, response);
          return null;
        });
  }

  private Future<String> signIn(String username, Secret password, Map<String, String> cookies, CallContext context) {
    MultiMap headers = browserHeaders(cookies);
    if (profile.login() == LoginSteps.BRAZIL) {
      headers.set("User-Agent", BR_USER_AGENT).add("Content-Type", "text/plain;charset=UTF-8")
          .add("Referer", profile.ccapiBase() + "/web/v1/user/signin").add("Origin", profile.ccapiBase());
    } else {
      headers.add("Content-Type", "application/json");
    }
    JsonObject body = new JsonObject().put("email", username).put("password", password.reveal());
    return exchange(CallKind.LOGIN, context, HttpMethod.POST, ccapi + "/api/v1/user/signin", headers, body.toBuffer())
        .map(response -> {
          store(cookies, response);
          return codeOf(response);
        });
  }

  /** The sign-in answer: {@code redirectUrl} with the code, a Brazilian {@code step}, or a refusal. */
  static String codeOf(UpstreamResponse response) {
    if (response.status() >= 500) {
      throw new ApiException(Kind.SERVER_ERROR, "sign-in error HTTP " + response.status());
    }
    JsonObject json = ApiErrors.parseObject(response);
    if (json != null && json.getValue("step") instanceof Number step) {
      throw new ApiException(Kind.AUTH_FAILED, BrazilSteps.message(step.intValue()));
    }
    String redirect = json == null ? null : text(json.getValue("redirectUrl"));
    String code = redirect == null ? null : EuLogin.queryParam(redirect, "code");
    if (response.status() >= 400 || code == null || code.isBlank()) {
      throw new ApiException(Kind.AUTH_FAILED, WRONG_CREDENTIALS);
    }
    return code;
  }

  private Future<TokenSet> codeGrant(String code, CallContext context) {
    String form = "grant_type=authorization_code&redirect_uri=" + enc(profile.redirectUri()) + "&code=" + enc(code);
    if (profile.login() == LoginSteps.BRAZIL) {
      form = "client_id=" + enc(profile.serviceId()) + "&" + form;
    }
    return tokenCall(CallKind.LOGIN, form, context)
        .map(json -> tokenSet(json, null, "authorisation code rejected"));
  }

  /** POST oauth2/token with the client's Basic credentials (and a Stamp where the region wants one). */
  private Future<UpstreamResponse> tokenCall(CallKind kind, String form, CallContext context) {
    MultiMap headers = appHeaders(profile.stampsLogin())
        .add("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (profile.serviceId() + ":" + profile.clientSecret()).getBytes(StandardCharsets.UTF_8)))
        .add("Content-Type", "application/x-www-form-urlencoded");
    return exchange(kind, context, HttpMethod.POST, ccapi + OAUTH + "token", headers, Buffer.buffer(form));
  }

  /**
   * The tokens of a grant's answer. An envelope failure (AU answers {@code 4002} to a wrong refresh token), a 4xx
   * or an answer without an access token is AUTH_FAILED with {@code rejected}; 5xx and 429 keep their kind.
   */
  private TokenSet tokenSet(UpstreamResponse response, Secret previousRefresh, String rejected) {
    if (response.status() == 429 || response.status() == 509) {
      EuErrors.checkEnvelope(response, clock);
    }
    if (response.status() >= 500) {
      throw new ApiException(Kind.SERVER_ERROR, "token service error HTTP " + response.status());
    }
    JsonObject json = ApiErrors.parseObject(response);
    if (response.status() >= 300 || json == null || "F".equals(text(json.getValue("retCode")))) {
      String code = json == null ? null : text(json.getValue("resCode"));
      if ("5091".equals(code)) {
        EuErrors.checkEnvelope(response, clock);
      }
      throw new ApiException(Kind.AUTH_FAILED, rejected + (code == null ? "" : " (" + ApiErrors.sanitize(code) + ")"));
    }
    String access = text(json.getValue("access_token"));
    if (access == null || access.isBlank()) {
      throw new ApiException(Kind.AUTH_FAILED, rejected);
    }
    String refresh = text(json.getValue("refresh_token"));
    Secret refreshToken = refresh != null && !refresh.isBlank() ? Secret.of(refresh)
        : previousRefresh != null ? previousRefresh : Secret.empty();
    if (refreshToken.isEmpty()) {
      throw new ApiException(Kind.BAD_RESPONSE, "token answer without refresh token");
    }
    return TokenSet.legacy(Secret.of(stripBearer(access)), expiry(json.getValue("expires_in")), refreshToken);
  }

  // ---- helpers ----

  private Future<UpstreamResponse> exchange(CallKind kind, CallContext context, HttpMethod method, String url,
                                            MultiMap headers, Buffer body) {
    return caller.call(Concern.AUTH, kind, context, false, () -> http.send(method, url, headers, body));
  }

  private MultiMap appHeaders(boolean stamp) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .add("ccsp-service-id", profile.serviceId())
        .add("ccsp-application-id", profile.appId())
        .add("User-Agent", Type1Client.API_USER_AGENT);
    if (stamp && profile.stampKey() != null) {
      headers.add("Stamp", Stamp.create(profile.appId(), profile.stampKey(), clock.millis()));
    }
    return headers;
  }

  private MultiMap browserHeaders(Map<String, String> cookies) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .add("User-Agent", Type1Client.API_USER_AGENT)
        .add("Accept", "application/json, text/plain, */*");
    if (!cookies.isEmpty()) {
      headers.add("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining("; ")));
    }
    return headers;
  }

  private static void store(Map<String, String> cookies, UpstreamResponse response) {
    for (String header : response.headers().getAll("Set-Cookie")) {
      String pair = header.split(";", 2)[0];
      int eq = pair.indexOf('=');
      if (eq > 0) {
        cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
    }
  }

  private Instant expiry(Object value) {
    long seconds = value instanceof Number n ? n.longValue()
        : value instanceof String s && s.matches("\\d{1,9}") ? Long.parseLong(s) : DEFAULT_TTL_SECONDS;
    return clock.instant().plusSeconds(Math.max(0, seconds));
  }

  private static String stripBearer(String token) {
    return token.regionMatches(true, 0, "Bearer ", 0, 7) ? token.substring(7).trim() : token;
  }

  private static String text(Object value) {
    return value instanceof String || value instanceof Number ? String.valueOf(value) : null;
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
