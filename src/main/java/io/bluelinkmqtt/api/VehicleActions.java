package io.bluelinkmqtt.api;

import io.bluelinkmqtt.domain.ActionCommand;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.VehicleData;
import io.vertx.core.Future;

/**
 * The remote actions of a region's cloud (bluelink-protocol.md §6): send one, then ask for its state. A module
 * implements it for the actions its cloud knows; the {@link ActionService} runs them (lane, policy, polling).
 * Every call goes through the {@link ResilientCaller} and counts in the context; failures are {@link ApiException}s:
 * {@link ApiException.Kind#WRONG_PIN}, {@link ApiException.Kind#UNSUPPORTED}, {@link ApiException.Kind#DUPLICATE}, ….
 */
public interface VehicleActions {

  /**
   * Sends the action once (never resent: the cloud may have taken it).
   *
   * @param pin the account's PIN, exchanged for a control token as the cloud needs it
   * @param wakeSent run once, when the action itself is sent
   * @return the cloud's id of the action
   */
  Future<String> send(Vehicle vehicle, ActionCommand action, String pin, CallContext context, Runnable wakeSent);

  /** One look at the state of the action {@code actionId}. */
  Future<ActionState> status(Vehicle vehicle, String actionId, CallContext context);

  /**
   * The car's current charge limits read from the cloud, for a {@code charge_limits} command that leaves a level
   * out when no status read reported them yet; {@code null} (no call) where the region has no such read.
   *
   * @return the limits as an {@link VehicleData.Ev} with {@code chargeLimitAc} / {@code chargeLimitDc}, or null
   */
  default Future<VehicleData.Ev> chargeLimits(Vehicle vehicle, CallContext context) {
    return Future.succeededFuture();
  }

  /** A region without actions yet: every action is {@code unsupported}, no call made. */
  VehicleActions NONE = new VehicleActions() {
    @Override
    public Future<String> send(Vehicle vehicle, ActionCommand action, String pin, CallContext context,
                               Runnable wakeSent) {
      return Future.failedFuture(new ApiException(ApiException.Kind.UNSUPPORTED, "no actions in this region yet"));
    }

    @Override
    public Future<ActionState> status(Vehicle vehicle, String actionId, CallContext context) {
      return Future.succeededFuture(ActionState.PENDING);
    }
  };

  /** What the cloud knows of an action. */
  enum ActionState {
    /** Not answered by the car yet (or not listed yet). */
    PENDING,
    /** The car did it. */
    SUCCESS,
    /** The car refused it. */
    FAIL,
    /** The car never answered the cloud. */
    NO_RESPONSE
  }
}
