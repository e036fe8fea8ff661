package io.bluelinkmqtt.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.crypto.Cipher;

/**
 * A small EU cloud for the client's own tests (ccapi, idp and cci paths on one origin): device
 * registration, the CCI login with a real RSA key, token exchange/refresh, a legacy car and a
 * CCS2 car, call counters per route, and per-route fault hooks. Not the project simulator (that
 * is {@code io.bluelinkmqtt.sim}); this one keeps the client's tests independent of it.
 */
public final class ClientStubCloud {

  static final String USER = "driver@example.com";
  static final String PASSWORD = "correct-horse-battery";
  static final String LEGACY_CAR = "car-legacy";
  static final String CCS2_CAR = "car-ccs2";
  private static final KeyPair KEYS = keys();

  private final Vertx vertx;
  private HttpServer server;
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final Map<String, List<Long>> times = new ConcurrentHashMap<>();
  private final Map<String, Predicate<HttpServerRequest>> faults = new ConcurrentHashMap<>();
  private final AtomicInteger serial = new AtomicInteger();
  private final AtomicInteger devices = new AtomicInteger();
  private volatile String currentCcs = "none";
  volatile long ccsTtlSeconds = 86_400;
  volatile String legacyTime = "20260901120000";
  volatile String ccs2Time = "20260901100000";
  volatile boolean forceMovesTime = true;
  volatile int ccs2PollsBeforeMove = 1;
  private final AtomicInteger ccs2PollsSinceTrigger = new AtomicInteger(-1);

  public ClientStubCloud(Vertx vertx) {
    this.vertx = vertx;
  }

  public Future<Integer> start() {
    server = vertx.createHttpServer();
    return server.requestHandler(this::handle).listen(0, "127.0.0.1").map(HttpServer::actualPort);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  public Future<Void> stop() {
    return server.close();
  }

  public int count(String route) {
    return counts.getOrDefault(route, new AtomicInteger()).get();
  }

  public int total() {
    return counts.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  public List<Long> times(String route) {
    return times.getOrDefault(route, List.of());
  }

  /** Installs a fault for a route ("latest") or a route of one car ("latest:car-legacy"); true = handled. */
  public void fault(String route, Predicate<HttpServerRequest> handler) {
    faults.put(route, handler);
  }

  public void clearFaults() {
    faults.clear();
  }

  /** Makes every issued access token invalid, as the cloud does on expiry. */
  public void expireTokens() {
    currentCcs = "expired-" + serial.incrementAndGet();
  }

  public String currentAccessToken() {
    return currentCcs;
  }

  private void handle(HttpServerRequest req) {
    req.body().onSuccess(body -> route(req, body));
  }

  private void route(HttpServerRequest req, Buffer body) {
    String path = req.path();
    String vid = null;
    String route;
    if (path.equals("/api/v1/spa/notifications/register")) {
      route = "register";
    } else if (path.equals("/auth/api/v2/user/oauth2/authorize")) {
      route = "authorize";
    } else if (path.equals("/web/v1/user/authorize")) {
      route = "authorize-page";
    } else if (path.equals("/auth/api/v1/accounts/certs")) {
      route = "certs";
    } else if (path.equals("/auth/account/signin")) {
      route = "signin";
    } else if (path.equals("/domain/api/v1/auth/token")) {
      route = "token";
    } else if (path.equals("/domain/api/v1/auth/token-exchange")) {
      route = "exchange";
    } else if (path.equals("/domain/api/v2/auth/token-refresh")) {
      route = "refresh";
    } else if (path.equals("/api/v1/spa/vehicles")) {
      route = "vehicles";
    } else if (path.startsWith("/api/v1/spa/vehicles/")) {
      String rest = path.substring("/api/v1/spa/vehicles/".length());
      int slash = rest.indexOf('/');
      vid = slash < 0 ? rest : rest.substring(0, slash);
      route = switch (slash < 0 ? "" : rest.substring(slash)) {
        case "/status/latest" -> "latest";
        case "/ccs2/carstatus/latest" -> "ccs2-latest";
        case "/location/park" -> "park";
        case "/status" -> "force";
        case "/location" -> "location";
        case "/ccs2/carstatus" -> "ccs2-force";
        case "/drvhistory" -> "drvhistory";
        default -> "unknown";
      };
    } else {
      route = "unknown";
    }
    counts.computeIfAbsent(route, k -> new AtomicInteger()).incrementAndGet();
    times.computeIfAbsent(route, k -> new CopyOnWriteArrayList<>()).add(System.nanoTime());
    Predicate<HttpServerRequest> fault = vid == null ? null : faults.get(route + ":" + vid);
    if (fault == null) {
      fault = faults.get(route);
    }
    if (fault != null && fault.test(req)) {
      return;
    }
    serve(req, route, vid, body);
  }

  private void serve(HttpServerRequest req, String route, String vid, Buffer body) {
    switch (route) {
      case "register" -> ok(req, new JsonObject().put("deviceId", "device-" + devices.incrementAndGet()));
      case "authorize" -> req.response().setStatusCode(302).putHeader("Location", "/web/v1/user/authorize?lang=en")
          .putHeader("Set-Cookie", "session=abc; Path=/").end();
      case "authorize-page" -> req.response().putHeader("Content-Type", "text/html")
          .end("<html>" + ("session=abc".equals(req.getHeader("Cookie")) ? "ok" : "nocookie") + "</html>");
      case "certs" -> {
        RSAPublicKey pub = (RSAPublicKey) KEYS.getPublic();
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        json(req, 200, new JsonObject().put("retValue", new JsonObject().put("kid", "HMGID2_CIPHER_KEY1")
            .put("n", url.encodeToString(unsigned(pub.getModulus())))
            .put("e", url.encodeToString(unsigned(pub.getPublicExponent())))));
      }
      case "signin" -> signin(req, body);
      case "token" -> json(req, 200, cciSet());
      case "exchange" -> {
        currentCcs = "ccs-" + serial.incrementAndGet();
        json(req, 200, new JsonObject().put("accessToken", currentCcs).put("expiresTime", ccsTtlSeconds));
      }
      case "refresh" -> {
        JsonObject sent = body.toJsonObject();
        boolean complete = List.of("accessToken", "refreshToken", "exchangeableAccessToken", "exchangeableRefreshToken",
            "nonCcsToken", "nonCcsRefreshToken", "idToken").stream().allMatch(k -> sent.getString(k, "").length() > 0);
        if (complete) {
          json(req, 200, cciSet());
        } else {
          json(req, 400, new JsonObject().put("errCode", "4003"));
        }
      }
      default -> vehicleRoute(req, route, vid);
    }
  }

  private void vehicleRoute(HttpServerRequest req, String route, String vid) {
    if (!("Bearer " + currentCcs).equals(req.getHeader("Authorization"))) {
      json(req, 401, new JsonObject().put("error", "Key not authorized: Token is expired"));
      return;
    }
    switch (route) {
      case "vehicles" -> ok(req, new JsonObject().put("vehicles", new JsonArray()
          .add(car(LEGACY_CAR, "KMHLEGACY000000001", "EV", 0))
          .add(car(CCS2_CAR, "KNACCS2000000000002", "EV", 1))
          .add(car("bad id!", "VIN3", "GN", 0))));
      case "latest" -> ok(req, new JsonObject().put("vehicleStatusInfo", new JsonObject()
          .put("vehicleStatus", legacyStatus(legacyTime, 80))
          .put("odometer", new JsonObject().put("value", 12345.0).put("unit", 1))));
      case "force" -> {
        if (forceMovesTime) {
          legacyTime = String.valueOf(Long.parseLong(legacyTime) + 100);
        }
        ok(req, legacyStatus(legacyTime, 81));
      }
      case "location" -> ok(req, new JsonObject().put("gpsDetail", new JsonObject()
          .put("coord", new JsonObject().put("lat", 52.5).put("lon", 13.4)).put("time", legacyTime)));
      case "park" -> ok(req, new JsonObject().put("coord", new JsonObject().put("lat", 48.1).put("lon", 11.5))
          .put("time", legacyTime));
      case "drvhistory" -> ok(req, new JsonObject().put("drivingInfo", new JsonArray()));
      case "ccs2-force" -> {
        ccs2PollsSinceTrigger.set(0);
        json(req, 200, new JsonObject().put("retCode", "S").put("resCode", "0000").put("msgId", "m1"));
      }
      case "ccs2-latest" -> {
        int polls = ccs2PollsSinceTrigger.get();
        if (polls >= 0 && ccs2PollsSinceTrigger.incrementAndGet() > ccs2PollsBeforeMove && forceMovesTime) {
          ccs2Time = String.valueOf(Long.parseLong(ccs2Time) + 100);
          ccs2PollsSinceTrigger.set(-1);
        }
        ok(req, new JsonObject().put("lastUpdateTime", ccs2Time).put("state", new JsonObject()
            .put("Vehicle", new JsonObject().put("Date", ccs2Time + ".000")
                .put("Green", new JsonObject().put("BatteryManagement", new JsonObject()
                    .put("BatteryRemain", new JsonObject().put("Ratio", 66)))))));
      }
      default -> json(req, 404, new JsonObject().put("retCode", "F").put("resCode", "4040"));
    }
  }

  private void signin(HttpServerRequest req, Buffer body) {
    Map<String, String> form = new java.util.HashMap<>();
    for (String pair : body.toString(StandardCharsets.UTF_8).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    String password;
    try {
      Cipher cipher = Cipher.getInstance("RSA/ECB/PKCS1Padding");
      cipher.init(Cipher.DECRYPT_MODE, KEYS.getPrivate());
      password = new String(cipher.doFinal(HexFormat.of().parseHex(form.getOrDefault("password", ""))),
          StandardCharsets.UTF_8);
    } catch (Exception e) {
      password = "";
    }
    boolean ok = USER.equals(form.get("username")) && PASSWORD.equals(password)
        && "true".equals(form.get("encryptedPassword")) && "session=abc".equals(req.getHeader("Cookie"));
    String location = ok ? "https://oneapp.hyundai.com/redirect?code=CODE-" + serial.incrementAndGet()
        + "&login_success=y&state=ccsp"
        : "https://idp.example/auth/api/v2/user/oauth2/authorize?error=1";
    if (!ok) {
      location = "/auth/api/v2/user/oauth2/authorize?client_id=x";
    }
    req.response().setStatusCode(302).putHeader("Location", location).end();
  }

  private JsonObject cciSet() {
    int n = serial.incrementAndGet();
    return new JsonObject().put("accessToken", "cci-access-" + n).put("refreshToken", "cci-refresh-" + n)
        .put("exchangeableAccessToken", "exch-" + n).put("exchangeableRefreshToken", "exch-refresh-" + n)
        .put("nonCcsToken", "nonccs-" + n).put("nonCcsRefreshToken", "nonccs-refresh-" + n)
        .put("idToken", "id-" + n).put("tokenType", "Bearer").put("expiresIn", 3599);
  }

  private static JsonObject car(String id, String vin, String type, int ccs2) {
    return new JsonObject().put("vehicleId", id).put("vin", vin).put("nickname", "My " + type)
        .put("vehicleName", "IONIQ 5").put("type", type).put("ccuCCS2ProtocolSupport", ccs2);
  }

  private static JsonObject legacyStatus(String time, int soc) {
    return new JsonObject().put("time", time)
        .put("evStatus", new JsonObject().put("batteryStatus", soc).put("batteryCharge", false));
  }

  static void ok(HttpServerRequest req, JsonObject resMsg) {
    json(req, 200, new JsonObject().put("retCode", "S").put("resCode", "0000").put("resMsg", resMsg)
        .put("msgId", "00000000-0000-0000-0000-000000000000"));
  }

  static void json(HttpServerRequest req, int status, JsonObject body) {
    req.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }

  /** An envelope failure with an HTTP status, e.g. (200, "5091"). */
  static void envelopeFailure(HttpServerRequest req, int status, String resCode) {
    json(req, status, new JsonObject().put("retCode", "F").put("resCode", resCode).put("resMsg", "failure " + resCode)
        .put("msgId", "x"));
  }

  private static byte[] unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
  }

  private static KeyPair keys() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
