package io.bluelinkmqtt.sim.uskia;

import io.bluelinkmqtt.api.uskia.UsKiaProfile;
import io.bluelinkmqtt.sim.uskia.UsKiaSimCalls.Call;
import io.bluelinkmqtt.sim.uskia.UsKiaSimCalls.Endpoint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake USA Kia APIGW on 127.0.0.1 (bluelink-protocol.md §2.7, §3.4, §4.1, §6.4, §8.4, §10, §11), strict like the
 * real one: the app's headers ({@code clientid}, {@code secretkey}, {@code from}/{@code to}, {@code deviceid} and the
 * {@code clientuuid} derived from it), {@code deviceKey} equal to the {@code deviceid}, a live {@code sid} on every
 * vehicle call and a {@code vinkey} of <em>that</em> session ({@code vehicleKey} rotates with every session).
 * A device without a valid {@code rmtoken} gets the one-time-code branch ({@code otpKey} + {@code xid}); the code
 * goes out by {@code sendOTP} (and is readable here, for tests and the demo), {@code verifyOTP} takes it within its
 * lifetime and tries and answers {@code sid} + {@code rmtoken} (or the {@code sid} only, when so set); sessions end by
 * the clock or at once ({@link #endSessions()}: {@code 1003}); vehicle calls spend the daily limit (then HTTP 429).
 */
public final class UsKiaSimulator {

  /** The path prefix of the APIGW. */
  public static final String PREFIX = "/apigw/v1";
  private static final Logger LOG = LoggerFactory.getLogger(UsKiaSimulator.class);

  private final Vertx vertx;
  private final UsKiaSimSettings settings;
  private final List<UsKiaSimCar> cars;
  private final UsKiaSimCalls calls = new UsKiaSimCalls();
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Session> sessions = new HashMap<>();
  private final Map<String, String> rmtokens = new HashMap<>(); // rmtoken → device id
  private final Map<String, Otp> otps = new HashMap<>(); // otpKey → transaction
  private final Map<String, PendingAction> actions = new HashMap<>();
  private final Set<String> sentCodes = new HashSet<>();
  private final Set<String> issued = new HashSet<>();
  private int sessionCount;
  private LocalDate quotaDay;
  private int quotaUsed;
  private String lastCode;
  private HttpServer server;
  private volatile int port = -1;

  private record Session(String deviceId, Instant issuedAt, int number, boolean completing) {
  }

  private static final class Otp {
    final String deviceId;
    final String xid;
    final Instant expiresAt;
    String code;
    int triesLeft;
    boolean used;

    Otp(String deviceId, String xid, Instant expiresAt, int tries) {
      this.deviceId = deviceId;
      this.xid = xid;
      this.expiresAt = expiresAt;
      this.triesLeft = tries;
    }
  }

  private record PendingAction(UsKiaSimCar car, Instant doneAt) {
  }

  public UsKiaSimulator(Vertx vertx, UsKiaSimSettings settings) {
    this(vertx, settings, UsKiaSimCar.fleet());
  }

  public UsKiaSimulator(Vertx vertx, UsKiaSimSettings settings, List<UsKiaSimCar> cars) {
    this.vertx = vertx;
    this.settings = settings;
    this.cars = List.copyOf(cars);
  }

  public Future<Integer> start() {
    Instant now = settings.clock().instant();
    cars.forEach(car -> car.reported(now.minusSeconds(900)));
    return vertx.createHttpServer().requestHandler(router()).listen(0, "127.0.0.1").map(bound -> {
      server = bound;
      port = bound.actualPort();
      LOG.info("USA Kia simulator listening on {}", baseUrl());
      return port;
    });
  }

  public Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** The module's base URL: the simulator's APIGW root. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port + PREFIX;
  }

  public UsKiaSimSettings settings() {
    return settings;
  }

  public UsKiaSimCalls calls() {
    return calls;
  }

  public List<UsKiaSimCar> cars() {
    return cars;
  }

  public UsKiaSimCar car(String id) {
    return cars.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
  }

  /** The last one-time code the cloud "sent" (null before any). */
  public synchronized String lastCode() {
    return lastCode;
  }

  /** Every code sent so far (tests look for them in logs and MQTT payloads). */
  public synchronized Set<String> sentCodes() {
    return Set.copyOf(sentCodes);
  }

  /** Every sid, rmtoken and otpKey handed out so far (tests look for them in logs and MQTT payloads). */
  public synchronized Set<String> issuedSecrets() {
    return Set.copyOf(issued);
  }

  /** Every session ends now, earlier than the app expects (§11): the next call gets 1003. */
  public synchronized void endSessions() {
    sessions.clear();
  }

  /** Every remember-me token is forgotten: the next login asks for a code again. */
  public synchronized void forgetRememberedDevices() {
    rmtokens.clear();
  }

  /** Spends the rest of today's limit: the next vehicle call gets HTTP 429. */
  public synchronized void exhaustDailyLimit() {
    rollDay();
    quotaUsed = settings.dailyLimit();
  }

  private Router router() {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create().setBodyLimit(64 * 1024));
    router.post(PREFIX + "/prof/authUser").handler(ctx -> guarded(ctx, Endpoint.AUTH_USER, this::authUser));
    router.post(PREFIX + "/cmm/sendOTP").handler(ctx -> guarded(ctx, Endpoint.SEND_OTP, this::sendOtp));
    router.post(PREFIX + "/cmm/verifyOTP").handler(ctx -> guarded(ctx, Endpoint.VERIFY_OTP, this::verifyOtp));
    router.get(PREFIX + "/ownr/gvl").handler(ctx -> guarded(ctx, Endpoint.VEHICLE_LIST, this::vehicleList));
    router.post(PREFIX + "/cmm/gvi").handler(ctx -> vehicleCall(ctx, Endpoint.VEHICLE_INFO, true, this::vehicleInfo));
    router.post(PREFIX + "/rems/rvs").handler(ctx -> vehicleCall(ctx, Endpoint.FORCE_STATUS, true, this::force));
    router.get(PREFIX + "/rems/door/lock").handler(ctx -> vehicleCall(ctx, Endpoint.LOCK, true,
        (c, car) -> action(c, car, () -> car.lock(true))));
    router.get(PREFIX + "/rems/door/unlock").handler(ctx -> vehicleCall(ctx, Endpoint.UNLOCK, true,
        (c, car) -> action(c, car, () -> car.lock(false))));
    router.post(PREFIX + "/rems/start").handler(ctx -> vehicleCall(ctx, Endpoint.CLIMATE_START, true,
        this::climateStart));
    router.get(PREFIX + "/rems/stop").handler(ctx -> vehicleCall(ctx, Endpoint.CLIMATE_STOP, true,
        (c, car) -> action(c, car, () -> car.climate(false, null))));
    router.post(PREFIX + "/evc/charge").handler(ctx -> vehicleCall(ctx, Endpoint.CHARGE_START, true,
        this::chargeStart));
    router.get(PREFIX + "/evc/cancel").handler(ctx -> vehicleCall(ctx, Endpoint.CHARGE_STOP, true,
        (c, car) -> evAction(c, car, () -> car.charge(false))));
    router.post(PREFIX + "/evc/sts").handler(ctx -> vehicleCall(ctx, Endpoint.CHARGE_LIMITS, true,
        this::chargeLimits));
    router.post(PREFIX + "/cmm/gts").handler(ctx -> vehicleCall(ctx, Endpoint.ACTION_STATUS, false,
        this::actionStatus));
    return router;
  }

  /** What one request gets: answered here, recorded with its endpoint. */
  private interface Handler {
    Answer handle(RoutingContext ctx);
  }

  private record Answer(int http, JsonObject body, Map<String, String> headers) {
    int errorCode() {
      JsonObject status = body.getJsonObject("status");
      return status == null ? 0 : status.getInteger("errorCode", 0);
    }
  }

  private static Answer ok(JsonObject payload) {
    return ok(payload, Map.of());
  }

  private static Answer ok(JsonObject payload, Map<String, String> headers) {
    return new Answer(200, new JsonObject().put("status", new JsonObject().put("statusCode", 0).put("errorType", 0)
        .put("errorCode", 0).put("errorMessage", "")).put("payload", payload), headers);
  }

  private static Answer error(int http, int code, String message) {
    return new Answer(http, new JsonObject().put("status", new JsonObject().put("statusCode", 1).put("errorType", 1)
        .put("errorCode", code).put("errorMessage", message)), Map.of());
  }

  private void guarded(RoutingContext ctx, Endpoint endpoint, Handler handler) {
    Answer answer;
    synchronized (this) {
      String problem = headerProblem(ctx.request());
      answer = problem != null ? error(400, 9999, problem) : handler.handle(ctx);
    }
    calls.record(new Call(endpoint, ctx.body().asString() == null ? "" : ctx.body().asString(), answer.http(),
        answer.errorCode()));
    answer.headers().forEach((k, v) -> ctx.response().putHeader(k, v));
    ctx.response().setStatusCode(answer.http()).putHeader("content-type", "application/json;charset=utf-8")
        .end(answer.body().encode());
  }

  /** The app's headers, as the real gateway wants them. */
  private String headerProblem(HttpServerRequest r) {
    if (!UsKiaProfile.CLIENT_ID.equals(r.getHeader("clientid")) || !UsKiaProfile.SECRET_KEY.equals(r.getHeader("secretkey"))) {
      return "invalid client";
    }
    if (!"SPA".equals(r.getHeader("from")) || !"APIGW".equals(r.getHeader("to")) || r.getHeader("appversion") == null
        || r.getHeader("date") == null || r.getHeader("offset") == null) {
      return "missing headers";
    }
    String device = r.getHeader(UsKiaProfile.DEVICE_ID);
    if (device == null || !device.matches("[0-9A-F-]{36}")
        || !UsKiaProfile.clientUuid(device).equals(r.getHeader(UsKiaProfile.CLIENT_UUID))) {
      return "invalid device";
    }
    return null;
  }

  private Answer authUser(RoutingContext ctx) {
    JsonObject body = json(ctx);
    JsonObject credential = body.getJsonObject("userCredential", new JsonObject());
    String device = ctx.request().getHeader(UsKiaProfile.DEVICE_ID);
    if (!device.equals(body.getString("deviceKey")) || !Integer.valueOf(2).equals(body.getInteger("deviceType"))) {
      return error(400, 9999, "invalid device key");
    }
    if (!settings.username().equals(credential.getString("userId"))
        || !settings.password().equals(credential.getString("password"))) {
      return error(200, 1001, "Invalid email or password");
    }
    String rmtoken = ctx.request().getHeader(UsKiaProfile.RMTOKEN);
    String sid = ctx.request().getHeader(UsKiaProfile.SID);
    if (sid != null) { // completing a code's login: the verified sid and the rmtoken it came with
      Session verified = sessions.get(sid);
      if (verified == null || !verified.completing() || rmtoken == null || !device.equals(rmtokens.get(rmtoken))) {
        return error(200, 1003, "Session Key is either invalid or expired");
      }
      sessions.remove(sid);
      return ok(new JsonObject(), Map.of(UsKiaProfile.SID, newSession(device, false)));
    }
    if (rmtoken != null && device.equals(rmtokens.get(rmtoken)) && body.getInteger("tncFlag", 0) == 1) {
      return ok(new JsonObject(), Map.of(UsKiaProfile.SID, newSession(device, false)));
    }
    String otpKey = UUID.randomUUID().toString();
    issued.add(otpKey);
    String xid = UUID.randomUUID().toString();
    otps.put(otpKey, new Otp(device, xid, settings.clock().instant().plus(settings.otpLifetime()), settings.otpTries()));
    JsonObject payload = new JsonObject().put("otpKey", otpKey).put("hasEmail", true).put("hasPhone", true)
        .put("email", "o***@e***.com").put("phone", "***-***-0142");
    if (rmtoken != null) {
      payload.put("rmTokenExpired", true);
    }
    return ok(payload, Map.of(UsKiaProfile.XID, xid));
  }

  private Answer sendOtp(RoutingContext ctx) {
    Otp otp = otpOf(ctx);
    if (otp == null) {
      return error(400, 9999, "invalid OTP transaction");
    }
    String type = ctx.request().getHeader(UsKiaProfile.NOTIFY_TYPE);
    if (!"EMAIL".equals(type) && !"SMS".equals(type)) {
      return error(400, 9999, "invalid notify type");
    }
    otp.code = String.format("%06d", random.nextInt(1_000_000));
    lastCode = otp.code;
    sentCodes.add(otp.code);
    if (settings.logCodes()) {
      LOG.warn("DEMO: the simulated USA Kia cloud sent the one-time code {} by {}: publish {{\"code\":\"{}\"}} on "
          + "<base>/bridge/commands/otp", otp.code, type, otp.code);
    }
    return ok(new JsonObject());
  }

  private Answer verifyOtp(RoutingContext ctx) {
    Otp otp = otpOf(ctx);
    if (otp == null) {
      return error(400, 9999, "invalid OTP transaction");
    }
    if (otp.used || !settings.clock().instant().isBefore(otp.expiresAt) || otp.triesLeft <= 0) {
      return error(200, 1104, "OTP has expired");
    }
    String given = json(ctx).getString("otp");
    if (otp.code == null || !otp.code.equals(given)) {
      otp.triesLeft--;
      return error(200, 1103, "Invalid OTP");
    }
    otp.used = true;
    Map<String, String> headers = new HashMap<>();
    headers.put(UsKiaProfile.SID, newSession(otp.deviceId, settings.giveRmtoken()));
    if (settings.giveRmtoken()) {
      String rmtoken = UUID.randomUUID().toString().replace("-", "");
      rmtokens.put(rmtoken, otp.deviceId);
      issued.add(rmtoken);
      headers.put(UsKiaProfile.RMTOKEN, rmtoken);
    }
    return ok(new JsonObject(), headers);
  }

  private Otp otpOf(RoutingContext ctx) {
    Otp otp = otps.get(ctx.request().getHeader(UsKiaProfile.OTPKEY));
    boolean match = otp != null && otp.xid.equals(ctx.request().getHeader(UsKiaProfile.XID))
        && otp.deviceId.equals(ctx.request().getHeader(UsKiaProfile.DEVICE_ID));
    return match ? otp : null;
  }

  /** A new sid; {@code completing} ones are valid too (uvo#1221) and also open the completing authUser. */
  private String newSession(String device, boolean completing) {
    String sid = UUID.randomUUID().toString().replace("-", "");
    sessions.put(sid, new Session(device, settings.clock().instant(), ++sessionCount, completing));
    issued.add(sid);
    return sid;
  }

  private Session liveSession(RoutingContext ctx) {
    Session session = sessions.get(ctx.request().getHeader(UsKiaProfile.SID));
    if (session == null || !session.deviceId().equals(ctx.request().getHeader(UsKiaProfile.DEVICE_ID))) {
      return null;
    }
    if (!settings.clock().instant().isBefore(session.issuedAt().plus(settings.sessionLifetime()))) {
      sessions.remove(ctx.request().getHeader(UsKiaProfile.SID));
      return null;
    }
    return session;
  }

  private static String vehicleKey(Session session, UsKiaSimCar car) {
    return "vk" + session.number() + "x" + car.id();
  }

  private Answer vehicleList(RoutingContext ctx) {
    Session session = liveSession(ctx);
    if (session == null) {
      return error(200, 1003, "Session Key is either invalid or expired");
    }
    JsonArray summaries = new JsonArray();
    cars.forEach(car -> summaries.add(car.summary(vehicleKey(session, car))));
    return ok(new JsonObject().put("vehicleSummary", summaries));
  }

  /** A call for one car: a live session, this session's vinkey, and (when it costs) the daily limit. */
  private void vehicleCall(RoutingContext ctx, Endpoint endpoint, boolean costs,
                           BiConsumerAnswer handler) {
    guarded(ctx, endpoint, c -> {
      Session session = liveSession(c);
      if (session == null) {
        return error(200, 1005, "Session Key is either invalid or expired");
      }
      String key = c.request().getHeader(UsKiaProfile.VINKEY);
      UsKiaSimCar car = cars.stream().filter(x -> vehicleKey(session, x).equals(key)).findFirst().orElse(null);
      if (car == null) {
        return error(400, 9001, "Invalid vehicle key");
      }
      if (costs && !spend()) {
        return error(429, 9429, "You have exceeded the daily limit of requests");
      }
      return handler.handle(c, car);
    });
  }

  private interface BiConsumerAnswer {
    Answer handle(RoutingContext ctx, UsKiaSimCar car);
  }

  private Answer vehicleInfo(RoutingContext ctx, UsKiaSimCar car) {
    JsonArray keys = json(ctx).getJsonArray("vinKey", new JsonArray());
    if (keys.size() != 1 || !keys.getValue(0).equals(ctx.request().getHeader(UsKiaProfile.VINKEY))
        || !json(ctx).containsKey("vehicleInfoReq")) {
      return error(400, 9999, "invalid vehicle info request");
    }
    return ok(new JsonObject().put("vehicleInfoList", new JsonArray().add(car.vehicleInfo())));
  }

  private Answer force(RoutingContext ctx, UsKiaSimCar car) {
    if (!Integer.valueOf(0).equals(json(ctx).getInteger("requestType"))) {
      return error(400, 9999, "invalid request type");
    }
    car.woke(settings.clock().instant());
    JsonObject status = car.vehicleInfo().getJsonObject("lastVehicleInfo").getJsonObject("vehicleStatusRpt");
    return ok(new JsonObject().put("vehicleStatusRpt", status));
  }

  private Answer climateStart(RoutingContext ctx, UsKiaSimCar car) {
    JsonObject climate = json(ctx).getJsonObject("remoteClimate");
    JsonObject temp = climate == null ? null : climate.getJsonObject("airTemp");
    if (temp == null || !Integer.valueOf(1).equals(temp.getInteger("unit")) || temp.getString("value") == null
        || climate.getJsonObject("ignitionOnDuration") == null) {
      return error(400, 9999, "invalid climate request");
    }
    Integer f = temp.getString("value").matches("[0-9]+") ? Integer.valueOf(temp.getString("value")) : null;
    return action(ctx, car, () -> car.climate(true, f));
  }

  private Answer chargeStart(RoutingContext ctx, UsKiaSimCar car) {
    if (!Integer.valueOf(100).equals(json(ctx).getInteger("chargeRatio"))) {
      return error(400, 9999, "invalid charge request");
    }
    return evAction(ctx, car, () -> car.charge(true));
  }

  /** {@code evc/sts}: exactly one DC (plug type 0) and one AC (1) level, each 50–100 in steps of 10. */
  private Answer chargeLimits(RoutingContext ctx, UsKiaSimCar car) {
    Object list = json(ctx).getValue("targetSOClist");
    Map<Integer, Integer> levels = new HashMap<>();
    if (list instanceof JsonArray targets && targets.size() == 2) {
      for (Object entry : targets) {
        if (entry instanceof JsonObject t && t.size() == 2 && t.getValue("plugType") instanceof Integer plug
            && t.getValue("targetSOClevel") instanceof Integer level && level >= 50 && level <= 100
            && level % 10 == 0) {
          levels.put(plug, level);
        }
      }
    }
    if (json(ctx).size() != 1 || levels.size() != 2 || !levels.containsKey(0) || !levels.containsKey(1)) {
      return error(400, 9999, "invalid charge limits request");
    }
    return evAction(ctx, car, () -> car.chargeLimits(levels.get(1), levels.get(0)));
  }

  private Answer evAction(RoutingContext ctx, UsKiaSimCar car, Runnable effect) {
    return car.ev() ? action(ctx, car, effect) : error(400, 9002, "Not supported by the vehicle");
  }

  /** The action is taken (Xid); the car does it after the action delay (by the clock). */
  private Answer action(RoutingContext ctx, UsKiaSimCar car, Runnable effect) {
    String xid = UUID.randomUUID().toString();
    Instant doneAt = settings.clock().instant().plus(settings.actionDelay());
    actions.put(xid, new PendingAction(car, doneAt));
    if (settings.actionDelay().isZero()) {
      effect.run();
    } else {
      vertx.setTimer(Math.max(1, settings.actionDelay().toMillis()), t -> {
        synchronized (this) {
          effect.run();
        }
      });
    }
    return ok(new JsonObject(), Map.of("Xid", xid));
  }

  private Answer actionStatus(RoutingContext ctx, UsKiaSimCar car) {
    PendingAction pending = actions.get(json(ctx).getString("xid"));
    if (pending == null || pending.car() != car) {
      return error(400, 9999, "unknown transaction");
    }
    int state = settings.clock().instant().isBefore(pending.doneAt()) ? 1 : 0;
    return ok(new JsonObject().put("remoteStatus", state).put("alertStatus", 0).put("evStatus", state));
  }

  private boolean spend() {
    rollDay();
    if (quotaUsed >= settings.dailyLimit()) {
      return false;
    }
    quotaUsed++;
    return true;
  }

  private void rollDay() {
    LocalDate today = LocalDate.ofInstant(settings.clock().instant(), ZoneOffset.UTC);
    if (!today.equals(quotaDay)) {
      quotaDay = today;
      quotaUsed = 0;
    }
  }

  private static JsonObject json(RoutingContext ctx) {
    try {
      JsonObject body = ctx.body().asJsonObject();
      return body == null ? new JsonObject() : body;
    } catch (RuntimeException e) {
      return new JsonObject();
    }
  }
}
