package io.bluelinkmqtt.type1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.Region;
import io.bluelinkmqtt.sim.CallLog;
import io.vertx.core.json.JsonObject;

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
}
