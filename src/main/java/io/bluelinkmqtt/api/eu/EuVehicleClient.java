package io.bluelinkmqtt.api.eu;

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
import io.bluelinkmqtt.api.eu.TokenManager.Session;
import io.bluelinkmqtt.api.eu.mapping.EuVehicleDataMapper;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.Vehicle.EngineType;
import io.bluelinkmqtt.domain.VehicleData;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EU CCAPI vehicle calls (bluelink-protocol.md §3.1, §4): vehicle list, cached state (legacy
 * or CCS2 by the car's flag, then the parking location and, for EV/PHEV, the driving history, both
 * best-effort), and forced state (legacy {@code /status} + {@code /location}; CCS2: trigger, then
 * re-read {@code /latest} until the car's timestamp moves or the force deadline passes).
 *
 * <p>Each call: session from the {@link TokenManager}, the {@link ResilientCaller} (breaker, budget,
 * retries), the envelope check. An expired token is renewed and the call retried exactly once;
 * 4002 re-registers the device once and retries; 4004 on a wake is "already in progress": the
 * wake is not resent, the state is re-read.
 */
public final class EuVehicleClient implements VehicleCloud {

  /**
   * Re-reads of {@code /latest} after a CCS2 wake, at most: every read counts against the daily
   * quota, and a car that has not reported after this many intervals is answered TIMEOUT.
   */
  public static final int MAX_CCS2_REREADS = 6;

  /** How long a driving-history reading (the 30-day consumption) is reused before it is read again. */
  public static final Duration HISTORY_REUSE = Duration.ofHours(1);

  /** A driving-history answer and when it was read. */
  private record HistoryReading(Instant readAt, JsonObject resMsg) {
  }

  /**
   * The most calls one forced refresh can make: the read before the wake, the wake, the re-reads, park
   * location and driving history.
   */
  public static final int MAX_CALLS_PER_FORCE = 1 + 1 + MAX_CCS2_REREADS + 2;

  private static final Logger LOG = LoggerFactory.getLogger(EuVehicleClient.class);
  private static final String VEHICLES = "/api/v1/spa/vehicles";

  private final Vertx vertx;
  private final UpstreamHttp http;
  private final ResilientCaller caller;
  private final TokenManager tokens;
  private final EuBrandProfile profile;
  private final EuEndpoints endpoints;
  private final VehicleNaming naming;
  private final Clock clock;
  /** The last driving-history answer per vehicle; one entry per car on the account. */
  private final Map<String, HistoryReading> history = new HashMap<>();
  private final long pollIntervalMs;
  private final long forceDeadlineMs;
  private final EuActions actions;
  /** Cars whose last read gave miles: the reference library's sign of a right-hand-drive car (§5.9). */
  private final Map<String, Boolean> miles = new HashMap<>();

  public EuVehicleClient(Vertx vertx, UpstreamHttp http, ResilientCaller caller, TokenManager tokens,
                         EuBrandProfile profile, EuEndpoints endpoints, VehicleNaming naming, Clock clock,
                         long ccs2PollIntervalMs, long forceDeadlineMs) {
    this.vertx = vertx;
    this.http = http;
    this.caller = caller;
    this.tokens = tokens;
    this.profile = profile;
    this.endpoints = endpoints;
    this.naming = naming;
    this.clock = clock;
    this.pollIntervalMs = ccs2PollIntervalMs;
    this.forceDeadlineMs = forceDeadlineMs;
    this.actions = new EuActions(this, clock, this::rightHandDrive);
  }

  @Override
  public Optional<VehicleActions> actions() {
    return Optional.of(actions);
  }

  @Override
  public Future<List<Vehicle>> vehicles(CallContext context) {
    return call(CallKind.VEHICLE_LIST, HttpMethod.GET, VEHICLES, null, false, context, null)
        .map(json -> parseVehicles(resMsg(json)));
  }

  List<Vehicle> parseVehicles(JsonObject resMsg) {
    Object list = resMsg.getValue("vehicles");
    if (!(list instanceof JsonArray array)) {
      throw new ApiException(Kind.BAD_RESPONSE, "vehicle list missing");
    }
    List<ListedVehicle> listed = new ArrayList<>();
    for (Object entry : array) {
      if (entry instanceof JsonObject car) {
        listed.add(new ListedVehicle(text(car.getValue("vehicleId")), text(car.getValue("vin")),
            text(car.getValue("nickname")), text(car.getValue("vehicleName")), engine(text(car.getValue("type"))),
            EuVehicleFacts.of(ccs2Flag(car)), EuActionBodies.offered(engine(text(car.getValue("type"))),
            ccs2Flag(car))));
      }
    }
    return naming.served(listed);
  }

  private static boolean ccs2Flag(JsonObject car) {
    return "1".equals(text(car.getValue("ccuCCS2ProtocolSupport")));
  }

  /** True when the car's last read reported miles (UK, Ireland): its driver sits on the right. */
  boolean rightHandDrive(Vehicle vehicle) {
    return miles.getOrDefault(vehicle.id(), false);
  }

  /** Registers the device again (a stale device id empties the action records, lib#1143). */
  Future<Void> reRegisterDevice(CallContext context) {
    return tokens.session(context).compose(session -> tokens.reRegisterDevice(session, context)).mapEmpty();
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

  @Override
  public Future<VehicleData> cached(Vehicle vehicle, CallContext context) {
    Future<VehicleData> status = readLatest(vehicle, context);
    return context.statusOnly() ? status : status.compose(data -> enrich(vehicle, data, context));
  }

  @Override
  public Future<ForcedRead> force(Vehicle vehicle, Instant baseline, CallContext context, Runnable wakeSent) {
    Future<ForcedRead> read = ccs2(vehicle) ? forceCcs2(vehicle, baseline, context, wakeSent)
        : forceLegacy(vehicle, context, wakeSent);
    return read.compose(r -> withHistory(vehicle, r.data(), context).map(d -> new ForcedRead(d, r.deadlinePassed())));
  }

  private Future<VehicleData> readLatest(Vehicle vehicle, CallContext context) {
    String path = vehiclePath(vehicle) + (ccs2(vehicle) ? "/ccs2/carstatus/latest" : "/status/latest");
    return call(CallKind.CACHED_STATUS, HttpMethod.GET, path, null, ccs2(vehicle), context, null)
        .map(json -> mapped(() -> ccs2(vehicle) ? EuVehicleDataMapper.fromCcs2(resMsg(json))
            : EuVehicleDataMapper.fromLegacyCached(object(resMsg(json), "vehicleStatusInfo"), EuBrandProfile.DATA_ZONE)))
        .onSuccess(data -> {
          if (data.odometer() != null) {
            miles.put(vehicle.id(), data.odometer().unit() == VehicleData.DistanceUnit.MILES);
          }
        });
  }

  private Future<ForcedRead> forceLegacy(Vehicle vehicle, CallContext context, Runnable wakeSent) {
    return call(CallKind.FORCE_STATUS, HttpMethod.GET, vehiclePath(vehicle) + "/status", null, false, context, wakeSent)
        .map(json -> mapped(() -> EuVehicleDataMapper.fromLegacyForced(resMsg(json), EuBrandProfile.DATA_ZONE)))
        .recover(err -> ApiErrors.from(err).kind() == Kind.DUPLICATE ? readLatest(vehicle, context)
            : Future.failedFuture(err))
        .compose(data -> call(CallKind.LIVE_LOCATION, HttpMethod.GET, vehiclePath(vehicle) + "/location", null, false,
                context, null)
            .map(json -> mapped(() -> EuVehicleDataMapper.withGpsDetail(data, resMsg(json))))
            .otherwise(err -> {
              LOG.debug("live location failed ({}); keeping the status", ApiErrors.from(err).kind());
              return data;
            }))
        .map(data -> new ForcedRead(data, false));
  }

  private Future<ForcedRead> forceCcs2(Vehicle vehicle, Instant lastKnown, CallContext context, Runnable wakeSent) {
    long polls = Math.min(MAX_CCS2_REREADS, Math.max(1, forceDeadlineMs / Math.max(1, pollIntervalMs)));
    // The cloud's copy moves by itself whenever the car reports (after a drive): read it right before
    // the wake, so that only the car's answer to this wake counts as "moved".
    return readLatest(vehicle, context)
        .map(current -> newest(lastKnown, current.lastUpdated()))
        .otherwise(lastKnown)
        .compose(baseline -> call(CallKind.FORCE_STATUS, HttpMethod.GET, vehiclePath(vehicle) + "/ccs2/carstatus", null,
                true, context, wakeSent)
            .<Void>mapEmpty()
            .recover(err -> ApiErrors.from(err).kind() == Kind.DUPLICATE ? Future.succeededFuture()
                : Future.failedFuture(err))
            .compose(v -> pollUntilMoved(vehicle, baseline, context, polls)))
        .compose(r -> withPark(vehicle, r.data(), context).map(d -> new ForcedRead(d, r.deadlinePassed())));
  }

  /** Re-reads {@code /latest} every poll interval until the car's timestamp differs from the baseline. */
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

  private Future<VehicleData> enrich(Vehicle vehicle, VehicleData data, CallContext context) {
    return withPark(vehicle, data, context).compose(d -> withHistory(vehicle, d, context));
  }

  private Future<VehicleData> withPark(Vehicle vehicle, VehicleData data, CallContext context) {
    return call(CallKind.LOCATION, HttpMethod.GET, vehiclePath(vehicle) + "/location/park", null, ccs2(vehicle),
        context, null)
        .map(json -> mapped(() -> EuVehicleDataMapper.withParkLocation(data, resMsg(json), EuBrandProfile.DATA_ZONE)))
        .otherwise(err -> {
          LOG.debug("parking location failed ({}); ignored", ApiErrors.from(err).kind());
          return data;
        });
  }

  private Future<VehicleData> withHistory(Vehicle vehicle, VehicleData data, CallContext context) {
    if (vehicle.engine() != EngineType.EV && vehicle.engine() != EngineType.PHEV) {
      return Future.succeededFuture(data);
    }
    HistoryReading recent = history.get(vehicle.id());
    if (recent != null && recent.readAt().plus(HISTORY_REUSE).isAfter(clock.instant())) {
      // a 30-day average does not move within the hour: reuse it rather than spend a call of the quota
      return Future.succeededFuture(mapped(() -> EuVehicleDataMapper.withDrivingHistory(data, recent.resMsg())));
    }
    JsonObject body = new JsonObject().put("periodTarget", 0);
    return call(CallKind.DRIVING_HISTORY, HttpMethod.POST, vehiclePath(vehicle) + "/drvhistory", body, ccs2(vehicle),
        context, null)
        .map(json -> {
          JsonObject resMsg = resMsg(json);
          history.put(vehicle.id(), new HistoryReading(clock.instant(), resMsg));
          return mapped(() -> EuVehicleDataMapper.withDrivingHistory(data, resMsg));
        })
        .otherwise(err -> {
          LOG.debug("driving history failed ({}); ignored", ApiErrors.from(err).kind());
          return data;
        });
  }

  // ---- one authenticated call: session, breaker/budget/retries, envelope; token and device renewal once ----

  private Future<JsonObject> call(CallKind kind, HttpMethod method, String path, JsonObject body, boolean ccs2,
                                  CallContext context, Runnable beforeSend) {
    return call(kind, method, path, session -> body, ccs2, context, beforeSend, null);
  }

  /**
   * One authenticated call; {@code body} is built from the session (actions carry the device id), and
   * {@code controlToken} (a PIN's control token, or null) replaces the access token in {@code Authorization} and
   * {@code AuthorizationCCSP} (§2.1.6). A refused token is renewed and the call sent once more: the cloud did not
   * take it.
   */
  Future<JsonObject> call(CallKind kind, HttpMethod method, String path,
                          java.util.function.Function<Session, JsonObject> body, boolean ccs2, CallContext context,
                          Runnable beforeSend, Supplier<Future<String>> controlToken) {
    return tokens.session(context).compose(session -> send(session, kind, method, path, body, ccs2, context, beforeSend,
            controlToken)
        .recover(err -> {
          ApiException failure = ApiErrors.from(err);
          if (failure.kind() == Kind.TOKEN_EXPIRED && controlToken != null) {
            // a control call carries only the control token, so that is what the cloud refused; it took nothing
            return send(session, kind, method, path, body, ccs2, context, beforeSend, controlToken)
                .recover(again -> Future.failedFuture(stillExpired(again)));
          }
          if (failure.kind() == Kind.TOKEN_EXPIRED) {
            return tokens.renewAfterRejection(session, context)
                .compose(renewed -> send(renewed, kind, method, path, body, ccs2, context, beforeSend, controlToken))
                .recover(again -> Future.failedFuture(stillExpired(again)));
          }
          if (failure.kind() == Kind.DEVICE_INVALID) {
            return tokens.reRegisterDevice(session, context)
                .compose(renewed -> send(renewed, kind, method, path, body, ccs2, context, beforeSend, controlToken));
          }
          return Future.failedFuture(failure);
        }));
  }

  private Future<JsonObject> send(Session session, CallKind kind, HttpMethod method, String path,
                                  java.util.function.Function<Session, JsonObject> bodyOf, boolean ccs2,
                                  CallContext context, Runnable beforeSend, Supplier<Future<String>> controlToken) {
    if (controlToken == null) {
      return send(session, kind, method, path, bodyOf.apply(session), ccs2, context, beforeSend, (String) null);
    }
    return controlToken.get()
        .compose(token -> send(session, kind, method, path, bodyOf.apply(session), ccs2, context, beforeSend, token));
  }

  private Future<JsonObject> send(Session session, CallKind kind, HttpMethod method, String path, JsonObject body,
                                  boolean ccs2, CallContext context, Runnable beforeSend, String controlToken) {
    // a call that wakes the car is never resent: the wake policy allowed one wake, not three. An action the cloud
    // refused at once (5031, 9999, a network error) is, under the usual rules: the cloud did not take it; one that
    // got no answer in time is not (the cloud may have taken it: CAR_TIMEOUT is never retried)
    return caller.call(Concern.DATA, kind, context, !kind.wakesCar() || kind == CallKind.ACTION, () -> {
      if (beforeSend != null) {
        beforeSend.run();
      }
      return http.send(method, endpoints.ccapi() + path, headers(session, ccs2, body != null, controlToken),
              body == null ? null : body.toBuffer())
          .map(response -> {
            caller.observeRateLimit(response.headers());
            return EuErrors.checkEnvelope(response, clock);
          });
    });
  }

  private static ApiException stillExpired(Throwable error) {
    ApiException failure = ApiErrors.from(error);
    return failure.kind() == Kind.TOKEN_EXPIRED
        ? failure.as(Kind.AUTH_FAILED, "access token refused again after renewal") : failure;
  }

  private MultiMap headers(Session session, boolean ccs2, boolean json, String controlToken) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .add("Authorization", "Bearer " + (controlToken != null ? controlToken : session.tokens().accessToken().reveal()))
        .add("ccsp-service-id", profile.serviceId())
        .add("ccsp-application-id", profile.appId())
        .add("Stamp", Stamp.create(profile.appId(), profile.stampKeyBase64(), clock.millis()))
        .add("ccsp-device-id", session.deviceId())
        .add("Ccuccs2protocolsupport", ccs2 ? "1" : "0")
        .add("User-Agent", EuBrandProfile.API_USER_AGENT);
    if (controlToken != null) {
      headers.add("AuthorizationCCSP", "Bearer " + controlToken);
    }
    if (json) {
      headers.add("Content-Type", "application/json;charset=UTF-8");
    }
    return headers;
  }

  // ---- defensive JSON access: a wrong shape is a BAD_RESPONSE, never a crash ----

  static String vehiclePath(Vehicle vehicle) {
    return VEHICLES + "/" + java.net.URLEncoder.encode(vehicle.apiId(), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static JsonObject resMsg(JsonObject json) {
    return object(json, "resMsg");
  }

  private static JsonObject object(JsonObject json, String key) {
    if (json.getValue(key) instanceof JsonObject inner) {
      return inner;
    }
    throw new ApiException(Kind.BAD_RESPONSE, "response field " + key + " missing or not an object");
  }

  private static VehicleData mapped(java.util.function.Supplier<VehicleData> mapping) {
    try {
      return mapping.get();
    } catch (ApiException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      throw new ApiException(Kind.BAD_RESPONSE, "vehicle data has an unexpected shape (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static String text(Object value) {
    return value instanceof String || value instanceof Number || value instanceof Boolean ? String.valueOf(value) : null;
  }


  private static Instant newest(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isAfter(b) ? a : b;
  }
}
