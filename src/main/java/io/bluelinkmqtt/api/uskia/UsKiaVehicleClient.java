package io.bluelinkmqtt.api.uskia;

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
import io.bluelinkmqtt.api.uskia.mapping.UsKiaStatusMapper;
import io.bluelinkmqtt.bus.BridgeException;
import io.bluelinkmqtt.bus.Failure;
import io.bluelinkmqtt.domain.CommandName;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.Vehicle.EngineType;
import io.bluelinkmqtt.domain.VehicleData;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

/**
 * The USA Kia vehicle calls (§3.4, §4.1): {@code ownr/gvl} lists the cars with a {@code vehicleKey} that is valid for
 * one session only, so the keys are kept per session and read again after every new login; {@code cmm/gvi} is the
 * cached read, {@code rems/rvs} wakes the car and {@code cmm/gvi} reads again. A session the cloud ends early
 * (1003/1005) means one new login, a new vehicle list and one more try of the same call. Confined to one event loop.
 */
final class UsKiaVehicleClient implements VehicleCloud {

  /** A force: login + list + baseline read + wake + read, once more after a session that ended early. */
  static final int MAX_CALLS_PER_FORCE = 8;
  /** {@code fuelType} 4 is an EV (§3.4); the other codes are not known. */
  private static final int FUEL_EV = 4;
  private static final Set<CommandName> ACTIONS = Set.of(CommandName.LOCK, CommandName.CLIMATE, CommandName.CHARGE,
      CommandName.CHARGE_LIMITS);
  private static final Set<CommandName> ACTIONS_ICE = Set.of(CommandName.LOCK, CommandName.CLIMATE);

  private final UpstreamHttp http;
  private final ResilientCaller caller;
  private final UsKiaSessions sessions;
  private final String base;
  private final VehicleNaming naming;
  private final Clock clock;
  private final UsKiaActions actions;
  /** The vehicle keys of {@link #keysOf}'s session, by the cloud's vehicle id. */
  private final Map<String, String> keys = new HashMap<>();
  private UsKiaSession keysOf;

  UsKiaVehicleClient(UpstreamHttp http, ResilientCaller caller, UsKiaSessions sessions, String base,
                     VehicleNaming naming, Clock clock) {
    this.http = http;
    this.caller = caller;
    this.sessions = sessions;
    this.base = base;
    this.naming = naming;
    this.clock = clock;
    this.actions = new UsKiaActions(this);
  }

  @Override
  public Future<List<Vehicle>> vehicles(CallContext context) {
    return withSession(context, (session, ctx) -> list(session, ctx));
  }

  @Override
  public Future<VehicleData> cached(Vehicle vehicle, CallContext context) {
    return withSession(context, (session, ctx) -> read(vehicle, session, ctx));
  }

  @Override
  public Future<ForcedRead> force(Vehicle vehicle, Instant baseline, CallContext context, Runnable wakeSent) {
    AtomicBoolean woken = new AtomicBoolean();
    return withSession(context, (session, ctx) -> key(vehicle, session, ctx)
        .compose(key -> call(CallKind.FORCE_STATUS, HttpMethod.POST, UsKiaProfile.FORCE_STATUS, session, key,
            new JsonObject().put("requestType", 0), ctx, () -> {
              if (woken.compareAndSet(false, true)) {
                wakeSent.run();
              }
            }))
        .compose(answer -> read(vehicle, session, ctx)))
        .map(data -> new ForcedRead(data, false));
  }

  @Override
  public Optional<VehicleActions> actions() {
    return Optional.of(actions);
  }

  /**
   * Runs {@code op} with a session; when the cloud says the session ended (1003/1005), once more after a new login
   * (whose vehicle keys are new: {@link #key} reads the list again).
   */
  <T> Future<T> withSession(CallContext context, BiFunction<UsKiaSession, CallContext, Future<T>> op) {
    return sessions.session(context).compose(session -> op.apply(session, context).recover(err -> {
      ApiException failure = ApiErrors.from(err);
      if (failure.kind() != Kind.TOKEN_EXPIRED) {
        return Future.failedFuture(failure);
      }
      return sessions.renewAfterRejection(session, context)
          .compose(renewed -> op.apply(renewed, context))
          .recover(again -> {
            ApiException second = ApiErrors.from(again);
            return Future.failedFuture(second.kind() == Kind.TOKEN_EXPIRED
                ? second.as(Kind.AUTH_FAILED, "the USA Kia cloud refused a fresh session") : second);
          });
    }));
  }

  /** This session's key of the car: from the list read in this session, else the list is read now. */
  Future<String> key(Vehicle vehicle, UsKiaSession session, CallContext context) {
    if (keysOf == session && keys.containsKey(vehicle.apiId())) {
      return Future.succeededFuture(keys.get(vehicle.apiId()));
    }
    return list(session, context).compose(listed -> {
      String key = keysOf == session ? keys.get(vehicle.apiId()) : null;
      return key != null ? Future.succeededFuture(key)
          : Future.failedFuture(new BridgeException(Failure.UNKNOWN_VEHICLE, "the car is no longer on the account"));
    });
  }

  /** One call with the session (and the car's key); the envelope checked inside the caller. */
  Future<UpstreamMessage> call(CallKind kind, HttpMethod method, String path, UsKiaSession session, String vinKey,
                               JsonObject body, CallContext context, Runnable sent) {
    MultiMap headers = UsKiaProfile.baseHeaders(sessions.deviceId(), clock).add(UsKiaProfile.SID, session.sid().reveal());
    if (vinKey != null) {
      headers.add(UsKiaProfile.VINKEY, vinKey);
    }
    return caller.call(Concern.DATA, kind, context, !kind.wakesCar(), () -> {
      sent.run();
      return http.send(method, base + path, headers, body == null ? null : Buffer.buffer(body.encode()))
          .map(response -> new UpstreamMessage(UsKiaErrors.checkEnvelope(response), response.header(UsKiaProfile.XID)));
    });
  }

  /** A checked answer: its body and its {@code Xid} header (the id of an action). */
  record UpstreamMessage(JsonObject body, String xid) {
  }

  private Future<List<Vehicle>> list(UsKiaSession session, CallContext context) {
    return call(CallKind.VEHICLE_LIST, HttpMethod.GET, UsKiaProfile.VEHICLE_LIST, session, null, null, context, () -> { })
        .map(answer -> {
          JsonObject payload = answer.body().getJsonObject("payload", new JsonObject());
          JsonArray summaries = payload.getJsonArray("vehicleSummary", new JsonArray());
          keys.clear();
          keysOf = session;
          List<ListedVehicle> listed = new ArrayList<>();
          for (Object entry : summaries) {
            if (entry instanceof JsonObject car && car.getValue("vehicleIdentifier") != null) {
              String id = String.valueOf(car.getValue("vehicleIdentifier"));
              keys.put(id, car.getString("vehicleKey"));
              boolean ev = car.getValue("fuelType") instanceof Number n && n.intValue() == FUEL_EV;
              listed.add(new ListedVehicle(id, car.getString("vin"), car.getString("nickName"),
                  car.getString("modelName"), ev ? EngineType.EV : EngineType.UNKNOWN, Map.of(),
                  ev ? ACTIONS : ACTIONS_ICE));
            }
          }
          return naming.served(listed);
        });
  }

  private Future<VehicleData> read(Vehicle vehicle, UsKiaSession session, CallContext context) {
    return key(vehicle, session, context)
        .compose(key -> call(CallKind.CACHED_STATUS, HttpMethod.POST, UsKiaProfile.VEHICLE_INFO, session, key,
            vehicleInfoRequest(key), context, () -> { }))
        .map(answer -> {
          JsonArray infos = answer.body().getJsonObject("payload", new JsonObject())
              .getJsonArray("vehicleInfoList", new JsonArray());
          return infos.isEmpty() || !(infos.getValue(0) instanceof JsonObject info) ? VehicleData.EMPTY
              : UsKiaStatusMapper.fromVehicleInfo(info);
        });
  }

  /** The body of {@code cmm/gvi} (§4.1), as the app sends it. */
  static JsonObject vehicleInfoRequest(String vehicleKey) {
    return new JsonObject()
        .put("vehicleConfigReq", new JsonObject().put("airTempRange", "0").put("maintenance", "1")
            .put("seatHeatCoolOption", "0").put("vehicle", "1").put("vehicleFeature", "0"))
        .put("vehicleInfoReq", new JsonObject().put("drivingActivty", "0").put("dtc", "1").put("enrollment", "1")
            .put("functionalCards", "0").put("location", "1").put("vehicleStatus", "1").put("weather", "0"))
        .put("vinKey", new JsonArray().add(vehicleKey));
  }
}
