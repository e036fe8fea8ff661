package io.bluelinkmqtt.api.ushyundai;

import io.bluelinkmqtt.api.ApiErrors;
import io.bluelinkmqtt.api.ApiException;
import io.bluelinkmqtt.api.ApiException.Kind;
import io.bluelinkmqtt.api.CallContext;
import io.bluelinkmqtt.api.CallKind;
import io.bluelinkmqtt.api.ResilientCaller;
import io.bluelinkmqtt.api.ResilientCaller.Concern;
import io.bluelinkmqtt.api.UpstreamHttp;
import io.bluelinkmqtt.api.VehicleActions;
import io.bluelinkmqtt.api.VehicleCloud;
import io.bluelinkmqtt.api.VehicleNaming;
import io.bluelinkmqtt.api.VehicleNaming.ListedVehicle;
import io.bluelinkmqtt.api.ushyundai.mapping.UsJson;
import io.bluelinkmqtt.api.ushyundai.mapping.UsStatusMapper;
import io.bluelinkmqtt.config.Secret;
import io.bluelinkmqtt.domain.CommandName;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.Vehicle.EngineType;
import io.bluelinkmqtt.domain.VehicleData;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The US Hyundai vehicle calls (§3.3, §4.1): the enrollment list, the cached status ({@code refresh: false}) and the
 * forced one (the same URL with {@code REFRESH: true}, answered synchronously once the car has reported). Every call
 * carries the PIN header (§2.6) and goes through the {@link ResilientCaller}; a refused token is renewed and the call
 * sent once more. The odometer comes from the enrollment list (kept per car), so a read costs one call.
 */
final class UsVehicleClient implements VehicleCloud {

  /** How long a refused PIN stops every call (every US call carries the PIN). */
  static final Duration PIN_PAUSE = Duration.ofHours(1);
  /** A forced refresh is one synchronous call: the wake and the answer. */
  static final int MAX_CALLS_PER_FORCE = 1;
  static final String STATUS_PATH = "/ac/v2/rcs/rvs/vehicleStatus";
  static final String ENROLLMENT_PATH = "/ac/v2/enrollment/details/";
  /** What the module keeps of a car: its vehicle generation ("2"/"3"), sent as the {@code gen} header. */
  static final String GEN = "gen";
  /** The odometer the enrollment list reported (miles), so a restart has it before the next listing. */
  static final String LISTED_ODOMETER = "odometer";

  /** One answer: the JSON body (empty for an empty 200) and the headers (the action id). */
  record Answer(JsonObject body, MultiMap headers) {
  }

  private final UpstreamHttp http;
  private final ResilientCaller caller;
  private final UsSessionManager sessions;
  private final String base;
  private final VehicleNaming naming;
  private final Clock clock;
  private final String username;
  private final Secret pin;
  private final Map<String, Double> listedOdometers = new HashMap<>();
  private final UsActions actions;
  /** After the cloud refused the PIN, nothing is sent until then: it locks PIN entry after a few failures. */
  private Instant pinRefusedUntil = Instant.MIN;

  UsVehicleClient(UpstreamHttp http, ResilientCaller caller, UsSessionManager sessions, String base,
                  VehicleNaming naming, Clock clock, String username, Secret pin) {
    this.http = http;
    this.caller = caller;
    this.sessions = sessions;
    this.base = base;
    this.naming = naming;
    this.clock = clock;
    this.username = username;
    this.pin = pin;
    this.actions = new UsActions(this, username);
  }

  @Override
  public Optional<VehicleActions> actions() {
    return Optional.of(actions);
  }

  @Override
  public Future<List<Vehicle>> vehicles(CallContext context) {
    String path = ENROLLMENT_PATH + URLEncoder.encode(username, StandardCharsets.UTF_8);
    return call(CallKind.VEHICLE_LIST, HttpMethod.GET, path, null, null, context, null)
        .map(answer -> parseVehicles(answer.body()));
  }

  List<Vehicle> parseVehicles(JsonObject body) {
    if (!(body.getValue("enrolledVehicleDetails") instanceof JsonArray list)) {
      // §3.3: a listing without it is an authentication problem
      throw new ApiException(Kind.AUTH_FAILED, "vehicle list missing (enrolledVehicleDetails)");
    }
    List<ListedVehicle> listed = new ArrayList<>();
    for (Object entry : list) {
      JsonObject car = entry instanceof JsonObject o ? UsJson.object(o, "vehicleDetails") : null;
      if (car == null || "CANCELLED".equalsIgnoreCase(UsJson.text(car.getValue("enrollmentStatus")))) {
        continue;
      }
      String regid = UsJson.text(car.getValue("regid"));
      EngineType engine = engine(UsJson.text(car.getValue("evStatus")));
      Map<String, String> facts = new HashMap<>();
      String gen = UsJson.text(car.getValue("vehicleGeneration"));
      facts.put(GEN, gen == null || !gen.matches("\\d") ? "2" : gen);
      Double odometer = UsJson.number(car.getValue("odometer"));
      if (odometer != null && regid != null) {
        listedOdometers.put(regid, odometer);
        facts.put(LISTED_ODOMETER, Double.toString(odometer));
      }
      listed.add(new ListedVehicle(regid, UsJson.text(car.getValue("vin")), UsJson.text(car.getValue("nickName")),
          UsJson.text(car.getValue("modelCode")), engine, facts, offered(engine)));
    }
    return naming.served(listed);
  }

  /** §3.3 {@code evStatus}: N = combustion, E = electric, P = plug-in hybrid. */
  static EngineType engine(String code) {
    if (code == null) {
      return EngineType.UNKNOWN;
    }
    return switch (code.toUpperCase(Locale.ROOT)) {
      case "E" -> EngineType.EV;
      case "P" -> EngineType.PHEV;
      case "N" -> EngineType.ICE;
      default -> EngineType.UNKNOWN;
    };
  }

  /**
   * The §6.3 actions of our contract: locks, climate, hazard lights and horn + lights on every car, charging and the
   * charge limits where there is a battery to charge.
   */
  static Set<CommandName> offered(EngineType engine) {
    Set<CommandName> offered = EnumSet.of(CommandName.LOCK, CommandName.CLIMATE, CommandName.HAZARD,
        CommandName.HORN_LIGHTS);
    if (UsActions.plugIn(engine)) {
      offered.add(CommandName.CHARGE);
      offered.add(CommandName.CHARGE_LIMITS);
    }
    return offered;
  }

  @Override
  public Future<VehicleData> cached(Vehicle vehicle, CallContext context) {
    return call(CallKind.CACHED_STATUS, HttpMethod.GET, STATUS_PATH, vehicle, null, context, null)
        .map(answer -> mapped(vehicle, answer.body()));
  }

  @Override
  public Future<ForcedRead> force(Vehicle vehicle, Instant baseline, CallContext context, Runnable wakeSent) {
    MultiMap refresh = MultiMap.caseInsensitiveMultiMap().add("REFRESH", "true");
    return call(CallKind.FORCE_STATUS, HttpMethod.GET, STATUS_PATH, vehicle, null, context, wakeSent, refresh)
        .map(answer -> new ForcedRead(mapped(vehicle, answer.body()), false));
  }

  private VehicleData mapped(Vehicle vehicle, JsonObject body) {
    JsonObject status = UsStatusMapper.statusOf(body);
    if (status == null) {
      throw new ApiException(Kind.BAD_RESPONSE, "response field vehicleStatus missing or not an object");
    }
    return ApiErrors.mapped(() -> UsStatusMapper.map(status, listedOdometer(vehicle)));
  }

  private Double listedOdometer(Vehicle vehicle) {
    Double known = listedOdometers.get(vehicle.apiId());
    return known != null ? known : UsJson.number(vehicle.moduleData().get(LISTED_ODOMETER));
  }

  // ---- one authenticated call: tokens, breaker/budget/retries, error JSON; a refused token is renewed once ----

  Future<Answer> call(CallKind kind, HttpMethod method, String path, Vehicle vehicle, JsonObject body,
                      CallContext context, Runnable beforeSend) {
    return call(kind, method, path, vehicle, body, context, beforeSend, MultiMap.caseInsensitiveMultiMap());
  }

  /** @param extra headers of this call only (REFRESH, APPCLOUD-VIN, the status poll's tid); they replace the defaults */
  Future<Answer> call(CallKind kind, HttpMethod method, String path, Vehicle vehicle, JsonObject body,
                      CallContext context, Runnable beforeSend, MultiMap extra) {
    if (pin.isEmpty()) {
      // every US call needs it (§2.6): fail without a call rather than spend the quota on refusals
      return Future.failedFuture(new ApiException(Kind.AUTH_FAILED,
          "the USA Hyundai cloud needs the Bluelink PIN on every call; set HYUNDAI_PIN"));
    }
    Runnable once = once(beforeSend);
    if (clock.instant().isBefore(pinRefusedUntil)) {
      return Future.failedFuture(new ApiException(Kind.WRONG_PIN,
          "the cloud refused the PIN; no call until " + pinRefusedUntil + " (check HYUNDAI_PIN, then restart)"));
    }
    return sessions.tokens(context).compose(tokens -> send(tokens, kind, method, path, vehicle, body, context,
            once, extra)
        .recover(err -> {
          if (ApiErrors.from(err).kind() != Kind.TOKEN_EXPIRED) {
            return Future.failedFuture(err);
          }
          return sessions.renewAfterRejection(tokens, context)
              .compose(renewed -> send(renewed, kind, method, path, vehicle, body, context, once, extra))
              .recover(again -> Future.failedFuture(stillExpired(again)));
        }))
        .onFailure(err -> {
          if (ApiErrors.from(err).kind() == Kind.WRONG_PIN) {
            pinRefusedUntil = clock.instant().plus(PIN_PAUSE);
          }
        });
  }

  private Future<Answer> send(UsTokens tokens, CallKind kind, HttpMethod method, String path, Vehicle vehicle,
                              JsonObject body, CallContext context, Runnable beforeSend, MultiMap extra) {
    // a call that wakes the car is never resent: the wake policy allowed one wake, not three
    return caller.call(Concern.DATA, kind, context, !kind.wakesCar(), () -> {
      if (beforeSend != null) {
        beforeSend.run();
      }
      return http.send(method, base + path, headers(tokens, vehicle, extra), body == null ? null : body.toBuffer())
          .map(response -> new Answer(UsHyundaiErrors.checkEnvelope(response, clock), response.headers()));
    });
  }

  private MultiMap headers(UsTokens tokens, Vehicle vehicle, MultiMap extra) {
    MultiMap headers = UsHyundaiProfile.baseHeaders(base, clock)
        .add("username", username)
        .add("accessToken", tokens.accessToken().reveal())
        .add("blueLinkServicePin", pin.reveal());
    if (vehicle != null) {
      headers.add("registrationId", vehicle.apiId())
          .add("gen", vehicle.moduleData().getOrDefault(GEN, "2"))
          .add("vin", vehicle.vin() == null ? "" : vehicle.vin());
    }
    extra.forEach(header -> headers.set(header.getKey(), header.getValue()));
    return headers;
  }

  /** A wake is recorded once, even when a refused token makes the request go out a second time. */
  private static Runnable once(Runnable action) {
    if (action == null) {
      return null;
    }
    java.util.concurrent.atomic.AtomicBoolean ran = new java.util.concurrent.atomic.AtomicBoolean();
    return () -> {
      if (ran.compareAndSet(false, true)) {
        action.run();
      }
    };
  }

  private static ApiException stillExpired(Throwable error) {
    ApiException failure = ApiErrors.from(error);
    return failure.kind() == Kind.TOKEN_EXPIRED
        ? failure.as(Kind.AUTH_FAILED, "access token refused again after renewal") : failure;
  }
}
