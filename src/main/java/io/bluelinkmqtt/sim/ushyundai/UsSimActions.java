package io.bluelinkmqtt.sim.ushyundai;

import io.bluelinkmqtt.sim.ushyundai.UsSimCalls.Endpoint;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The US simulator's remote actions (§6.3): exact bodies and headers, an empty 200 with the {@code tmsTid} header,
 * the car's change after the action delay, and {@code getRunningStatus} with the action's own {@code service_type}.
 */
final class UsSimActions {

  private static final String EVC = "/ac/v2/evc";

  private final Vertx vertx;
  private final UsSimSettings settings;
  private final UsSimAnswers answers;
  private final UsSimQuota quota;
  private final Map<String, String> actionStates = new HashMap<>();
  private final Map<String, String> serviceTypes = new HashMap<>();

  UsSimActions(Vertx vertx, UsSimSettings settings, UsSimAnswers answers, UsSimQuota quota) {
    this.vertx = vertx;
    this.settings = settings;
    this.answers = answers;
    this.quota = quota;
  }

  void door(RoutingContext ctx, Endpoint endpoint, UsSimCar car) {
    JsonObject body = UsSimAnswers.json(ctx);
    if (!car.vin().equals(ctx.request().getHeader("APPCLOUD-VIN")) || body == null
        || !settings.username().equals(body.getValue("userName")) || !car.vin().equals(body.getValue("vin"))) {
      answers.error(ctx, endpoint, 400, 400, "C400_1", "HATA", "Missing Fields: APPCLOUD-VIN, userName or vin");
      return;
    }
    accept(ctx, endpoint, () -> car.setLocked(endpoint == Endpoint.LOCK));
  }

  /** Hazard lights / horn and lights: the door body and header; nothing to change on the car. */
  void lights(RoutingContext ctx, Endpoint endpoint, UsSimCar car) {
    JsonObject body = UsSimAnswers.json(ctx);
    if (!car.vin().equals(ctx.request().getHeader("APPCLOUD-VIN")) || body == null
        || !settings.username().equals(body.getValue("userName")) || !car.vin().equals(body.getValue("vin"))) {
      answers.error(ctx, endpoint, 400, 400, "C400_1", "HATA", "Missing Fields: APPCLOUD-VIN, userName or vin");
      return;
    }
    accept(ctx, endpoint, () -> { });
  }

  void climateStart(RoutingContext ctx, Endpoint endpoint, UsSimCar car) {
    JsonObject body = UsSimAnswers.json(ctx);
    boolean evPath = ctx.request().path().startsWith(EVC);
    Integer fahrenheit = body == null ? null : fahrenheit(body);
    boolean valid = body != null && evPath == car.electric() && fahrenheit != null
        && Integer.valueOf(1).equals(body.getValue("airCtrl")) && body.getValue("defrost") instanceof Boolean
        && body.getValue("heating1") instanceof Integer heating && heating >= 0 && heating <= 4
        && (evPath || (Integer.valueOf(0).equals(body.getValue("Ims")) && car.vin().equals(body.getValue("vin"))
            && settings.username().equals(body.getValue("username"))));
    if (!valid) {
      answers.error(ctx, endpoint, 400, 400, "C400_1", "HATA", "Invalid climate request");
      return;
    }
    accept(ctx, endpoint, () -> car.setClimate(true, fahrenheit));
  }

  /** {@code airTemp.value} in °F with unit 1: a string on the EV path, a number on the combustion path (§6.3). */
  private static Integer fahrenheit(JsonObject body) {
    if (!(body.getValue("airTemp") instanceof JsonObject temp) || !Integer.valueOf(1).equals(temp.getValue("unit"))) {
      return null;
    }
    Object value = temp.getValue("value");
    Integer f = value instanceof Integer i ? Integer.valueOf(i)
        : value instanceof String s && s.matches("\\d{2}") ? Integer.valueOf(s) : null;
    return f != null && f >= 62 && f <= 82 ? f : null;
  }

  void climateStop(RoutingContext ctx, Endpoint endpoint, UsSimCar car) {
    if (ctx.request().path().startsWith(EVC) != car.electric()) {
      answers.error(ctx, endpoint, 400, 400, "C400_1", "HATA", "Invalid climate request");
      return;
    }
    accept(ctx, endpoint, () -> car.setClimate(false, null));
  }

  void charge(RoutingContext ctx, Endpoint endpoint, UsSimCar car) {
    if (!car.electric()) {
      answers.error(ctx, endpoint, 400, 400, "C400_4", "HATA", "Service not supported for this vehicle");
      return;
    }
    accept(ctx, endpoint, () -> car.setCharging(endpoint == Endpoint.CHARGE_START));
  }

  /** §6.3 {@code targetSOClist}: one DC (plugType 0) and one AC (1) level, 50–100 in steps of 10. */
  void chargeLimits(RoutingContext ctx, Endpoint endpoint, UsSimCar car) {
    JsonObject body = UsSimAnswers.json(ctx);
    Integer dc = null;
    Integer ac = null;
    if (car.electric() && body != null && body.getValue("targetSOClist") instanceof io.vertx.core.json.JsonArray list
        && list.size() == 2) {
      for (Object entry : list) {
        if (entry instanceof JsonObject target && target.getValue("targetSOClevel") instanceof Integer level
            && level >= 50 && level <= 100 && level % 10 == 0) {
          Object plug = target.getValue("plugType");
          dc = Integer.valueOf(0).equals(plug) ? level : dc;
          ac = Integer.valueOf(1).equals(plug) ? level : ac;
        }
      }
    }
    if (dc == null || ac == null) {
      answers.error(ctx, endpoint, 400, 400, "C400_1", "HATA", "Invalid targetSOClist");
      return;
    }
    int dcLevel = dc;
    int acLevel = ac;
    accept(ctx, endpoint, () -> car.setChargeLimits(dcLevel, acLevel));
  }

  /** An empty 200 with the action id in {@code tmsTid}; the car does it after the action delay. */
  private void accept(RoutingContext ctx, Endpoint endpoint, Runnable effect) {
    if (!quota.allows(ctx, endpoint)) {
      return;
    }
    String tid = UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
    synchronized (this) {
      actionStates.put(tid, "PENDING");
      serviceTypes.put(tid, serviceType(endpoint));
    }
    vertx.setTimer(Math.max(1, settings.actionDelay().toMillis()), id -> {
      effect.run();
      synchronized (this) {
        actionStates.put(tid, "SUCCESS");
      }
    });
    answers.send(ctx, endpoint, 200, null, tid);
  }

  void runningStatus(RoutingContext ctx, Endpoint endpoint, UsSimCar car) {
    MultiMap h = ctx.request().headers();
    String state;
    String serviceType;
    synchronized (this) {
      state = actionStates.get(h.get("tid"));
      serviceType = serviceTypes.get(h.get("tid"));
    }
    if (state == null || !settings.username().equals(h.get("login_id")) || !serviceType.equals(h.get("service_type"))) {
      answers.error(ctx, endpoint, 400, 400, "C400_1", "HATA", "Missing Fields: tid, login_id or service_type");
      return;
    }
    answers.send(ctx, endpoint, 200, new JsonObject().put("status", state), null);
  }

  /** The status poll's {@code service_type} per action (§6.3). */
  private static String serviceType(Endpoint endpoint) {
    return endpoint == Endpoint.HAZARD ? "LIGHTS_ONLY" : endpoint == Endpoint.HORN_LIGHTS ? "HORN_AND_LIGHTS"
        : "REMOTE_POLL";
  }
}
