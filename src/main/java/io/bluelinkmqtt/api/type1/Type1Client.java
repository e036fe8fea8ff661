package io.bluelinkmqtt.api.type1;

import static io.bluelinkmqtt.api.ApiErrors.mapped;
import static io.bluelinkmqtt.api.eu.EuVehicleFacts.ccs2;

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
import io.bluelinkmqtt.api.eu.EuErrors;
import io.bluelinkmqtt.api.eu.EuVehicleFacts;
import io.bluelinkmqtt.api.eu.Stamp;
import io.bluelinkmqtt.api.eu.TokenManager;
import io.bluelinkmqtt.api.eu.TokenManager.Session;
import io.bluelinkmqtt.api.type1.mapping.Type1DataMapper;
import io.bluelinkmqtt.domain.Region;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.Vehicle.EngineType;
import io.bluelinkmqtt.domain.VehicleData;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Type 1 vehicle calls outside Europe (bluelink-protocol.md §3.1, §4.1): vehicle list, cached state (legacy
 * {@code /status/latest} or CCS2 {@code /ccs2/carstatus/latest}; Brazil always CCS2, whatever the car's flag) plus
 * the parked position, and forced state (legacy {@code /status}; CCS2: wake, then re-read {@code /latest} until the
 * car's time moves — or use the state when the region still answers the wake synchronously). Headers per the
 * region's profile: Stamp on vehicle calls only where it wants one. A refused token is renewed and the call resent
 * exactly once; 4002 re-registers the device once.
 */
public final class Type1Client implements VehicleCloud {

  /** The user agent of CCAPI calls (§1.2). */
  static final String API_USER_AGENT = "okhttp/3.12.0";
  static final String BR_USER_AGENT = "BR_BlueLink/1.0.14 (com.hyundai.bluelink.br; build:10132; iOS 18.4.0) "
      + "Alamofire/5.9.1";
  /** Re-reads of {@code /latest} after a CCS2 wake, at most (each one costs quota). */
  static final int MAX_CCS2_REREADS = 6;
  /** The read before the wake, the wake, the re-reads and the parked position. */
  public static final int MAX_CALLS_PER_FORCE = 1 + 1 + MAX_CCS2_REREADS + 1;
  static final String VEHICLES = "/api/v1/spa/vehicles";

  private static final Logger LOG = LoggerFactory.getLogger(Type1Client.class);

  private final Vertx vertx;
  private final UpstreamHttp http;
  private final ResilientCaller caller;
  private final TokenManager tokens;
  private final Type1Profile profile;
  private final String ccapi;
  private final VehicleNaming naming;
  private final Clock clock;
  private final long pollIntervalMs;
  private final long forceDeadlineMs;
  private final Type1Actions actions;

  public Type1Client(Vertx vertx, UpstreamHttp http, ResilientCaller caller, TokenManager tokens, Type1Profile profile,
                     String ccapi, VehicleNaming naming, Clock clock, long pollIntervalMs, long forceDeadlineMs) {
    this.vertx = vertx;
    this.http = http;
    this.caller = caller;
    this.tokens = tokens;
    this.profile = profile;
    this.ccapi = ccapi;
    this.naming = naming;
    this.clock = clock;
    this.pollIntervalMs = pollIntervalMs;
    this.forceDeadlineMs = forceDeadlineMs;
    this.actions = new Type1Actions(this, profile, clock);
  }

  @Override
  public Optional<VehicleActions> actions() {
    return Optional.of(actions);
  }

  Type1Profile profile() {
    return profile;
  }

  @Override
  public Future<List<Vehicle>> vehicles(CallContext context) {
    return call(CallKind.VEHICLE_LIST, HttpMethod.GET, VEHICLES, s -> null, false, context, null, null)
        .map(json -> parseVehicles(resMsg(json)));
  }

  private List<Vehicle> parseVehicles(JsonObject resMsg) {
    if (!(resMsg.getValue("vehicles") instanceof JsonArray array)) {
      throw new ApiException(Kind.BAD_RESPONSE, "vehicle list missing");
    }
    List<ListedVehicle> listed = new ArrayList<>();
    for (Object entry : array) {
      if (entry instanceof JsonObject car) {
        EngineType engine = engine(text(car.getValue("type")));
        boolean ccs2 = "1".equals(text(car.getValue("ccuCCS2ProtocolSupport")));
        listed.add(new ListedVehicle(text(car.getValue("vehicleId")), text(car.getValue("vin")),
            text(car.getValue("nickname")), text(car.getValue("vehicleName")), engine, EuVehicleFacts.of(ccs2),
            profile.actionsFor(engine, ccs2)));
      }
    }
    return naming.served(listed);
  }

  @Override
  public Future<VehicleData> cached(Vehicle vehicle, CallContext context) {
    return readLatest(vehicle, context)
        .compose(data -> withMaintenanceOdometer(vehicle, data, context))
        .compose(data -> withPark(vehicle, data, context));
  }

  /** India's legacy status has no odometer; its maintenance alert setting has (best effort, §5.8). */
  private Future<VehicleData> withMaintenanceOdometer(Vehicle vehicle, VehicleData data, CallContext context) {
    if (!profile.odometerFromMaintenance() || ccs2Status(vehicle) || data.odometer() != null) {
      return Future.succeededFuture(data);
    }
    return call(CallKind.CACHED_STATUS, HttpMethod.GET, vehiclePath(vehicle) + "/setting/alert/maintenance",
        s -> null, false, context, null, null)
        .map(json -> mapped(() -> Type1DataMapper.withOdometer(data, resMsg(json))))
        .otherwise(err -> {
          LOG.debug("maintenance odometer failed ({}); ignored", ApiErrors.from(err).kind());
          return data;
        });
  }

  @Override
  public Future<ForcedRead> force(Vehicle vehicle, Instant baseline, CallContext context, Runnable wakeSent) {
    Future<ForcedRead> read = ccs2Status(vehicle) ? forceCcs2(vehicle, baseline, context, wakeSent)
        : call(CallKind.FORCE_STATUS, HttpMethod.GET, vehiclePath(vehicle) + "/status", s -> null, false, context,
                wakeSent, null)
            .map(json -> new ForcedRead(mapped(() -> Type1DataMapper.fromLegacyForced(resMsg(json), profile.zone(),
                profile.temperatureTableStart())), false));
    return read.compose(r -> withPark(vehicle, r.data(), context).map(d -> new ForcedRead(d, r.deadlinePassed())));
  }

  /** Brazil serves the CCS2 tree on the CCS2 endpoint for every car (its legacy endpoint always fails, §4.1). */
  private boolean ccs2Status(Vehicle vehicle) {
    return profile.region() == Region.BRAZIL || ccs2(vehicle);
  }

  private Future<VehicleData> readLatest(Vehicle vehicle, CallContext context) {
    boolean tree = ccs2Status(vehicle);
    String path = vehiclePath(vehicle) + (tree ? "/ccs2/carstatus/latest" : "/status/latest");
    return call(CallKind.CACHED_STATUS, HttpMethod.GET, path, s -> null, ccs2(vehicle), context, null, null)
        .map(json -> mapped(() -> tree ? Type1DataMapper.fromCcs2(resMsg(json), profile.zone())
            : Type1DataMapper.fromLegacyCached(resMsg(json), profile.zone(), profile.temperatureTableStart())));
  }

  private Future<ForcedRead> forceCcs2(Vehicle vehicle, Instant lastKnown, CallContext context, Runnable wakeSent) {
    long polls = Math.min(MAX_CCS2_REREADS, Math.max(1, forceDeadlineMs / Math.max(1, pollIntervalMs)));
    return readLatest(vehicle, context)
        .map(current -> newest(lastKnown, current.lastUpdated()))
        .otherwise(lastKnown)
        .compose(baseline -> call(CallKind.FORCE_STATUS, HttpMethod.GET, vehiclePath(vehicle) + "/ccs2/carstatus",
                s -> null, ccs2(vehicle), context, wakeSent, null)
            .compose(ack -> {
              // the Aug-2026 AU/CN/IN clouds still answer the wake with the state itself (§4.1): use it
              if (ack.getValue("resMsg") instanceof JsonObject state && state.getValue("state") instanceof JsonObject) {
                return Future.succeededFuture(new ForcedRead(mapped(() -> Type1DataMapper.fromCcs2(state,
                    profile.zone())), false));
              }
              return pollUntilMoved(vehicle, baseline, context, polls);
            }, err -> ApiErrors.from(err).kind() == Kind.DUPLICATE ? pollUntilMoved(vehicle, baseline, context, polls)
                : Future.failedFuture(err)));
  }

  private Future<ForcedRead> pollUntilMoved(Vehicle vehicle, Instant baseline, CallContext context, long pollsLeft) {
    return vertx.timer(pollIntervalMs)
        .compose(v -> readLatest(vehicle, context))
        .compose(data -> {
          if (data.lastUpdated() != null && !Objects.equals(data.lastUpdated(), baseline)) {
            return Future.succeededFuture(new ForcedRead(data, false));
          }
          if (pollsLeft <= 1) {
            return Future.succeededFuture(new ForcedRead(data, true));
          }
          return pollUntilMoved(vehicle, baseline, context, pollsLeft - 1);
        });
  }

  /** The parked position, best effort (Brazil documents none; China's {@code /location} answers the same shape). */
  private Future<VehicleData> withPark(Vehicle vehicle, VehicleData data, CallContext context) {
    if (profile.region() == Region.BRAZIL) {
      return Future.succeededFuture(data);
    }
    return call(CallKind.LOCATION, HttpMethod.GET, vehiclePath(vehicle) + profile.parkLocationPath(), s -> null,
        ccs2(vehicle), context, null, null)
        .map(json -> mapped(() -> Type1DataMapper.withParkLocation(data, resMsg(json), profile.zone())))
        .otherwise(err -> {
          LOG.debug("parking location failed ({}); ignored", ApiErrors.from(err).kind());
          return data;
        });
  }

  // ---- one authenticated call ----

  /**
   * One authenticated call; {@code body} is built from the session (actions carry the device id); a
   * {@code controlToken} (or null) replaces the access token in the authorisation headers (§2.1.6, §6.6).
   */
  Future<JsonObject> call(CallKind kind, HttpMethod method, String path, Function<Session, JsonObject> body,
                          boolean ccs2, CallContext context, Runnable beforeSend, Supplier<Future<String>> controlToken) {
    return tokens.session(context).compose(session -> send(session, kind, method, path, body, ccs2, context,
            beforeSend, controlToken)
        .recover(err -> {
          ApiException failure = ApiErrors.from(err);
          if (failure.kind() == Kind.TOKEN_EXPIRED) {
            return tokens.renewAfterRejection(session, context)
                .compose(renewed -> send(renewed, kind, method, path, body, ccs2, context, beforeSend, controlToken))
                .recover(again -> Future.failedFuture(stillExpired(again)));
          }
          if (failure.kind() == Kind.DEVICE_INVALID && profile.fixedDeviceId() == null) {
            return tokens.reRegisterDevice(session, context)
                .compose(renewed -> send(renewed, kind, method, path, body, ccs2, context, beforeSend, controlToken));
          }
          return Future.failedFuture(failure);
        }));
  }

  private Future<JsonObject> send(Session session, CallKind kind, HttpMethod method, String path,
                                  Function<Session, JsonObject> bodyOf, boolean ccs2, CallContext context,
                                  Runnable beforeSend, Supplier<Future<String>> controlToken) {
    Future<String> control = controlToken == null ? Future.succeededFuture(null) : controlToken.get();
    return control.compose(token -> {
      JsonObject body = bodyOf.apply(session);
      // a call that wakes the car is never resent: the wake policy allowed one wake, not three
      return caller.call(Concern.DATA, kind, context, !kind.wakesCar(), () -> {
        if (beforeSend != null) {
          beforeSend.run();
        }
        return http.send(method, ccapi + path, headers(session, ccs2, body != null, token),
                body == null ? null : body.toBuffer())
            .map(response -> {
              caller.observeRateLimit(response.headers());
              return EuErrors.checkEnvelope(response, clock);
            });
      });
    });
  }

  private MultiMap headers(Session session, boolean ccs2, boolean json, String controlToken) {
    boolean brazil = profile.region() == Region.BRAZIL;
    String token = controlToken != null ? controlToken : session.tokens().accessToken().reveal();
    // Brazil's control calls carry the control token as it is (§6.6); every other call a bearer token
    String authorization = brazil && controlToken != null ? token : "Bearer " + token;
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .add("Authorization", authorization)
        .add("ccsp-service-id", profile.serviceId())
        .add("ccsp-application-id", profile.appId())
        .add("ccsp-device-id", session.deviceId())
        .add("Ccuccs2protocolsupport", ccs2 ? "1" : "0")
        .add("User-Agent", brazil ? BR_USER_AGENT : API_USER_AGENT);
    if (profile.stampsVehicleCalls()) {
      headers.add("Stamp", Stamp.create(profile.appId(), profile.stampKey(), clock.millis()));
    }
    if (brazil) {
      headers.add("offset", "-3").add("Accept-Language", "pt-BR;q=1.0, en-US;q=0.9");
    } else if (controlToken != null) {
      headers.add("AuthorizationCCSP", "Bearer " + controlToken);
    }
    if (json) {
      headers.add("Content-Type", "application/json;charset=UTF-8");
    }
    return headers;
  }

  private static ApiException stillExpired(Throwable error) {
    ApiException failure = ApiErrors.from(error);
    return failure.kind() == Kind.TOKEN_EXPIRED
        ? failure.as(Kind.AUTH_FAILED, "access token refused again after renewal") : failure;
  }

  static String vehiclePath(Vehicle vehicle) {
    return VEHICLES + "/" + encoded(vehicle);
  }

  static String encoded(Vehicle vehicle) {
    return URLEncoder.encode(vehicle.apiId(), StandardCharsets.UTF_8);
  }

  static EngineType engine(String type) {
    if (type == null) {
      return EngineType.UNKNOWN;
    }
    return switch (type.toUpperCase(Locale.ROOT)) {
      case "EV" -> EngineType.EV;
      case "PHEV", "PE" -> EngineType.PHEV;
      case "HV", "HEV" -> EngineType.HEV;
      case "GN", "ICE" -> EngineType.ICE;
      default -> EngineType.UNKNOWN;
    };
  }

  private static JsonObject resMsg(JsonObject json) {
    if (json.getValue("resMsg") instanceof JsonObject inner) {
      return inner;
    }
    throw new ApiException(Kind.BAD_RESPONSE, "response field resMsg missing or not an object");
  }

  private static String text(Object value) {
    return value instanceof String || value instanceof Number || value instanceof Boolean ? String.valueOf(value)
        : null;
  }

  private static Instant newest(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isAfter(b) ? a : b;
  }
}
