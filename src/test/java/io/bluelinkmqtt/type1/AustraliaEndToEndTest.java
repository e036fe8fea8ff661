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
}
