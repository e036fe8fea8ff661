package io.bluelinkmqtt.api.type1;

import static io.bluelinkmqtt.api.eu.EuVehicleFacts.ccs2;

import io.bluelinkmqtt.api.ApiErrors;
import io.bluelinkmqtt.api.ApiException;
import io.bluelinkmqtt.api.ApiException.Kind;
import io.bluelinkmqtt.api.CallContext;
import io.bluelinkmqtt.api.CallKind;
import io.bluelinkmqtt.api.VehicleActions;
import io.bluelinkmqtt.api.eu.ActionRecords;
import io.bluelinkmqtt.domain.ActionCommand;
import io.bluelinkmqtt.domain.Vehicle;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;

/**
 * The Type 1 actions outside Europe: the request of {@link Type1ActionBodies}, the PIN's control token where the
 * call needs one ({@code PUT /api/v1/user/pin}, kept until it expires, single flight), the answer's {@code msgId} as
 * the action id, and {@code GET /api/v1/spa/notifications/{vid}/records} for its state. An action the region does not
 * implement for the car (Brazil: charging, a window in the ventilation position; a legacy car: the CCS2-only
 * hazard lights) is {@link Kind#UNSUPPORTED} before any call.
 */
final class Type1Actions implements VehicleActions {

  static final String PIN_PATH = "/api/v1/user/pin?token=";
  private static final long MARGIN_SECONDS = 30;

  private final Type1Client client;
  private final Type1Profile profile;
  private final Clock clock;
  private String controlToken;
  private Instant controlExpiresAt = Instant.MIN;
  private Future<String> pendingToken;

  Type1Actions(Type1Client client, Type1Profile profile, Clock clock) {
    this.client = client;
    this.profile = profile;
    this.clock = clock;
  }

  @Override
  public Future<String> send(Vehicle vehicle, ActionCommand action, String pin, CallContext context,
                             Runnable wakeSent) {
    boolean ccs2 = ccs2(vehicle);
    if (!profile.actionsFor(vehicle.engine(), ccs2).contains(action.name())) {
      return Future.failedFuture(unsupported(action));
    }
    String vid = Type1Client.encoded(vehicle);
    // path and token kind do not depend on the session; the body carries its device id
    Type1ActionBodies route;
    try {
      route = Type1ActionBodies.of(profile, action, vid, ccs2, null);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(unsupported(action)); // e.g. Brazil's windows in the ventilation position
    }
    return client.call(CallKind.ACTION, HttpMethod.POST, route.path(),
            session -> Type1ActionBodies.of(profile, action, vid, ccs2, session.deviceId()).body(), ccs2, context,
            wakeSent, route.control() ? () -> controlToken(pin, context) : null)
        .map(ActionRecords::actionId);
  }

  @Override
  public Future<ActionState> status(Vehicle vehicle, String actionId, CallContext context) {
    String path = "/api/v1/spa/notifications/" + Type1Client.encoded(vehicle) + "/records";
    return client.call(CallKind.ACTION_STATUS, HttpMethod.GET, path, session -> null, ccs2(vehicle), context, null,
        null).map(json -> ActionRecords.state(json, actionId));
  }

  private ApiException unsupported(ActionCommand action) {
    return new ApiException(Kind.UNSUPPORTED, "the " + profile.region() + " cloud has no " + action.policyName()
        + " " + action.action() + " for this car");
  }

  private Future<String> controlToken(String pin, CallContext context) {
    if (controlToken != null && clock.instant().isBefore(controlExpiresAt)) {
      return Future.succeededFuture(controlToken);
    }
    if (pendingToken == null) {
      pendingToken = exchangePin(pin, context).andThen(ar -> pendingToken = null);
    }
    return pendingToken;
  }

  private Future<String> exchangePin(String pin, CallContext context) {
    return client.call(CallKind.CONTROL_TOKEN, HttpMethod.PUT, PIN_PATH,
            session -> new JsonObject().put("pin", pin).put("deviceId", session.deviceId()), false, context, null, null)
        .recover(err -> {
          ApiException failure = ApiErrors.from(err);
          return Future.failedFuture(failure.kind() == Kind.OTHER ? wrongPin() : failure);
        })
        .compose(json -> {
          if (!(json.getValue("controlToken") instanceof String issued) || issued.isEmpty()) {
            return Future.failedFuture(wrongPin());
          }
          long ttl = json.getValue("expiresTime") instanceof Number n ? n.longValue() : 600;
          controlToken = issued;
          controlExpiresAt = clock.instant().plusSeconds(Math.max(0, ttl - MARGIN_SECONDS));
          return Future.succeededFuture(issued);
        });
  }

  private static ApiException wrongPin() {
    return new ApiException(Kind.WRONG_PIN, "the cloud refused the PIN");
  }
}
