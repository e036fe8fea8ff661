package io.bluelinkmqtt.api.eu;

import static io.bluelinkmqtt.api.eu.EuVehicleFacts.ccs2;

import io.bluelinkmqtt.api.ApiException;
import io.bluelinkmqtt.api.ApiException.Kind;
import io.bluelinkmqtt.api.CallContext;
import io.bluelinkmqtt.api.CallKind;
import io.bluelinkmqtt.api.VehicleActions;
import io.bluelinkmqtt.domain.ActionCommand;
import io.bluelinkmqtt.domain.Vehicle;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;

/**
 * The EU actions (bluelink-protocol.md §6.1): legacy cars {@code POST v1/.../control/<door|temperature|charge>}
 * with the access token, CCS2 cars {@code POST v2/.../ccs2/control/<door|temperature|charge>} with the PIN's control
 * token ({@link EuControlToken}); the answer's {@code msgId} is the action id, and
 * {@code GET /api/v1/spa/notifications/{vid}/records} tells its state. The bodies are {@link EuActionBodies}'.
 */
final class EuActions implements VehicleActions {

  private static final String V2 = "/api/v2/spa/vehicles/";

  private final EuVehicleClient client;
  private final EuControlToken controlToken;

  EuActions(EuVehicleClient client, Clock clock) {
    this.client = client;
    this.controlToken = new EuControlToken(client, clock);
  }

  @Override
  public Future<String> send(Vehicle vehicle, ActionCommand action, String pin, CallContext context,
                             Runnable wakeSent) {
    String control = EuActionBodies.controlPath(action);
    if (ccs2(vehicle)) {
      String path = V2 + encoded(vehicle) + "/ccs2/control/" + control;
      return client.call(CallKind.ACTION, HttpMethod.POST, path, session -> EuActionBodies.ccs2(action), true, context,
          wakeSent, () -> controlToken.get(pin, context)).map(EuActions::actionId);
    }
    String path = EuVehicleClient.vehiclePath(vehicle) + "/control/" + control;
    return client.call(CallKind.ACTION, HttpMethod.POST, path,
        session -> EuActionBodies.legacy(action, session.deviceId()), false, context, wakeSent, null)
        .map(EuActions::actionId);
  }

  @Override
  public Future<ActionState> status(Vehicle vehicle, String actionId, CallContext context) {
    String path = "/api/v1/spa/notifications/" + encoded(vehicle) + "/records";
    return client.call(CallKind.ACTION_STATUS, HttpMethod.GET, path, session -> null, ccs2(vehicle), context, null,
        null).map(json -> state(json, actionId));
  }

  /** The record whose {@code recordId} is the action id: success, fail, non-response, or still null. */
  static ActionState state(JsonObject json, String actionId) {
    if (!(json.getValue("resMsg") instanceof JsonArray records)) {
      return ActionState.PENDING;
    }
    for (Object entry : records) {
      if (entry instanceof JsonObject record && actionId.equals(record.getValue("recordId"))) {
        Object result = record.getValue("result");
        return "success".equals(result) ? ActionState.SUCCESS : "fail".equals(result) ? ActionState.FAIL
            : "non-response".equals(result) ? ActionState.NO_RESPONSE : ActionState.PENDING;
      }
    }
    return ActionState.PENDING;
  }

  private static String actionId(JsonObject json) {
    if (json.getValue("msgId") instanceof String id && !id.isEmpty()) {
      return id;
    }
    throw new ApiException(Kind.BAD_RESPONSE, "action accepted without msgId");
  }

  private static String encoded(Vehicle vehicle) {
    return java.net.URLEncoder.encode(vehicle.apiId(), java.nio.charset.StandardCharsets.UTF_8);
  }
}
