package io.bluelinkmqtt.sim;

import io.bluelinkmqtt.api.type1.Type1Profile;
import io.bluelinkmqtt.api.type1.Type1Profile.ClimateRoute;
import io.bluelinkmqtt.api.type1.Type1Profiles;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.Region;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fake Type 1 cloud of Australia, New Zealand, China, India or Brazil on 127.0.0.1: one host, as the real ones.
 * It counts the calls in the same {@link CallLog} and {@link SimEndpoint}s as the EU simulator (the code and the
 * refresh grants both hit {@link SimEndpoint#LEGACY_TOKEN}, told apart by their body; every climate route is
 * {@link SimEndpoint#CLIMATE_CONTROL}), scripts {@link Fault}s the same way, and checks requests as the region's
 * cloud does ({@link Type1SimAuth}, {@link Type1SimGate}).
 */
public final class Type1Simulator {

  private static final Logger LOG = LoggerFactory.getLogger(Type1Simulator.class);
  private static final String API = "/api/v1/spa/vehicles";
  private static final String V2 = "/api/v2/spa/vehicles";
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

  private final Vertx vertx;
  private final Type1Profile profile;
  private final SimulatorSettings settings;
  private final CallLog calls = new CallLog();
  private final Faults faults = new Faults();
  private final TokenRegistry tokens = new TokenRegistry();
  private final FaultResponder responder;
  private final Quota quota;
  private final Type1SimAuth auth;
  private final Type1SimGate gate;
  private final Type1SimVehicles vehicles;
  private final Type1SimActions actions;
  private HttpServer server;
  private volatile int port = -1;

  public Type1Simulator(Vertx vertx, Region region, SimulatorSettings settings) {
    this.vertx = vertx;
    this.profile = Type1Profiles.require(region, settings.brand());
    this.settings = settings;
    this.responder = new FaultResponder(vertx);
    this.quota = new Quota(settings.dailyQuota(), settings.clock());
    this.auth = new Type1SimAuth(profile, settings, tokens);
    this.gate = new Type1SimGate(profile, auth, tokens, quota, settings.clock(), settings.ccsTokenLifetime());
    this.vehicles = new Type1SimVehicles(vertx, profile, settings);
    this.actions = new Type1SimActions(vertx, profile, settings, vehicles);
  }

  /**
   * Settings for a region: the brand's default fleet (a legacy and a CCS2 car) parked in the region; Brazil is
   * Hyundai's only.
   */
  public static SimulatorSettings defaults(Region region, Brand brand) {
    SimulatorSettings settings = SimulatorSettings.defaults(brand);
    double[] place = switch (region) {
      case AUSTRALIA -> new double[] {-33.8688, 151.2093};
      case NEW_ZEALAND -> new double[] {-36.8485, 174.7633};
      case CHINA -> new double[] {31.2304, 121.4737};
      case INDIA -> new double[] {28.6139, 77.2090};
      default -> new double[] {-23.5505, -46.6333};
    };
    settings.cars().forEach(car -> car.setLocation(place[0] + (car.ccs2() ? 0.01 : 0), place[1]));
    return settings;
  }

  public Future<Integer> start() {
    Instant startedAt = settings.clock().instant();
    settings.cars().forEach(car -> car.initialiseLastUpdated(startedAt.minus(Duration.ofMinutes(15))));
    Router router = router();
    return vertx.createHttpServer().requestHandler(router).listen(settings.port(), "127.0.0.1").map(bound -> {
      server = bound;
      port = bound.actualPort();
      LOG.info("{} simulator for {} listening on {}", profile.region(), profile.brand(), baseUrl());
      return port;
    });
  }

  public Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public Type1Profile profile() {
    return profile;
  }

  public CallLog calls() {
    return calls;
  }

  public Faults faults() {
    return faults;
  }

  public SimulatorSettings settings() {
    return settings;
  }

  public List<SimCar> cars() {
    return settings.cars();
  }

  public SimCar car(String vehicleId) {
    return settings.cars().stream().filter(c -> c.vehicleId().equals(vehicleId)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no simulated car " + vehicleId));
  }

  /** Every access token issued so far answers "token has expired" from now on (refresh tokens stay valid). */
  public void expireAllTokens() {
    tokens.expireAll();
  }

  /** Every refresh token issued so far is refused from now on (4002): only a new login helps. */
  public void revokeRefreshTokens() {
    auth.revokeRefreshTokens();
  }

  /** Brazil: the next sign-ins answer {@code {"step":step}} instead of a code; null restores normal sign-ins. */
  public void setSigninStep(Integer step) {
    auth.setSigninStep(step);
  }

  /** The CCS2 wake answers the state itself after the car reported (the Aug-2026 AU/CN/IN behaviour, §4.1). */
  public void setSynchronousWake(boolean value) {
    vehicles.setSynchronousWake(value);
  }

  public void setActionDelay(Duration delay) {
    actions.setDelay(delay);
  }

  public void setActionOutcome(String vehicleId, SimActionOutcome outcome) {
    actions.setOutcome(vehicleId, outcome);
  }

  public String lastControlToken() {
    return tokens.lastControlToken();
  }

  public int quotaRemaining() {
    return quota.remaining();
  }

  /** Refresh grants received (the token endpoint's requests whose body is a refresh grant). */
  public List<CallLog.Request> refreshGrants() {
    return calls.requests(SimEndpoint.LEGACY_TOKEN).stream()
        .filter(r -> r.body() != null && r.body().contains("grant_type=refresh_token")).toList();
  }

  /** Code grants received: one per password login. */
  public List<CallLog.Request> codeGrants() {
    return calls.requests(SimEndpoint.LEGACY_TOKEN).stream()
        .filter(r -> r.body() != null && r.body().contains("grant_type=authorization_code")).toList();
  }

  private Router router() {
    Router router = Router.router(vertx);
    router.route().handler(ctx -> {
      ctx.response().putHeader("Date", HTTP_DATE.format(settings.clock().instant()));
      ctx.next();
    });
    router.route().handler(BodyHandler.create(false).setBodyLimit(1 << 20));
    router.route().failureHandler(ctx -> {
      LOG.warn("sim handler failed on {}", ctx.request().path(), ctx.failure());
      SimResponses.json(ctx, 500, SimResponses.failure("9999"));
    });
    on(router, HttpMethod.POST, "/api/v1/spa/notifications/register", SimEndpoint.REGISTER_DEVICE, auth::register);
    on(router, HttpMethod.GET, "/api/v1/user/oauth2/authorize", SimEndpoint.OAUTH_AUTHORIZE_LEGACY, auth::authorize);
    on(router, HttpMethod.GET, "/web/v1/user/signin", SimEndpoint.AUTHORIZE, auth::signinPage);
    on(router, HttpMethod.POST, "/api/v1/user/language", SimEndpoint.USER_LANGUAGE, auth::language);
    on(router, HttpMethod.POST, "/api/v1/user/signin", SimEndpoint.SIGNIN, auth::signin);
    on(router, HttpMethod.POST, "/api/v1/user/oauth2/token", SimEndpoint.LEGACY_TOKEN, auth::token);
    on(router, HttpMethod.PUT, "/api/v1/user/pin", SimEndpoint.PIN, ctx -> {
      if (gate.admitApp(ctx)) {
        auth.pin(ctx, gate);
      }
    });
    vehicle(router, HttpMethod.GET, API, SimEndpoint.VEHICLES, vehicles::vehicles);
    vehicle(router, HttpMethod.GET, API + "/:vid/status/latest", SimEndpoint.STATUS_LATEST, vehicles::statusLatest);
    vehicle(router, HttpMethod.GET, API + "/:vid/status", SimEndpoint.STATUS_FORCE, vehicles::statusForce);
    vehicle(router, HttpMethod.GET, API + "/:vid/ccs2/carstatus/latest", SimEndpoint.CCS2_LATEST, vehicles::ccs2Latest);
    vehicle(router, HttpMethod.GET, API + "/:vid/ccs2/carstatus", SimEndpoint.CCS2_FORCE, vehicles::ccs2Force);
    if (profile.region() == Region.CHINA) {
      vehicle(router, HttpMethod.GET, API + "/:vid/location", SimEndpoint.LOCATION, vehicles::locationPark);
    } else {
      vehicle(router, HttpMethod.GET, API + "/:vid/location/park", SimEndpoint.LOCATION_PARK, vehicles::locationPark);
    }
    if (profile.odometerFromMaintenance()) {
      vehicle(router, HttpMethod.GET, API + "/:vid/setting/alert/maintenance", SimEndpoint.MAINTENANCE,
          vehicles::maintenance);
    }
    vehicle(router, HttpMethod.GET, "/api/v1/spa/notifications/:vid/records", SimEndpoint.ACTION_RECORDS,
        actions::records);
    if (profile.region() == Region.BRAZIL) {
      control(router, V2 + "/:vid/control/door", SimEndpoint.DOOR_CONTROL, Type1SimActions.Route.DOOR_V2);
      control(router, V2 + "/:vid/control/engine", SimEndpoint.CLIMATE_CONTROL, Type1SimActions.Route.ENGINE_V2);
      control(router, V2 + "/:vid/control/window", SimEndpoint.WINDOW_CONTROL, Type1SimActions.Route.BRAZIL_WINDOW);
      control(router, V2 + "/:vid/control/light", SimEndpoint.LIGHT_CONTROL, Type1SimActions.Route.BRAZIL_LIGHT);
      return router;
    }
    action(router, API + "/:vid/control/door", SimEndpoint.DOOR_CONTROL, Type1SimActions.Route.DOOR_V1);
    action(router, API + "/:vid/control/charge", SimEndpoint.CHARGE_CONTROL, Type1SimActions.Route.CHARGE_V1);
    if (profile.climate() == ClimateRoute.ENGINE) {
      action(router, API + "/:vid/control/engine", SimEndpoint.CLIMATE_CONTROL, Type1SimActions.Route.ENGINE_V1);
      control(router, V2 + "/:vid/control/engine", SimEndpoint.CLIMATE_CONTROL, Type1SimActions.Route.ENGINE_V2);
    } else {
      action(router, API + "/:vid/control/temperature", SimEndpoint.CLIMATE_CONTROL,
          Type1SimActions.Route.TEMPERATURE_V1);
    }
    control(router, V2 + "/:vid/ccs2/control/door", SimEndpoint.CCS2_DOOR_CONTROL, Type1SimActions.Route.CCS2_DOOR);
    control(router, V2 + "/:vid/ccs2/control/charge", SimEndpoint.CCS2_CHARGE_CONTROL,
        Type1SimActions.Route.CCS2_CHARGE);
    control(router, V2 + "/:vid/ccs2/control/temperature", SimEndpoint.CCS2_CLIMATE_CONTROL,
        Type1SimActions.Route.CCS2_TEMPERATURE);
    sharedEuActions(router);
    return router;
  }

  /**
   * The EU requests a region's cloud shares (§6.1): AU/NZ all of them (their one note there is the set-point table),
   * India only the charge port door, China none. Elsewhere the path is unknown: 404, as a cloud without the route.
   */
  private void sharedEuActions(Router router) {
    if (profile.region() == Region.AUSTRALIA || profile.region() == Region.NEW_ZEALAND) {
      action(router, API + "/:vid/charge/target", SimEndpoint.CHARGE_TARGET, Type1SimActions.Route.CHARGE_TARGET);
      action(router, API + "/:vid/ccs2/charge/chargingcurrent", SimEndpoint.CCS2_CHARGING_CURRENT,
          Type1SimActions.Route.CCS2_CHARGING_CURRENT);
      control(router, V2 + "/:vid/control/windowcurtain", SimEndpoint.WINDOW_CONTROL,
          Type1SimActions.Route.WINDOW_CURTAIN);
      control(router, V2 + "/:vid/ccs2/control/light", SimEndpoint.CCS2_LIGHT_CONTROL,
          Type1SimActions.Route.CCS2_LIGHT);
      control(router, V2 + "/:vid/ccs2/control/hornlight", SimEndpoint.CCS2_HORN_LIGHT_CONTROL,
          Type1SimActions.Route.CCS2_HORN_LIGHT);
    }
    if (profile.region() != Region.CHINA) {
      control(router, V2 + "/:vid/control/portdoor", SimEndpoint.PORT_DOOR_CONTROL, Type1SimActions.Route.PORT_DOOR);
    }
  }

  private void action(Router router, String path, SimEndpoint endpoint, Type1SimActions.Route route) {
    vehicle(router, HttpMethod.POST, path, endpoint, ctx -> actions.handle(ctx, route));
  }

  private void control(Router router, String path, SimEndpoint endpoint, Type1SimActions.Route route) {
    on(router, HttpMethod.POST, path, endpoint, ctx -> {
      if (gate.admitControl(ctx, endpoint)) {
        actions.handle(ctx, route);
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

  private void dispatch(RoutingContext ctx, SimEndpoint endpoint, Handler<RoutingContext> handler) {
    String vehicleId = ctx.pathParam("vid");
    calls.record(ctx, endpoint, settings.clock().instant());
    Optional<Fault> fault = faults.take(endpoint, vehicleId);
    if (fault.isEmpty() || fault.get().type().isLoginBehaviour()) {
      handler.handle(ctx);
    } else if (fault.get().type() == FaultType.LATENCY) {
      vertx.setTimer(Math.max(1, fault.get().millis()), id -> handler.handle(ctx));
    } else {
      responder.respond(ctx, fault.get());
    }
  }
}
