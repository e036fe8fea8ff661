package io.bluelinkmqtt.api.eu;

import io.bluelinkmqtt.api.ApiErrors;
import io.bluelinkmqtt.api.ApiException;
import io.bluelinkmqtt.api.ApiException.Kind;
import io.bluelinkmqtt.api.CallContext;
import io.bluelinkmqtt.api.CallKind;
import io.bluelinkmqtt.api.ResilientCaller;
import io.bluelinkmqtt.api.ResilientCaller.Concern;
import io.bluelinkmqtt.api.UpstreamHttp;
import io.bluelinkmqtt.api.UpstreamResponse;
import io.bluelinkmqtt.config.Secret;
import io.bluelinkmqtt.domain.Brand;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.crypto.Cipher;

/**
 * The EU login (bluelink-protocol.md §2.1): device registration, the OneApp/CCI flow C1–C5, the CCI
 * refresh (v2, JSON, all seven fields, then C5 again) and the legacy 48-character refresh token
 * given as the password. Every call goes through the {@link ResilientCaller} (auth breaker, budget;
 * never retried: each login registers with the account). The RSA encryption runs on the worker pool.
 *
 * <p>Failures are {@link ApiException}s of kind AUTH_FAILED with distinct safe messages: wrong
 * credentials, blocked by the server, consent needed, one-time code needed.
 */
public final class EuLogin implements SessionLogin {

  /** How a legacy refresh token given as the password looks (§2.1.4). */
  static final Pattern LEGACY_REFRESH_TOKEN = Pattern.compile("[A-Z0-9]{48}");
  static final String WRONG_CREDENTIALS = "login rejected: wrong user name or password";
  static final String BLOCKED = "login blocked by the server (classified as abusing); wait before trying again";
  static final String CONSENT = "login needs the terms to be accepted once in the official app or browser";
  static final String ONE_TIME_CODE = "login needs a one-time code; complete it once in the official app";
  private static final int MAX_REDIRECTS = 5;
  private static final long DEFAULT_CCI_TTL_SECONDS = 3599;

  private final UpstreamHttp http;
  private final ResilientCaller caller;
  private final WorkerExecutor worker;
  private final EuBrandProfile profile;
  private final EuEndpoints endpoints;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public EuLogin(UpstreamHttp http, ResilientCaller caller, WorkerExecutor worker, EuBrandProfile profile,
                 EuEndpoints endpoints, Clock clock) {
    this.http = http;
    this.caller = caller;
    this.worker = worker;
    this.profile = profile;
    this.endpoints = endpoints;
    this.clock = clock;
  }

  /** §1.2: registers a device (fake push token) and returns its {@code ccsp-device-id}. */
  @Override
  public Future<String> registerDevice(CallContext context) {
    byte[] push = new byte[32];
    random.nextBytes(push);
    JsonObject body = new JsonObject().put("pushRegId", HexFormat.of().formatHex(push))
        .put("pushType", profile.pushType()).put("uuid", UUID.randomUUID().toString());
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .add("ccsp-service-id", profile.serviceId())
        .add("ccsp-application-id", profile.appId())
        .add("Stamp", Stamp.create(profile.appId(), profile.stampKeyBase64(), clock.millis()))
        .add("Content-Type", "application/json;charset=UTF-8")
        .add("User-Agent", EuBrandProfile.API_USER_AGENT);
    return exchange(CallKind.DEVICE_REGISTRATION, context, HttpMethod.POST,
        endpoints.ccapi() + "/api/v1/spa/notifications/register", headers, body.toBuffer())
        .map(response -> {
          JsonObject json = EuErrors.checkEnvelope(response, clock);
          JsonObject resMsg = json.getValue("resMsg") instanceof JsonObject m ? m : null;
          String deviceId = resMsg == null ? null : stringOrNull(resMsg.getValue("deviceId"));
          if (deviceId == null || deviceId.isBlank()) {
            throw new ApiException(Kind.BAD_RESPONSE, "device registration returned no device id");
          }
          return deviceId;
        });
  }

  /** Logs in with the password, or with a legacy refresh token when the password is one. */
  @Override
  public Future<TokenSet> login(String username, Secret password, String deviceId, CallContext context) {
    if (LEGACY_REFRESH_TOKEN.matcher(password.reveal()).matches()) {
      return legacyRefresh(password, context);
    }
    if (username.isBlank() || password.isEmpty()) {
      return Future.failedFuture(new ApiException(Kind.AUTH_FAILED, "no user name or password configured"));
    }
    CookieJar cookies = new CookieJar();
    return authorize(cookies, context)
        .compose(v -> publicKey(cookies, context))
        .compose(key -> encrypt(key, password))
        .compose(encrypted -> signIn(cookies, username, encrypted, context))
        .compose(code -> cciTokens(code, deviceId, context))
        .compose(cci -> exchangeForCcs(cci, deviceId, context));
  }

  /** Renews a session: CCI refresh + C5, or the legacy refresh grant again. */
  public Future<TokenSet> refresh(TokenSet tokens, String deviceId, CallContext context) {
    return refreshTokens(tokens, deviceId, context).compose(refreshed -> completeRefresh(refreshed, deviceId, context));
  }

  /**
   * The second half of a refresh: a CCI set is exchanged for a CCS token; a legacy set is complete
   * already. Kept apart so the caller can store the (possibly rotated) CCI set before the exchange.
   */
  @Override
  public Future<TokenSet> completeRefresh(TokenSet tokens, String deviceId, CallContext context) {
    return tokens.kind() == TokenSet.Kind.LEGACY ? Future.succeededFuture(tokens)
        : exchangeForCcs(tokens, deviceId, context);
  }

  /** The first half of a refresh: the CCI token-refresh call (or the whole legacy refresh grant). */
  @Override
  public Future<TokenSet> refreshTokens(TokenSet tokens, String deviceId, CallContext context) {
    if (tokens.kind() == TokenSet.Kind.LEGACY) {
      return legacyRefresh(tokens.refreshToken(), context);
    }
    JsonObject body = new JsonObject()
        .put("accessToken", tokens.cciAccessToken().reveal())
        .put("refreshToken", tokens.refreshToken().reveal())
        .put("exchangeableAccessToken", tokens.exchangeableAccessToken().reveal())
        .put("exchangeableRefreshToken", tokens.exchangeableRefreshToken().reveal())
        .put("nonCcsToken", tokens.nonCcsToken().reveal())
        .put("nonCcsRefreshToken", tokens.nonCcsRefreshToken().reveal())
        .put("idToken", tokens.idToken().reveal());
    MultiMap headers = cciAuthHeaders(tokens, deviceId).add("Content-Type", "application/json");
    return exchange(CallKind.TOKEN_REFRESH, context, HttpMethod.POST,
        endpoints.cci() + "/domain/api/v2/auth/token-refresh", headers, body.toBuffer())
        .map(response -> {
          JsonObject json = authJson(response, "token refresh rejected; a new login is needed");
          TokenSet refreshed = mergeCci(tokens, json);
          String cookie = cookieValue(response, "t");
          return cookie == null ? refreshed : withExchangeable(refreshed, Secret.of(cookie));
        });
  }

  // ---- C1 authorize (follows redirects itself, keeping cookies; detects the WAF block) ----

  private Future<Void> authorize(CookieJar cookies, CallContext context) {
    String url = endpoints.idp() + "/auth/api/v2/user/oauth2/authorize?response_type=code&client_id="
        + enc(profile.oneAppClientId()) + "&redirect_uri=" + enc(profile.oneAppRedirectUri())
        + "&lang=en&state=ccsp&country=de";
    return follow(url, cookies, context, 0);
  }

  private Future<Void> follow(String url, CookieJar cookies, CallContext context, int hops) {
    if (url.contains("/error?status=400")) {
      return Future.failedFuture(new ApiException(Kind.AUTH_FAILED, BLOCKED));
    }
    return exchange(CallKind.LOGIN, context, HttpMethod.GET, url, loginHeaders(cookies, url), null)
        .compose(response -> {
          cookies.store(response.headers());
          String location = response.header("Location");
          if (isRedirect(response.status()) && location != null && hops < MAX_REDIRECTS) {
            return follow(URI.create(url).resolve(location).toString(), cookies, context, hops + 1);
          }
          if (response.body().toString(StandardCharsets.UTF_8).toLowerCase(Locale.ROOT).contains("abusing")) {
            return Future.failedFuture(new ApiException(Kind.AUTH_FAILED, BLOCKED));
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

  // ---- C2 RSA key, encryption on the worker pool ----

  private record RsaKey(String kid, PublicKey key) {
  }

  private Future<RsaKey> publicKey(CookieJar cookies, CallContext context) {
    String url = endpoints.idp() + "/auth/api/v1/accounts/certs";
    return exchange(CallKind.LOGIN, context, HttpMethod.GET, url, loginHeaders(cookies, url), null)
        .compose(response -> {
          cookies.store(response.headers());
          JsonObject json = authJson(response, "login key request rejected");
          JsonObject value = json.getValue("retValue") instanceof JsonObject v ? v : json;
          String kid = stringOrNull(value.getValue("kid"));
          String n = stringOrNull(value.getValue("n"));
          String e = stringOrNull(value.getValue("e"));
          if (kid == null || n == null || e == null) {
            return Future.failedFuture(new ApiException(Kind.BAD_RESPONSE, "login key response incomplete"));
          }
          return worker.executeBlocking(() -> new RsaKey(kid, rsaKey(n, e)))
              .recover(err -> Future.failedFuture(new ApiException(Kind.BAD_RESPONSE, "login key unusable")));
        });
  }

  private record Encrypted(String kid, String hex) {
  }

  private Future<Encrypted> encrypt(RsaKey key, Secret password) {
    return worker.executeBlocking(() -> {
      Cipher cipher = Cipher.getInstance("RSA/ECB/PKCS1Padding");
      cipher.init(Cipher.ENCRYPT_MODE, key.key());
      byte[] out = cipher.doFinal(password.reveal().getBytes(StandardCharsets.UTF_8));
      return new Encrypted(key.kid(), HexFormat.of().formatHex(out));
    }).recover(err -> Future.failedFuture(new ApiException(Kind.AUTH_FAILED, "password could not be encrypted")));
  }

  static PublicKey rsaKey(String n, String e) throws java.security.GeneralSecurityException {
    Base64.Decoder url = Base64.getUrlDecoder();
    BigInteger modulus = new BigInteger(1, url.decode(stripPadding(n)));
    BigInteger exponent = new BigInteger(1, url.decode(stripPadding(e)));
    return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
  }

  // ---- C3 sign-in (no redirects followed; the Location tells what happened) ----

  private Future<String> signIn(CookieJar cookies, String username, Encrypted password, CallContext context) {
    String url = endpoints.idp() + "/auth/account/signin";
    String form = "client_id=" + enc(profile.oneAppClientId()) + "&encryptedPassword=true&password="
        + password.hex() + "&redirect_uri=" + enc(profile.oneAppRedirectUri()) + "&scope=&nonce=&state=ccsp&username="
        + enc(username) + "&connector_session_key=&kid=" + enc(password.kid()) + "&_csrf=";
    MultiMap headers = loginHeaders(cookies, url).add("Content-Type", "application/x-www-form-urlencoded");
    return exchange(CallKind.LOGIN, context, HttpMethod.POST, url, headers, Buffer.buffer(form))
        .map(response -> {
          cookies.store(response.headers());
          return codeFromSignIn(response);
        });
  }

  static String codeFromSignIn(UpstreamResponse response) {
    String location = response.header("Location");
    String body = response.body().toString(StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
    if (body.contains("abusing") || (location != null && location.contains("/error?status=400"))) {
      throw new ApiException(Kind.AUTH_FAILED, BLOCKED);
    }
    if (response.status() >= 500) {
      throw new ApiException(Kind.SERVER_ERROR, "sign-in error HTTP " + response.status());
    }
    if (!isRedirect(response.status()) || location == null) {
      throw new ApiException(Kind.AUTH_FAILED, body.contains("otp") ? ONE_TIME_CODE
          : "sign-in rejected (HTTP " + response.status() + ")");
    }
    String lower = location.toLowerCase(Locale.ROOT);
    String code = queryParam(location, "code");
    if (code != null && !code.isBlank() && !lower.contains("error=")) {
      return code;
    }
    if (lower.contains("otp") || lower.contains("mfa") || lower.contains("verification")) {
      throw new ApiException(Kind.AUTH_FAILED, ONE_TIME_CODE);
    }
    if (lower.contains("/web/v1/user/authorization") || lower.contains("consent") || lower.contains("terms")) {
      throw new ApiException(Kind.AUTH_FAILED, CONSENT);
    }
    if (lower.contains("abusing")) {
      throw new ApiException(Kind.AUTH_FAILED, BLOCKED);
    }
    if (lower.contains("oauth2/authorize")) {
      throw new ApiException(Kind.AUTH_FAILED, WRONG_CREDENTIALS + " (or the session was blocked)");
    }
    throw new ApiException(Kind.AUTH_FAILED, WRONG_CREDENTIALS);
  }

  // ---- C4 code -> CCI tokens, C5 CCI -> CCS token ----

  private Future<TokenSet> cciTokens(String code, String deviceId, CallContext context) {
    String url = endpoints.cci() + "/domain/api/v1/auth/token?code=" + enc(code);
    return exchange(CallKind.LOGIN, context, HttpMethod.POST, url, cciHeaders(deviceId), null)
        .map(response -> mergeCci(null, authJson(response, "authorisation code rejected")));
  }

  private Future<TokenSet> exchangeForCcs(TokenSet cci, String deviceId, CallContext context) {
    String url = endpoints.cci() + "/domain/api/v1/auth/token-exchange?serviceType=CCS";
    return exchange(CallKind.TOKEN_REFRESH, context, HttpMethod.POST, url, cciAuthHeaders(cci, deviceId), null)
        .map(response -> {
          JsonObject json = authJson(response, "token exchange rejected");
          String ccs = stringOrNull(json.getValue("accessToken"));
          if (ccs == null) {
            ccs = stringOrNull(json.getValue("ccsAccessToken"));
          }
          if (ccs == null || ccs.isBlank()) {
            throw new ApiException(Kind.BAD_RESPONSE, "token exchange returned no access token");
          }
          Instant validUntil = expiry(json.getValue("expiresTime"), DEFAULT_CCI_TTL_SECONDS);
          return new TokenSet(TokenSet.Kind.CCI, Secret.of(ccs), validUntil, cci.cciAccessToken(), cci.refreshToken(),
              cci.exchangeableAccessToken(), cci.exchangeableRefreshToken(), cci.nonCcsToken(),
              cci.nonCcsRefreshToken(), cci.idToken());
        });
  }

  /** A CCI token set from a C4 or refresh answer; fields the answer leaves out keep their old value. */
  private TokenSet mergeCci(TokenSet old, JsonObject json) {
    Secret access = pickSecret(json, "accessToken", old == null ? null : old.cciAccessToken());
    if (access.isEmpty()) {
      throw new ApiException(Kind.BAD_RESPONSE, "token answer without access token");
    }
    return new TokenSet(TokenSet.Kind.CCI, Secret.empty(), expiry(json.getValue("expiresIn"), DEFAULT_CCI_TTL_SECONDS),
        access,
        pickSecret(json, "refreshToken", old == null ? null : old.refreshToken()),
        pickSecret(json, "exchangeableAccessToken", old == null ? null : old.exchangeableAccessToken()),
        pickSecret(json, "exchangeableRefreshToken", old == null ? null : old.exchangeableRefreshToken()),
        pickSecret(json, "nonCcsToken", old == null ? null : old.nonCcsToken()),
        pickSecret(json, "nonCcsRefreshToken", old == null ? null : old.nonCcsRefreshToken()),
        pickSecret(json, "idToken", old == null ? null : old.idToken()));
  }

  private static TokenSet withExchangeable(TokenSet t, Secret exchangeable) {
    return new TokenSet(t.kind(), t.accessToken(), t.validUntil(), t.cciAccessToken(), t.refreshToken(), exchangeable,
        t.exchangeableRefreshToken(), t.nonCcsToken(), t.nonCcsRefreshToken(), t.idToken());
  }

  // ---- legacy 48-character refresh token (§2.1.4) ----

  private Future<TokenSet> legacyRefresh(Secret refreshToken, CallContext context) {
    boolean genesis = profile.brand() == Brand.GENESIS;
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .add("Content-Type", "application/x-www-form-urlencoded")
        .add("User-Agent", EuBrandProfile.API_USER_AGENT);
    String url;
    String form;
    if (genesis) {
      url = endpoints.ccapi() + "/api/v1/user/oauth2/token";
      headers.add("Authorization", "Basic " + Base64.getEncoder().encodeToString(
              (profile.serviceId() + ":" + profile.clientSecret()).getBytes(StandardCharsets.UTF_8)))
          .add("Stamp", Stamp.create(profile.appId(), profile.stampKeyBase64(), clock.millis()));
      form = "grant_type=refresh_token&redirect_uri=" + enc("https://www.getpostman.com/oauth2/callback")
          + "&refresh_token=" + enc(refreshToken.reveal());
    } else {
      url = endpoints.idp() + "/auth/api/v2/user/oauth2/token";
      form = "grant_type=refresh_token&refresh_token=" + enc(refreshToken.reveal()) + "&client_id="
          + enc(profile.serviceId()) + "&client_secret=" + enc(profile.clientSecret());
    }
    return exchange(CallKind.TOKEN_REFRESH, context, HttpMethod.POST, url, headers, Buffer.buffer(form))
        .map(response -> {
          JsonObject json = authJson(response, "refresh token rejected; create a new one or use the password");
          String access = stringOrNull(json.getValue("access_token"));
          if (access == null || access.isBlank()) {
            throw new ApiException(Kind.AUTH_FAILED, "refresh token rejected; create a new one or use the password");
          }
          String type = stringOrNull(json.getValue("token_type"));
          String bearer = access.startsWith("Bearer ") ? access.substring(7) : access;
          String newRefresh = stringOrNull(json.getValue("refresh_token"));
          return TokenSet.legacy(Secret.of(type != null && !"Bearer".equalsIgnoreCase(type) ? type + " " + bearer : bearer),
              expiry(json.getValue("expires_in"), 86_400),
              newRefresh == null || newRefresh.isBlank() ? refreshToken : Secret.of(newRefresh));
        });
  }

  // ---- helpers ----

  private Future<UpstreamResponse> exchange(CallKind kind, CallContext context, HttpMethod method, String url,
                                            MultiMap headers, Buffer body) {
    return caller.call(Concern.AUTH, kind, context, false, () -> http.send(method, url, headers, body));
  }

  /** A successful JSON answer of an auth endpoint; 4xx/401 become AUTH_FAILED with {@code rejected}. */
  private JsonObject authJson(UpstreamResponse response, String rejected) {
    int status = response.status();
    if (status == 429) {
      return EuErrors.checkEnvelope(response, clock);
    }
    if (status >= 500) {
      throw new ApiException(Kind.SERVER_ERROR, "login service error HTTP " + status);
    }
    String text = response.body().toString(StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
    if (text.contains("abusing")) {
      throw new ApiException(Kind.AUTH_FAILED, BLOCKED);
    }
    if (status >= 300) {
      throw new ApiException(Kind.AUTH_FAILED, rejected + " (HTTP " + status + ")");
    }
    JsonObject json = ApiErrors.parseObject(response);
    if (json == null) {
      throw new ApiException(Kind.BAD_RESPONSE, "login answer is not a JSON object");
    }
    if ("F".equals(stringOrNull(json.getValue("retCode")))) {
      throw new ApiException(Kind.AUTH_FAILED, rejected);
    }
    return json;
  }

  private MultiMap loginHeaders(CookieJar cookies, String url) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .add("User-Agent", EuBrandProfile.LOGIN_USER_AGENT)
        .add("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
        .add("Accept-Language", "en");
    cookies.header(URI.create(url).getHost()).ifPresent(cookie -> headers.add("Cookie", cookie));
    return headers;
  }

  private MultiMap cciHeaders(String deviceId) {
    String offset = EuBrandProfile.DATA_ZONE.getRules().getOffset(clock.instant()).getId();
    return MultiMap.caseInsensitiveMultiMap()
        .add("client-id", profile.cciClientId())
        .add("client-name", profile.cciClientName())
        .add("client-version", "1.3.3")
        .add("client-os-code", "ios")
        .add("client-os-version", profile.cciOsVersion())
        .add("client-device-id", deviceId)
        .add("client-device-model", "iPhone")
        .add("client-notification-provider-type", profile.cciNotificationProvider())
        .add("locale", "EN")
        .add("timezone", ZoneOffset.UTC.getId().equals(offset) ? "+00:00" : offset)
        .add("Accept", "application/json")
        .add("Accept-Language", "en")
        .add("User-Agent", EuBrandProfile.API_USER_AGENT);
  }

  private MultiMap cciAuthHeaders(TokenSet tokens, String deviceId) {
    return cciHeaders(deviceId)
        .add("authorization", "Bearer " + tokens.cciAccessToken().reveal())
        .add("Authentication", tokens.nonCcsToken().reveal())
        .add("exchangeable-token", tokens.exchangeableAccessToken().reveal())
        .add("non-ccs-token", tokens.nonCcsToken().reveal());
  }

  /** A TTL in seconds, tolerating epoch seconds and epoch milliseconds as well (lib#1279, evcc). */
  private Instant expiry(Object value, long defaultTtlSeconds) {
    Instant now = clock.instant();
    long number;
    if (value instanceof Number n) {
      number = n.longValue();
    } else if (value instanceof String s && s.matches("\\d{1,15}")) {
      number = Long.parseLong(s);
    } else {
      return now.plusSeconds(defaultTtlSeconds);
    }
    if (number > 100_000_000_000L) {
      return Instant.ofEpochMilli(number);
    }
    if (number > 1_000_000_000L) {
      return Instant.ofEpochSecond(number);
    }
    return now.plusSeconds(Math.max(0, number));
  }

  private static Secret pickSecret(JsonObject json, String key, Secret fallback) {
    String value = stringOrNull(json.getValue(key));
    if (value != null && !value.isBlank()) {
      return Secret.of(value);
    }
    return fallback == null ? Secret.empty() : fallback;
  }

  private static String cookieValue(UpstreamResponse response, String name) {
    for (String header : response.headers().getAll("Set-Cookie")) {
      String pair = header.split(";", 2)[0];
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
        String value = pair.substring(eq + 1).trim();
        return value.isEmpty() ? null : value;
      }
    }
    return null;
  }

  /** The decoded value of a query parameter of {@code url}; null when it has none of that name. */
  public static String queryParam(String url, String name) {
    int q = url.indexOf('?');
    if (q < 0) {
      return null;
    }
    for (String pair : url.substring(q + 1).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static String stripPadding(String base64) {
    return base64.replace("=", "").replace('+', '-').replace('/', '_');
  }

  private static String stringOrNull(Object value) {
    return value instanceof String || value instanceof Number ? String.valueOf(value) : null;
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
