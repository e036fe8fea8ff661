package io.bluelinkmqtt.api.eu;

import io.bluelinkmqtt.api.ApiException;
import io.bluelinkmqtt.api.ApiException.Kind;
import io.bluelinkmqtt.api.VehicleActions.ActionState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** How the EU cloud, and the Type 1 regions with it, answer an action: its id, then its record in the list. */
public final class ActionRecords {

  private ActionRecords() {
  }

  /** The record whose {@code recordId} is the action id: success, fail, non-response, or still null. */
  public static ActionState state(JsonObject json, String actionId) {
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

  /** The id of an accepted action ({@code msgId}). */
  public static String actionId(JsonObject json) {
    if (json.getValue("msgId") instanceof String id && !id.isEmpty()) {
      return id;
    }
    throw new ApiException(Kind.BAD_RESPONSE, "action accepted without msgId");
  }
}
