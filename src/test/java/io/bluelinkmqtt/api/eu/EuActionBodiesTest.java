package io.bluelinkmqtt.api.eu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.api.VehicleActions.ActionState;
import io.bluelinkmqtt.api.eu.EuActionBodies.ActionRequest;
import io.bluelinkmqtt.domain.ActionCommand;
import io.bluelinkmqtt.domain.ChargeCommand;
import io.bluelinkmqtt.domain.ChargeLimitsCommand;
import io.bluelinkmqtt.domain.ChargePortCommand;
import io.bluelinkmqtt.domain.ChargingCurrentCommand;
import io.bluelinkmqtt.domain.ClimateCommand;
import io.bluelinkmqtt.domain.ClimateCommand.ClimateSettings;
import io.bluelinkmqtt.domain.ClimateCommand.Seats;
import io.bluelinkmqtt.domain.CommandName;
import io.bluelinkmqtt.domain.LockCommand;
import io.bluelinkmqtt.domain.SignalCommand;
import io.bluelinkmqtt.domain.Vehicle.EngineType;
import io.bluelinkmqtt.domain.WindowsCommand;
import io.bluelinkmqtt.domain.WindowsCommand.Position;
import java.util.EnumSet;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EuActionBodiesTest {

  @Test
  @DisplayName("the legacy set-point code indexes the 0.5 °C table from 14 °C (§5.2)")
  void tempCode() {
    assertEquals("00H", EuActionBodies.tempCode(14.0));
    assertEquals("06H", EuActionBodies.tempCode(17.0));
    assertEquals("0FH", EuActionBodies.tempCode(21.5));
    assertEquals("10H", EuActionBodies.tempCode(22.0));
    assertEquals("1FH", EuActionBodies.tempCode(29.5));
    assertEquals("20H", EuActionBodies.tempCode(30.0));
  }

  @Test
  @DisplayName("the action's record decides: success, fail, non-response; null, another id or no list is pending")
  void recordState() {
    JsonObject records = new JsonObject().put("resMsg", new JsonArray()
        .add(new JsonObject().put("recordId", "a").put("result", "success"))
        .add(new JsonObject().put("recordId", "b").put("result", "fail"))
        .add(new JsonObject().put("recordId", "c").put("result", "non-response"))
        .add(new JsonObject().put("recordId", "d").putNull("result")));
    assertEquals(ActionState.SUCCESS, ActionRecords.state(records, "a"));
    assertEquals(ActionState.FAIL, ActionRecords.state(records, "b"));
    assertEquals(ActionState.NO_RESPONSE, ActionRecords.state(records, "c"));
    assertEquals(ActionState.PENDING, ActionRecords.state(records, "d"));
    assertEquals(ActionState.PENDING, ActionRecords.state(records, "z"));
    assertEquals(ActionState.PENDING, ActionRecords.state(new JsonObject().put("resMsg", new JsonArray()), "a"));
    assertEquals(ActionState.PENDING, ActionRecords.state(new JsonObject(), "a"));
  }

  private static final String V1 = "/api/v1/spa/vehicles/VID";
  private static final String V2 = "/api/v2/spa/vehicles/VID";

  private static void assertRequest(ActionCommand action, boolean ccs2, String path, boolean control, String body) {
    ActionRequest request = EuActionBodies.request(action, ccs2, "VID", false);
    assertEquals(path, request.path(), action.toString());
    assertEquals(control, request.control(), "CTRL (control token) or AUTH (access token): " + action);
    assertEquals(new JsonObject(body), request.body("DEV"), action.toString());
  }

  @Test
  @DisplayName("§6.1, legacy car: paths, AUTH/CTRL and bodies of every action")
  void legacyRequests() {
    assertRequest(new LockCommand("V", true), false, V1 + "/control/door", false,
        "{\"action\":\"close\",\"deviceId\":\"DEV\"}");
    assertRequest(new ChargeCommand("V", false), false, V1 + "/control/charge", false,
        "{\"action\":\"stop\",\"deviceId\":\"DEV\"}");
    assertRequest(new ChargeLimitsCommand("V", 80, 90), false, V1 + "/charge/target", false,
        "{\"targetSOClist\":[{\"plugType\":0,\"targetSOClevel\":90},{\"plugType\":1,\"targetSOClevel\":80}]}");
    assertRequest(new ChargePortCommand("V", true), false, V2 + "/control/portdoor", true, "{\"action\":\"open\"}");
    assertRequest(new ChargePortCommand("V", false), false, V2 + "/control/portdoor", true, "{\"action\":\"close\"}");
    assertRequest(new WindowsCommand("V", Position.OPEN, Position.CLOSE, Position.VENT, Position.CLOSE), false,
        V2 + "/control/windowcurtain", true, "{\"frontLeft\":1,\"frontRight\":0,\"backLeft\":2,\"backRight\":0}");
    assertThrows(IllegalArgumentException.class,
        () -> EuActionBodies.request(new ChargingCurrentCommand("V", 90), false, "VID", false), "CCS2 only");
    assertThrows(IllegalArgumentException.class,
        () -> EuActionBodies.request(new SignalCommand("V", CommandName.HAZARD), false, "VID", false), "CCS2 only");
  }

  @Test
  @DisplayName("§6.1, CCS2 car: paths, AUTH/CTRL and bodies of every action")
  void ccs2Requests() {
    assertRequest(new LockCommand("V", false), true, V2 + "/ccs2/control/door", true, "{\"command\":\"open\"}");
    assertRequest(new ChargeCommand("V", true), true, V2 + "/ccs2/control/charge", true, "{\"command\":\"start\"}");
    assertRequest(ClimateCommand.stop("V"), true, V2 + "/ccs2/control/temperature", true, "{\"command\":\"stop\"}");
    assertRequest(new ChargeLimitsCommand("V", 100, 50), true, V1 + "/charge/target", false,
        "{\"targetSOClist\":[{\"plugType\":0,\"targetSOClevel\":50},{\"plugType\":1,\"targetSOClevel\":100}]}");
    assertRequest(new ChargingCurrentCommand("V", 100), true, V1 + "/ccs2/charge/chargingcurrent", false,
        "{\"chargingCurrent\":1}");
    assertRequest(new ChargingCurrentCommand("V", 90), true, V1 + "/ccs2/charge/chargingcurrent", false,
        "{\"chargingCurrent\":2}");
    assertRequest(new ChargingCurrentCommand("V", 60), true, V1 + "/ccs2/charge/chargingcurrent", false,
        "{\"chargingCurrent\":3}");
    assertRequest(new ChargePortCommand("V", true), true, V2 + "/control/portdoor", true, "{\"action\":\"open\"}");
    assertRequest(WindowsCommand.all("V", Position.VENT), true, V2 + "/control/windowcurtain", true,
        "{\"frontLeft\":2,\"frontRight\":2,\"backLeft\":2,\"backRight\":2}");
    assertRequest(new SignalCommand("V", CommandName.HAZARD), true, V2 + "/ccs2/control/light", true,
        "{\"command\":\"on\"}");
    assertRequest(new SignalCommand("V", CommandName.HORN_LIGHTS), true, V2 + "/ccs2/control/hornlight", true,
        "{\"command\":\"on\"}");
  }

  @Test
  @DisplayName("CCS2 climate: drvSeatLoc R for a right-hand-drive car; the retry body drops only seatClimateInfo")
  void ccs2ClimateFallbackAndRhd() {
    ClimateCommand start = new ClimateCommand("V", true, new ClimateSettings(22.0, 10, false, true, new Seats(6, 0, 0, 0)));
    JsonObject lhd = EuActionBodies.request(start, true, "VID", false).body("DEV");
    JsonObject rhd = EuActionBodies.request(start, true, "VID", true).body("DEV");
    assertEquals("L", lhd.getString("drvSeatLoc"));
    assertEquals("R", rhd.getString("drvSeatLoc"));
    assertEquals(6, rhd.getJsonObject("seatClimateInfo").getInteger("drvSeatClimateState"), "seats named by role");
    ActionRequest retry = EuActionBodies.withoutSeats(start, "VID", false);
    JsonObject expected = lhd.copy();
    expected.remove("seatClimateInfo");
    assertEquals(expected, retry.body("DEV"));
    assertEquals(V2 + "/ccs2/control/temperature", retry.path());
    assertNull(EuActionBodies.withoutSeats(new ClimateCommand("V", true, ClimateSettings.DEFAULTS), "VID", false),
        "no seats, nothing to retry without");
    assertNull(EuActionBodies.withoutSeats(ClimateCommand.stop("V"), "VID", false));
  }

  @Test
  @DisplayName("the actions offered per car: charging ones for EV/PHEV only, current/hazard/horn for CCS2 only")
  void offeredActions() {
    assertEquals(EnumSet.of(CommandName.LOCK, CommandName.CLIMATE, CommandName.WINDOWS, CommandName.CHARGE,
        CommandName.CHARGE_LIMITS, CommandName.CHARGE_PORT), EuActionBodies.offered(EngineType.EV, false));
    assertEquals(EnumSet.complementOf(EnumSet.of(CommandName.REFRESH)), EuActionBodies.offered(EngineType.PHEV, true));
    assertEquals(EnumSet.of(CommandName.LOCK, CommandName.CLIMATE, CommandName.WINDOWS),
        EuActionBodies.offered(EngineType.ICE, false));
    assertEquals(EnumSet.of(CommandName.LOCK, CommandName.CLIMATE, CommandName.WINDOWS, CommandName.HAZARD,
        CommandName.HORN_LIGHTS), EuActionBodies.offered(EngineType.HEV, true));
    assertFalse(EuActionBodies.offered(EngineType.UNKNOWN, true).contains(CommandName.CHARGE));
    assertTrue(EuActionBodies.offered(EngineType.UNKNOWN, true).contains(CommandName.LOCK));
  }
}
