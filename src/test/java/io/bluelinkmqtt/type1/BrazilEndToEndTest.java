package io.bluelinkmqtt.type1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.api.type1.BrazilSteps;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.Region;
import io.bluelinkmqtt.sim.CallLog;
import io.bluelinkmqtt.sim.SimCar;
import io.bluelinkmqtt.sim.SimEndpoint;
import io.bluelinkmqtt.testsupport.Await;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Brazil (Hyundai) end to end: cookie jar and {@code text/plain} sign-in, the fixed device id (no registration),
 * the CCS2 status endpoint for a car that reports flag 0 (its legacy endpoint always fails), the door on
 * {@code v2/control/door} with the bare control token, and a {@code step} answer that stops the login with its
 * documented meaning.
 */
class BrazilEndToEndTest extends Type1EndToEnd {

  @Override
  Region region() {
    return Region.BRAZIL;
  }

  @Override
  Brand brand() {
    return Brand.HYUNDAI;
  }

  @Override
  SimEndpoint forceEndpoint() {
    return SimEndpoint.CCS2_FORCE;
  }

  @Override
  int registrationsPerLogin() {
    return 0;
  }

  @Override
  void checkLockRequest(CallLog.Request request) {
    assertEquals("/api/v2/spa/vehicles/" + car().vehicleId() + "/control/door", request.path());
    JsonObject body = new JsonObject(request.body());
    assertEquals("open", body.getString("action"));
    assertEquals(simulator.profile().fixedDeviceId(), body.getString("deviceId"));
    assertEquals(simulator.lastControlToken(), request.authorization(), "the bare control token");
    assertEquals(0, simulator.calls().count(SimEndpoint.STATUS_LATEST), "never the legacy status endpoint");
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  @DisplayName("step 5 (password expired): the login stops with that message, once, and no code is requested")
  void signinStepIsAClearError(VertxTestContext ctx) {
    simulator.setSigninStep(5);
    Await.result(startBridge(), Duration.ofSeconds(10));
    Await.condition(vertx, () -> !logs.lines(BrazilSteps.message(5)).isEmpty(), Duration.ofSeconds(10));
    ctx.verify(() -> {
      assertTrue(BrazilSteps.message(5).contains("password has expired"));
      assertEquals(1, simulator.calls().count(SimEndpoint.SIGNIN), "the backoff holds the next attempt");
      assertEquals(0, simulator.codeGrants().size(), "no code without a finished sign-in");
    });
    ctx.completeNow();
  }

  /** BR climate: v2/control/engine with the device id and the bare control token, for start and stop. */
  @Override
  void checkClimateRequests(CallLog.Request start, CallLog.Request stop) {
    JsonObject body = new JsonObject(start.body());
    assertEquals("/api/v2/spa/vehicles/" + car().vehicleId() + "/control/engine", start.path());
    assertEquals("start", body.getString("action"));
    assertEquals("10H", body.getString("tempCode"));
    assertEquals(6, body.getJsonObject("options").getJsonObject("seatHeaterVentCMD").getInteger("drvSeatOptCmd"));
    assertEquals(simulator.profile().fixedDeviceId(), body.getString("deviceId"));
    assertEquals(new JsonObject().put("action", "stop").put("deviceId", simulator.profile().fixedDeviceId()),
        new JsonObject(stop.body()));
    assertEquals(simulator.lastControlToken(), stop.authorization());
    // the first PIN call met the expired access token (refused, renewed, sent again); then one token serves all
    assertEquals(2, simulator.calls().count(SimEndpoint.PIN), "one control token for the door and both climates");
  }

  /** Brazil has no charge commands: unsupported, and nothing is sent. */
  @Override
  void checkChargeStart(JsonObject outcome) {
    assertEquals("unsupported", outcome.getString("status"), outcome.encode());
    assertEquals(0, outcome.getInteger("upstream_calls"), outcome.encode());
    assertEquals(0, simulator.calls().count(SimEndpoint.CHARGE_CONTROL));
  }

  /** §6.6: door, engine, all windows at once, hazard lights; no charge commands. */
  @Override
  java.util.Set<String> carActions() {
    return java.util.Set.of("lock", "climate", "windows", "hazard");
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  @DisplayName("Brazil's windows (v2/control/window, all at once) and hazard lights (v2/control/light, no body) with "
      + "the bare control token; the ventilation position, horn + lights and the charge port are unsupported with no "
      + "call")
  void windowsAndHazardLights(VertxTestContext ctx) {
    SimCar legacy = car();
    simulator.car(legacy.vehicleId()).setWindows(1, 1, 1, 1);
    bridge()
        .compose(v -> act(legacy, "windows", "{\"action\":\"close\",\"id\":\"w-1\"}", "w-1"))
        .compose(windows -> {
          ctx.verify(() -> {
            assertAcceptedThenOk(windows, "windows");
            CallLog.Request sent = onlyRequest(SimEndpoint.WINDOW_CONTROL);
            assertEquals("/api/v2/spa/vehicles/" + legacy.vehicleId() + "/control/window", sent.path());
            assertEquals(new JsonObject().put("action", "close").put("deviceId", simulator.profile().fixedDeviceId()),
                new JsonObject(sent.body()));
            assertEquals(simulator.lastControlToken(), sent.authorization(), "the bare control token");
            assertEquals(0, simulator.car(legacy.vehicleId()).windows()[0], "closed");
          });
          return state(legacy, "doors/windows_open", "false");
        })
        .compose(v -> act(legacy, "windows", "{\"action\":\"vent\",\"id\":\"w-2\"}", "w-2"))
        .compose(vent -> {
          ctx.verify(() -> {
            assertUnsupportedWithoutCall(vent, "windows");
            assertEquals(1, simulator.calls().count(SimEndpoint.WINDOW_CONTROL), "the vent was not sent");
          });
          return act(legacy, "hazard", "{\"action\":\"on\",\"id\":\"hz-1\"}", "hz-1");
        })
        .compose(hazard -> {
          ctx.verify(() -> {
            assertAcceptedThenOk(hazard, "hazard");
            CallLog.Request sent = onlyRequest(SimEndpoint.LIGHT_CONTROL);
            assertEquals("/api/v2/spa/vehicles/" + legacy.vehicleId() + "/control/light", sent.path());
            assertTrue(sent.body() == null || sent.body().isEmpty(), "no body: " + sent.body());
            assertEquals(simulator.lastControlToken(), sent.authorization());
            assertEquals(1, simulator.car(legacy.vehicleId()).hazardFlashes());
          });
          return act(legacy, "horn_lights", "{\"action\":\"on\",\"id\":\"hl-1\"}", "hl-1");
        })
        .compose(horn -> {
          ctx.verify(() -> assertUnsupportedWithoutCall(horn, "horn_lights"));
          return act(legacy, "charge_port", "{\"action\":\"open\",\"id\":\"cp-1\"}", "cp-1");
        })
        .compose(port -> {
          ctx.verify(() -> assertUnsupportedWithoutCall(port, "charge_port"));
          // the refused vent is remembered as such, not as "no windows": opening them all still goes out
          return act(legacy, "windows", "{\"action\":\"open\",\"id\":\"w-3\"}", "w-3");
        })
        .onComplete(ctx.succeeding(opened -> ctx.verify(() -> {
          assertAcceptedThenOk(opened, "windows");
          assertEquals(2, simulator.calls().count(SimEndpoint.WINDOW_CONTROL));
          assertEquals(new JsonObject().put("action", "open").put("deviceId", simulator.profile().fixedDeviceId()),
              new JsonObject(simulator.calls().requests(SimEndpoint.WINDOW_CONTROL).get(1).body()));
          assertEquals(0, simulator.calls().count(SimEndpoint.PORT_DOOR_CONTROL));
          ctx.completeNow();
        })));
  }
}
