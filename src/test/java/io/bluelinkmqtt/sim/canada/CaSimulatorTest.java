package io.bluelinkmqtt.sim.canada;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.bluelinkmqtt.api.canada.CaBrandProfile;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.testsupport.Await;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Canadian simulator refuses what the real cloud refuses (§1.3, §2.8, §6.5, §8.5). */
@ExtendWith(VertxExtension.class)
class CaSimulatorTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String DEVICE = "c2ltLXRlc3QtZGV2aWNl";

  private Vertx vertx;
  private CaSimulator sim;
  private io.vertx.core.http.HttpClient http;

  private record Answer(int status, JsonObject body, String transactionId) {

    String errorCode() {
      return body.getJsonObject("error", new JsonObject()).getString("errorCode");
    }
  }

  @BeforeAll
  static void warmUp() {
    CaWarmUp.loginRoundTrip();
  }

  @BeforeEach
  void start(Vertx vertx) {
    this.vertx = vertx;
    http = vertx.createHttpClient();
    sim = new CaSimulator(vertx, CaSimSettings.defaults(Brand.KIA).withActionDelay(Duration.ofMillis(10)));
    Await.result(sim.start(), WAIT);
  }

  @AfterEach
  void stop() {
    Await.result(sim.stop(), WAIT);
  }

  private static MultiMap portal(String deviceId) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("client_id", CaBrandProfile.CLIENT_ID)
        .add("client_secret", CaBrandProfile.CLIENT_SECRET).add("from", "CWP").add("language", "0")
        .add("offset", "-5").add("Content-Type", "application/json;charset=UTF-8");
    if (deviceId != null) {
      headers.add("Deviceid", deviceId);
    }
    return headers;
  }

  /**
   * One exchange, run on an event loop: a response body asked for from another thread after the response ended
   * would never come.
   */
  private Answer post(String path, MultiMap headers, JsonObject body) {
    io.vertx.core.Promise<Answer> answer = io.vertx.core.Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> http.request(new RequestOptions().setMethod(HttpMethod.POST)
            .setAbsoluteURI(sim.baseUrl() + "/" + path).setHeaders(headers))
        .compose(request -> request.send(body == null ? Buffer.buffer() : body.toBuffer()))
        .compose(response -> response.body().map(b -> new Answer(response.statusCode(), new JsonObject(b),
            response.getHeader("transactionId"))))
        .onComplete(answer));
    return Await.result(answer.future(), WAIT);
  }

  private JsonObject credentials() {
    return new JsonObject().put("loginId", sim.settings().username()).put("password", sim.settings().password());
  }

  /** Passes the code for {@code device}; its access token. */
  private String loginThroughCode(String device) {
    assertEquals("7110", post("v2/login", portal(device), credentials()).errorCode());
    String uuid = post("mfa/selverifmeth", portal(device), new JsonObject().put("mfaApiCode", "0107")
        .put("userAccount", sim.settings().username())).body().getJsonObject("result").getString("userInfoUuid");
    String otpKey = post("mfa/sendotp", portal(device), new JsonObject().put("otpMethod", "E").put("mfaApiCode", "0107")
        .put("userAccount", sim.settings().username()).put("userPhone", "").put("userInfoUuid", uuid))
        .body().getJsonObject("result").getString("otpKey");
    String validation = post("mfa/validateotp", portal(device), new JsonObject().put("otpNo", sim.lastCode())
        .put("userAccount", sim.settings().username()).put("otpKey", otpKey).put("mfaApiCode", "0107"))
        .body().getJsonObject("result").getString("otpValidationKey");
    return post("mfa/genmfatkn", portal(device), new JsonObject().put("userAccount", sim.settings().username())
        .put("otpEmail", sim.settings().email()).put("mfaApiCode", "0107").put("otpValidationKey", validation)
        .put("mfaYn", "Y")).body().getJsonObject("result").getJsonObject("token").getString("accessToken");
  }

  @Test
  @DisplayName("missing portal headers: HTTP 400 / 7445; no Deviceid: 7710; a wrong password: 7404")
  void refusesIncompleteRequests() {
    MultiMap noClient = portal(DEVICE);
    noClient.remove("client_secret");
    assertEquals(400, post("v2/login", noClient, credentials()).status());
    assertEquals("7710", post("v2/login", portal(null), credentials()).errorCode());
    assertEquals("7404", post("v2/login", portal(DEVICE), credentials().put("password", "nope")).errorCode());
  }

  @Test
  @DisplayName("a new device needs the code; once remembered, a login goes straight through; another device needs "
      + "its own code and a token of one device is refused for another")
  void codeIsPerDevice() {
    String token = loginThroughCode(DEVICE);
    assertNotNull(token);
    assertEquals(0, post("v2/login", portal(DEVICE), credentials()).body().getJsonObject("responseHeader")
        .getInteger("responseCode"));
    assertEquals("7110", post("v2/login", portal("b3RoZXI="), credentials()).errorCode());
    MultiMap other = portal("b3RoZXI=").add("accessToken", token);
    assertEquals("7403", post("vhcllst", other, null).errorCode());
  }

  @Test
  @DisplayName("commands need the pAuth of vrfypin and the PIN in the body; the answer carries a transactionId that "
      + "rmtsts follows to C")
  void commandsNeedThePinToken() {
    String token = loginThroughCode(DEVICE);
    String car = sim.cars().get(0).vehicleId();
    MultiMap headers = portal(DEVICE).add("accessToken", token).add("vehicleId", car);
    JsonObject pin = new JsonObject().put("pin", sim.settings().pin());
    assertEquals("7445", post("drulck", headers, pin).errorCode(), "no pAuth");
    assertEquals("7445", post("vrfypin", headers, new JsonObject().put("pin", "0000")).errorCode(), "wrong PIN");
    String pAuth = post("vrfypin", headers, pin).body().getJsonObject("result").getString("pAuth");
    MultiMap command = MultiMap.caseInsensitiveMultiMap().addAll(headers).add("pAuth", pAuth);
    assertEquals("7445", post("drulck", command, new JsonObject()).errorCode(), "no PIN in the body");
    assertEquals("7445", post("rmtstrt", command, pin.copy().put("setting", new JsonObject())).errorCode(),
        "the gasoline endpoint for an EV");
    Answer unlock = post("drulck", command, pin);
    assertNotNull(unlock.transactionId());
    MultiMap status = MultiMap.caseInsensitiveMultiMap().addAll(headers).add("transactionId", unlock.transactionId());
    assertEquals("7445", post("rmtsts", status, null).errorCode(), "rmtsts needs the pAuth too");
    status.add("pAuth", pAuth);
    Await.condition(vertx, () -> !sim.cars().get(0).locked(), WAIT);
    assertEquals("C", post("rmtsts", status, null).body().getJsonObject("result").getJsonObject("transaction")
        .getString("apiResult"));
  }

  @Test
  @DisplayName("refused tokens answer 7403, 7602, 7606; the daily limit answers the apps' message")
  void refusalsAndQuota() {
    String token = loginThroughCode(DEVICE);
    MultiMap headers = portal(DEVICE).add("accessToken", token);
    for (Map.Entry<Runnable, String> refusal : Map.<Runnable, String>of(sim::deleteTokens, "7602",
        sim::changeClientIp, "7606", sim::expireTokens, "7403").entrySet()) {
      refusal.getKey().run();
      assertEquals(refusal.getValue(), post("vhcllst", headers, null).errorCode());
    }
    CaSimulator limited = new CaSimulator(vertx, CaSimSettings.defaults(Brand.KIA).withMfa(false).withDailyQuota(1));
    Await.result(limited.start(), WAIT);
    try {
      CaSimulator saved = sim;
      sim = limited;
      String fresh = post("v2/login", portal(DEVICE), credentials()).body().getJsonObject("result")
          .getJsonObject("token").getString("accessToken");
      MultiMap auth = portal(DEVICE).add("accessToken", fresh);
      assertEquals(0, post("vhcllst", auth, null).body().getJsonObject("responseHeader").getInteger("responseCode"));
      Answer over = post("vhcllst", auth, null);
      assertEquals(CaSimulator.QUOTA_MESSAGE, over.body().getJsonObject("error").getString("errorDesc"));
      sim = saved;
    } finally {
      Await.result(limited.stop(), WAIT);
    }
  }

  @Test
  @DisplayName("evc/setsoc wants from: SPA, the remote Referer, a fresh pAuth, the PIN and one DC and one AC level "
      + "(50–100 by 10) on an electric car, and sets them for evc/selsoc; hornlight wants the pAuth and the PIN")
  void chargeLimitsAndHornLights() {
    String token = loginThroughCode(DEVICE);
    CaSimCar ev = sim.cars().stream().filter(CaSimCar::electric).findFirst().orElseThrow();
    CaSimCar gasoline = sim.cars().stream().filter(c -> !c.electric()).findFirst().orElseThrow();
    MultiMap headers = portal(DEVICE).add("accessToken", token).add("vehicleId", ev.vehicleId());
    JsonObject pin = new JsonObject().put("pin", sim.settings().pin());
    String pAuth = post("vrfypin", headers, pin).body().getJsonObject("result").getString("pAuth");
    MultiMap app = MultiMap.caseInsensitiveMultiMap().addAll(headers).add("pAuth", pAuth)
        .set("from", "SPA").add("Referer", "https://kiaconnect.ca/remote/");
    JsonObject limits = new JsonObject().put("tsoc", new io.vertx.core.json.JsonArray()
        .add(new JsonObject().put("plugType", 0).put("level", 100))
        .add(new JsonObject().put("plugType", 1).put("level", 60))).put("pin", sim.settings().pin());

    MultiMap portalFrom = MultiMap.caseInsensitiveMultiMap().addAll(app).set("from", "CWP");
    assertEquals("7445", post("evc/setsoc", portalFrom, limits).errorCode(), "the portal's from: CWP");
    MultiMap login = MultiMap.caseInsensitiveMultiMap().addAll(app).set("Referer", "https://kiaconnect.ca/login");
    assertEquals("7445", post("evc/setsoc", login, limits).errorCode(), "the login page as the Referer");
    MultiMap noPinToken = MultiMap.caseInsensitiveMultiMap().addAll(app);
    noPinToken.remove("pAuth");
    assertEquals("7445", post("evc/setsoc", noPinToken, limits).errorCode(), "no pAuth");
    JsonObject noPin = limits.copy();
    noPin.remove("pin");
    assertEquals("7445", post("evc/setsoc", app, noPin).errorCode(), "no PIN");
    JsonObject offStep = limits.copy();
    offStep.getJsonArray("tsoc").getJsonObject(1).put("level", 65);
    assertEquals("7445", post("evc/setsoc", app, offStep).errorCode(), "65 is no step of 10");
    JsonObject twoDc = limits.copy();
    twoDc.getJsonArray("tsoc").getJsonObject(1).put("plugType", 0);
    assertEquals("7445", post("evc/setsoc", app, twoDc).errorCode(), "one level per plug type");
    JsonObject euShape = new JsonObject().put("targetSOClist", limits.getJsonArray("tsoc")).put("pin",
        sim.settings().pin());
    assertEquals("7445", post("evc/setsoc", app, euShape).errorCode(), "the EU's targetSOClist");
    MultiMap gasolineCar = MultiMap.caseInsensitiveMultiMap().addAll(app).set("vehicleId", gasoline.vehicleId());
    String gasolinePAuth = post("vrfypin", gasolineCar, pin).body().getJsonObject("result").getString("pAuth");
    gasolineCar.set("pAuth", gasolinePAuth);
    assertEquals("7445", post("evc/setsoc", gasolineCar, limits).errorCode(), "a gasoline car has no charge limits");
    assertEquals(90, ev.chargeLimitAc(), "no refused request changed the car");
    assertEquals(80, ev.chargeLimitDc());

    Answer set = post("evc/setsoc", app, limits);
    assertNotNull(set.transactionId());
    Await.condition(vertx, () -> ev.chargeLimitAc() == 60, WAIT);
    assertEquals(100, ev.chargeLimitDc());
    io.vertx.core.json.JsonArray read = post("evc/selsoc", headers, null).body().getJsonArray("result");
    assertEquals(new io.vertx.core.json.JsonArray().add(new JsonObject().put("plugType", 0).put("level", 100))
        .add(new JsonObject().put("plugType", 1).put("level", 60)), read);

    MultiMap horn = MultiMap.caseInsensitiveMultiMap().addAll(gasolineCar).set("from", "CWP");
    assertEquals("7445", post("hornlight", horn, new JsonObject()).errorCode(), "no PIN");
    MultiMap hornNoPinToken = MultiMap.caseInsensitiveMultiMap().addAll(horn);
    hornNoPinToken.remove("pAuth");
    assertEquals("7445", post("hornlight", hornNoPinToken, pin).errorCode(), "no pAuth");
    assertEquals(0, gasoline.signals());
    assertNotNull(post("hornlight", horn, pin).transactionId());
    Await.condition(vertx, () -> gasoline.signals() == 1, WAIT);
  }
}
