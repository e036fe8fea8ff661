package io.bluelinkmqtt.sim.ushyundai;

import io.bluelinkmqtt.api.ushyundai.UsHyundaiProfile;
import io.bluelinkmqtt.sim.ushyundai.UsSimCalls.Endpoint;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake USA Hyundai / Genesis cloud on 127.0.0.1 (bluelink-protocol.md §10), strict like the real one: the app's
 * {@code client_id}/{@code clientSecret} headers, a valid unexpired {@code accessToken} of the same {@code username},
 * the {@code blueLinkServicePin} on every call, the vehicle headers ({@code registrationId}, {@code vin}, {@code gen}
 * as enrolled), {@code APPCLOUD-VIN} on locks, exact action bodies. The token refresh demands username and password
 * ({@code 400 "password required"} otherwise) and rotates the refresh token; access tokens expire by the clock (or at
 * once, {@link #expireAllTokens()}); valid forced reads and actions spend the daily remote-request limit (cached reads
 * and status polls do not), then answer {@code 502 HT_534}. Actions answer an empty 200 with the {@code tmsTid} header, {@code getRunningStatus} tells their
 * state. Every request is in {@link #calls()}.
 */
public final class UsHyundaiSimulator {

  private static final Logger LOG = LoggerFactory.getLogger(UsHyundaiSimulator.class);
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
  private static final String RCS = "/ac/v2/rcs";
  private static final String EVC = "/ac/v2/evc";

  private final Vertx vertx;
  private final UsSimSettings settings;
  private final UsSimCalls calls = new UsSimCalls();
  private final Map<String, Instant> accessTokens = new HashMap<>();
  private final Map<String, String> actionStates = new HashMap<>();
  private final Map<String, String> serviceTypes = new HashMap<>();
  private String refreshToken;
  private LocalDate quotaDay;
  private int remoteUsed;
  private HttpServer server;
  private volatile int port = -1;

  public UsHyundaiSimulator(Vertx vertx, UsSimSettings settings) {
    this.vertx = vertx;
    this.settings = settings;
  }

  public Future<Integer> start() {
    Instant startedAt = settings.clock().instant();
    settings.cars().forEach(car -> car.reported(startedAt.minusSeconds(900)));
    Router router = router();
    return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").map(bound -> {
      server = bound;
      port = bound.actualPort();
      LOG.info("USA {} simulator listening on {}", settings.brand(), baseUrl());
      return port;
    });
  }

  public Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public UsSimSettings settings() {
    return settings;
  }

  public UsSimCalls calls() {
    return calls;
  }

  public List<UsSimCar> cars() {
    return settings.cars();
  }

  public UsSimCar car(String regid) {
    return settings.cars().stream().filter(c -> c.regid().equals(regid)).findFirst().orElseThrow();
  }

  /** Every access token issued so far expires now (the refresh token stays valid): the next call gets C401_2. */
  public synchronized void expireAllTokens() {
    accessTokens.replaceAll((token, until) -> Instant.MIN);
  }

  /** Spends the rest of today's remote-request limit: the next forced read or action gets HT_534. */
  public synchronized void exhaustRemoteLimit() {
    rollDay();
    remoteUsed = settings.dailyRemoteLimit();
  }

  public synchronized int remoteRequestsLeft() {
    rollDay();
    return Math.max(0, settings.dailyRemoteLimit() - remoteUsed);
  }

  /** The access tokens issued (tests look for them in logs and MQTT payloads). */
  public synchronized List<String> issuedTokens() {
    List<String> all = new java.util.ArrayList<>(accessTokens.keySet());
    if (refreshToken != null) {
      all.add(refreshToken);
    }
    return all;
  }

  private Router router() {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create().setBodyLimit(64 * 1024));
    router.route().handler(ctx -> {
      ctx.response().putHeader("Date", HTTP_DATE.format(settings.clock().instant()));
      ctx.next();
    });
    router.post(UsHyundaiProfile.TOKEN_PATH).handler(this::token);
    router.get("/ac/v2/enrollment/details/:user").handler(ctx -> authenticated(ctx, Endpoint.ENROLLMENT, false,
        this::enrollment));
    router.get(RCS + "/rvs/vehicleStatus").handler(ctx -> {
      boolean forced = "true".equalsIgnoreCase(ctx.request().getHeader("REFRESH"));
      authenticated(ctx, forced ? Endpoint.FORCED_STATUS : Endpoint.CACHED_STATUS, true,
          forced ? this::forcedStatus : this::cachedStatus);
    });
    router.post(RCS + "/rdo/off").handler(ctx -> authenticated(ctx, Endpoint.LOCK, true, this::door));
    router.post(RCS + "/rdo/on").handler(ctx -> authenticated(ctx, Endpoint.UNLOCK, true, this::door));
    router.post(EVC + "/fatc/start").handler(ctx -> authenticated(ctx, Endpoint.CLIMATE_START, true, this::climateStart));
    router.post(RCS + "/rsc/start").handler(ctx -> authenticated(ctx, Endpoint.CLIMATE_START, true, this::climateStart));
    router.post(EVC + "/fatc/stop").handler(ctx -> authenticated(ctx, Endpoint.CLIMATE_STOP, true, this::climateStop));
    router.post(RCS + "/rsc/stop").handler(ctx -> authenticated(ctx, Endpoint.CLIMATE_STOP, true, this::climateStop));
    router.post(RCS + "/rhl/light").handler(ctx -> authenticated(ctx, Endpoint.HAZARD, true, this::lights));
    router.post(RCS + "/rhl/hnl").handler(ctx -> authenticated(ctx, Endpoint.HORN_LIGHTS, true, this::lights));
    router.post(EVC + "/charge/start").handler(ctx -> authenticated(ctx, Endpoint.CHARGE_START, true, this::charge));
    router.post(EVC + "/charge/stop").handler(ctx -> authenticated(ctx, Endpoint.CHARGE_STOP, true, this::charge));
    router.get("/ac/v2/rmt/getRunningStatus").handler(ctx -> authenticated(ctx, Endpoint.RUNNING_STATUS, true,
        this::runningStatus));
    return router;
  }

  // ---- the token endpoint: login and the refresh grant (§2.6) ----

  private void token(RoutingContext ctx) {
    JsonObject body = json(ctx);
    boolean refresh = body != null && "refresh_token".equals(body.getValue("grant_type"));
    Endpoint endpoint = refresh ? Endpoint.TOKEN_REFRESH : Endpoint.LOGIN;
    if (!appHeaders(ctx)) {
      error(ctx, endpoint, 400, 400, "C400_1", "IDM", "Missing Fields: client_id or clientSecret");
      return;
    }
    if (body == null || !(body.getValue("username") instanceof String user) || user.isEmpty()
        || !(body.getValue("password") instanceof String password) || password.isEmpty()) {
      // the refresh grant is refused without them, which is what lib#1186 found
      error(ctx, endpoint, 400, 400, "C400_1", "IDM", "password required");
      return;
    }
    if (!settings.username().equals(user) || !settings.password().equals(password)) {
      error(ctx, endpoint, 401, 401, "C401_1", "IDM", "Invalid username or password");
      return;
    }
    synchronized (this) {
      if (refresh && (refreshToken == null || !refreshToken.equals(body.getValue("refresh_token")))) {
        error(ctx, endpoint, 401, 401, "C401_3", "IDM", "Invalid refresh token");
        return;
      }
      String access = "ushat-" + UUID.randomUUID();
      refreshToken = "ushrt-" + UUID.randomUUID();
      accessTokens.put(access, settings.clock().instant().plus(settings.tokenLifetime()));
      send(ctx, endpoint, 200, new JsonObject().put("access_token", access).put("refresh_token", refreshToken)
          .put("expires_in", Long.toString(settings.tokenLifetime().toSeconds())).put("token_type", "Bearer"), null);
    }
  }

  // ---- the gate of every authenticated call ----

  private interface Handler {
    void handle(RoutingContext ctx, Endpoint endpoint, UsSimCar car);
  }

  private void authenticated(RoutingContext ctx, Endpoint endpoint, boolean perVehicle, Handler handler) {
    MultiMap h = ctx.request().headers();
    if (!appHeaders(ctx)) {
      error(ctx, endpoint, 400, 400, "C400_1", "IDM", "Missing Fields: client_id or clientSecret");
      return;
    }
    String token = h.get("accessToken");
    Instant until;
    synchronized (this) {
      until = token == null ? null : accessTokens.get(token);
    }
    if (until == null || !settings.username().equals(h.get("username"))) {
      error(ctx, endpoint, 401, 401, "C401_1", "IDM", "Invalid token");
      return;
    }
    if (!until.isAfter(settings.clock().instant())) {
      error(ctx, endpoint, 401, 401, "C401_2", "IDM", "Token has expired");
      return;
    }
    String pin = h.get("blueLinkServicePin");
    if (pin == null || pin.isEmpty()) {
      pinError(ctx, endpoint, "C400_1", "Missing Fields: blueLinkServicePin or pinToken");
      return;
    }
    if (!settings.pin().equals(pin)) {
      pinError(ctx, endpoint, "C400_2", "Invalid PIN");
      return;
    }
    UsSimCar car = null;
    if (perVehicle) {
      Optional<UsSimCar> known = settings.cars().stream()
          .filter(c -> c.regid().equals(h.get("registrationId"))).findFirst();
      if (known.isEmpty() || !known.get().vin().equals(h.get("vin"))
          || !known.get().generation().equals(h.get("gen"))) {
        error(ctx, endpoint, 400, 400, "C400_1", "HATA", "Missing Fields: registrationId, vin or gen");
        return;
      }
      car = known.get();
    }
    handler.handle(ctx, endpoint, car);
  }

  /**
   * Spends one remote request of the day (§7: forced reads and actions; a valid request only); false, after answering
   * HT_534, when the day's limit is spent.
   */
  private boolean remoteAllowed(RoutingContext ctx, Endpoint endpoint) {
    if (spendRemote()) {
      return true;
    }
    error(ctx, endpoint, 502, 502, "HT_534", "HATA",
        "You have exceeded the daily remote service request limit. Your last request was not processed.");
    return false;
  }

  private boolean appHeaders(RoutingContext ctx) {
    MultiMap h = ctx.request().headers();
    return UsHyundaiProfile.CLIENT_ID.equals(h.get("client_id"))
        && UsHyundaiProfile.CLIENT_SECRET.equals(h.get("clientSecret")) && "SPA".equals(h.get("from"));
  }

  private synchronized boolean spendRemote() {
    rollDay();
    if (remoteUsed >= settings.dailyRemoteLimit()) {
      return false;
    }
    remoteUsed++;
    return true;
  }

  private void rollDay() {
    LocalDate today = LocalDate.ofInstant(settings.clock().instant(), ZoneOffset.UTC);
    if (!today.equals(quotaDay)) {
      quotaDay = today;
      remoteUsed = 0;
    }
  }

  // ---- reads ----

  private void enrollment(RoutingContext ctx, Endpoint endpoint, UsSimCar none) {
    if (!settings.username().equals(ctx.pathParam("user"))) {
      error(ctx, endpoint, 400, 400, "C400_1", "HATA", "Invalid user");
      return;
    }
    io.vertx.core.json.JsonArray list = new io.vertx.core.json.JsonArray();
    settings.cars().forEach(car -> list.add(car.enrollment()));
    send(ctx, endpoint, 200, new JsonObject().put("enrolledVehicleDetails", list), null);
  }

  private void cachedStatus(RoutingContext ctx, Endpoint endpoint, UsSimCar car) {
    send(ctx, endpoint, 200, new JsonObject().put("vehicleStatus", car.status()), null);
  }

  /** The car is woken and answers after the force delay, synchronously on the same request. */
  private void forcedStatus(RoutingContext ctx, Endpoint endpoint, UsSimCar car) {
    if (!remoteAllowed(ctx, endpoint)) {
      return;
    }
    vertx.setTimer(Math.max(1, settings.forceDelay().toMillis()), id -> {
      car.wake(settings.clock().instant());
      send(ctx, endpoint, 200, new JsonObject().put("vehicleStatus", car.status()), null);
    });
  }

  // ---- actions ----

  private void door(RoutingContext ctx, Endpoint endpoint, UsSimCar car) {
    JsonObject body = json(ctx);
    if (!car.vin().equals(ctx.request().getHeader("APPCLOUD-VIN")) || body == null
        || !settings.username().equals(body.getValue("userName")) || !car.vin().equals(body.getValue("vin"))) {
      error(ctx, endpoint, 400, 400, "C400_1", "HATA", "Missing Fields: APPCLOUD-VIN, userName or vin");
      return;
    }
    accept(ctx, endpoint, () -> car.setLocked(endpoint == Endpoint.LOCK));
  }

  /** Hazard lights / horn and lights: the door body and header; nothing to change on the car. */
  private void lights(RoutingContext ctx, Endpoint endpoint, UsSimCar car) {
    JsonObject body = json(ctx);
    if (!car.vin().equals(ctx.request().getHeader("APPCLOUD-VIN")) || body == null
        || !settings.username().equals(body.getValue("userName")) || !car.vin().equals(body.getValue("vin"))) {
      error(ctx, endpoint, 400, 400, "C400_1", "HATA", "Missing Fields: APPCLOUD-VIN, userName or vin");
      return;
    }
    accept(ctx, endpoint, () -> { });
  }

  private void climateStart(RoutingContext ctx, Endpoint endpoint, UsSimCar car) {
    JsonObject body = json(ctx);
    boolean evPath = ctx.request().path().startsWith(EVC);
    Integer fahrenheit = body == null ? null : fahrenheit(body);
    boolean valid = body != null && evPath == car.electric() && fahrenheit != null
        && Integer.valueOf(1).equals(body.getValue("airCtrl")) && body.getValue("defrost") instanceof Boolean
        && body.getValue("heating1") instanceof Integer heating && heating >= 0 && heating <= 4
        && (evPath || (Integer.valueOf(0).equals(body.getValue("Ims")) && car.vin().equals(body.getValue("vin"))
            && settings.username().equals(body.getValue("username"))));
    if (!valid) {
      error(ctx, endpoint, 400, 400, "C400_1", "HATA", "Invalid climate request");
      return;
    }
    accept(ctx, endpoint, () -> car.setClimate(true, fahrenheit));
  }

  /** {@code airTemp.value} in °F with unit 1: a string on the EV path, a number on the combustion path (§6.3). */
  private static Integer fahrenheit(JsonObject body) {
    if (!(body.getValue("airTemp") instanceof JsonObject temp) || !Integer.valueOf(1).equals(temp.getValue("unit"))) {
      return null;
    }
    Object value = temp.getValue("value");
    Integer f = value instanceof Integer i ? Integer.valueOf(i)
        : value instanceof String s && s.matches("\\d{2}") ? Integer.valueOf(s) : null;
    return f != null && f >= 62 && f <= 82 ? f : null;
  }

  private void climateStop(RoutingContext ctx, Endpoint endpoint, UsSimCar car) {
    if (ctx.request().path().startsWith(EVC) != car.electric()) {
      error(ctx, endpoint, 400, 400, "C400_1", "HATA", "Invalid climate request");
      return;
    }
    accept(ctx, endpoint, () -> car.setClimate(false, null));
  }

  private void charge(RoutingContext ctx, Endpoint endpoint, UsSimCar car) {
    if (!car.electric()) {
      error(ctx, endpoint, 400, 400, "C400_4", "HATA", "Service not supported for this vehicle");
      return;
    }
    accept(ctx, endpoint, () -> car.setCharging(endpoint == Endpoint.CHARGE_START));
  }

  /** An empty 200 with the action id in {@code tmsTid}; the car does it after the action delay. */
  private void accept(RoutingContext ctx, Endpoint endpoint, Runnable effect) {
    if (!remoteAllowed(ctx, endpoint)) {
      return;
    }
    String tid = UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
    synchronized (this) {
      actionStates.put(tid, "PENDING");
      serviceTypes.put(tid, serviceType(endpoint));
    }
    vertx.setTimer(Math.max(1, settings.actionDelay().toMillis()), id -> {
      effect.run();
      synchronized (this) {
        actionStates.put(tid, "SUCCESS");
      }
    });
    send(ctx, endpoint, 200, null, tid);
  }

  private void runningStatus(RoutingContext ctx, Endpoint endpoint, UsSimCar car) {
    MultiMap h = ctx.request().headers();
    String state;
    String serviceType;
    synchronized (this) {
      state = actionStates.get(h.get("tid"));
      serviceType = serviceTypes.get(h.get("tid"));
    }
    if (state == null || !settings.username().equals(h.get("login_id")) || !serviceType.equals(h.get("service_type"))) {
      error(ctx, endpoint, 400, 400, "C400_1", "HATA", "Missing Fields: tid, login_id or service_type");
      return;
    }
    send(ctx, endpoint, 200, new JsonObject().put("status", state), null);
  }

  /** The status poll's {@code service_type} per action (§6.3). */
  private static String serviceType(Endpoint endpoint) {
    return endpoint == Endpoint.HAZARD ? "LIGHTS_ONLY" : endpoint == Endpoint.HORN_LIGHTS ? "HORN_AND_LIGHTS"
        : "REMOTE_POLL";
  }

  // ---- answers ----

  private void pinError(RoutingContext ctx, Endpoint endpoint, String subCode, String subMessage) {
    JsonObject body = new JsonObject().put("errorCode", 400).put("errorSubCode", subCode).put("systemName", "IDM")
        .put("functionName", "validatePIN").put("serviceName", "CheckCustomerUserPin")
        .put("errorMessage", "Please check to see that all required fields are populated and try again.")
        .put("errorSubMessage", subMessage);
    send(ctx, endpoint, 400, body, null);
  }

  private void error(RoutingContext ctx, Endpoint endpoint, int http, int code, String subCode, String system,
                     String message) {
    send(ctx, endpoint, http, new JsonObject().put("errorCode", code).put("errorSubCode", subCode)
        .put("systemName", system).put("errorMessage", message).put("functionName", endpoint.name().toLowerCase(Locale.ROOT))
        .put("serviceName", "remoteVehicleStatus"), null);
  }

  private void send(RoutingContext ctx, Endpoint endpoint, int status, JsonObject body, String tid) {
    String received = ctx.body() == null ? null : ctx.body().asString();
    calls.record(new UsSimCalls.Call(endpoint, ctx.request().uri(),
        MultiMap.caseInsensitiveMultiMap().addAll(ctx.request().headers()), received, status));
    ctx.response().setStatusCode(status);
    if (tid != null) {
      ctx.response().putHeader("tmsTid", tid);
    }
    if (body == null) {
      ctx.response().end();
    } else {
      ctx.response().putHeader("Content-Type", "application/json").end(body.encode());
    }
  }

  private static JsonObject json(RoutingContext ctx) {
    try {
      String text = ctx.body() == null ? null : ctx.body().asString();
      return text == null || text.isBlank() ? null : new JsonObject(text);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
