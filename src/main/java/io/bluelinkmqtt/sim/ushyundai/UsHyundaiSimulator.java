package io.bluelinkmqtt.sim.ushyundai;

import io.bluelinkmqtt.api.ushyundai.UsHyundaiProfile;
import io.bluelinkmqtt.sim.ushyundai.UsSimCalls.Endpoint;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake USA Hyundai / Genesis cloud on 127.0.0.1 (bluelink-protocol.md §10), strict like the real one. This class
 * wires the parts: the account side ({@link UsSimAuth}: app headers, tokens that expire by the clock or at once
 * ({@link #expireAllTokens()}), the refresh grant that demands username and password and rotates its token, the PIN on
 * every call), the vehicle headers ({@code registrationId}, {@code vin}, {@code gen} as enrolled), the reads (a forced
 * read answers once the car has), the actions ({@link UsSimActions}) and the daily remote-request limit
 * ({@link UsSimQuota}: HT_534). Every request is in {@link #calls()}. Tokens are not IP-bound: the spec reports that for
 * Canada, not for this cloud.
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
  private final UsSimAnswers answers = new UsSimAnswers(calls);
  private final UsSimAuth auth;
  private final UsSimQuota quota;
  private final UsSimActions actions;
  private HttpServer server;
  private volatile int port = -1;

  public UsHyundaiSimulator(Vertx vertx, UsSimSettings settings) {
    this.vertx = vertx;
    this.settings = settings;
    this.auth = new UsSimAuth(settings, answers);
    this.quota = new UsSimQuota(settings.dailyRemoteLimit(), settings.clock(), answers);
    this.actions = new UsSimActions(vertx, settings, answers, quota);
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
  public void expireAllTokens() {
    auth.expireAll();
  }

  /** Spends the rest of today's remote-request limit: the next forced read or action gets HT_534. */
  public void exhaustRemoteLimit() {
    quota.exhaust();
  }

  public int remoteRequestsLeft() {
    return quota.left();
  }

  /** The tokens issued (tests look for them in logs and MQTT payloads). */
  public List<String> issuedTokens() {
    return auth.issued();
  }

  private Router router() {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create().setBodyLimit(64 * 1024));
    router.route().handler(ctx -> {
      ctx.response().putHeader("Date", HTTP_DATE.format(settings.clock().instant()));
      ctx.next();
    });
    router.post(UsHyundaiProfile.TOKEN_PATH).handler(auth::token);
    router.get("/ac/v2/enrollment/details/:user").handler(ctx -> authenticated(ctx, Endpoint.ENROLLMENT, false,
        this::enrollment));
    router.get(RCS + "/rvs/vehicleStatus").handler(ctx -> {
      boolean forced = "true".equalsIgnoreCase(ctx.request().getHeader("REFRESH"));
      authenticated(ctx, forced ? Endpoint.FORCED_STATUS : Endpoint.CACHED_STATUS, true,
          forced ? this::forcedStatus : this::cachedStatus);
    });
    router.post(RCS + "/rdo/off").handler(ctx -> authenticated(ctx, Endpoint.LOCK, true, actions::door));
    router.post(RCS + "/rdo/on").handler(ctx -> authenticated(ctx, Endpoint.UNLOCK, true, actions::door));
    router.post(EVC + "/fatc/start").handler(ctx -> authenticated(ctx, Endpoint.CLIMATE_START, true,
        actions::climateStart));
    router.post(RCS + "/rsc/start").handler(ctx -> authenticated(ctx, Endpoint.CLIMATE_START, true,
        actions::climateStart));
    router.post(EVC + "/fatc/stop").handler(ctx -> authenticated(ctx, Endpoint.CLIMATE_STOP, true,
        actions::climateStop));
    router.post(RCS + "/rsc/stop").handler(ctx -> authenticated(ctx, Endpoint.CLIMATE_STOP, true,
        actions::climateStop));
    router.post(RCS + "/rhl/light").handler(ctx -> authenticated(ctx, Endpoint.HAZARD, true, actions::lights));
    router.post(RCS + "/rhl/hnl").handler(ctx -> authenticated(ctx, Endpoint.HORN_LIGHTS, true, actions::lights));
    router.post(EVC + "/charge/targetsoc/set").handler(ctx -> authenticated(ctx, Endpoint.CHARGE_LIMITS, true,
        actions::chargeLimits));
    router.post(EVC + "/charge/start").handler(ctx -> authenticated(ctx, Endpoint.CHARGE_START, true,
        actions::charge));
    router.post(EVC + "/charge/stop").handler(ctx -> authenticated(ctx, Endpoint.CHARGE_STOP, true,
        actions::charge));
    router.get("/ac/v2/rmt/getRunningStatus").handler(ctx -> authenticated(ctx, Endpoint.RUNNING_STATUS, true,
        actions::runningStatus));
    return router;
  }

  // ---- the gate of every authenticated call ----

  private interface Handler {
    void handle(RoutingContext ctx, Endpoint endpoint, UsSimCar car);
  }

  private void authenticated(RoutingContext ctx, Endpoint endpoint, boolean perVehicle, Handler handler) {
    if (!auth.admits(ctx, endpoint)) {
      return;
    }
    UsSimCar car = null;
    if (perVehicle) {
      MultiMap h = ctx.request().headers();
      Optional<UsSimCar> known = settings.cars().stream()
          .filter(c -> c.regid().equals(h.get("registrationId"))).findFirst();
      if (known.isEmpty() || !known.get().vin().equals(h.get("vin"))
          || !known.get().generation().equals(h.get("gen"))) {
        answers.error(ctx, endpoint, 400, 400, "C400_1", "HATA", "Missing Fields: registrationId, vin or gen");
        return;
      }
      car = known.get();
    }
    handler.handle(ctx, endpoint, car);
  }

  // ---- reads ----

  private void enrollment(RoutingContext ctx, Endpoint endpoint, UsSimCar none) {
    if (!settings.username().equals(ctx.pathParam("user"))) {
      answers.error(ctx, endpoint, 400, 400, "C400_1", "HATA", "Invalid user");
      return;
    }
    JsonArray list = new JsonArray();
    settings.cars().forEach(car -> list.add(car.enrollment()));
    answers.send(ctx, endpoint, 200, new JsonObject().put("enrolledVehicleDetails", list), null);
  }

  private void cachedStatus(RoutingContext ctx, Endpoint endpoint, UsSimCar car) {
    answers.send(ctx, endpoint, 200, new JsonObject().put("vehicleStatus", car.status()), null);
  }

  /** The car is woken and answers after the force delay, synchronously on the same request. */
  private void forcedStatus(RoutingContext ctx, Endpoint endpoint, UsSimCar car) {
    if (!quota.allows(ctx, endpoint)) {
      return;
    }
    vertx.setTimer(Math.max(1, settings.forceDelay().toMillis()), id -> {
      car.wake(settings.clock().instant());
      answers.send(ctx, endpoint, 200, new JsonObject().put("vehicleStatus", car.status()), null);
    });
  }
}
