package io.bluelinkmqtt.type1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.Region;
import io.bluelinkmqtt.sim.CallLog;
import io.vertx.core.json.JsonObject;

/** India (Hyundai) end to end: Stamp on registration and token calls only, the postman redirect on refresh. */
class IndiaEndToEndTest extends Type1EndToEnd {

  @Override
  Region region() {
    return Region.INDIA;
  }

  @Override
  Brand brand() {
    return Brand.HYUNDAI;
  }

  @Override
  void checkLockRequest(CallLog.Request request) {
    assertEquals("/api/v1/spa/vehicles/" + car().vehicleId() + "/control/door", request.path());
    assertEquals("open", new JsonObject(request.body()).getString("action"));
  }

  /** India's odometer comes from the maintenance setting, not the status (§5.8). */
  @Override
  void checkCached(io.bluelinkmqtt.testsupport.MqttObserver.Received odometer) {
    assertTrue(simulator.calls().count(io.bluelinkmqtt.sim.SimEndpoint.MAINTENANCE) >= 1);
    assertEquals(12345.6, new JsonObject(odometer.payload()).getDouble("value"), odometer.payload());
  }

  @Override
  void checkRefreshGrant(CallLog.Request grant) {
    assertTrue(grant.body().contains("redirect_uri=https%3A%2F%2Fwww.getpostman.com%2Foauth2%2Fcallback"),
        grant.body());
  }

  /** IN climate: as China, plus the duration in the options. */
  @Override
  void checkClimateRequests(CallLog.Request start, CallLog.Request stop) {
    assertEquals("/api/v1/spa/vehicles/" + car().vehicleId() + "/control/engine", start.path());
    assertEquals(10, new JsonObject(start.body()).getJsonObject("options").getInteger("igniOnDuration"));
    assertEquals("/api/v2/spa/vehicles/" + car().vehicleId() + "/control/engine", stop.path());
  }
}
