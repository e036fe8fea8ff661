package io.bluelinkmqtt.api;

import io.bluelinkmqtt.api.ApiException.Kind;
import io.bluelinkmqtt.api.VehicleActions.ActionState;
import io.bluelinkmqtt.codec.ActionJson.Accepted;
import io.bluelinkmqtt.codec.ActionJson.ActionRequest;
import io.bluelinkmqtt.config.AppConfig.ActionSettings;
import io.bluelinkmqtt.config.Secret;
import io.bluelinkmqtt.domain.ActionCommand;
import io.bluelinkmqtt.domain.ActionResult;
import io.bluelinkmqtt.domain.ChargeLimitsCommand;
import io.bluelinkmqtt.domain.CommandOutcome;
import io.bluelinkmqtt.domain.CommandOutcome.Status;
import io.bluelinkmqtt.domain.Served;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.VehicleData;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one remote action in its car's lane (shared with the refreshes, so an action waits behind a refresh of the
 * same car and vice versa; identical actions join): the {@link ActionPolicy} first (0 calls when it refuses), then
 * the action, sent once; once the cloud accepted it, {@code onAccepted} (the progress message), then the status
 * records every poll interval until the car's answer or {@code deadlineMs / pollIntervalMs} polls (at most
 * {@value #MAX_POLLS}). 4004 is {@code busy} (not resent), 4005 {@code unsupported} (remembered), a refused PIN
 * {@code failed}/{@code wrong_pin} (then refused locally for an hour). A poll that fails counts as pending. The
 * action wakes the car: the wake audit records it with the action's name (once, whatever the retries before the
 * cloud took it). An action the car's module does not offer ({@link Vehicle#actions()}) is {@code unsupported} with
 * 0 calls; a charge limit left out is filled in from the car's last data, or else from one read of the limits
 * ({@link VehicleActions#chargeLimits}; {@code invalid} when still not known). Confined
 * to one event loop.
 */
public final class ActionService {

  private static final Logger LOG = LoggerFactory.getLogger(ActionService.class);

  /** Status polls of one action, at most, whatever the deadline: each one costs a call of the quota. */
  public static final int MAX_POLLS = 40;

  private final Vertx vertx;
  private final VehicleActions actions;
  private final RefreshService refreshes;
  private final WakePolicy wakePolicy;
  private final Secret pin;
  private final ActionSettings settings;
  private final ActionPolicy policy;
  private final Consumer<Accepted> onAccepted;

  public ActionService(Vertx vertx, VehicleActions actions, RefreshService refreshes, WakePolicy wakePolicy,
                       Secret pin, ActionSettings settings, java.time.Clock clock, Consumer<Accepted> onAccepted) {
    this.vertx = vertx;
    this.actions = actions;
    this.refreshes = refreshes;
    this.wakePolicy = wakePolicy;
    this.pin = pin;
    this.settings = settings;
    this.policy = new ActionPolicy(!pin.isEmpty(), settings, clock);
    this.onAccepted = onAccepted;
  }

  /** The action's final result, whether this request led it or joined an identical one. */
  public Future<Served<ActionResult>> serve(ActionRequest request) {
    ActionCommand action = request.command();
    Optional<ActionPolicy.Refusal> refusal = policy.check(action);
    if (refusal.isPresent()) {
      return Future.succeededFuture(Served.led(
          new ActionResult(action.vehicleId(), refusal.get().status(), refusal.get().reason(), null, 0)));
    }
    return refreshes.lanes().submit(action.vehicleId(), action.coalescingKey(), request.commandId(), 0,
        "the " + action.name().wireName() + " " + action.action() + " action", () -> run(request));
  }

  private Future<ActionResult> run(ActionRequest request) {
    ActionCommand action = request.command();
    Optional<ActionPolicy.Refusal> refusal = policy.check(action); // the car may have answered 4005 meanwhile
    if (refusal.isPresent()) {
      return Future.succeededFuture(new ActionResult(action.vehicleId(), refusal.get().status(),
          refusal.get().reason(), null, 0));
    }
    Optional<Vehicle> vehicle = refreshes.vehicle(action.vehicleId());
    if (vehicle.isEmpty()) {
      return Future.succeededFuture(new ActionResult(action.vehicleId(), Status.FAILED, "unknown_vehicle", null, 0));
    }
    if (!vehicle.get().actions().isEmpty() && !vehicle.get().actions().contains(action.name())) {
      // the region module does not offer it for this car (an ICE car has no charge port): not worth a call. An
      // empty set is a car saved by an older bridge (before modules listed actions): the module and the cloud decide
      return Future.succeededFuture(new ActionResult(action.vehicleId(), Status.UNSUPPORTED,
          CommandOutcome.REASON_UNSUPPORTED, null, 0));
    }
    CallContext context = new CallContext(true);
    if (action instanceof ChargeLimitsCommand limits) {
      // the cloud sets both limits at once: a level left out keeps the car's current one
      Optional<ChargeLimitsCommand> both = limits.resolved(refreshes.lastKnown(action.vehicleId()));
      if (both.isEmpty()) {
        return readLimits(request, limits, vehicle.get(), context);
      }
      action = both.get();
    }
    return send(request, action, vehicle.get(), context);
  }

  /**
   * No read reported the car's limits yet: one read of them from the cloud (where the region has it, counted in the
   * action's calls), then the command with both; {@code invalid} / {@code current_limit_unknown} when it gives none.
   */
  private Future<ActionResult> readLimits(ActionRequest request, ChargeLimitsCommand limits, Vehicle vehicle,
                                          CallContext context) {
    return actions.chargeLimits(vehicle, context).compose(ev -> {
      Optional<ChargeLimitsCommand> both = limits.resolved(ev == null ? null
          : new VehicleData(null, null, ev, null, null, null, null, null, null));
      return both.isPresent() ? send(request, both.get(), vehicle, context)
          : done(limits, Status.INVALID, CommandOutcome.REASON_LIMIT_UNKNOWN, null, context);
    }, err -> {
      ApiException failure = ApiErrors.from(err);
      LOG.info("reading the charge limits of {} failed: {}", vehicle.id(), failure.kind());
      return failure.kind() == Kind.BUDGET ? done(limits, Status.DENIED, WakePolicy.BUDGET, null, context)
          : done(limits, Status.INVALID, CommandOutcome.REASON_LIMIT_UNKNOWN, null, context);
    });
  }

  private Future<ActionResult> send(ActionRequest request, ActionCommand action, Vehicle vehicle,
                                    CallContext context) {
    String cause = action.name().wireName() + " " + action.action();
    Runnable wakeOnce = new Runnable() {
      private boolean recorded;

      @Override
      public void run() { // a retry before acceptance (5031, 9999) is the same wake
        if (!recorded) {
          recorded = true;
          wakePolicy.recordWake(vehicle, cause);
        }
      }
    };
    return actions.send(vehicle, action, pin.reveal(), context, wakeOnce)
        .compose(actionId -> {
          onAccepted.accept(new Accepted(action.vehicleId(), request.commandId(), actionId));
          return poll(vehicle, action, actionId, context, Math.min(MAX_POLLS,
              Math.max(1, settings.deadlineMs() / Math.max(1, settings.pollIntervalMs()))));
        }, error -> Future.succeededFuture(refused(action, ApiErrors.from(error), context)))
        .onSuccess(result -> {
          if (result.status() == Status.OK) {
            refreshes.stateChanged(action.vehicleId());
          }
        });
  }

  private Future<ActionResult> poll(Vehicle vehicle, ActionCommand action, String actionId, CallContext context,
                                    long pollsLeft) {
    return vertx.timer(settings.pollIntervalMs())
        .compose(v -> actions.status(vehicle, actionId, context))
        .otherwise(ActionState.PENDING)
        .compose(state -> switch (state) {
          case SUCCESS -> done(action, Status.OK, null, actionId, context);
          case FAIL -> done(action, Status.FAILED, CommandOutcome.REASON_CAR_REFUSED, actionId, context);
          case NO_RESPONSE -> done(action, Status.TIMEOUT, CommandOutcome.REASON_NON_RESPONSE, actionId, context);
          case PENDING -> pollsLeft <= 1
              ? done(action, Status.TIMEOUT, CommandOutcome.REASON_DEADLINE, actionId, context)
              : poll(vehicle, action, actionId, context, pollsLeft - 1);
        });
  }

  private ActionResult refused(ActionCommand action, ApiException failure, CallContext context) {
    Kind kind = failure.kind();
    if (kind == Kind.UNSUPPORTED) {
      policy.unsupported(action);
      return result(action, Status.UNSUPPORTED, CommandOutcome.REASON_UNSUPPORTED, null, context);
    }
    if (kind == Kind.WRONG_PIN) {
      policy.wrongPin();
      return result(action, Status.FAILED, CommandOutcome.REASON_WRONG_PIN, null, context);
    }
    if (kind == Kind.DUPLICATE) {
      return result(action, Status.BUSY, CommandOutcome.REASON_DUPLICATE, null, context);
    }
    if (kind == Kind.BUDGET) {
      return result(action, Status.DENIED, WakePolicy.BUDGET, null, context);
    }
    return result(action, Status.FAILED, kind.failure().reason(), null, context);
  }

  private static Future<ActionResult> done(ActionCommand action, Status status, String reason, String actionId,
                                           CallContext context) {
    return Future.succeededFuture(result(action, status, reason, actionId, context));
  }

  private static ActionResult result(ActionCommand action, Status status, String reason, String actionId,
                                     CallContext context) {
    return new ActionResult(action.vehicleId(), status, reason, actionId, context.calls());
  }
}
