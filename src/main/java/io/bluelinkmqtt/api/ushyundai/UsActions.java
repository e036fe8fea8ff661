package io.bluelinkmqtt.api.ushyundai;

import io.bluelinkmqtt.api.ApiException;
import io.bluelinkmqtt.api.ApiException.Kind;
import io.bluelinkmqtt.api.CallContext;
import io.bluelinkmqtt.api.CallKind;
import io.bluelinkmqtt.api.VehicleActions;
import io.bluelinkmqtt.api.ushyundai.UsVehicleClient.Answer;
import io.bluelinkmqtt.domain.ActionCommand;
import io.bluelinkmqtt.domain.ChargeCommand;
import io.bluelinkmqtt.domain.ChargeLimitsCommand;
import io.bluelinkmqtt.domain.ClimateCommand;
import io.bluelinkmqtt.domain.LockCommand;
import io.bluelinkmqtt.domain.SignalCommand;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.Vehicle.EngineType;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The US Hyundai actions (§6.3): each is a POST with the vehicle headers (locks also {@code APPCLOUD-VIN}), answered
 * by an empty 200 whose {@code tmsTid} header (or {@code transactionId}, {@code Xid}) is the action id; its state is
 * {@code GET /ac/v2/rmt/getRunningStatus} with {@code tid}. The PIN travels in the header of every call, so the
 * {@code pin} argument is not exchanged for anything here. Bodies are {@link UsActionBodies}'.
 */
final class UsActions implements VehicleActions {

  static final String RUNNING_STATUS = "/ac/v2/rmt/getRunningStatus";
  /** The status poll's {@code service_type} of every action but the lights (§6.3). */
  static final String REMOTE_POLL = "REMOTE_POLL";
  /** Light actions whose polls need their own service type; a few, each kept until more come. */
  private static final int MAX_REMEMBERED = 16;

  private final UsVehicleClient client;
  private final String username;
  private final Map<String, String> serviceTypes = new LinkedHashMap<>();

  UsActions(UsVehicleClient client, String username) {
    this.client = client;
    this.username = username;
  }

  static boolean plugIn(EngineType engine) {
    return engine == EngineType.EV || engine == EngineType.PHEV;
  }

  @Override
  public Future<String> send(Vehicle vehicle, ActionCommand action, String pin, CallContext context,
                             Runnable wakeSent) {
    MultiMap extra = MultiMap.caseInsensitiveMultiMap();
    String path;
    JsonObject body;
    if (action instanceof LockCommand lock) {
      path = lock.lock() ? "/ac/v2/rcs/rdo/off" : "/ac/v2/rcs/rdo/on";
      body = UsActionBodies.door(username, vehicle);
      extra.add("APPCLOUD-VIN", vehicle.vin() == null ? "" : vehicle.vin());
    } else if (action instanceof ClimateCommand climate) {
      boolean electric = plugIn(vehicle.engine());
      path = electric ? (climate.start() ? "/ac/v2/evc/fatc/start" : "/ac/v2/evc/fatc/stop")
          : (climate.start() ? "/ac/v2/rcs/rsc/start" : "/ac/v2/rcs/rsc/stop");
      body = !climate.start() ? null : electric
          ? UsActionBodies.evClimate(climate.settings(), "3".equals(vehicle.moduleData().get(UsVehicleClient.GEN)))
          : UsActionBodies.iceClimate(climate.settings(), username, vehicle);
    } else if (action instanceof ChargeCommand charge && plugIn(vehicle.engine())) {
      path = charge.start() ? "/ac/v2/evc/charge/start" : "/ac/v2/evc/charge/stop";
      body = null;
    } else if (action instanceof ChargeLimitsCommand limits && plugIn(vehicle.engine())) {
      path = "/ac/v2/evc/charge/targetsoc/set";
      body = UsActionBodies.chargeTargets(limits);
    } else if (action instanceof SignalCommand signal) {
      // the lights (and horn) flash once and stop by themselves: there is no "off" to send
      path = signal.horn() ? "/ac/v2/rcs/rhl/hnl" : "/ac/v2/rcs/rhl/light";
      body = UsActionBodies.door(username, vehicle);
      extra.add("APPCLOUD-VIN", vehicle.vin() == null ? "" : vehicle.vin());
    } else {
      return Future.failedFuture(new ApiException(Kind.UNSUPPORTED, "the car does not offer " + action.name().wireName()));
    }
    String serviceType = !(action instanceof SignalCommand signal) ? REMOTE_POLL
        : signal.horn() ? "HORN_AND_LIGHTS" : "LIGHTS_ONLY";
    return client.call(CallKind.ACTION, HttpMethod.POST, path, vehicle, body, context, wakeSent, extra)
        .map(UsActions::actionId)
        .onSuccess(id -> {
          if (!REMOTE_POLL.equals(serviceType)) {
            rememberServiceType(id, serviceType);
          }
        });
  }

  private void rememberServiceType(String actionId, String serviceType) {
    if (serviceTypes.size() >= MAX_REMEMBERED) {
      serviceTypes.remove(serviceTypes.keySet().iterator().next());
    }
    serviceTypes.put(actionId, serviceType);
  }

  @Override
  public Future<ActionState> status(Vehicle vehicle, String actionId, CallContext context) {
    MultiMap extra = MultiMap.caseInsensitiveMultiMap().add("tid", actionId).add("login_id", username)
        .add("service_type", serviceTypes.getOrDefault(actionId, REMOTE_POLL));
    return client.call(CallKind.ACTION_STATUS, HttpMethod.GET, RUNNING_STATUS, vehicle, null, context, null, extra)
        .map(answer -> state(answer.body()));
  }

  /** SUCCESS, ERROR, PENDING; an empty body is not known yet. */
  static ActionState state(JsonObject body) {
    Object status = body.getValue("status");
    if ("SUCCESS".equals(status)) {
      return ActionState.SUCCESS;
    }
    return "ERROR".equals(status) || "FAIL".equals(status) ? ActionState.FAIL : ActionState.PENDING;
  }

  private static String actionId(Answer answer) {
    for (String header : new String[] {"tmsTid", "transactionId", "Xid"}) {
      String id = answer.headers().get(header);
      if (id != null && !id.isBlank()) {
        return id.strip();
      }
    }
    throw new ApiException(Kind.BAD_RESPONSE, "action accepted without an action id header");
  }
}
