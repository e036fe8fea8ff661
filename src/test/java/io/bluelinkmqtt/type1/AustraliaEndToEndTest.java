package io.bluelinkmqtt.type1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.Region;
import io.bluelinkmqtt.sim.CallLog;
import io.bluelinkmqtt.sim.SimCar;
import io.bluelinkmqtt.sim.SimEndpoint;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Australia (Hyundai) end to end. The refresh the reference library got wrong (uvo#1778): the grant carries the
 * stored refresh token verbatim — not the access token, no {@code Bearer} prefix — and the Stamp the AU cloud
 * requires on refresh (the simulator answers 4002 / 4017 otherwise, so a wrong grant fails the scenario).
 */
class AustraliaEndToEndTest extends Type1EndToEnd {

  @Override
  Region region() {
    return Region.AUSTRALIA;
  }

  @Override
  Brand brand() {
    return Brand.HYUNDAI;
  }

  @Override
  void checkLockRequest(CallLog.Request request) {
    assertEquals("/api/v1/spa/vehicles/" + car().vehicleId() + "/control/door", request.path());
    JsonObject body = new JsonObject(request.body());
    assertEquals("open", body.getString("action"));
    assertEquals(2, body.size(), "action and deviceId");
  }

  @Override
  void checkRefreshGrant(CallLog.Request grant) {
    assertTrue(grant.body().startsWith("grant_type=refresh_token&refresh_token="), grant.body());
    assertFalse(grant.body().contains("Bearer"), "the refresh token is sent verbatim");
    assertTrue(grant.authorization().startsWith("Basic "), "client credentials, not a bearer token");
  }

  /** AU legacy climate: v1/control/temperature, the set-point in the 17 °C table (22.0 → 0AH). */
  @Override
  void checkClimateRequests(CallLog.Request start, CallLog.Request stop) {
    assertEquals("/api/v1/spa/vehicles/" + car().vehicleId() + "/control/temperature", start.path());
    assertEquals(new JsonObject().put("action", "start").put("hvacType", 0)
        .put("options", new JsonObject().put("defrost", false).put("heating1", 1).put("igniOnDuration", 10))
        .put("tempCode", "0AH").put("unit", "C"), new JsonObject(start.body()));
    assertEquals("stop", new JsonObject(stop.body()).getString("action"));
    assertEquals(null, start.authorizationCcsp(), "legacy climate uses the access token");
  }

  @Override
  java.util.Set<String> carActions() {
    return java.util.Set.of("lock", "climate", "charge", "charge_limits", "charge_port", "windows");
  }

  @Test
  @Timeout(value = 40, timeUnit = TimeUnit.SECONDS)
  @DisplayName("AU shares the EU requests: charge limits (access token), the charge port with deviceId and the windows "
      + "(control token) on a legacy car, the charging current and horn + lights on a CCS2 car; the CCS2-only hazard "
      + "lights on a legacy car are unsupported with no call")
  void sharedEuActions(VertxTestContext ctx) {
    SimCar legacy = car();
    SimCar ccs2 = ccs2Car();
    bridge()
        .compose(v -> act(legacy, "charge_limits", "{\"ac\":70,\"dc\":90,\"id\":\"cl-1\"}", "cl-1"))
        .compose(limits -> {
          ctx.verify(() -> {
            assertAcceptedThenOk(limits, "charge_limits");
            CallLog.Request sent = onlyRequest(SimEndpoint.CHARGE_TARGET);
            assertEquals("/api/v1/spa/vehicles/" + legacy.vehicleId() + "/charge/target", sent.path());
            assertEquals(new JsonObject().put("targetSOClist", new JsonArray()
                .add(new JsonObject().put("plugType", 0).put("targetSOClevel", 90))
                .add(new JsonObject().put("plugType", 1).put("targetSOClevel", 70))), new JsonObject(sent.body()));
            assertTrue(sent.authorization().startsWith("Bearer "), "the access token");
            assertNull(sent.authorizationCcsp(), "no control token");
            assertEquals(0, simulator.calls().count(SimEndpoint.PIN), "no PIN exchange for the charge limits");
          });
          // the read after the action publishes the new limit
          return state(legacy, "ev/charge_limit", "70");
        })
        .compose(v -> act(legacy, "charge_port", "{\"action\":\"open\",\"id\":\"cp-1\"}", "cp-1"))
        .compose(port -> {
          ctx.verify(() -> {
            assertAcceptedThenOk(port, "charge_port");
            assertPortDoorSent(legacy, "open", "deviceId");
            assertTrue(simulator.car(legacy.vehicleId()).chargePortOpen());
          });
          return act(legacy, "windows", "{\"front_left\":\"open\",\"rear_right\":\"vent\",\"id\":\"w-1\"}", "w-1");
        })
        .compose(windows -> {
          ctx.verify(() -> {
            assertAcceptedThenOk(windows, "windows");
            CallLog.Request sent = onlyRequest(SimEndpoint.WINDOW_CONTROL);
            assertEquals("/api/v2/spa/vehicles/" + legacy.vehicleId() + "/control/windowcurtain", sent.path());
            assertEquals(new JsonObject().put("frontLeft", 1).put("frontRight", 0).put("backLeft", 0)
                .put("backRight", 2), new JsonObject(sent.body()));
            assertEquals("Bearer " + simulator.lastControlToken(), sent.authorizationCcsp());
          });
          return act(legacy, "hazard", "{\"action\":\"on\",\"id\":\"hz-1\"}", "hz-1");
        })
        .compose(hazard -> {
          ctx.verify(() -> {
            assertUnsupportedWithoutCall(hazard, "hazard");
            assertEquals(0, simulator.calls().count(SimEndpoint.CCS2_LIGHT_CONTROL));
            assertEquals(0, simulator.car(legacy.vehicleId()).hazardFlashes());
          });
          return act(ccs2, "charging_current", "{\"action\":60,\"id\":\"cc-1\"}", "cc-1");
        })
        .compose(current -> {
          ctx.verify(() -> {
            assertAcceptedThenOk(current, "charging_current");
            CallLog.Request sent = onlyRequest(SimEndpoint.CCS2_CHARGING_CURRENT);
            assertEquals("/api/v1/spa/vehicles/" + ccs2.vehicleId() + "/ccs2/charge/chargingcurrent", sent.path());
            assertEquals(new JsonObject().put("chargingCurrent", 3), new JsonObject(sent.body()));
            assertNull(sent.authorizationCcsp(), "the access token");
            assertEquals(3, simulator.car(ccs2.vehicleId()).chargingCurrentLevel());
          });
          return act(ccs2, "horn_lights", "{\"action\":\"on\",\"id\":\"hl-1\"}", "hl-1");
        })
        .onComplete(ctx.succeeding(horn -> ctx.verify(() -> {
          assertAcceptedThenOk(horn, "horn_lights");
          CallLog.Request sent = onlyRequest(SimEndpoint.CCS2_HORN_LIGHT_CONTROL);
          assertEquals("/api/v2/spa/vehicles/" + ccs2.vehicleId() + "/ccs2/control/hornlight", sent.path());
          assertEquals(new JsonObject().put("command", "on"), new JsonObject(sent.body()));
          assertEquals("Bearer " + simulator.lastControlToken(), sent.authorization());
          assertEquals(1, simulator.car(ccs2.vehicleId()).hornSounds());
          ctx.completeNow();
        })));
  }
}
