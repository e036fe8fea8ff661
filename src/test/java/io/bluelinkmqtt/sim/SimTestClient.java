package io.bluelinkmqtt.sim;

import io.bluelinkmqtt.api.eu.EuBrandProfile;
import io.bluelinkmqtt.api.eu.Stamp;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Cipher;

/**
 * The requests a real EU client makes, written plainly with WebClient and JDK crypto, so the
 * simulator's tests talk to it exactly like the production client will.
 */
final class SimTestClient {

  final EuBrandProfile profile;
  final WebClient web;
  private final Vertx vertx;
  private final EuSimulator sim;
  String deviceId;
  String ccsToken;
  JsonObject cciTokens;

  SimTestClient(Vertx vertx, EuSimulator sim) {
    this.vertx = vertx;
    this.profile = EuBrandProfile.of(sim.settings().brand());
    this.sim = sim;
    this.web = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false).setKeepAlive(false));
  }

  /** Starts the simulator, logs in with its own account and zeroes the call counters, so tests count only their calls. */
  Future<Void> startAndLogin() {
    return sim.start()
        .compose(port -> login(sim.settings().username(), sim.settings().password()))
        .map(token -> {
          sim.calls().reset();
          return null;
        });
  }

  String stamp() {
    return Stamp.create(profile.appId(), profile.stampKeyBase64(), sim.settings().clock().millis());
  }

  Future<String> register() {
    return web.postAbs(sim.baseUrl() + "/api/v1/spa/notifications/register")
        .putHeader("ccsp-service-id", profile.serviceId())
        .putHeader("ccsp-application-id", profile.appId())
        .putHeader("Stamp", stamp())
        .putHeader("Content-Type", "application/json;charset=UTF-8")
        .putHeader("User-Agent", EuBrandProfile.API_USER_AGENT)
        .sendJsonObject(new JsonObject().put("pushRegId", "a".repeat(64)).put("pushType", profile.pushType())
            .put("uuid", UUID.randomUUID().toString()))
        .map(resp -> {
          deviceId = resp.bodyAsJsonObject().getJsonObject("resMsg").getString("deviceId");
          return deviceId;
        });
  }

  Future<HttpResponse<Buffer>> authorize(String clientId) {
    return web.getAbs(sim.baseUrl() + "/auth/api/v2/user/oauth2/authorize")
        .addQueryParam("response_type", "code").addQueryParam("client_id", clientId)
        .addQueryParam("redirect_uri", profile.oneAppRedirectUri()).addQueryParam("lang", "en")
        .addQueryParam("state", "ccsp").addQueryParam("country", "de")
        .putHeader("User-Agent", EuBrandProfile.LOGIN_USER_AGENT)
        .followRedirects(true)
        .send();
  }

  Future<JsonObject> certs() {
    return web.getAbs(sim.baseUrl() + "/auth/api/v1/accounts/certs")
        .putHeader("User-Agent", EuBrandProfile.LOGIN_USER_AGENT)
        .send().map(resp -> resp.bodyAsJsonObject().getJsonObject("retValue"));
  }

  /** RSA/PKCS#1 v1.5 with (n, e), as lower-case hex; on the worker pool like the real client. */
  Future<String> encrypt(JsonObject key, String password) {
    return vertx.executeBlocking(() -> {
      Base64.Decoder b64 = Base64.getUrlDecoder();
      PublicKey publicKey = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
          new BigInteger(1, b64.decode(key.getString("n"))), new BigInteger(1, b64.decode(key.getString("e")))));
      Cipher cipher = Cipher.getInstance("RSA/ECB/PKCS1Padding");
      cipher.init(Cipher.ENCRYPT_MODE, publicKey);
      return HexFormat.of().formatHex(cipher.doFinal(password.getBytes(StandardCharsets.UTF_8)));
    });
  }

  Future<HttpResponse<Buffer>> signin(String username, String password) {
    return certs().compose(key -> encrypt(key, password).compose(hex -> {
      MultiMap form = MultiMap.caseInsensitiveMultiMap()
          .add("client_id", profile.oneAppClientId()).add("encryptedPassword", "true").add("password", hex)
          .add("redirect_uri", profile.oneAppRedirectUri()).add("state", "ccsp").add("username", username)
          .add("kid", key.getString("kid")).add("scope", "").add("nonce", "").add("connector_session_key", "")
          .add("_csrf", "");
      return web.postAbs(sim.baseUrl() + "/auth/account/signin")
          .putHeader("User-Agent", EuBrandProfile.LOGIN_USER_AGENT)
          .followRedirects(false).sendForm(form);
    }));
  }

  static String codeFrom(String location) {
    for (String pair : URI.create(location).getQuery().split("&")) {
      if (pair.startsWith("code=")) {
        return pair.substring("code=".length());
      }
    }
    throw new IllegalStateException("no code in " + location);
  }

  HttpRequest<Buffer> cci(HttpMethod method, String path) {
    return web.requestAbs(method, sim.baseUrl() + path)
        .putHeader("client-id", profile.cciClientId()).putHeader("client-name", profile.cciClientName())
        .putHeader("client-version", "1.3.3").putHeader("client-os-code", "ios")
        .putHeader("client-os-version", profile.cciOsVersion())
        .putHeader("client-device-id", deviceId == null ? "sim-test-device" : deviceId)
        .putHeader("client-device-model", "iPhone")
        .putHeader("client-notification-provider-type", profile.cciNotificationProvider())
        .putHeader("locale", "EN").putHeader("timezone", "+02:00").putHeader("Accept", "application/json")
        .putHeader("User-Agent", EuBrandProfile.API_USER_AGENT);
  }

  Future<HttpResponse<Buffer>> codeToTokens(String code) {
    return cci(HttpMethod.POST, "/domain/api/v1/auth/token").addQueryParam("code", code)
        .putHeader("Content-Length", "0").send();
  }

  HttpRequest<Buffer> withCciAuth(HttpRequest<Buffer> request, JsonObject set) {
    return request.putHeader("authorization", "Bearer " + set.getString("accessToken"))
        .putHeader("Authentication", set.getString("nonCcsToken"))
        .putHeader("exchangeable-token", set.getString("exchangeableAccessToken"))
        .putHeader("non-ccs-token", set.getString("nonCcsToken"));
  }

  Future<HttpResponse<Buffer>> exchange(JsonObject set) {
    return withCciAuth(cci(HttpMethod.POST, "/domain/api/v1/auth/token-exchange"), set)
        .addQueryParam("serviceType", "CCS").putHeader("Content-Length", "0").send();
  }

  /** register → authorize → certs → signin → code → CCI tokens → CCS token. */
  Future<String> login(String username, String password) {
    return register()
        .compose(id -> authorize(profile.oneAppClientId()))
        .compose(page -> signin(username, password))
        .compose(resp -> codeToTokens(codeFrom(resp.getHeader("Location"))))
        .compose(resp -> {
          cciTokens = resp.bodyAsJsonObject();
          return exchange(cciTokens);
        })
        .map(resp -> {
          ccsToken = resp.bodyAsJsonObject().getString("accessToken");
          return ccsToken;
        });
  }

  HttpRequest<Buffer> ccapi(HttpMethod method, String path) {
    return web.requestAbs(method, sim.baseUrl() + path)
        .putHeader("Authorization", "Bearer " + ccsToken)
        .putHeader("ccsp-service-id", profile.serviceId())
        .putHeader("ccsp-application-id", profile.appId())
        .putHeader("Stamp", stamp())
        .putHeader("ccsp-device-id", deviceId)
        .putHeader("Ccuccs2protocolsupport", "0")
        .putHeader("User-Agent", EuBrandProfile.API_USER_AGENT);
  }

  Future<HttpResponse<Buffer>> get(String path) {
    return ccapi(HttpMethod.GET, path).send();
  }
}
