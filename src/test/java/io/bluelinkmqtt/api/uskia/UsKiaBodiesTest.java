package io.bluelinkmqtt.api.uskia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.api.ApiException;
import io.bluelinkmqtt.api.ApiException.Kind;
import io.bluelinkmqtt.api.UpstreamResponse;
import io.bluelinkmqtt.api.uskia.mapping.UsKiaStatusMapper;
import io.bluelinkmqtt.domain.ChargeCommand;
import io.bluelinkmqtt.domain.ChargeLimitsCommand;
import io.bluelinkmqtt.domain.ClimateCommand;
import io.bluelinkmqtt.domain.ClimateCommand.ClimateSettings;
import io.bluelinkmqtt.domain.ClimateCommand.Seats;
import io.bluelinkmqtt.domain.LockCommand;
import io.bluelinkmqtt.domain.VehicleData;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The US Kia request bodies (§6.4), its status envelope (§8.4) and the mapper on odd answers (§5.6). */
class UsKiaBodiesTest {

  private static UpstreamResponse response(int http, String body) {
    return new UpstreamResponse(http, MultiMap.caseInsensitiveMultiMap(), Buffer.buffer(body));
  }

  private static Kind kindOf(int http, String body) {
    return assertThrows(ApiException.class, () -> UsKiaErrors.checkEnvelope(response(http, body))).kind();
  }

  @Test
  @DisplayName("envelope: 0 ok; 1003/1005 session; 1001 credentials; 429 or a limit message the quota; others refused")
  void envelope() {
    String ok = "{\"status\":{\"statusCode\":0,\"errorType\":0,\"errorCode\":0},\"payload\":{}}";
    assertEquals(new JsonObject(ok), UsKiaErrors.checkEnvelope(response(200, ok)));
    String session = "{\"status\":{\"statusCode\":1,\"errorType\":1,\"errorCode\":%d,"
        + "\"errorMessage\":\"Session Key is either invalid or expired\"}}";
    assertEquals(Kind.TOKEN_EXPIRED, kindOf(200, session.formatted(1003)));
    assertEquals(Kind.TOKEN_EXPIRED, kindOf(200, session.formatted(1005)));
    assertEquals(Kind.AUTH_FAILED, kindOf(200, "{\"status\":{\"statusCode\":1,\"errorCode\":1001}}"));
    assertEquals(Kind.RATE_LIMITED, kindOf(429, "{}"));
    assertEquals(Kind.RATE_LIMITED, kindOf(200, "{\"status\":{\"statusCode\":1,\"errorCode\":7,"
        + "\"errorMessage\":\"You have exceeded the daily limit\"}}"));
    assertEquals(Kind.OTHER, kindOf(200, "{\"status\":{\"statusCode\":1,\"errorCode\":9001}}"));
    assertEquals(Kind.SERVER_ERROR, kindOf(503, ""));
    assertEquals(Kind.BAD_RESPONSE, kindOf(200, "<html>"));
  }

  @Test
  @DisplayName("lock/unlock and stops are GETs without a body; charge start {chargeRatio:100}")
  void simpleActions() {
    assertEquals(new UsKiaActions.Request(HttpMethod.GET, "/rems/door/lock", null),
        UsKiaActions.request(new LockCommand("car1", true)));
    assertEquals(new UsKiaActions.Request(HttpMethod.GET, "/rems/door/unlock", null),
        UsKiaActions.request(new LockCommand("car1", false)));
    assertEquals(new UsKiaActions.Request(HttpMethod.GET, "/rems/stop", null),
        UsKiaActions.request(ClimateCommand.stop("car1")));
    assertEquals(new UsKiaActions.Request(HttpMethod.POST, "/evc/charge", new JsonObject().put("chargeRatio", 100)),
        UsKiaActions.request(new ChargeCommand("car1", true)));
    assertEquals(new UsKiaActions.Request(HttpMethod.GET, "/evc/cancel", null),
        UsKiaActions.request(new ChargeCommand("car1", false)));
  }

  @Test
  @DisplayName("climate start: °C on the whole-°F dial (LOW below 62, HIGH above 82), duration unit 4, seats by level")
  void climateBody() {
    JsonObject body = UsKiaActions.climateBody(new ClimateSettings(22.0, 15, true, true, new Seats(8, 5, 0, 1)))
        .getJsonObject("remoteClimate");
    assertEquals(new JsonObject().put("unit", 1).put("value", "72"), body.getJsonObject("airTemp"));
    assertEquals(new JsonObject().put("unit", 4).put("value", 15), body.getJsonObject("ignitionOnDuration"));
    assertTrue(body.getBoolean("airCtrl"));
    assertTrue(body.getBoolean("defrost"));
    assertEquals(1, body.getJsonObject("heatingAccessory").getInteger("steeringWheel"));
    JsonObject seats = body.getJsonObject("heatVentSeat");
    assertEquals(new JsonObject().put("heatVentType", 1).put("heatVentLevel", 4).put("heatVentStep", 1),
        seats.getJsonObject("driverSeat"));
    assertEquals(new JsonObject().put("heatVentType", 2).put("heatVentLevel", 4).put("heatVentStep", 1),
        seats.getJsonObject("passengerSeat"));
    assertEquals(new JsonObject().put("heatVentType", 0).put("heatVentLevel", 1).put("heatVentStep", 0),
        seats.getJsonObject("rearLeftSeat"));
    assertEquals("LOW", UsKiaActions.climateBody(new ClimateSettings(14.0, 10, false, false, null))
        .getJsonObject("remoteClimate").getJsonObject("airTemp").getString("value"));
    assertEquals("HIGH", UsKiaActions.climateBody(new ClimateSettings(30.0, 10, false, false, null))
        .getJsonObject("remoteClimate").getJsonObject("airTemp").getString("value"));
    assertFalse(UsKiaActions.climateBody(ClimateSettings.DEFAULTS).getJsonObject("remoteClimate")
        .containsKey("heatVentSeat"), "seats untouched unless commanded");
  }

  @Test
  @DisplayName("cmm/gts: done only when every value is 0")
  void actionStatus() {
    assertTrue(UsKiaActions.allZero(new JsonObject().put("remoteStatus", 0).put("evStatus", 0)));
    assertFalse(UsKiaActions.allZero(new JsonObject().put("remoteStatus", 1).put("evStatus", 0)));
    assertFalse(UsKiaActions.allZero(new JsonObject()));
    assertFalse(UsKiaActions.allZero(null));
  }

  @Test
  @DisplayName("odd answers map to fewer values, never an exception: strings, OFF/LOW, unknown units, 255, bad dates")
  void oddAnswers() {
    assertEquals(VehicleData.EMPTY, UsKiaStatusMapper.fromVehicleInfo(null));
    assertEquals(VehicleData.EMPTY, UsKiaStatusMapper.fromVehicleInfo(new JsonObject()));
    JsonObject info = new JsonObject("""
        {"vehicleConfig":{"vehicleDetail":{"vehicle":{"mileage":"n/a"}}},
         "lastVehicleInfo":{"vehicleStatusRpt":{"vehicleStatus":{
           "syncDate":{"utc":"Tue, 24 Jun 2025 16:18:10 GMT"},
           "batteryStatus":{"stateOfCharge":255},
           "climate":{"airCtrl":true,"airTemp":{"value":"LOW"}},
           "doorLock":"yes",
           "evStatus":{"batteryStatus":"80","batteryPlugin":2,
             "drvDistance":[{"rangeByFuel":{"evModeRange":{"value":100,"unit":0}}}],
             "targetSOC":[{"plugType":1,"targetSOClevel":0}]}}},
          "location":{"coord":{"lat":0,"lon":0}}}}
        """);
    VehicleData data = UsKiaStatusMapper.fromVehicleInfo(info);
    assertEquals(Instant.parse("2025-06-24T16:18:10Z"), data.lastUpdated());
    assertNull(data.auxBatteryLevel(), "255 is no reading");
    assertNull(data.odometer());
    assertNull(data.climate().setTemperature(), "LOW is no number");
    assertTrue(data.climate().on());
    assertNull(data.openings().locked());
    assertEquals(80, data.battery().level());
    assertTrue(data.battery().pluggedIn());
    assertNull(data.ev().range(), "a range without a known unit is left out");
    assertNull(data.ev().chargeLimitAc(), "0 means no data");
    assertNull(data.location(), "0/0 is no position");
    assertNull(UsKiaStatusMapper.time(new JsonObject().put("utc", "yesterday")));
  }

  @Test
  @DisplayName("charge limits: POST evc/sts with targetSOClist, DC as plug type 0 and AC as 1; both levels needed")
  void chargeLimits() {
    JsonObject expected = new JsonObject().put("targetSOClist", new JsonArray()
        .add(new JsonObject().put("plugType", 0).put("targetSOClevel", 90))
        .add(new JsonObject().put("plugType", 1).put("targetSOClevel", 60)));
    assertEquals(new UsKiaActions.Request(HttpMethod.POST, "/evc/sts", expected),
        UsKiaActions.request(new ChargeLimitsCommand("car1", 60, 90)));
    assertThrows(ApiException.class, () -> UsKiaActions.request(new ChargeLimitsCommand("car1", 60, null)),
        "a level left out is the action service's to fill, never guessed here");
  }
}
