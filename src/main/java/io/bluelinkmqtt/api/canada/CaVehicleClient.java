package io.bluelinkmqtt.api.canada;

import static io.bluelinkmqtt.api.ApiErrors.mapped;

import io.bluelinkmqtt.api.ApiErrors;
import io.bluelinkmqtt.api.ApiException;
import io.bluelinkmqtt.api.ApiException.Kind;
import io.bluelinkmqtt.api.CallContext;
import io.bluelinkmqtt.api.CallKind;
import io.bluelinkmqtt.api.ResilientCaller.Concern;
import io.bluelinkmqtt.api.VehicleActions;
import io.bluelinkmqtt.api.VehicleCloud;
import io.bluelinkmqtt.api.VehicleNaming;
import io.bluelinkmqtt.api.VehicleNaming.ListedVehicle;
import io.bluelinkmqtt.api.canada.CaTransport.Answer;
import io.bluelinkmqtt.api.canada.mapping.CaJson;
import io.bluelinkmqtt.api.canada.mapping.CaStatusMapper;
import io.bluelinkmqtt.api.canada.mapping.CaTime;
import io.bluelinkmqtt.domain.CommandName;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.Vehicle.EngineType;
import io.bluelinkmqtt.config.Secret;
import io.bluelinkmqtt.domain.VehicleData;
import io.bluelinkmqtt.domain.VehicleData.Distance;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Canadian vehicle calls (§3.5, §4.1): {@code vhcllst}; cached {@code lstvhclsts}, forced {@code rltmvhclsts},
 * each followed by {@code nxtsvc} (the odometer) and, for EV/PHEV, {@code evc/selsoc} (the charge limits), both
 * best-effort. Cached times are in the account's province's zone, forced ones in UTC (§5.12). The location
 * ({@code fndmcr}, which needs a {@code pAuth}, so a PIN) is asked only when the odometer moved since the car was
 * last located (the reference client's rule; the car was parked where it was), else the last one is kept.
 *
 * <p>Each call: the session from the {@link CaSessionManager}, the transport (breaker, budget, retries, envelope).
 * A token the cloud refuses (7403, 7602, 7606) is replaced by exactly one new login and the call sent once more.
 */
final class CaVehicleClient implements VehicleCloud {

  /** The most calls a forced refresh makes: the wake, the odometer, the charge limits, the PIN token and the location. */
  static final int MAX_CALLS_PER_FORCE = 5;

  private static final Logger LOG = LoggerFactory.getLogger(CaVehicleClient.class);

  private final CaTransport transport;
  private final CaSessionManager sessions;
  private final VehicleNaming naming;
  private final CaActions actions;
  private final Secret pin;
  /** Where each car was last located, and at which odometer reading. */
  private final Map<String, Located> located = new HashMap<>();
  /** The cloud refused the PIN: no more location reads (it locks PIN entry after a few failures). */
  private boolean pinRefused;

  private record Located(Distance odometer, VehicleData.Location location) {
  }

  CaVehicleClient(CaTransport transport, CaSessionManager sessions, VehicleNaming naming, Secret pin) {
    this.transport = transport;
    this.sessions = sessions;
    this.naming = naming;
    this.pin = pin;
    this.actions = new CaActions(this);
  }

  @Override
  public Optional<VehicleActions> actions() {
    return Optional.of(actions);
  }

  @Override
  public Future<List<Vehicle>> vehicles(CallContext context) {
    return call(CallKind.VEHICLE_LIST, "vhcllst", null, context, null, s -> null).map(this::parseVehicles);
  }

  List<Vehicle> parseVehicles(Answer answer) {
    JsonArray list = CaJson.array(answer.result(), "vehicles");
    if (list == null) {
      throw new ApiException(Kind.BAD_RESPONSE, "vehicle list missing");
    }
    List<ListedVehicle> listed = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonObject car = CaJson.objectAt(list, i);
      if (car == null) {
        continue;
      }
      String fuel = CaJson.text(car.getValue("fuelKindCode"));
      EngineType engine = engine(fuel);
      Integer year = CaJson.wholeIn(car.getValue("modelYear"), 1990, 2199);
      listed.add(new ListedVehicle(CaJson.text(car.getValue("vehicleId")), CaJson.text(car.getValue("vin")),
          CaJson.text(car.getValue("nickName")), CaJson.text(car.getValue("modelName")), engine,
          CaVehicleFacts.of(year, fuel), actionsFor(engine)));
    }
    return naming.served(listed);
  }

  /** {@code fuelKindCode}: G gasoline, E electric, P plug-in hybrid (§3.5). */
  static EngineType engine(String fuelKind) {
    if (fuelKind == null) {
      return EngineType.UNKNOWN;
    }
    return switch (fuelKind.trim().toUpperCase(Locale.ROOT)) {
      case "E" -> EngineType.EV;
      case "P" -> EngineType.PHEV;
      case "G" -> EngineType.ICE;
      default -> EngineType.UNKNOWN;
    };
  }

  /** §6.5: locks, climate and horn + lights on every car; charging and its limits where there is a battery to charge. */
  static Set<CommandName> actionsFor(EngineType engine) {
    return engine == EngineType.EV || engine == EngineType.PHEV
        ? EnumSet.of(CommandName.LOCK, CommandName.CLIMATE, CommandName.HORN_LIGHTS, CommandName.CHARGE,
            CommandName.CHARGE_LIMITS)
        : EnumSet.of(CommandName.LOCK, CommandName.CLIMATE, CommandName.HORN_LIGHTS);
  }

  @Override
  public Future<VehicleData> cached(Vehicle vehicle, CallContext context) {
    return read(CallKind.CACHED_STATUS, "lstvhclsts", vehicle, context, null, true);
  }

  @Override
  public Future<ForcedRead> force(Vehicle vehicle, Instant baseline, CallContext context, Runnable wakeSent) {
    return read(CallKind.FORCE_STATUS, "rltmvhclsts", vehicle, context, wakeSent, false)
        .map(data -> new ForcedRead(data, false));
  }

  private Future<VehicleData> read(CallKind kind, String path, Vehicle vehicle, CallContext context, Runnable wakeSent,
                                   boolean carZone) {
    Integer year = CaVehicleFacts.modelYear(vehicle);
    return call(kind, path, vehicle, context, wakeSent, s -> null)
        .map(answer -> mapped(() -> CaStatusMapper.map(CaJson.object(answer.result(), "status"),
            carZone ? zone() : CaTime.UTC, year)))
        .compose(data -> withOdometer(vehicle, data, context))
        .compose(data -> withChargeLimits(vehicle, data, context))
        .compose(data -> withLocation(vehicle, data, context));
  }

  private Future<VehicleData> withLocation(Vehicle vehicle, VehicleData data, CallContext context) {
    Located last = located.get(vehicle.id());
    boolean moved = data.odometer() != null && (last == null || !data.odometer().equals(last.odometer()));
    if (!moved || pin.isEmpty() || pinRefused) {
      return Future.succeededFuture(last == null ? data : CaStatusMapper.withLocation(data, last.location()));
    }
    return authenticated(context, session -> actions.pinToken(session, vehicle, pin.reveal(), context)
            .compose(pAuth -> send(session, CallKind.LIVE_LOCATION, "fndmcr", vehicle, Map.of("pAuth", pAuth),
                new JsonObject().put("pin", pin.reveal()), context, null)))
        .map(answer -> {
          VehicleData.Location location = CaStatusMapper.location(answer.result(), zone());
          if (location == null) {
            return last == null ? data : CaStatusMapper.withLocation(data, last.location());
          }
          located.put(vehicle.id(), new Located(data.odometer(), location));
          return CaStatusMapper.withLocation(data, location);
        })
        .otherwise(err -> {
          Kind kind = ApiErrors.from(err).kind();
          pinRefused = pinRefused || kind == Kind.WRONG_PIN;
          LOG.debug("location read failed ({}); ignored", kind);
          return last == null ? data : CaStatusMapper.withLocation(data, last.location());
        });
  }

  private ZoneId zone() {
    return CaTime.zoneOfProvince(sessions.current().map(CaSession::province).orElse(null));
  }

  private Future<VehicleData> withOdometer(Vehicle vehicle, VehicleData data, CallContext context) {
    return call(CallKind.CACHED_STATUS, "nxtsvc", vehicle, context, null, s -> null)
        .map(answer -> mapped(() -> CaStatusMapper.withOdometer(data,
            CaJson.object(answer.result(), "maintenanceInfo"))))
        .otherwise(err -> {
          LOG.debug("odometer read failed ({}); ignored", ApiErrors.from(err).kind());
          return data;
        });
  }

  private Future<VehicleData> withChargeLimits(Vehicle vehicle, VehicleData data, CallContext context) {
    if (vehicle.engine() != EngineType.EV && vehicle.engine() != EngineType.PHEV) {
      return Future.succeededFuture(data);
    }
    return call(CallKind.CACHED_STATUS, "evc/selsoc", vehicle, context, null, s -> null)
        .map(answer -> mapped(() -> CaStatusMapper.withChargeLimits(data,
            answer.body().getValue("result") instanceof JsonArray limits ? limits : null)))
        .otherwise(err -> {
          LOG.debug("charge limits read failed ({}); ignored", ApiErrors.from(err).kind());
          return data;
        });
  }

  // ---- one authenticated call: session, caller, envelope; one new login when the cloud refuses the token ----

  /**
   * One call with the session's {@code accessToken} (and {@code vehicleId} when {@code vehicle} is given); the body
   * is built from the session.
   */
  Future<Answer> call(CallKind kind, String path, Vehicle vehicle, CallContext context, Runnable beforeSend,
                      Function<CaSession, JsonObject> body) {
    return authenticated(context, session -> send(session, kind, path, vehicle, Map.of(), body.apply(session),
        context, beforeSend));
  }

  /** Runs {@code operation} with the session; once more with a new session when the cloud refused the token. */
  <T> Future<T> authenticated(CallContext context, Function<CaSession, Future<T>> operation) {
    return sessions.session(context).compose(session -> operation.apply(session).recover(err -> {
      ApiException failure = ApiErrors.from(err);
      if (failure.kind() != Kind.TOKEN_EXPIRED) {
        return Future.failedFuture(failure);
      }
      LOG.info("the cloud refused the access token ({}); logging in again", failure.cloudCode());
      return sessions.renewAfterRejection(session, context)
          .compose(operation)
          .recover(again -> {
            ApiException second = ApiErrors.from(again);
            return Future.failedFuture(second.kind() == Kind.TOKEN_EXPIRED
                ? second.as(Kind.AUTH_FAILED, "access token refused again after a new login") : second);
          });
    }));
  }

  Future<Answer> send(CaSession session, CallKind kind, String path, Vehicle vehicle, Map<String, String> extra,
                      JsonObject body, CallContext context, Runnable beforeSend) {
    Map<String, String> headers = new HashMap<>(extra);
    headers.put("accessToken", session.accessToken().reveal());
    if (vehicle != null) {
      headers.put("vehicleId", vehicle.apiId());
    }
    return transport.post(Concern.DATA, kind, context, path, sessions.deviceId(), headers, body, beforeSend);
  }
}
