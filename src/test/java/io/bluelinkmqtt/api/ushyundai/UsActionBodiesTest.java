package io.bluelinkmqtt.api.ushyundai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.bluelinkmqtt.api.VehicleActions.ActionState;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.ClimateCommand.ClimateSettings;
import io.bluelinkmqtt.domain.ClimateCommand.Seats;
import io.bluelinkmqtt.domain.Vehicle;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The §6.3 bodies: °C commands on the cars' whole-°F dial, what generation 3 adds, and the running-status answers. */
class UsActionBodiesTest {

  private static final Vehicle ICE = new Vehicle("H2SANTAFE002", "H2SANTAFE002", "5NMS3DAJ0PH000002", null, null,
      Brand.HYUNDAI, Vehicle.EngineType.ICE);

  @Test
  @DisplayName("°C to whole °F, kept within 62–82 °F")
  void fahrenheitDial() {
    assertEquals(70, UsActionBodies.fahrenheit(21.0));
    assertEquals(72, UsActionBodies.fahrenheit(22.0));
    assertEquals(62, UsActionBodies.fahrenheit(14.0), "57 °F is below the dial");
    assertEquals(82, UsActionBodies.fahrenheit(30.0), "86 °F is above the dial");
  }

  @Test
  @DisplayName("EV climate: value as a °F string with unit 1; generation 3 adds the duration and the seats")
  void evClimate() {
    ClimateSettings s = new ClimateSettings(22.0, 15, true, true, new Seats(6, 0, 0, 0));
    JsonObject gen2 = UsActionBodies.evClimate(s, false);
    assertEquals(new JsonObject().put("airCtrl", 1).put("airTemp", new JsonObject().put("value", "72").put("unit", 1))
        .put("defrost", true).put("heating1", UsActionBodies.HEATING_STEERING_WHEEL), gen2);
    JsonObject gen3 = UsActionBodies.evClimate(s, true);
    assertEquals(15, gen3.getInteger("igniOnDuration"));
    assertEquals(new JsonObject().put("drvSeatHeatState", 6).put("astSeatHeatState", 0).put("rlSeatHeatState", 0)
        .put("rrSeatHeatState", 0), gen3.getJsonObject("seatHeaterVentInfo"));
  }

  @Test
  @DisplayName("combustion climate (remote start): a °F number, Ims 0, the user and the real VIN; no seats when left out")
  void iceClimate() {
    JsonObject body = UsActionBodies.iceClimate(ClimateSettings.DEFAULTS, "me@example.com", ICE);
    assertEquals(70, body.getJsonObject("airTemp").getInteger("value"));
    assertEquals(0, body.getInteger("Ims"));
    assertEquals("me@example.com", body.getString("username"));
    assertEquals(ICE.vin(), body.getString("vin"));
    assertEquals(10, body.getInteger("igniOnDuration"));
    assertFalse(body.containsKey("seatHeaterVentInfo"));
  }

  @Test
  @DisplayName("getRunningStatus: SUCCESS, ERROR, PENDING, and an empty body is not known yet")
  void runningStatus() {
    assertEquals(ActionState.SUCCESS, UsActions.state(new JsonObject().put("status", "SUCCESS")));
    assertEquals(ActionState.FAIL, UsActions.state(new JsonObject().put("status", "ERROR")));
    assertEquals(ActionState.PENDING, UsActions.state(new JsonObject().put("status", "PENDING")));
    assertEquals(ActionState.PENDING, UsActions.state(new JsonObject()));
  }
}
