package io.bluelinkmqtt.api.uskia;

import io.bluelinkmqtt.api.ApiException;
import io.bluelinkmqtt.api.ApiException.Kind;
import io.bluelinkmqtt.api.CallContext;
import io.bluelinkmqtt.api.CallKind;
import io.bluelinkmqtt.api.VehicleActions;
import io.bluelinkmqtt.domain.ActionCommand;
import io.bluelinkmqtt.domain.ChargeCommand;
import io.bluelinkmqtt.domain.ChargeLimitsCommand;
import io.bluelinkmqtt.domain.ClimateCommand;
import io.bluelinkmqtt.domain.ClimateCommand.ClimateSettings;
import io.bluelinkmqtt.domain.LockCommand;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.Vehicle.EngineType;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The USA Kia actions (§6.4), with the session and the car's {@code vinkey}; the answer's {@code Xid} header is the
 * action's id, and {@code cmm/gts} tells its state (all values 0: done). No PIN: the US Kia cloud asks for none.
 */
final class UsKiaActions implements VehicleActions {

  static final int MIN_FAHRENHEIT = 62;
  static final int MAX_FAHRENHEIT = 82;

  private final UsKiaVehicleClient client;

  UsKiaActions(UsKiaVehicleClient client) {
    this.client = client;
  }

  @Override
  public Future<String> send(Vehicle vehicle, ActionCommand action, String pin, CallContext context,
                             Runnable wakeSent) {
    Request request;
    try {
      if (action instanceof ChargeLimitsCommand && !plugIn(vehicle.engine())) {
        throw new ApiException(Kind.UNSUPPORTED, "charge limits need a car with a charge port");
      }
      request = request(action);
    } catch (ApiException e) {
      return Future.failedFuture(e);
    }
    AtomicBoolean sent = new AtomicBoolean();
    return client.withSession(context, (session, ctx) -> client.key(vehicle, session, ctx)
        .compose(key -> client.call(CallKind.ACTION, request.method(), request.path(), session, key, request.body(),
            ctx, () -> {
              if (sent.compareAndSet(false, true)) {
                wakeSent.run();
              }
            })))
        .map(answer -> {
          if (answer.xid() == null || answer.xid().isBlank()) {
            throw new ApiException(Kind.BAD_RESPONSE, "the action was answered without an Xid");
          }
          return answer.xid();
        });
  }

  @Override
  public Future<ActionState> status(Vehicle vehicle, String actionId, CallContext context) {
    return client.withSession(context, (session, ctx) -> client.key(vehicle, session, ctx)
            .compose(key -> client.call(CallKind.ACTION_STATUS, HttpMethod.POST, UsKiaProfile.ACTION_STATUS, session,
                key, new JsonObject().put("xid", actionId), ctx, () -> { })))
        .map(answer -> allZero(answer.body().getJsonObject("payload")) ? ActionState.SUCCESS : ActionState.PENDING);
  }

  static boolean plugIn(EngineType engine) {
    return engine == EngineType.EV || engine == EngineType.PHEV;
  }

  /** {@code payload} whose values are all 0 once the last action completed (§6.4). */
  static boolean allZero(JsonObject payload) {
    if (payload == null || payload.isEmpty()) {
      return false;
    }
    return payload.stream().allMatch(e -> e.getValue() instanceof Number n && n.doubleValue() == 0);
  }

  record Request(HttpMethod method, String path, JsonObject body) {
  }

  static Request request(ActionCommand action) {
    if (action instanceof LockCommand lock) {
      return new Request(HttpMethod.GET, lock.lock() ? UsKiaProfile.LOCK : UsKiaProfile.UNLOCK, null);
    }
    if (action instanceof ClimateCommand climate) {
      return climate.start()
          ? new Request(HttpMethod.POST, UsKiaProfile.CLIMATE_START, climateBody(climate.settings()))
          : new Request(HttpMethod.GET, UsKiaProfile.CLIMATE_STOP, null);
    }
    if (action instanceof ChargeCommand charge) {
      return charge.start()
          ? new Request(HttpMethod.POST, UsKiaProfile.CHARGE_START, new JsonObject().put("chargeRatio", 100))
          : new Request(HttpMethod.GET, UsKiaProfile.CHARGE_STOP, null);
    }
    if (action instanceof ChargeLimitsCommand limits) {
      return new Request(HttpMethod.POST, UsKiaProfile.CHARGE_LIMITS, chargeLimitsBody(limits));
    }
    throw new ApiException(Kind.UNSUPPORTED, "the USA Kia cloud has no " + action.name().wireName() + " action");
  }

  /**
   * {@code evc/sts} (§6.4): both levels at once, in the shape the car reports them ({@code targetSOC[]}, §5.6): plug
   * type 0 is DC (fast), 1 is AC (slow). The action service has filled a level the command left out.
   */
  static JsonObject chargeLimitsBody(ChargeLimitsCommand limits) {
    if (!limits.complete()) {
      throw new ApiException(Kind.OTHER, "both charge limits are needed");
    }
    return new JsonObject().put("targetSOClist", new JsonArray()
        .add(new JsonObject().put("plugType", 0).put("targetSOClevel", limits.dc()))
        .add(new JsonObject().put("plugType", 1).put("targetSOClevel", limits.ac())));
  }

  /** {@code remoteClimate} of §6.4; the set point (°C in our contract) on the car's whole-°F dial, 62–82. */
  static JsonObject climateBody(ClimateSettings s) {
    long f = Math.round(s.temperatureCelsius() * 9 / 5 + 32);
    String value = f < MIN_FAHRENHEIT ? "LOW" : f > MAX_FAHRENHEIT ? "HIGH" : Long.toString(f);
    int wheel = s.steeringWheelHeat() ? 1 : 0;
    JsonObject climate = new JsonObject()
        .put("airTemp", new JsonObject().put("unit", 1).put("value", value))
        .put("airCtrl", true)
        .put("defrost", s.defrost())
        .put("heatingAccessory", new JsonObject().put("rearWindow", s.defrost() ? 1 : 0).put("sideMirror", 0)
            .put("steeringWheel", wheel).put("steeringWheelStep", wheel))
        .put("ignitionOnDuration", new JsonObject().put("unit", 4).put("value", s.durationMinutes()));
    if (s.seats() != null) {
      climate.put("heatVentSeat", new JsonObject()
          .put("driverSeat", seat(s.seats().driver())).put("passengerSeat", seat(s.seats().passenger()))
          .put("rearLeftSeat", seat(s.seats().rearLeft())).put("rearRightSeat", seat(s.seats().rearRight())));
    }
    return new JsonObject().put("remoteClimate", climate);
  }

  /** The lib's mapping of a seat level (§6.4) to heatVentType / heatVentLevel / heatVentStep. */
  static JsonObject seat(int level) {
    int[] tls = switch (level) {
      case 8, 1 -> new int[] {1, 4, 1};
      case 7 -> new int[] {1, 3, 2};
      case 6 -> new int[] {1, 2, 3};
      case 5 -> new int[] {2, 4, 1};
      case 4 -> new int[] {2, 3, 2};
      case 3 -> new int[] {2, 2, 3};
      default -> new int[] {0, 1, 0};
    };
    return new JsonObject().put("heatVentType", tls[0]).put("heatVentLevel", tls[1]).put("heatVentStep", tls[2]);
  }
}
