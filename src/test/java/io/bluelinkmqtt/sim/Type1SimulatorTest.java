package io.bluelinkmqtt.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.bluelinkmqtt.api.eu.Stamp;
import io.bluelinkmqtt.api.type1.Type1Profile;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.Region;
import io.bluelinkmqtt.testsupport.Await;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The Type 1 simulator refuses what the region's cloud refuses, written as plain HTTP so no client code can hide a
 * mistake: the AU refresh grant with a {@code Bearer}-prefixed refresh token, with the access token, or without its
 * Stamp; a rotated refresh token used again; an AU vehicle call without a Stamp (India needs none); Brazil's sign-in
 * as JSON or without the authorize cookie; the daily limit; the action routes a region shares with Europe asked
 * the wrong way (wrong format, token kind, value or device id spelling) or where the region has none.
 */
class Type1SimulatorTest {

  private static final Duration WAIT = Duration.ofSeconds(5);
  private Vertx vertx;
  private Type1Simulator simulator;
  private WebClient web;

  private Type1Profile start(Region region, Brand brand, int dailyQuota) {
    vertx = Vertx.vertx();
    simulator = new Type1Simulator(vertx, region, Type1Simulator.defaults(region, brand).withDailyQuota(dailyQuota));
    Await.result(simulator.start(), WAIT);
    web = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false).setKeepAlive(false));
    return simulator.profile();
  }

  @AfterEach
  void stop() {
    if (vertx != null) {
      web.close();
      Await.result(simulator.stop(), WAIT);
      Await.result(vertx.close(), WAIT);
      vertx = null;
    }
  }

  private HttpRequest<Buffer> request(io.vertx.core.http.HttpMethod method, String path) {
    return web.requestAbs(method, simulator.baseUrl() + path);
  }

  private String stamp(Type1Profile p) {
    return Stamp.create(p.appId(), p.stampKey(), System.currentTimeMillis());
  }

  private HttpResponse<Buffer> token(Type1Profile p, String form, boolean withStamp) {
    HttpRequest<Buffer> post = request(io.vertx.core.http.HttpMethod.POST, "/api/v1/user/oauth2/token")
        .putHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (p.serviceId() + ":" + p.clientSecret()).getBytes(StandardCharsets.UTF_8)))
        .putHeader("Content-Type", "application/x-www-form-urlencoded");
    if (withStamp) {
      post.putHeader("Stamp", stamp(p));
    }
    return Await.result(post.sendBuffer(Buffer.buffer(form)), WAIT);
  }

  /** authorize → signin → code grant, as the app does; the grant's JSON answer. */
  private JsonObject login(Type1Profile p) {
    HttpResponse<Buffer> authorize = Await.result(request(io.vertx.core.http.HttpMethod.GET,
        "/api/v1/user/oauth2/authorize?response_type=code&client_id=" + enc(p.serviceId()) + "&redirect_uri="
            + enc(p.redirectUri())).send(), WAIT);
    String cookie = authorize.cookies().get(0).split(";", 2)[0];
    JsonObject signin = Await.result(request(io.vertx.core.http.HttpMethod.POST, "/api/v1/user/signin")
        .putHeader("Cookie", cookie).putHeader("Content-Type", "application/json")
        .sendJsonObject(new JsonObject().put("email", simulator.settings().username())
            .put("password", simulator.settings().password())), WAIT).bodyAsJsonObject();
    assertEquals(null, signin.getValue("errCode"), signin.encode());
    String redirect = signin.getString("redirectUrl");
    String code = redirect.substring(redirect.indexOf("code=") + 5, redirect.indexOf('&', redirect.indexOf("code=")));
    HttpResponse<Buffer> grant = token(p, "grant_type=authorization_code&redirect_uri=" + enc(p.redirectUri())
        + "&code=" + enc(code), true);
    assertEquals(200, grant.statusCode(), grant.bodyAsString());
    return grant.bodyAsJsonObject();
  }

  private static String refreshForm(String token) {
    return "grant_type=refresh_token&refresh_token=" + enc(token);
  }

  @Test
  @DisplayName("AU refresh: Bearer-prefixed or access token → 4002, no Stamp → 4017, a rotated token is spent")
  void australianRefreshGrantIsStrict() {
    Type1Profile p = start(Region.AUSTRALIA, Brand.HYUNDAI, 100);
    JsonObject tokens = login(p);
    String refresh = tokens.getString("refresh_token");

    HttpResponse<Buffer> prefixed = token(p, refreshForm("Bearer " + refresh), true);
    assertEquals("4002", prefixed.bodyAsJsonObject().getString("resCode"));
    HttpResponse<Buffer> access = token(p, refreshForm(tokens.getString("access_token")), true);
    assertEquals("4002", access.bodyAsJsonObject().getString("resCode"));
    HttpResponse<Buffer> unstamped = token(p, refreshForm(refresh), false);
    assertEquals(401, unstamped.statusCode());
    assertEquals("4017", unstamped.bodyAsJsonObject().getString("resCode"));

    HttpResponse<Buffer> good = token(p, refreshForm(refresh), true);
    assertEquals(200, good.statusCode(), good.bodyAsString());
    assertNotEquals(refresh, good.bodyAsJsonObject().getString("refresh_token"), "AU rotates the refresh token");
    assertEquals("4002", token(p, refreshForm(refresh), true).bodyAsJsonObject().getString("resCode"),
        "the old refresh token is spent");
  }

  @Test
  @DisplayName("AU vehicle calls need a fresh Stamp (4017 without); India's need none")
  void stampRuleOfVehicleCalls() {
    Type1Profile au = start(Region.AUSTRALIA, Brand.KIA, 100);
    String access = login(au).getString("access_token");
    String device = registerDevice(au);
    assertEquals(401, vehicles(au, access, device, false).statusCode());
    assertEquals(200, vehicles(au, access, device, true).statusCode());
    stop();

    Type1Profile in = start(Region.INDIA, Brand.HYUNDAI, 100);
    String inAccess = login(in).getString("access_token");
    assertEquals(200, vehicles(in, inAccess, registerDevice(in), false).statusCode());
  }

  @Test
  @DisplayName("the daily limit: the call after the quota is HTTP 509 / 5091")
  void dailyLimit() {
    Type1Profile p = start(Region.INDIA, Brand.KIA, 1);
    String access = login(p).getString("access_token");
    String device = registerDevice(p);
    assertEquals(200, vehicles(p, access, device, false).statusCode());
    HttpResponse<Buffer> limited = vehicles(p, access, device, false);
    assertEquals(509, limited.statusCode());
    assertEquals("5091", limited.bodyAsJsonObject().getString("resCode"));
  }

  @Test
  @DisplayName("Brazil's sign-in wants text/plain and the authorize cookie; the step is answered as {\"step\":N}")
  void brazilianSignIn() {
    Type1Profile p = start(Region.BRAZIL, Brand.HYUNDAI, 100);
    HttpResponse<Buffer> authorize = Await.result(request(io.vertx.core.http.HttpMethod.GET,
        "/api/v1/user/oauth2/authorize?response_type=code&client_id=" + enc(p.serviceId()) + "&redirect_uri="
            + enc(p.redirectUri())).send(), WAIT);
    assertEquals(302, authorize.statusCode(), "the cookie comes on a redirect");
    String cookie = authorize.cookies().get(0).split(";", 2)[0];
    String credentials = new JsonObject().put("email", simulator.settings().username())
        .put("password", simulator.settings().password()).encode();
    assertEquals(400, signin(cookie, "application/json", credentials).statusCode());
    assertEquals(400, signin(null, "text/plain;charset=UTF-8", credentials).statusCode());
    assertEquals(200, signin(cookie, "text/plain;charset=UTF-8", credentials).statusCode());
    simulator.setSigninStep(9);
    assertEquals(new JsonObject().put("step", 9),
        signin(cookie, "text/plain;charset=UTF-8", credentials).bodyAsJsonObject());
  }

  /** An AU/NZ/IN session for the action routes: access token, device id and the PIN's control token. */
  private record Session(String access, String device, String control) {
  }

  private Session session(Type1Profile p) {
    String access = login(p).getString("access_token");
    String device = registerDevice(p);
    HttpRequest<Buffer> pin = request(io.vertx.core.http.HttpMethod.PUT, "/api/v1/user/pin?token=")
        .putHeader("Authorization", "Bearer " + access).putHeader("ccsp-service-id", p.serviceId())
        .putHeader("ccsp-application-id", p.appId());
    if (p.stampsVehicleCalls()) {
      pin.putHeader("Stamp", stamp(p));
    }
    JsonObject answer = Await.result(pin.sendJsonObject(new JsonObject().put("deviceId", device)
        .put("pin", simulator.settings().pin())), WAIT).bodyAsJsonObject();
    return new Session(access, device, answer.getString("controlToken"));
  }

  /** A POST below {@code /api/…/spa/vehicles/{vid}}: with the control token when {@code control}, else the access token. */
  private HttpResponse<Buffer> act(Type1Profile p, Session s, String path, boolean control, JsonObject body) {
    String token = "Bearer " + (control ? s.control() : s.access());
    HttpRequest<Buffer> post = request(io.vertx.core.http.HttpMethod.POST, path)
        .putHeader("Authorization", token).putHeader("ccsp-service-id", p.serviceId())
        .putHeader("ccsp-application-id", p.appId()).putHeader("ccsp-device-id", s.device());
    if (control) {
      post.putHeader("AuthorizationCCSP", token);
    }
    if (p.stampsVehicleCalls()) {
      post.putHeader("Stamp", stamp(p));
    }
    return Await.result(post.sendJsonObject(body), WAIT);
  }

  private static String resCode(HttpResponse<Buffer> answer) {
    return answer.bodyAsJsonObject().getString("resCode");
  }

  @Test
  @DisplayName("AU shared EU routes: the CCS2-only hazard lights on a legacy car → 4005, a charging current level 4 → "
      + "4003, the port door without the control token → 7501; India's port door wants deviceID (deviceId → 4003) and "
      + "India has no charge/target route (404)")
  void sharedActionRoutesAreStrict() {
    Type1Profile au = start(Region.AUSTRALIA, Brand.HYUNDAI, 100);
    Session s = session(au);
    String legacy = "/api/v2/spa/vehicles/" + simulator.cars().stream().filter(c -> !c.ccs2()).findFirst()
        .orElseThrow().vehicleId();
    String ccs2 = simulator.cars().stream().filter(SimCar::ccs2).findFirst().orElseThrow().vehicleId();
    assertEquals("4005", resCode(act(au, s, legacy + "/ccs2/control/light", true,
        new JsonObject().put("command", "on"))));
    assertEquals("4003", resCode(act(au, s, "/api/v1/spa/vehicles/" + ccs2 + "/ccs2/charge/chargingcurrent", false,
        new JsonObject().put("chargingCurrent", 4))));
    HttpResponse<Buffer> accessToken = act(au, s, legacy + "/control/portdoor", false,
        new JsonObject().put("action", "open").put("deviceId", s.device()));
    assertEquals(401, accessToken.statusCode());
    assertEquals("7501", resCode(accessToken));
    HttpResponse<Buffer> good = act(au, s, legacy + "/control/portdoor", true,
        new JsonObject().put("action", "open").put("deviceId", s.device()));
    assertEquals("S", good.bodyAsJsonObject().getString("retCode"), good.bodyAsString());
    stop();

    Type1Profile in = start(Region.INDIA, Brand.KIA, 100);
    Session is = session(in);
    String car = simulator.cars().get(0).vehicleId();
    assertEquals("4003", resCode(act(in, is, "/api/v2/spa/vehicles/" + car + "/control/portdoor", true,
        new JsonObject().put("action", "open").put("deviceId", is.device()))), "the AU spelling");
    assertEquals(404, act(in, is, "/api/v1/spa/vehicles/" + car + "/charge/target", false,
        new JsonObject().put("targetSOClist", new io.vertx.core.json.JsonArray())).statusCode());
    HttpResponse<Buffer> indian = act(in, is, "/api/v2/spa/vehicles/" + car + "/control/portdoor", true,
        new JsonObject().put("action", "open").put("deviceID", is.device()));
    assertEquals("S", indian.bodyAsJsonObject().getString("retCode"), indian.bodyAsString());
  }

  private HttpResponse<Buffer> signin(String cookie, String type, String body) {
    HttpRequest<Buffer> post = request(io.vertx.core.http.HttpMethod.POST, "/api/v1/user/signin")
        .putHeader("Content-Type", type);
    if (cookie != null) {
      post.putHeader("Cookie", cookie);
    }
    return Await.result(post.sendBuffer(Buffer.buffer(body)), WAIT);
  }

  private String registerDevice(Type1Profile p) {
    HttpRequest<Buffer> post = request(io.vertx.core.http.HttpMethod.POST, "/api/v1/spa/notifications/register")
        .putHeader("ccsp-service-id", p.serviceId()).putHeader("ccsp-application-id", p.appId());
    if (p.stampKey() != null) {
      post.putHeader("Stamp", stamp(p));
    }
    JsonObject body = new JsonObject().put("pushRegId", "ab".repeat(32)).put("pushType", p.pushType())
        .put("uuid", java.util.UUID.randomUUID().toString()).put("providerDeviceId", "x");
    return Await.result(post.sendJsonObject(body), WAIT).bodyAsJsonObject().getJsonObject("resMsg")
        .getString("deviceId");
  }

  private HttpResponse<Buffer> vehicles(Type1Profile p, String access, String device, boolean withStamp) {
    HttpRequest<Buffer> get = request(io.vertx.core.http.HttpMethod.GET, "/api/v1/spa/vehicles")
        .putHeader("Authorization", "Bearer " + access).putHeader("ccsp-service-id", p.serviceId())
        .putHeader("ccsp-application-id", p.appId()).putHeader("ccsp-device-id", device);
    if (withStamp) {
      get.putHeader("Stamp", stamp(p));
    }
    return Await.result(get.send(), WAIT);
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
