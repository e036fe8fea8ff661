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

/**
 * China (Kia) end to end: no Stamp anywhere, the language step, and the login's immediate refresh grant with the
 * postman redirect. Its refresh answers carry no refresh token (what made the lib keep the access token instead):
 * the bridge keeps the one it has, so the renewal after the expiry still works without a new login.
 */
class ChinaEndToEndTest extends Type1EndToEnd {

  @Override
  Region region() {
    return Region.CHINA;
  }

  @Override
  Brand brand() {
    return Brand.KIA;
  }

  @Override
  int refreshGrantsPerLogin() {
    return 1;
  }

  @Override
  void checkLockRequest(CallLog.Request request) {
    assertEquals("/api/v1/spa/vehicles/" + car().vehicleId() + "/control/door", request.path());
    assertEquals("open", new JsonObject(request.body()).getString("action"));
    assertEquals(1, simulator.calls().count(SimEndpoint.USER_LANGUAGE), "one language step per login");
  }

  /** China's parked position comes from {@code …/location} (§4.1), never {@code /location/park}. */
  @Override
  void checkCached(io.bluelinkmqtt.testsupport.MqttObserver.Received odometer) {
    assertTrue(simulator.calls().count(SimEndpoint.LOCATION) >= 1);
    assertEquals(0, simulator.calls().count(SimEndpoint.LOCATION_PARK));
  }

  @Override
  void checkRefreshGrant(CallLog.Request grant) {
    assertTrue(grant.body().contains("&redirect_uri=https%3A%2F%2Fwww.getpostman.com%2Foauth2%2Fcallback"),
        grant.body());
  }

  /** CN climate: start on v1/control/engine with the access token, stop on v2/control/engine with the control token. */
  @Override
  void checkClimateRequests(CallLog.Request start, CallLog.Request stop) {
    assertEquals("/api/v1/spa/vehicles/" + car().vehicleId() + "/control/engine", start.path());
    assertEquals(new JsonObject().put("action", "start").put("hvacType", 1)
        .put("options", new JsonObject().put("defrost", false).put("heating1", 1))
        .put("tempCode", "10H").put("unit", "C"), new JsonObject(start.body()));
    assertEquals(null, start.authorizationCcsp());
    assertEquals("/api/v2/spa/vehicles/" + car().vehicleId() + "/control/engine", stop.path());
    assertEquals(new JsonObject().put("action", "stop"), new JsonObject(stop.body()));
    assertEquals("Bearer " + simulator.lastControlToken(), stop.authorizationCcsp());
    assertEquals(1, simulator.calls().count(SimEndpoint.PIN), "only the stop needs the control token");
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  @DisplayName("a CCS2 car whose wake answers the state itself: fresh from that answer, no re-read of /latest")
  void synchronousCcs2Wake(VertxTestContext ctx) {
    SimCar ccs2 = simulator.cars().stream().filter(SimCar::ccs2).findFirst().orElseThrow();
    simulator.setSynchronousWake(true);
    String results = base + "/" + ccs2.vehicleId() + "/commands/result";
    bridge()
        .compose(v -> observer.awaitMessage(base + "/" + ccs2.vehicleId() + "/battery/level", m -> true))
        .compose(v -> {
          simulator.calls().reset();
          observer.publish(base + "/" + ccs2.vehicleId() + "/commands/refresh", "{\"mode\":\"force\",\"id\":\"s-1\"}",
              1, false);
          return observer.awaitMessage(results, m -> m.payload().contains("\"s-1\""));
        })
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          JsonObject outcome = new JsonObject(result.payload());
          assertEquals("ok", outcome.getString("status"), outcome.encode());
          assertEquals("fresh", outcome.getString("data_source"), outcome.encode());
          assertEquals(1, simulator.calls().count(SimEndpoint.CCS2_FORCE));
          assertEquals(1, simulator.calls().count(SimEndpoint.CCS2_LATEST), "only the read before the wake");
          ctx.completeNow();
        })));
  }

  /** §6.1 gives China only its climate route and "lock & charge like EU legacy". */
  @Override
  java.util.Set<String> carActions() {
    return java.util.Set.of("lock", "climate", "charge");
  }

  @Test
  @Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
  @DisplayName("China has no charge port, charge limit or window command: unsupported with no call, even on a CCS2 car")
  void actionsChinaLacks(VertxTestContext ctx) {
    SimCar ccs2 = ccs2Car();
    bridge()
        .compose(v -> act(car(), "charge_port", "{\"action\":\"open\",\"id\":\"cp-1\"}", "cp-1"))
        .compose(port -> {
          ctx.verify(() -> assertUnsupportedWithoutCall(port, "charge_port"));
          return act(ccs2, "charge_limits", "{\"ac\":80,\"dc\":90,\"id\":\"cl-1\"}", "cl-1");
        })
        .compose(limits -> {
          ctx.verify(() -> assertUnsupportedWithoutCall(limits, "charge_limits"));
          return act(ccs2, "windows", "{\"action\":\"close\",\"id\":\"w-1\"}", "w-1");
        })
        .onComplete(ctx.succeeding(windows -> ctx.verify(() -> {
          assertUnsupportedWithoutCall(windows, "windows");
          assertEquals(0, simulator.calls().count(SimEndpoint.PORT_DOOR_CONTROL)
              + simulator.calls().count(SimEndpoint.CHARGE_TARGET) + simulator.calls().count(SimEndpoint.WINDOW_CONTROL)
              + simulator.calls().count(SimEndpoint.PIN), "nothing sent, no control token asked for");
          ctx.completeNow();
        })));
  }
}
