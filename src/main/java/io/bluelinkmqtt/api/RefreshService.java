package io.bluelinkmqtt.api;

import io.bluelinkmqtt.api.ApiException.Kind;
import io.bluelinkmqtt.api.VehicleCloud.ForcedRead;
import io.bluelinkmqtt.domain.DataSource;
import io.bluelinkmqtt.domain.RefreshCommand;
import io.bluelinkmqtt.domain.RefreshMode;
import io.bluelinkmqtt.domain.RefreshRequest;
import io.bluelinkmqtt.domain.RefreshResult;
import io.bluelinkmqtt.domain.Served;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.VehicleData;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Refreshes one car: cached, force, or smart:N (cached first, then force only when the car's own
 * timestamp is older than N s, so the first smart after start decides correctly). Every force asks
 * the {@link WakePolicy} first; a denial is answered with the last known state (read from the
 * cloud's cache only when nothing is known yet, so a refused force costs no call) and the rule's name. A
 * call the budget refuses is answered with the last known state (cached) or denied as "budget"
 * (force, and a smart whose last known data is older than N). A forced read without an odometer
 * keeps the last known one. A force is verified: FRESH only when the car's timestamp moved, STALE
 * when not, TIMEOUT when the CCS2 re-reads ran out of time.
 *
 * <p>Safeguards ({@link RefreshSafeguards}): a cached or smart read within the {@link ReadWindow} of the car's
 * last read is answered from that read (LAST_KNOWN, reason {@value ReadWindow#REASON}, no call); a smart:N
 * answered so may still force when that read is older than N s and the wake policy allows. The vehicle list
 * comes from the {@link VehicleRoster}, which serves the saved list when the cloud cannot give one.
 *
 * <p>Every refresh runs in its car's lane ({@link VehicleLanes}, shared with whatever else the car is asked to
 * do): one operation per car at a time, at most {@code maxPendingPerVehicle} distinct ones waiting (more are
 * refused BUSY), identical ones ({@link RefreshCommand#coalescingKey()}) joined, each answered within its
 * deadline. Vehicles never wait for each other. Confined to one event loop.
 */
public final class RefreshService {

  private final VehicleCloud cloud;
  private final WakePolicy wakePolicy;
  private final Clock clock;
  private final long cachedDeadlineMs;
  private final long forceDeadlineMs;
  private final VehicleRoster roster;
  private final ReadWindow readWindow;
  private final Map<String, VehicleData> lastKnown = new HashMap<>();
  private final VehicleLanes lanes;

  public RefreshService(VehicleCloud cloud, WakePolicy wakePolicy, Clock clock, int maxPendingPerVehicle) {
    this(cloud, wakePolicy, clock, maxPendingPerVehicle, 0, 0);
  }

  /**
   * @param cachedDeadlineMs a cached refresh answers UPSTREAM_TIMEOUT after this long (0: no deadline)
   * @param forceDeadlineMs the same for force and smart
   */
  public RefreshService(VehicleCloud cloud, WakePolicy wakePolicy, Clock clock, int maxPendingPerVehicle,
                        long cachedDeadlineMs, long forceDeadlineMs) {
    this(cloud, wakePolicy, clock, maxPendingPerVehicle, cachedDeadlineMs, forceDeadlineMs, RefreshSafeguards.NONE);
  }

  public RefreshService(VehicleCloud cloud, WakePolicy wakePolicy, Clock clock, int maxPendingPerVehicle,
                        long cachedDeadlineMs, long forceDeadlineMs, RefreshSafeguards safeguards) {
    this.roster = new VehicleRoster(cloud, safeguards.savedVehicles(), clock);
    this.readWindow = new ReadWindow(safeguards.minReadInterval(), clock);
    this.cloud = cloud;
    this.wakePolicy = wakePolicy;
    this.clock = clock;
    this.cachedDeadlineMs = cachedDeadlineMs;
    this.forceDeadlineMs = forceDeadlineMs;
    // the longest deadline bounds every answer, waiting included: the asker's send timeout is longer still
    this.lanes = new VehicleLanes(maxPendingPerVehicle, Math.max(cachedDeadlineMs, forceDeadlineMs));
  }

  /** The account's cars, read once (single-flight) and kept; the saved list while the cloud cannot give one. */
  public Future<List<Vehicle>> vehicles() {
    return roster.list(new CallContext(false));
  }

  public Optional<Vehicle> vehicle(String id) {
    return roster.get(id);
  }

  /** The newest data known of a car; {@link VehicleData#EMPTY} when none. */
  public VehicleData lastKnown(String vehicleId) {
    return lastKnown.getOrDefault(vehicleId, VehicleData.EMPTY);
  }

  /** The result of a refresh, whether this request led it or joined an identical one. */
  public Future<RefreshResult> refresh(RefreshRequest request) {
    return serve(request).map(Served::result);
  }

  /**
   * Runs the refresh in its car's lane, or joins an identical one running or waiting there. The deadline
   * ({@code cachedDeadlineMs} for cached, {@code forceDeadlineMs} for force and smart) counts from the start of
   * the refresh; the lane still waits for the work itself, so one car never has two operations running at once.
   */
  public Future<Served<RefreshResult>> serve(RefreshRequest request) {
    RefreshCommand command = request.command();
    long deadline = command.mode() == RefreshMode.CACHED ? cachedDeadlineMs : forceDeadlineMs;
    return lanes.submit(command.vehicleId(), command.coalescingKey(), request.commandId(), deadline,
        "the " + command.mode().wireName() + " refresh", () -> {
          CallContext context = request.startup() ? CallContext.startupRead()
              : new CallContext(request.commandId() != null);
          return roster.resolve(request.vehicleId(), context).compose(vehicle -> run(vehicle, request, context));
        });
  }

  /** An action changed the car: its next cached read goes to the cloud, not to the read window. */
  public void stateChanged(String vehicleId) {
    readWindow.forget(vehicleId);
  }

  /** The cars' lanes; whatever else runs upstream for a car (actions) shares them. */
  public VehicleLanes lanes() {
    return lanes;
  }

  /** Runs the refresh under the rule its command declares. */
  private Future<RefreshResult> run(Vehicle vehicle, RefreshRequest request, CallContext context) {
    return switch (request.command().throttle()) {
      case READ_WINDOW -> windowOrCached(vehicle, context);
      case WAKE_POLICY -> force(vehicle, request.override(), context);
      case WAKE_POLICY_WHEN_STALE -> smart(vehicle, request, context);
      case ACTION_POLICY -> Future.failedFuture(new IllegalStateException("a refresh is no action"));
    };
  }

  private Future<RefreshResult> smart(Vehicle vehicle, RefreshRequest request, CallContext context) {
    return windowOrCached(vehicle, context).compose(result -> {
      Instant carTime = result.data().lastUpdated();
      boolean fresh = carTime != null
          && !carTime.plus(Duration.ofSeconds(request.maxAgeSeconds())).isBefore(clock.instant());
      if (fresh) {
        return Future.succeededFuture(result);
      }
      // a smart that needs a wake answers like a force: a refused wake names its rule, even when the
      // cached read itself was refused (an exhausted budget: denied "budget", last known data)
      Optional<String> denial = wakePolicy.check(vehicle, lastKnown(vehicle.id()), request.override());
      if (denial.isPresent()) {
        return Future.succeededFuture(result(vehicle, RefreshMode.CACHED, result.dataSource(), context, result.data(),
            denial.get()));
      }
      // the cloud refused the cached read (budget, rate limit): no wake either; a read-window answer may wake
      boolean cloudRefusedTheRead = result.dataSource() == DataSource.LAST_KNOWN && result.deniedBy() == null;
      return cloudRefusedTheRead ? Future.succeededFuture(result) : wake(vehicle, context);
    });
  }

  /** The car's last read when it lies within the read window, else a cached read from the cloud. */
  private Future<RefreshResult> windowOrCached(Vehicle vehicle, CallContext context) {
    VehicleData known = lastKnown.get(vehicle.id());
    if (known != null && readWindow.covers(vehicle.id())) {
      return Future.succeededFuture(result(vehicle, RefreshMode.CACHED, DataSource.LAST_KNOWN, context, known,
          ReadWindow.REASON));
    }
    return cached(vehicle, context, null);
  }

  private Future<RefreshResult> cached(Vehicle vehicle, CallContext context, String deniedBy) {
    return cloud.cached(vehicle, context)
        .map(data -> result(vehicle, RefreshMode.CACHED, DataSource.CACHED, context, remember(vehicle, data), deniedBy))
        .recover(err -> {
          ApiException failure = ApiErrors.from(err);
          if (failure.kind() == Kind.BUDGET || failure.kind() == Kind.RATE_LIMITED) {
            return lastKnownResult(vehicle, context, deniedBy, failure);
          }
          return Future.failedFuture(failure);
        });
  }

  private Future<RefreshResult> force(Vehicle vehicle, boolean override, CallContext context) {
    VehicleData known = lastKnown(vehicle.id());
    Optional<String> denial = wakePolicy.check(vehicle, known, override);
    if (denial.isPresent()) {
      // a refused force costs nothing when we already know the car; only a first one reads the cache
      return VehicleData.EMPTY.equals(known) ? cached(vehicle, context, denial.get())
          : Future.succeededFuture(result(vehicle, RefreshMode.CACHED, DataSource.LAST_KNOWN, context, known,
              denial.get()));
    }
    return wake(vehicle, context);
  }

  /** The force itself, once the wake policy allowed it. */
  private Future<RefreshResult> wake(Vehicle vehicle, CallContext context) {
    VehicleData known = lastKnown(vehicle.id());
    Future<Instant> baseline = known.lastUpdated() != null ? Future.succeededFuture(known.lastUpdated())
        : cloud.cached(vehicle, context).map(data -> remember(vehicle, data).lastUpdated());
    return baseline
        .compose(before -> cloud.force(vehicle, before, context, () -> wakePolicy.recordWake(vehicle))
            .map(read -> forced(vehicle, before, read, context)))
        .recover(err -> {
          ApiException failure = ApiErrors.from(err);
          if (failure.kind() == Kind.BUDGET) {
            return lastKnownResult(vehicle, context, WakePolicy.BUDGET, failure);
          }
          return Future.failedFuture(failure);
        });
  }

  private RefreshResult forced(Vehicle vehicle, Instant before, ForcedRead read, CallContext context) {
    VehicleData data = remember(vehicle, withKnownOdometer(read.data(), lastKnown(vehicle.id())));
    Instant after = data.lastUpdated();
    DataSource source = read.deadlinePassed() ? DataSource.TIMEOUT
        : after != null && !Objects.equals(before, after) ? DataSource.FRESH : DataSource.STALE;
    return result(vehicle, RefreshMode.FORCE, source, context, data, null);
  }

  private Future<RefreshResult> lastKnownResult(Vehicle vehicle, CallContext context, String deniedBy,
                                                ApiException cause) {
    VehicleData known = lastKnown.get(vehicle.id());
    if (known == null) {
      return Future.failedFuture(cause.as(cause.kind(), cause.getMessage() + "; no data known yet"));
    }
    return Future.succeededFuture(result(vehicle, RefreshMode.CACHED, DataSource.LAST_KNOWN, context, known, deniedBy));
  }

  private RefreshResult result(Vehicle vehicle, RefreshMode path, DataSource source, CallContext context,
                               VehicleData data, String deniedBy) {
    return new RefreshResult(vehicle.id(), path, source, context.calls(), data, deniedBy);
  }

  /** A forced status read may lack the odometer (EU legacy cars): the last known one still holds. */
  private static VehicleData withKnownOdometer(VehicleData read, VehicleData known) {
    if (read == null || read.odometer() != null || known.odometer() == null || VehicleData.EMPTY.equals(read)) {
      return read;
    }
    return read.withOdometer(known.odometer());
  }

  /** Keeps the newest data read from the cloud; an empty read never replaces a known state. */
  private VehicleData remember(Vehicle vehicle, VehicleData data) {
    readWindow.read(vehicle.id());
    if (data != null && !VehicleData.EMPTY.equals(data)) {
      lastKnown.put(vehicle.id(), data);
      return data;
    }
    return data == null ? VehicleData.EMPTY : data;
  }
}
