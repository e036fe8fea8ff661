package io.bluelinkmqtt.sim.canada;

import io.bluelinkmqtt.api.canada.CaBrandProfile;
import io.bluelinkmqtt.sim.canada.CaSimAuth.Refusal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake Canadian TODS cloud on 127.0.0.1 ({@code POST /tods/api/<path>}). Like the real one it refuses a request
 * without the portal's {@code client_id}/{@code client_secret}/{@code from}/{@code language}/{@code offset} headers
 * or without a {@code Deviceid}, asks for a one-time code (7110) when the Deviceid is not remembered, refuses a token
 * of another device or a refused one (7403 / 7602 / 7606), requires a {@code pAuth} from {@code vrfypin} and the PIN
 * in the body of every command, and answers "limit exceeded" once the day's quota is spent (every vehicle call counts).
 * {@link #calls()} records every request.
 */
public final class CaSimulator {

  private static final Logger LOG = LoggerFactory.getLogger(CaSimulator.class);
  private static final String BASE = "/tods/api/";
  /** What the apps say when the limit is reached (§7); no code is documented, so the generic 7445 goes with it. */
  public static final String QUOTA_MESSAGE = "The maximum number of daily vehicle checks has been exceeded.";

  private record Transaction(String vehicleId, CaSimEndpoint command, long doneAtNanos, boolean fails) {
  }

  private final Vertx vertx;
  private final CaSimSettings settings;
  private final CaSimAuth auth;
  private final CaCallLog calls = new CaCallLog();
  private final Map<String, Transaction> transactions = new HashMap<>();
  private HttpServer server;
  private volatile int port = -1;
  private LocalDate quotaDay;
  private int quotaUsed;
  private volatile boolean failActions;

  public CaSimulator(Vertx vertx, CaSimSettings settings) {
    this.vertx = vertx;
    this.settings = settings;
    this.auth = new CaSimAuth(settings.clock());
  }

  public Future<Integer> start() {
    settings.cars().forEach(car -> car.report(settings.clock().instant().minus(Duration.ofMinutes(30))));
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false).setBodyLimit(1 << 16));
    router.post(BASE + "*").handler(this::dispatch);
    return vertx.createHttpServer().requestHandler(router).listen(settings.port(), "127.0.0.1").map(bound -> {
      server = bound;
      port = bound.actualPort();
      LOG.info("Canadian simulator for {} listening on {}", settings.brand(), baseUrl());
      return port;
    });
  }

  public Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** {@code http://127.0.0.1:<port>/tods/api}: what the module's base URL is pointed at. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port + "/tods/api";
  }

  public CaCallLog calls() {
    return calls;
  }

  public CaSimSettings settings() {
    return settings;
  }

  public List<CaSimCar> cars() {
    return settings.cars();
  }

  /** The newest one-time code the cloud "sent" (null before any). */
  public String lastCode() {
    return auth.lastCode();
  }

  /** Whether the cloud remembers the device (a code was passed with "remember me" within 90 days). */
  public boolean remembers(String deviceId) {
    return auth.remembered(deviceId);
  }

  /** Every token issued so far is refused from now on: 7403 expired, 7602 deleted, 7606 IP changed. */
  public void expireTokens() {
    auth.refuseAll(Refusal.EXPIRED);
  }

  public void deleteTokens() {
    auth.refuseAll(Refusal.DELETED);
  }

  public void changeClientIp() {
    auth.refuseAll(Refusal.IP_CHANGED);
  }

  /** The next commands end in failure (the car refuses them). */
  public void failActions(boolean value) {
    failActions = value;
  }

  private void dispatch(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String path = request.path().substring(BASE.length());
    Optional<CaSimEndpoint> found = CaSimEndpoint.ofPath(path);
    String body = ctx.body() == null || ctx.body().buffer() == null || ctx.body().length() == 0 ? null
        : ctx.body().asString();
    if (found.isEmpty()) {
      ctx.response().setStatusCode(404).putHeader("Content-Type", "text/html").end("<html>Not Found</html>");
      return;
    }
    CaSimEndpoint endpoint = found.get();
    String deviceId = request.getHeader("Deviceid");
    calls.record(new CaCallLog.Call(endpoint, request.getHeader("vehicleId"), deviceId, body,
        request.getHeader("pAuth"), request.getHeader("from"), request.getHeader("Referer")));
    JsonObject json;
    try {
      json = body == null ? new JsonObject() : new JsonObject(body);
    } catch (RuntimeException e) {
      failure(ctx, 400, "7445", "Request could not be processed.");
      return;
    }
    if (!CaBrandProfile.CLIENT_ID.equals(request.getHeader("client_id"))
        || !CaBrandProfile.CLIENT_SECRET.equals(request.getHeader("client_secret"))
        || !List.of("CWP", "SPA").contains(String.valueOf(request.getHeader("from")))
        || request.getHeader("language") == null || request.getHeader("offset") == null
        || (body != null && !String.valueOf(request.getHeader("Content-Type")).startsWith("application/json"))) {
      failure(ctx, 400, "7445", "Request could not be processed.");
      return;
    }
    if (deviceId == null || deviceId.isBlank()) {
      failure(ctx, 200, "7710", "Device id is not valid.");
      return;
    }
    if (endpoint.authenticated()) {
      Optional<Refusal> refusal = auth.check(request.getHeader("accessToken"), deviceId);
      if (refusal.isPresent()) {
        failure(ctx, 200, refusal.get().code, refusal.get().description);
        return;
      }
      if (!spendQuota()) {
        failure(ctx, 200, "7445", QUOTA_MESSAGE);
        return;
      }
    }
    switch (endpoint) {
      case LOGIN -> login(ctx, json, deviceId);
      case MFA_SELECT -> mfaSelect(ctx, json, deviceId);
      case MFA_SEND -> mfaSend(ctx, json, deviceId);
      case MFA_VALIDATE -> mfaValidate(ctx, json, deviceId);
      case MFA_TOKEN -> mfaToken(ctx, json, deviceId);
      case VEHICLES -> success(ctx, new JsonObject().put("vehicles",
          new JsonArray(settings.cars().stream().map(CaSimCar::listing).toList())));
      default -> vehicleCall(ctx, endpoint, json);
    }
  }

  private void login(RoutingContext ctx, JsonObject body, String deviceId) {
    if (!settings.username().equals(body.getString("loginId")) || !settings.password().equals(body.getString("password"))) {
      failure(ctx, 200, "7404", "Invalid username or password.");
      return;
    }
    if (settings.mfa() && !auth.remembered(deviceId)) {
      failure(ctx, 200, "7110", "Additional verification required.");
      return;
    }
    success(ctx, tokenResult(deviceId).put("accountInformation", new JsonObject()
        .put("notificationEmail", settings.email())
        .put("addresses", new JsonObject().put("primary", new JsonObject().put("province", settings.province())))
        .put("preference", new JsonObject().put("odometerUnit", 1).put("climateUnit", "C"))));
  }

  private JsonObject tokenResult(String deviceId) {
    String access = auth.issueToken(deviceId, settings.tokenLifetime());
    return new JsonObject().put("verifiedTnC", true).put("token", new JsonObject().put("accessToken", access)
        .put("refreshToken", UUID.randomUUID().toString()).put("expireIn", settings.tokenLifetime().toSeconds())
        .put("tokenType", "bearer").put("scope", new JsonArray().add("profile")).put("signature", ""));
  }

  private void mfaSelect(RoutingContext ctx, JsonObject body, String deviceId) {
    if (!"0107".equals(body.getString("mfaApiCode")) || !settings.username().equals(body.getString("userAccount"))) {
      failure(ctx, 200, "7445", "Request could not be processed.");
      return;
    }
    success(ctx, new JsonObject().put("userInfoUuid", auth.openDialogue(deviceId)).put("otpKey", "")
        .put("emailList", new JsonArray().add(settings.email())).put("userPhone", settings.phone()));
  }

  private void mfaSend(RoutingContext ctx, JsonObject body, String deviceId) {
    String method = body.getString("otpMethod");
    boolean methodOk = "E".equals(method) || ("S".equals(method) && !settings.phone().isEmpty());
    Optional<String> key = methodOk && "0107".equals(body.getString("mfaApiCode"))
        ? auth.sendCode(body.getString("userInfoUuid"), deviceId) : Optional.empty();
    if (key.isEmpty()) {
      failure(ctx, 200, "7445", "Request could not be processed.");
      return;
    }
    if (settings.logCodes()) {
      LOG.info("demo: the simulated cloud sent the one-time code {} by {}", auth.lastCode(),
          "S".equals(method) ? "SMS" : "e-mail");
    }
    success(ctx, new JsonObject().put("otpKey", key.get()));
  }

  private void mfaValidate(RoutingContext ctx, JsonObject body, String deviceId) {
    Optional<String> validation = auth.validate(body.getString("otpKey"), deviceId, body.getString("otpNo"));
    if (validation.isEmpty()) {
      failure(ctx, 200, "7549", "OTP verification failed.");
      return;
    }
    success(ctx, new JsonObject().put("otpValidationKey", validation.get()).put("verifiedOtp", true));
  }

  private void mfaToken(RoutingContext ctx, JsonObject body, String deviceId) {
    if (!auth.redeem(body.getString("otpValidationKey"), deviceId)) {
      failure(ctx, 200, "7445", "Request could not be processed.");
      return;
    }
    if ("Y".equals(body.getString("mfaYn"))) {
      auth.remember(deviceId);
    }
    success(ctx, tokenResult(deviceId));
  }

  private void vehicleCall(RoutingContext ctx, CaSimEndpoint endpoint, JsonObject body) {
    String vehicleId = ctx.request().getHeader("vehicleId");
    Optional<CaSimCar> car = settings.cars().stream().filter(c -> c.vehicleId().equals(vehicleId)).findFirst();
    if (car.isEmpty()) {
      failure(ctx, 200, "7445", "Request could not be processed.");
      return;
    }
    CaSimCar c = car.get();
    switch (endpoint) {
      case STATUS_CACHED -> success(ctx, new JsonObject().put("status", c.status(zone())));
      case STATUS_FORCE -> {
        c.report(settings.clock().instant());
        success(ctx, new JsonObject().put("status", c.status(ZoneOffset.UTC)));
      }
      case NEXT_SERVICE -> success(ctx, new JsonObject().put("maintenanceInfo", c.maintenance()));
      case CHARGE_LIMITS -> {
        if (!c.electric()) {
          failure(ctx, 200, "7445", "Request could not be processed.");
          return;
        }
        success(ctx, c.chargeLimits());
      }
      case VERIFY_PIN -> {
        if (!settings.pin().equals(body.getString("pin"))) {
          failure(ctx, 200, "7445", "PIN verification failed.");
          return;
        }
        success(ctx, new JsonObject().put("pAuth", auth.issuePinToken(vehicleId)));
      }
      case ACTION_STATUS -> actionStatus(ctx, vehicleId);
      case FIND_CAR -> {
        if (!auth.pinTokenFor(ctx.request().getHeader("pAuth"), vehicleId) || !settings.pin().equals(body.getString("pin"))) {
          failure(ctx, 200, "7445", "Request could not be processed.");
          return;
        }
        success(ctx, c.position(settings.clock().instant(), zone()));
      }
      default -> command(ctx, endpoint, c, body);
    }
  }

  private void command(RoutingContext ctx, CaSimEndpoint endpoint, CaSimCar car, JsonObject body) {
    boolean evOnly = endpoint.path().startsWith("evc/");
    boolean iceOnly = endpoint == CaSimEndpoint.CLIMATE_START || endpoint == CaSimEndpoint.CLIMATE_STOP;
    if (!auth.pinTokenFor(ctx.request().getHeader("pAuth"), car.vehicleId()) || !settings.pin().equals(body.getString("pin"))
        || (evOnly && !car.electric()) || (iceOnly && car.electric())
        || (endpoint == CaSimEndpoint.CLIMATE_START_EV && !(body.getValue("hvacInfo") instanceof JsonObject))
        || (endpoint == CaSimEndpoint.CLIMATE_START && !(body.getValue("setting") instanceof JsonObject))
        || (endpoint == CaSimEndpoint.SET_CHARGE_LIMITS && (limits(body) == null || !fromTheApp(ctx.request())))) {
      failure(ctx, 200, "7445", "Request could not be processed.");
      return;
    }
    int[] levels = endpoint == CaSimEndpoint.SET_CHARGE_LIMITS ? limits(body) : null;
    String id = UUID.randomUUID().toString();
    synchronized (transactions) {
      transactions.put(id, new Transaction(car.vehicleId(), endpoint,
          System.nanoTime() + settings.actionDelay().toNanos(), failActions));
    }
    vertx.setTimer(Math.max(1, settings.actionDelay().toMillis()), t -> {
      if (!failActions) {
        apply(car, endpoint, levels);
      }
    });
    ctx.response().putHeader("transactionId", id);
    success(ctx, new JsonObject());
  }

  /** {@code evc/setsoc} is sent as the app sends it: {@code from: SPA} and the remote page as the Referer (§6.5). */
  private static boolean fromTheApp(HttpServerRequest request) {
    return "SPA".equals(request.getHeader("from")) && String.valueOf(request.getHeader("Referer")).endsWith("/remote/");
  }

  /**
   * {@code tsoc} of {@code evc/setsoc}: exactly one DC (plug type 0) and one AC (1) level, 50–100 in steps of 10, and
   * the PIN beside it; {AC, DC}, or null when the body is not that.
   */
  private static int[] limits(JsonObject body) {
    if (!(body.getValue("tsoc") instanceof JsonArray tsoc) || tsoc.size() != 2 || body.size() != 2) {
      return null;
    }
    Integer ac = null;
    Integer dc = null;
    for (Object entry : tsoc) {
      if (!(entry instanceof JsonObject t) || t.size() != 2 || !(t.getValue("level") instanceof Integer level)
          || level < 50 || level > 100 || level % 10 != 0) {
        return null;
      }
      Object plug = t.getValue("plugType");
      if (Integer.valueOf(0).equals(plug) && dc == null) {
        dc = level;
      } else if (Integer.valueOf(1).equals(plug) && ac == null) {
        ac = level;
      } else {
        return null;
      }
    }
    return ac == null || dc == null ? null : new int[] {ac, dc};
  }

  private void apply(CaSimCar car, CaSimEndpoint command, int[] levels) {
    switch (command) {
      case LOCK -> car.setLocked(true);
      case UNLOCK -> car.setLocked(false);
      case CLIMATE_START, CLIMATE_START_EV -> car.setClimateOn(true);
      case CLIMATE_STOP, CLIMATE_STOP_EV -> car.setClimateOn(false);
      case CHARGE_START -> car.setCharging(true);
      case CHARGE_STOP -> car.setCharging(false);
      case SET_CHARGE_LIMITS -> car.setChargeLimits(levels[0], levels[1]);
      case HORN_LIGHTS -> car.signalled();
      default -> { }
    }
    car.report(settings.clock().instant());
  }

  private void actionStatus(RoutingContext ctx, String vehicleId) {
    Transaction t;
    synchronized (transactions) {
      t = transactions.get(ctx.request().getHeader("transactionId"));
    }
    if (t == null || !t.vehicleId().equals(vehicleId) || !auth.pinTokenFor(ctx.request().getHeader("pAuth"), vehicleId)) {
      failure(ctx, 200, "7445", "Request could not be processed.");
      return;
    }
    boolean done = System.nanoTime() >= t.doneAtNanos();
    if (done && t.fails()) {
      failure(ctx, 200, "7445", "Remote command failed.");
      return;
    }
    // like the real answer: apiStatusCode "null" while the car has not answered
    success(ctx, new JsonObject().put("transaction", new JsonObject().put("apiStatusCode", done ? "0000" : "null")
        .put("apiResult", done ? "C" : "P")));
  }

  private boolean spendQuota() {
    synchronized (transactions) {
      LocalDate today = LocalDate.ofInstant(settings.clock().instant(), ZoneOffset.UTC);
      if (!today.equals(quotaDay)) {
        quotaDay = today;
        quotaUsed = 0;
      }
      if (quotaUsed >= settings.dailyQuota()) {
        return false;
      }
      quotaUsed++;
      return true;
    }
  }

  private ZoneId zone() {
    return io.bluelinkmqtt.api.canada.mapping.CaTime.zoneOfProvince(settings.province());
  }

  private static void success(RoutingContext ctx, Object result) {
    end(ctx, 200, new JsonObject().put("responseHeader", new JsonObject().put("responseCode", 0)
        .put("responseDesc", "Success")).put("result", result));
  }

  private static void failure(RoutingContext ctx, int status, String code, String description) {
    end(ctx, status, new JsonObject().put("responseHeader", new JsonObject().put("responseCode", 1)
        .put("responseDesc", "Failure")).put("error", new JsonObject().put("errorCode", code)
        .put("errorDesc", description)));
  }

  private static void end(RoutingContext ctx, int status, JsonObject body) {
    if (!ctx.response().ended()) {
      ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json;charset=UTF-8")
          .end(body.encode());
    }
  }
}
