package io.bluelinkmqtt.api;

import io.bluelinkmqtt.domain.ActionCommand;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.VehicleData;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A region's cloud behind the one-time-code dialogue: while {@link OtpDialogue#blocksLogins()} every call fails at
 * once with {@code login_pending} and reaches neither the module nor the cloud, so a waiting code never meets a
 * second login (nor a new device registration) of any region.
 */
final class OtpGate implements VehicleCloud {

  private final VehicleCloud cloud;
  private final OtpDialogue dialogue;

  OtpGate(VehicleCloud cloud, OtpDialogue dialogue) {
    this.cloud = cloud;
    this.dialogue = dialogue;
  }

  @Override
  public Future<List<Vehicle>> vehicles(CallContext context) {
    return guarded(() -> cloud.vehicles(context));
  }

  @Override
  public Future<VehicleData> cached(Vehicle vehicle, CallContext context) {
    return guarded(() -> cloud.cached(vehicle, context));
  }

  @Override
  public Future<ForcedRead> force(Vehicle vehicle, Instant baseline, CallContext context, Runnable wakeSent) {
    return guarded(() -> cloud.force(vehicle, baseline, context, wakeSent));
  }

  @Override
  public Optional<VehicleActions> actions() {
    return cloud.actions().map(GatedActions::new);
  }

  private <T> Future<T> guarded(Supplier<Future<T>> call) {
    return dialogue.blocksLogins() ? Future.failedFuture(OneTimeCodes.loginPending()) : call.get();
  }

  /** The module's actions behind the same gate. */
  private final class GatedActions implements VehicleActions {
    private final VehicleActions actions;

    GatedActions(VehicleActions actions) {
      this.actions = actions;
    }

    @Override
    public Future<String> send(Vehicle vehicle, ActionCommand action, String pin, CallContext context,
                               Runnable wakeSent) {
      return guarded(() -> actions.send(vehicle, action, pin, context, wakeSent));
    }

    @Override
    public Future<ActionState> status(Vehicle vehicle, String actionId, CallContext context) {
      return guarded(() -> actions.status(vehicle, actionId, context));
    }

    @Override
    public Future<VehicleData.Ev> chargeLimits(Vehicle vehicle, CallContext context) {
      return guarded(() -> actions.chargeLimits(vehicle, context));
    }
  }
}
