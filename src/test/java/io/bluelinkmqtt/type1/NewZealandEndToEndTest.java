package io.bluelinkmqtt.type1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.Region;
import io.bluelinkmqtt.sim.CallLog;
import io.bluelinkmqtt.sim.SimCar;
import io.bluelinkmqtt.sim.SimEndpoint;
import io.vertx.core.json.JsonObject;

/** New Zealand (Kia, the AU host with NZ ids) end to end, on the CCS2 car: async wake, CCS2 door with the PIN. */
class NewZealandEndToEndTest extends Type1EndToEnd {

  @Override
  Region region() {
    return Region.NEW_ZEALAND;
  }

  @Override
  Brand brand() {
    return Brand.KIA;
  }

  @Override
  SimCar car() {
    return simulator.cars().stream().filter(SimCar::ccs2).findFirst().orElseThrow();
  }

  @Override
  SimEndpoint forceEndpoint() {
    return SimEndpoint.CCS2_FORCE;
  }

  @Override
  void checkLockRequest(CallLog.Request request) {
    assertEquals("/api/v2/spa/vehicles/" + car().vehicleId() + "/ccs2/control/door", request.path());
    assertEquals(new JsonObject().put("command", "open"), new JsonObject(request.body()));
    assertEquals("Bearer " + simulator.lastControlToken(), request.authorizationCcsp());
  }

  @Override
  void checkRefreshGrant(CallLog.Request grant) {
    assertTrue(grant.body().startsWith("grant_type=refresh_token&refresh_token="), grant.body());
  }

  /** CCS2 climate with the control token; right-hand drive: the driver's seat is the right one (§5.9). */
  @Override
  void checkClimateRequests(CallLog.Request start, CallLog.Request stop) {
    JsonObject body = new JsonObject(start.body());
    assertEquals("R", body.getString("drvSeatLoc"));
    assertEquals(22.0, body.getDouble("hvacTemp"));
    assertEquals(new JsonObject().put("drvSeatClimateState", 0).put("psgSeatClimateState", 6)
        .put("rlSeatClimateState", 0).put("rrSeatClimateState", 0), body.getJsonObject("seatClimateInfo"));
    assertEquals(new JsonObject().put("command", "stop"), new JsonObject(stop.body()));
    // the first PIN call met the expired access token (refused, renewed, sent again); then one token serves all
    assertEquals(2, simulator.calls().count(SimEndpoint.PIN), "one control token for the door and both climates");
  }

  /** As Australia, the EU table of §6.1: the CCS2 car has all of them. */
  @Override
  java.util.Set<String> carActions() {
    return java.util.Set.of("lock", "climate", "charge", "charge_limits", "charging_current", "charge_port",
        "windows", "hazard", "horn_lights");
  }
}
