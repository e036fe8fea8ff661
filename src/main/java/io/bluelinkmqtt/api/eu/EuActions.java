package io.bluelinkmqtt.api.eu;

import static io.bluelinkmqtt.api.eu.EuVehicleFacts.ccs2;

import io.bluelinkmqtt.api.ApiErrors;
import io.bluelinkmqtt.api.ApiException;
import io.bluelinkmqtt.api.ApiException.Kind;
import io.bluelinkmqtt.api.CallContext;
import io.bluelinkmqtt.api.CallKind;
import io.bluelinkmqtt.api.VehicleActions;
import io.bluelinkmqtt.api.eu.EuActionBodies.ActionRequest;
import io.bluelinkmqtt.api.eu.mapping.EuVehicleDataMapper;
import io.bluelinkmqtt.domain.ActionCommand;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.VehicleData;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The EU actions (bluelink-protocol.md §6.1): the request of {@link EuActionBodies} for the car's protocol family,
 * with the access token ({@code AUTH}) or the PIN's control token ({@code CTRL}, {@link EuControlToken}); the
 * answer's {@code msgId} is the action id, and {@code GET /api/v1/spa/notifications/{vid}/records} tells its state.
 * A CCS2 climate start with seat settings that the cloud refuses ({@code retCode F}, not 4004) is sent once more
 * without them (§6.1 fallback). An empty record list means a stale device id (lib#1143): the device is registered
 * again, once per action, and the list read again. Confined to one event loop.
 */
final class EuActions implements VehicleActions {

  /** Actions whose empty record list already cost a re-registration; bounded, the oldest forgotten. */
  private static final int REMEMBERED = 32;

  private final EuVehicleClient client;
  private final EuControlToken controlToken;
  private final Predicate<Vehicle> rightHandDrive;
  private final Set<String> reRegistered = Collections.newSetFromMap(new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > REMEMBERED;
    }
  });

  EuActions(EuVehicleClient client, Clock clock, Predicate<Vehicle> rightHandDrive) {
    this.client = client;
    this.controlToken = new EuControlToken(client, clock);
    this.rightHandDrive = rightHandDrive;
  }

  @Override
  public Future<String> send(Vehicle vehicle, ActionCommand action, String pin, CallContext context,
                             Runnable wakeSent) {
    boolean rhd = rightHandDrive.test(vehicle);
    ActionRequest request;
    try {
      request = EuActionBodies.request(action, ccs2(vehicle), encoded(vehicle), rhd);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new ApiException(Kind.UNSUPPORTED, "not an action of this car"));
    }
    Future<String> sent = send(vehicle, request, pin, context, wakeSent);
    ActionRequest fallback = ccs2(vehicle) ? EuActionBodies.withoutSeats(action, encoded(vehicle), rhd) : null;
    if (fallback == null) {
      return sent;
    }
    return sent.recover(err -> refusedByEnvelope(ApiErrors.from(err))
        ? send(vehicle, fallback, pin, context, wakeSent) : Future.failedFuture(err));
  }

  private Future<String> send(Vehicle vehicle, ActionRequest request, String pin, CallContext context,
                              Runnable wakeSent) {
    Supplier<Future<String>> token = request.control() ? new Supplier<>() {
      private boolean used;

      @Override
      public Future<String> get() { // asked again only after the cloud refused the first one: renew it
        Future<String> next = used ? controlToken.renew(pin, context) : controlToken.get(pin, context);
        used = true;
        return next;
      }
    } : null;
    return client.call(CallKind.ACTION, HttpMethod.POST, request.path(), session -> request.body(session.deviceId()),
        ccs2(vehicle), context, wakeSent, token).map(ActionRecords::actionId);
  }

  /** The cloud answered {@code retCode F} with a refusal of this request (not 4004, not a transient or auth code). */
  private static boolean refusedByEnvelope(ApiException failure) {
    return failure.cloudCode() != null && (failure.kind() == Kind.UNSUPPORTED || failure.kind() == Kind.OTHER);
  }

  @Override
  public Future<ActionState> status(Vehicle vehicle, String actionId, CallContext context) {
    return records(vehicle, context).compose(json -> {
      if (emptyList(json) && reRegistered.add(actionId)) {
        return client.reRegisterDevice(context).compose(v -> records(vehicle, context))
            .map(again -> ActionRecords.state(again, actionId));
      }
      return Future.succeededFuture(ActionRecords.state(json, actionId));
    });
  }

  private Future<JsonObject> records(Vehicle vehicle, CallContext context) {
    String path = "/api/v1/spa/notifications/" + encoded(vehicle) + "/records";
    return client.call(CallKind.ACTION_STATUS, HttpMethod.GET, path, session -> null, ccs2(vehicle), context, null,
        null);
  }

  /** {@code GET v1/…/charge/target} with the access token (§6.1), the cloud's copy: no wake. */
  @Override
  public Future<VehicleData.Ev> chargeLimits(Vehicle vehicle, CallContext context) {
    String path = "/api/v1/spa/vehicles/" + encoded(vehicle) + "/charge/target";
    return client.call(CallKind.CACHED_STATUS, HttpMethod.GET, path, session -> null, ccs2(vehicle), context, null,
        null).map(json -> EuVehicleDataMapper.fromChargeTargets(json.getJsonObject("resMsg")));
  }

  private static boolean emptyList(JsonObject json) {
    return json.getValue("resMsg") instanceof JsonArray records && records.isEmpty();
  }

  private static String encoded(Vehicle vehicle) {
    return java.net.URLEncoder.encode(vehicle.apiId(), java.nio.charset.StandardCharsets.UTF_8);
  }
}
