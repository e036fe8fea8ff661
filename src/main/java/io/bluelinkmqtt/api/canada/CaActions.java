package io.bluelinkmqtt.api.canada;

import io.bluelinkmqtt.api.ApiErrors;
import io.bluelinkmqtt.api.ApiException;
import io.bluelinkmqtt.api.ApiException.Kind;
import io.bluelinkmqtt.api.CallContext;
import io.bluelinkmqtt.api.CallKind;
import io.bluelinkmqtt.api.VehicleActions;
import io.bluelinkmqtt.api.canada.CaTransport.Answer;
import io.bluelinkmqtt.api.canada.mapping.CaJson;
import io.bluelinkmqtt.domain.ActionCommand;
import io.bluelinkmqtt.domain.Vehicle;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Canadian actions (§6.5): a fresh {@code pAuth} from {@code vrfypin} for every command, then the command with
 * {@code pAuth} as a header and the PIN in the body; its id is the answer's {@code transactionId} header, and
 * {@code rmtsts} with that header and the command's {@code pAuth} (as every reference client sends it) tells its
 * state ({@code apiResult} "C" done, "P" pending, a failure envelope = failed). When the cloud refuses the token, one
 * new login, a new {@code pAuth}, and the command is sent then (the cloud took nothing). Confined to one event loop.
 */
final class CaActions implements VehicleActions {

  /** Actions whose state is still asked for, at most: older pAuth entries are dropped. */
  static final int MAX_TRACKED = 32;

  private final CaVehicleClient client;
  /** The pAuth each pending action was sent with, by its transactionId, for its status polls. */
  private final Map<String, String> pinTokens = new LinkedHashMap<>();

  CaActions(CaVehicleClient client) {
    this.client = client;
  }

  @Override
  public Future<String> send(Vehicle vehicle, ActionCommand action, String pin, CallContext context,
                             Runnable wakeSent) {
    String path;
    JsonObject body;
    try {
      path = CaActionBodies.path(action, vehicle.engine());
      body = CaActionBodies.body(action, vehicle.engine(), CaVehicleFacts.modelYear(vehicle), pin);
    } catch (ApiException refused) {
      return Future.failedFuture(refused);
    }
    Map<String, String> own = CaActionBodies.headers(action);
    return client.authenticated(context, session -> pinToken(session, vehicle, pin, context)
        .compose(pAuth -> client.send(session, CallKind.ACTION, path, vehicle, withPinToken(own, pAuth), body, context,
                wakeSent)
            .map(answer -> track(transactionId(answer), pAuth))));
  }

  private static Map<String, String> withPinToken(Map<String, String> headers, String pAuth) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("pAuth", pAuth);
    return all;
  }

  private String track(String transactionId, String pAuth) {
    if (pinTokens.size() >= MAX_TRACKED) {
      pinTokens.remove(pinTokens.keySet().iterator().next());
    }
    pinTokens.put(transactionId, pAuth);
    return transactionId;
  }

  @Override
  public Future<ActionState> status(Vehicle vehicle, String actionId, CallContext context) {
    String pAuth = pinTokens.get(actionId);
    if (pAuth == null) {
      return Future.failedFuture(new ApiException(Kind.OTHER, "no PIN token for this action: it was not sent here"));
    }
    return client.authenticated(context, session -> client.send(session, CallKind.ACTION_STATUS, "rmtsts", vehicle,
            Map.of("transactionId", actionId, "pAuth", pAuth), null, context, null)
        .map(CaActions::state)
        .recover(err -> {
          ApiException failure = ApiErrors.from(err);
          // a failure envelope for the transaction is the car's refusal; the token and the transport are not
          return failure.kind() == Kind.OTHER ? Future.succeededFuture(ActionState.FAIL) : Future.failedFuture(failure);
        }))
        .onSuccess(state -> {
          if (state != ActionState.PENDING) {
            pinTokens.remove(actionId);
          }
        });
  }

  /** {@code vrfypin}: the PIN for a {@code pAuth}; any refusal but an expired token or a transport error is a wrong PIN. */
  Future<String> pinToken(CaSession session, Vehicle vehicle, String pin, CallContext context) {
    return client.send(session, CallKind.CONTROL_TOKEN, "vrfypin", vehicle, Map.of(), new JsonObject().put("pin", pin),
            context, null)
        .map(answer -> {
          String pAuth = CaJson.text(answer.result().getValue("pAuth"));
          if (pAuth == null || pAuth.isEmpty()) {
            throw new ApiException(Kind.WRONG_PIN, "the cloud gave no pAuth for the PIN");
          }
          return pAuth;
        })
        .recover(err -> {
          ApiException failure = ApiErrors.from(err);
          return failure.kind() == Kind.OTHER || failure.kind() == Kind.AUTH_FAILED
              ? Future.failedFuture(failure.as(Kind.WRONG_PIN, "the cloud refused the PIN"))
              : Future.failedFuture(failure);
        });
  }

  static ActionState state(Answer answer) {
    String result = CaJson.text(CaJson.at(answer.result(), "transaction", "apiResult"));
    if ("C".equals(result)) {
      return ActionState.SUCCESS;
    }
    return ActionState.PENDING;
  }

  static String transactionId(Answer answer) {
    String id = answer.headers().get("transactionId");
    if (id == null || id.isBlank()) {
      throw new ApiException(Kind.BAD_RESPONSE, "action accepted without a transactionId");
    }
    return id;
  }
}
