package io.bluelinkmqtt.sim;

import io.bluelinkmqtt.api.eu.EuBrandProfile;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake EU car cloud on 127.0.0.1: the CCAPI ({@code /api/...}), IDP ({@code /auth/...}) and CCI
 * ({@code /domain/...}) paths do not collide, so one server stands in for all three hosts and a
 * client points every endpoint at {@link #baseUrl()}. This class only wires the parts together:
 * every request is logged in {@link #calls()}, may meet a scripted {@link Fault}, then reaches its
 * endpoint class ({@link SimIdp}, {@link SimCci}, {@link SimUser}, {@link SimVehicles}).
 */
public final class EuSimulator {

  private static final Logger LOG = LoggerFactory.getLogger(EuSimulator.class);
  private static final String LOGIN_FAULT = "sim.loginFault";
  private static final String API = "/api/v1/spa/vehicles";
  private static final AtomicInteger INSTANCES = new AtomicInteger();
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private final Vertx vertx;
  private final SimulatorSettings settings;
  private final CallLog calls = new CallLog();
  private final Faults faults = new Faults();
  private final TokenRegistry tokens = new TokenRegistry();
  private final WorkerExecutor worker;
  private final FaultResponder responder;
  private final SimIdp idp;
  private final SimCci cci;
  private final SimUser user;
  private final SimVehicles vehicles;
  private final SimActions actions;
  private final Quota quota;
  private final CcapiGate gate;
  private HttpServer server;
  private volatile int port = -1;

  public EuSimulator(Vertx vertx, SimulatorSettings settings) {
    this.vertx = vertx;
    this.settings = settings;
    EuBrandProfile profile = EuBrandProfile.of(settings.brand());
    this.worker = vertx.createSharedWorkerExecutor("bluelink-sim-crypto-" + INSTANCES.incrementAndGet(), 1);
    this.responder = new FaultResponder(vertx);
    this.quota = new Quota(settings.dailyQuota(), settings.clock());
    this.gate = new CcapiGate(profile, new StampCheck(profile, settings.clock()), tokens, quota, settings.clock(),
        settings.ccsTokenLifetime());
    this.idp = new SimIdp(settings, tokens, worker, this::baseUrl);
    this.cci = new SimCci(settings, tokens);
    this.user = new SimUser(gate, tokens, settings);
    this.vehicles = new SimVehicles(vertx, settings);
    this.actions = new SimActions(vertx, settings, tokens);
  }

  /** Generates the RSA key (worker pool), then binds 127.0.0.1 on the configured port; yields the port. */
  public Future<Integer> start() {
    Instant startedAt = settings.clock().instant();
    settings.cars().forEach(car -> car.initialiseLastUpdated(startedAt.minus(Duration.ofMinutes(15))));
    // built on the caller's thread, so loading the web classes does not stall an event loop
    Router router = router();
    return idp.init()
        .compose(v -> vertx.createHttpServer().requestHandler(router).listen(settings.port(), "127.0.0.1"))
        .map(bound -> {
          server = bound;
          port = bound.actualPort();
          LOG.info("EU simulator for {} listening on {}", settings.brand(), baseUrl());
          return port;
        });
  }

  public Future<Void> stop() {
    Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
    return closed.eventually(worker::close);
  }

  /** {@code http://127.0.0.1:<port>}; valid after {@link #start()} completed. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public CallLog calls() {
    return calls;
  }

  public Faults faults() {
    return faults;
  }

  public List<SimCar> cars() {
    return settings.cars();
  }

  /** The car with that vehicle id; throws for an unknown id (a test bug). */
  public SimCar car(String vehicleId) {
    return settings.cars().stream().filter(c -> c.vehicleId().equals(vehicleId)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no simulated car " + vehicleId));
  }

  public SimulatorSettings settings() {
    return settings;
  }

  /** Every CCS token issued so far answers "token expired" from now on. */
  public void expireAllTokens() {
    tokens.expireAll();
  }

  /** Every control token issued so far is refused from now on (401 / 7501 on the control endpoints). */
  public void expireControlTokens() {
    tokens.expireControlTokens();
  }

  /** Drops every registered device id: the next authenticated call answers 4002 (§1.2). */
  public void forgetDevices() {
    tokens.forgetDevices();
  }

  /** A valid legacy 48-character refresh token of this account (§2.1.4). */
  public String legacyRefreshToken() {
    return tokens.legacyRefreshToken();
  }

  /** Whether a CCS2 wake for that car has been acknowledged but the car has not reported yet. */
  public boolean wakePending(String vehicleId) {
    return vehicles.wakePending(vehicleId);
  }

  /** How long a car takes to do an action (and its record to change); 3 s by default. */
  public void setActionDelay(Duration delay) {
    actions.setDelay(delay);
  }

  /** What the car makes of the next actions it is sent; {@link SimActionOutcome#SUCCESS} by default. */
  public void setActionOutcome(String vehicleId, SimActionOutcome outcome) {
    actions.setOutcome(vehicleId, outcome);
  }

  /**
   * The device ids registered so far go stale for the action records: their record list reads empty (lib#1143)
   * until the app registers a new device.
   */
  public void markDevicesStale() {
    actions.markDevicesStale(tokens.devices());
  }

  /** The newest control token the PIN endpoint issued (null when none), to check the control headers. */
  public String lastControlToken() {
    return tokens.lastControlToken();
  }

  /** Vehicle calls left today. */
  public int quotaRemaining() {
    return quota.remaining();
  }

  private Router router() {
    Router router = Router.router(vertx);
    router.route().handler(ctx -> {
      // like the real hosts: the server's time on every answer (what a client compares its clock with)
      ctx.response().putHeader("Date", HTTP_DATE.format(settings.clock().instant()));
      ctx.next();
    });
    router.route().handler(BodyHandler.create(false).setBodyLimit(1 << 20));
    router.route().failureHandler(ctx -> {
      LOG.warn("sim handler failed on {}", ctx.request().path(), ctx.failure());
      SimResponses.json(ctx, 500, SimResponses.failure("9999"));
    });
    on(router, HttpMethod.POST, "/api/v1/spa/notifications/register", SimEndpoint.REGISTER_DEVICE, user::register);
    on(router, HttpMethod.GET, "/auth/api/v2/user/oauth2/authorize", SimEndpoint.AUTHORIZE,
        ctx -> idp.authorize(ctx, ctx.get(LOGIN_FAULT)));
    router.get("/auth/error").handler(idp::errorPage);
    on(router, HttpMethod.GET, "/auth/api/v1/accounts/certs", SimEndpoint.CERTS, idp::certs);
    on(router, HttpMethod.POST, "/auth/account/signin", SimEndpoint.SIGNIN,
        ctx -> idp.signin(ctx, ctx.get(LOGIN_FAULT)));
    on(router, HttpMethod.POST, "/auth/api/v2/user/oauth2/token", SimEndpoint.LEGACY_TOKEN,
        ctx -> idp.legacyToken(ctx, ctx.get(LOGIN_FAULT)));
    on(router, HttpMethod.POST, "/domain/api/v1/auth/token", SimEndpoint.CCI_TOKEN, cci::token);
    on(router, HttpMethod.POST, "/domain/api/v1/auth/token-exchange", SimEndpoint.CCI_TOKEN_EXCHANGE, cci::exchange);
    on(router, HttpMethod.POST, "/domain/api/v2/auth/token-refresh", SimEndpoint.CCI_TOKEN_REFRESH, cci::refreshV2);
    on(router, HttpMethod.POST, "/domain/api/v1/auth/token-refresh", SimEndpoint.CCI_TOKEN_REFRESH, cci::refreshV1);
    on(router, HttpMethod.PUT, "/api/v1/user/pin", SimEndpoint.PIN, user::pin);
    on(router, HttpMethod.POST, "/api/v1/user/language", SimEndpoint.USER_LANGUAGE, user::language);
    on(router, HttpMethod.GET, "/api/v1/user/oauth2/authorize", SimEndpoint.OAUTH_AUTHORIZE_LEGACY,
        user::legacyAuthorize);
    vehicle(router, HttpMethod.GET, API, SimEndpoint.VEHICLES, vehicles::vehicles);
    vehicle(router, HttpMethod.GET, API + "/:vid/status/latest", SimEndpoint.STATUS_LATEST, vehicles::statusLatest);
    vehicle(router, HttpMethod.GET, API + "/:vid/status", SimEndpoint.STATUS_FORCE, vehicles::statusForce);
    vehicle(router, HttpMethod.GET, API + "/:vid/ccs2/carstatus/latest", SimEndpoint.CCS2_LATEST, vehicles::ccs2Latest);
    vehicle(router, HttpMethod.GET, API + "/:vid/ccs2/carstatus", SimEndpoint.CCS2_FORCE, vehicles::ccs2Force);
    vehicle(router, HttpMethod.GET, API + "/:vid/location/park", SimEndpoint.LOCATION_PARK, vehicles::locationPark);
    vehicle(router, HttpMethod.GET, API + "/:vid/location", SimEndpoint.LOCATION, vehicles::location);
    vehicle(router, HttpMethod.POST, API + "/:vid/drvhistory", SimEndpoint.DRIVING_HISTORY, vehicles::drivingHistory);
    vehicle(router, HttpMethod.POST, API + "/:vid/control/door", SimEndpoint.DOOR_CONTROL,
        ctx -> actions.legacy(ctx, SimActions.Control.DOOR));
    vehicle(router, HttpMethod.POST, API + "/:vid/control/temperature", SimEndpoint.CLIMATE_CONTROL,
        ctx -> actions.legacy(ctx, SimActions.Control.TEMPERATURE));
    vehicle(router, HttpMethod.POST, API + "/:vid/control/charge", SimEndpoint.CHARGE_CONTROL,
        ctx -> actions.legacy(ctx, SimActions.Control.CHARGE));
    vehicle(router, HttpMethod.POST, API + "/:vid/charge/target", SimEndpoint.CHARGE_TARGET,
        ctx -> actions.authenticated(ctx, SimActions.Control.CHARGE_TARGET));
    vehicle(router, HttpMethod.GET, API + "/:vid/charge/target", SimEndpoint.CHARGE_TARGET_READ,
        vehicles::chargeTargets);
    vehicle(router, HttpMethod.POST, API + "/:vid/ccs2/charge/chargingcurrent", SimEndpoint.CCS2_CHARGING_CURRENT,
        ctx -> actions.authenticated(ctx, SimActions.Control.CHARGING_CURRENT));
    control(router, "/control/portdoor", SimEndpoint.PORT_DOOR_CONTROL, SimActions.Control.PORT_DOOR);
    control(router, "/control/windowcurtain", SimEndpoint.WINDOW_CONTROL, SimActions.Control.WINDOWS);
    control(router, "/ccs2/control/light", SimEndpoint.CCS2_LIGHT_CONTROL, SimActions.Control.LIGHT);
    control(router, "/ccs2/control/hornlight", SimEndpoint.CCS2_HORN_LIGHT_CONTROL, SimActions.Control.HORN_LIGHT);
    control(router, "door", SimEndpoint.CCS2_DOOR_CONTROL, SimActions.Control.DOOR);
    control(router, "temperature", SimEndpoint.CCS2_CLIMATE_CONTROL, SimActions.Control.TEMPERATURE);
    control(router, "charge", SimEndpoint.CCS2_CHARGE_CONTROL, SimActions.Control.CHARGE);
    vehicle(router, HttpMethod.GET, "/api/v1/spa/notifications/:vid/records", SimEndpoint.ACTION_RECORDS,
        actions::records);
    return router;
  }

  /** A control-token endpoint: {@code v2/.../ccs2/control/<control>}, or the path under the car when it has a slash. */
  private void control(Router router, String control, SimEndpoint endpoint, SimActions.Control kind) {
    String path = "/api/v2/spa/vehicles/:vid" + (control.startsWith("/") ? control : "/ccs2/control/" + control);
    on(router, HttpMethod.POST, path, endpoint, ctx -> {
      if (gate.admitControl(ctx, endpoint)) {
        actions.ccs2(ctx, kind);
      }
    });
  }

  private void vehicle(Router router, HttpMethod method, String path, SimEndpoint endpoint,
                       Handler<RoutingContext> handler) {
    on(router, method, path, endpoint, ctx -> {
      if (gate.admit(ctx, endpoint)) {
        handler.handle(ctx);
      }
    });
  }

  private void on(Router router, HttpMethod method, String path, SimEndpoint endpoint,
                  Handler<RoutingContext> handler) {
    router.route(method, path).handler(ctx -> dispatch(ctx, endpoint, handler));
  }

  /** Logs the call, then applies the first matching fault: delay, replace the answer, or bend the login. */
  private void dispatch(RoutingContext ctx, SimEndpoint endpoint, Handler<RoutingContext> handler) {
    String vehicleId = ctx.pathParam("vid");
    calls.record(ctx, endpoint, settings.clock().instant());
    Optional<Fault> fault = faults.take(endpoint, vehicleId);
    LOG.debug("sim {} {} vehicle={} fault={}", ctx.request().method(), endpoint, vehicleId,
        fault.map(Fault::type).orElse(null));
    if (fault.isEmpty()) {
      handler.handle(ctx);
    } else if (fault.get().type() == FaultType.LATENCY) {
      vertx.setTimer(Math.max(1, fault.get().millis()), id -> handler.handle(ctx));
    } else if (fault.get().type().isLoginBehaviour()) {
      ctx.put(LOGIN_FAULT, fault.get().type());
      handler.handle(ctx);
    } else {
      responder.respond(ctx, fault.get());
    }
  }
}
