package io.bluelinkmqtt.type1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.Region;
import io.bluelinkmqtt.sim.CallLog;
import io.bluelinkmqtt.sim.SimCar;
import io.bluelinkmqtt.sim.SimEndpoint;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

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

  /** As China, plus the charge port door. */
  @Override
  java.util.Set<String> carActions() {
    return java.util.Set.of("lock", "climate", "charge", "charge_port");
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  @DisplayName("India's charge port: v2/control/portdoor with the device id spelt deviceID and the control token; its "
      + "charge limits and hazard lights are unsupported with no call")
  void chargePortWithDeviceIdSpeltTheIndianWay(VertxTestContext ctx) {
    SimCar legacy = car();
    simulator.car(legacy.vehicleId()).setChargePortOpen(true);
    bridge()
        .compose(v -> act(legacy, "charge_port", "{\"action\":\"close\",\"id\":\"cp-1\"}", "cp-1"))
        .compose(port -> {
          ctx.verify(() -> {
            assertAcceptedThenOk(port, "charge_port");
            assertPortDoorSent(legacy, "close", "deviceID");
            assertFalse(simulator.car(legacy.vehicleId()).chargePortOpen());
          });
          return act(legacy, "charge_limits", "{\"ac\":80,\"dc\":90,\"id\":\"cl-1\"}", "cl-1");
        })
        .compose(limits -> {
          ctx.verify(() -> assertUnsupportedWithoutCall(limits, "charge_limits"));
          return act(ccs2Car(), "hazard", "{\"action\":\"on\",\"id\":\"hz-1\"}", "hz-1");
        })
        .onComplete(ctx.succeeding(hazard -> ctx.verify(() -> {
          assertUnsupportedWithoutCall(hazard, "hazard");
          assertEquals(0, simulator.calls().count(SimEndpoint.CHARGE_TARGET)
              + simulator.calls().count(SimEndpoint.CCS2_LIGHT_CONTROL));
          ctx.completeNow();
        })));
  }
}
