package io.bluelinkmqtt.sim;

import io.bluelinkmqtt.testsupport.TestClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.domain.Brand;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Vehicle list and cached data shapes (legacy and CCS2), locations, driving history, device checks. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class SimVehiclesTest {

  static final String LEGACY = "7d3c2e1a-5b4f-4a6e-9c8d-1f2e3a4b5c6d";
  static final String CCS2 = "0f9e8d7c-6b5a-4c3d-8e2f-a1b2c3d4e5f6";
  private static final String API = "/api/v1/spa/vehicles/";

  // 2026-09-20 10:00 in Berlin (CEST, UTC+2)
  private final TestClock clock = new TestClock(Instant.parse("2026-09-20T08:00:00Z"));
  private EuSimulator sim;
  private SimTestClient client;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    sim = new EuSimulator(vertx, SimulatorSettings.defaults(Brand.HYUNDAI).withClock(clock)
        .withForceDelays(Duration.ofMillis(60), Duration.ofMillis(40)));
    // created on the test thread, so its class loading does not stall an event loop
    client = new SimTestClient(vertx, sim);
    client.startAndLogin().onComplete(ctx.succeedingThenComplete());
  }

  @AfterEach
  void stop(VertxTestContext ctx) {
    sim.stop().onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("the vehicle list has one legacy and one CCS2 EV with the §3.1 fields")
  void vehicleList(VertxTestContext ctx) {
    client.get("/api/v1/spa/vehicles").onComplete(ctx.succeeding(resp -> ctx.verify(() -> {
      JsonObject body = resp.bodyAsJsonObject();
      assertEquals(200, resp.statusCode());
      assertEquals("S", body.getString("retCode"));
      assertEquals("0000", body.getString("resCode"));
      assertEquals(36, body.getString("msgId").length());
      JsonArray list = body.getJsonObject("resMsg").getJsonArray("vehicles");
      assertEquals(2, list.size());
      JsonObject legacy = list.getJsonObject(0);
      assertEquals(LEGACY, legacy.getString("vehicleId"));
      assertEquals("KMHK581GFLU012345", legacy.getString("vin"));
      assertEquals("Family Kona", legacy.getString("nickname"));
      assertEquals("Kona Electric", legacy.getString("vehicleName"));
      assertEquals("EV", legacy.getString("type"));
      assertEquals(0, legacy.getInteger("ccuCCS2ProtocolSupport"));
      assertTrue(legacy.containsKey("regDate"));
      assertEquals(1, list.getJsonObject(1).getInteger("ccuCCS2ProtocolSupport"));
      assertEquals(CCS2, list.getJsonObject(1).getString("vehicleId"));
      assertEquals(1, sim.calls().count(SimEndpoint.VEHICLES));
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("cached legacy status: vehicleStatusInfo with local time, odometer, location, last targetSOC entry wins")
  void cachedLegacyStatus(VertxTestContext ctx) {
    SimCar car = sim.car(LEGACY);
    car.setSoc(57);
    car.setAuxBatteryLevel(SimCar.SENTINEL);
    car.setLastUpdated(Instant.parse("2026-09-20T07:30:15Z"));
    client.get(API + LEGACY + "/status/latest").onComplete(ctx.succeeding(resp -> ctx.verify(() -> {
      JsonObject info = resp.bodyAsJsonObject().getJsonObject("resMsg").getJsonObject("vehicleStatusInfo");
      JsonObject status = info.getJsonObject("vehicleStatus");
      assertEquals("20260920093015", status.getString("time"));
      assertEquals(57, status.getJsonObject("evStatus").getInteger("batteryStatus"));
      assertEquals(255, status.getJsonObject("battery").getInteger("batSoc"));
      assertEquals(true, status.getBoolean("doorLock"));
      assertEquals("0FH", status.getJsonObject("airTemp").getString("value"));
      assertEquals(12_345.6, info.getJsonObject("odometer").getDouble("value"));
      assertEquals(1, info.getJsonObject("odometer").getInteger("unit"));
      assertEquals(52.520_008, info.getJsonObject("vehicleLocation").getJsonObject("coord").getDouble("lat"));
      JsonArray targets = status.getJsonObject("evStatus").getJsonObject("reservChargeInfos")
          .getJsonArray("targetSOClist");
      assertEquals(80, targets.getJsonObject(targets.size() - 1).getInteger("targetSOClevel"));
      assertEquals(1, targets.getJsonObject(targets.size() - 1).getInteger("plugType"));
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("cached CCS2 status: epoch-ms lastUpdateTime, UTC Date, inverted Lock, OFF set-point")
  void cachedCcs2Status(VertxTestContext ctx) {
    SimCar car = sim.car(CCS2);
    car.setLastUpdated(Instant.parse("2026-09-20T07:45:00.250Z"));
    car.setLocked(true);
    client.get(API + CCS2 + "/ccs2/carstatus/latest").onComplete(ctx.succeeding(resp -> ctx.verify(() -> {
      JsonObject resMsg = resp.bodyAsJsonObject().getJsonObject("resMsg");
      assertEquals(Long.toString(Instant.parse("2026-09-20T07:45:00.250Z").toEpochMilli()),
          resMsg.getString("lastUpdateTime"));
      JsonObject v = resMsg.getJsonObject("state").getJsonObject("Vehicle");
      assertEquals("20260920074500.250", v.getString("Date"));
      assertEquals(48, v.getJsonObject("Green").getJsonObject("BatteryManagement").getJsonObject("BatteryRemain")
          .getInteger("Ratio"));
      assertEquals(0, v.getJsonObject("Cabin").getJsonObject("Door").getJsonObject("Row1").getJsonObject("Driver")
          .getInteger("Lock"));
      assertEquals("OFF", v.getJsonObject("Cabin").getJsonObject("HVAC").getJsonObject("Row1")
          .getJsonObject("Driver").getJsonObject("Temperature").getString("Value"));
      assertEquals(3_210.0, v.getJsonObject("Drivetrain").getDouble("Odometer"));
      assertEquals(86, v.getJsonObject("Electronics").getJsonObject("Battery").getInteger("Level"));
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("the format a car does not speak has no data (5921)")
  void wrongFormatEndpointHasNoData(VertxTestContext ctx) {
    client.get(API + LEGACY + "/ccs2/carstatus/latest").onComplete(ctx.succeeding(resp -> ctx.verify(() -> {
      assertEquals("F", resp.bodyAsJsonObject().getString("retCode"));
      assertEquals("5921", resp.bodyAsJsonObject().getString("resCode"));
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("park location has local time, live location gpsDetail has UTC time")
  void locations(VertxTestContext ctx) {
    sim.car(LEGACY).setLastUpdated(Instant.parse("2026-09-20T07:30:15Z"));
    client.get(API + LEGACY + "/location/park")
        .compose(park -> {
          ctx.verify(() -> {
            JsonObject resMsg = park.bodyAsJsonObject().getJsonObject("resMsg");
            assertEquals("20260920093015", resMsg.getString("time"));
            assertEquals(13.404_954, resMsg.getJsonObject("coord").getDouble("lon"));
          });
          return client.get(API + LEGACY + "/location");
        })
        .onComplete(ctx.succeeding(live -> ctx.verify(() -> {
          JsonObject gps = live.bodyAsJsonObject().getJsonObject("resMsg").getJsonObject("gpsDetail");
          assertEquals("20260920073015", gps.getString("time"));
          assertEquals(1, sim.calls().count(SimEndpoint.LOCATION));
          assertEquals(1, sim.calls().count(SimEndpoint.LOCATION_PARK, LEGACY));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("drvhistory: periodTarget 1 gives all-time totals, 0 gives 30 days plus per-day details")
  void drivingHistory(VertxTestContext ctx) {
    client.ccapi(HttpMethod.POST, API + LEGACY + "/drvhistory").sendJsonObject(new JsonObject().put("periodTarget", 1))
        .compose(all -> {
          ctx.verify(() -> {
            JsonObject total =
                all.bodyAsJsonObject().getJsonObject("resMsg").getJsonArray("drivingInfo").getJsonObject(0);
            assertEquals(12_346, total.getInteger("calculativeOdo"));
            assertTrue(total.getLong("totalPwrCsp") > 0);
          });
          return client.ccapi(HttpMethod.POST, API + LEGACY + "/drvhistory")
              .sendJsonObject(new JsonObject().put("periodTarget", 0));
        })
        .onComplete(ctx.succeeding(month -> ctx.verify(() -> {
          JsonObject resMsg = month.bodyAsJsonObject().getJsonObject("resMsg");
          assertEquals(0, resMsg.getJsonArray("drivingInfo").getJsonObject(0).getInteger("drivingPeriod"));
          JsonArray days = resMsg.getJsonArray("drivingInfoDetail");
          assertEquals(3, days.size());
          assertEquals("20260920", days.getJsonObject(2).getString("drivingDate"));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("an unknown device id is refused with 4002, and the call is still logged")
  void unknownDeviceId(VertxTestContext ctx) {
    sim.forgetDevices();
    client.get("/api/v1/spa/vehicles").onComplete(ctx.succeeding(resp -> ctx.verify(() -> {
      assertEquals("4002", resp.bodyAsJsonObject().getString("resCode"));
      assertFalse(resp.bodyAsJsonObject().containsKey("vehicles"));
      assertEquals(1, sim.calls().count(SimEndpoint.VEHICLES));
      ctx.completeNow();
    })));
  }
}
