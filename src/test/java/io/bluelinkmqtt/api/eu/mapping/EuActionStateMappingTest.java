package io.bluelinkmqtt.api.eu.mapping;

import static io.bluelinkmqtt.api.eu.mapping.MapperFixtures.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.bluelinkmqtt.domain.VehicleData;
import io.bluelinkmqtt.domain.VehicleData.ActionState;
import io.bluelinkmqtt.domain.VehicleData.WindowPosition;
import io.vertx.core.json.JsonObject;
import java.time.ZoneId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The state the charge port, charging current and windows actions change, read from the EU status (protocol doc
 * §5.1 code tables, §5.3 legacy, §5.4 CCS2): every code of the tables, and the unknown ones left absent.
 */
class EuActionStateMappingTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static ActionState legacy(JsonObject vehicleStatus) {
    return EuVehicleDataMapper.fromLegacyForced(vehicleStatus, BERLIN).actionState();
  }

  private static ActionState ccs2(JsonObject resMsg) {
    return EuVehicleDataMapper.fromCcs2(resMsg).actionState();
  }

  private static JsonObject ccs2Vehicle(JsonObject resMsg) {
    return resMsg.getJsonObject("state").getJsonObject("Vehicle");
  }

  @ParameterizedTest(name = "chargePortDoorOpenStatus {0} -> {1}")
  @CsvSource(value = {"1, true", "2, false", "'\"2\"', false", "0, null", "3, null", "true, null"}, nullValues = "null")
  @DisplayName("legacy evStatus.chargePortDoorOpenStatus: 1 open, 2 closed, anything else unknown")
  void legacyChargePort(String code, Boolean open) {
    JsonObject status = load(MapperFixtures.LEGACY_FORCED_WINTER);
    status.getJsonObject("evStatus").put("chargePortDoorOpenStatus", new JsonObject("{\"v\":" + code + "}")
        .getValue("v"));
    assertEquals(open, legacy(status).chargePortOpen());
    assertNull(legacy(status).chargingCurrentPercent(), "legacy cars report no charging current");
  }

  @ParameterizedTest(name = "ChargingDoor.State {0} -> {1}")
  @CsvSource(value = {"1, true", "0, false", "2, false", "'\"1\"', true", "3, null", "-1, null"}, nullValues = "null")
  @DisplayName("CCS2 Green.ChargingDoor.State: 1 open, 0 or 2 closed, anything else unknown")
  void ccs2ChargePort(String code, Boolean open) {
    JsonObject resMsg = load(MapperFixtures.CCS2_EV);
    ccs2Vehicle(resMsg).getJsonObject("Green").put("ChargingDoor",
        new JsonObject().put("State", new JsonObject("{\"v\":" + code + "}").getValue("v")));
    assertEquals(open, ccs2(resMsg).chargePortOpen());
  }

  @ParameterizedTest(name = "ElectricCurrentLevel.State {0} -> {1} %")
  @CsvSource(value = {"1, 100", "2, 90", "3, 60", "'\"3\"', 60", "0, null", "4, null", "1.5, null"},
      nullValues = "null")
  @DisplayName("CCS2 ElectricCurrentLevel.State: 1/2/3 = 100/90/60 %; 0 (a car that reports none) is absent")
  void ccs2ChargingCurrent(String code, Integer percent) {
    JsonObject resMsg = load(MapperFixtures.CCS2_EV);
    ccs2Vehicle(resMsg).getJsonObject("Green").getJsonObject("ChargingInformation").put("ElectricCurrentLevel",
        new JsonObject().put("State", new JsonObject("{\"v\":" + code + "}").getValue("v")));
    assertEquals(percent, ccs2(resMsg).chargingCurrentPercent());
  }

  @ParameterizedTest(name = "windowOpen {0} -> {1}")
  @CsvSource(value = {"0, CLOSED", "1, OPEN", "2, VENT", "true, OPEN", "false, CLOSED", "'\"1\"', OPEN", "7, null",
      "'\"x\"', null"}, nullValues = "null")
  @DisplayName("legacy windowOpen.*: 0 closed, 1 open, 2 ventilation (a flag where the car sends booleans)")
  void legacyWindows(String code, WindowPosition position) {
    JsonObject status = load(MapperFixtures.LEGACY_FORCED_WINTER);
    status.getJsonObject("windowOpen").put("backRight", new JsonObject("{\"v\":" + code + "}").getValue("v"));
    ActionState state = legacy(status);
    assertEquals(position, state.rearRight());
    assertEquals(WindowPosition.CLOSED, state.frontLeft());
  }

  @ParameterizedTest(name = "Open {0}, OpenLevel {1} -> {2}")
  @CsvSource(value = {"0, 0, CLOSED", "1, 0, OPEN", "1, 2, OPEN", "0, 1, VENT", "0, '\"3\"', VENT", "null, null, null",
      "null, 0, CLOSED", "false, null, CLOSED", "true, null, OPEN"}, nullValues = "null")
  @DisplayName("CCS2 Cabin.Window.*: Open (fully) wins over OpenLevel above 0 (vent); one known closed reading "
      + "is enough")
  void ccs2Windows(String open, String level, WindowPosition position) {
    JsonObject resMsg = load(MapperFixtures.CCS2_EV);
    JsonObject window = new JsonObject();
    if (open != null) {
      window.put("Open", new JsonObject("{\"v\":" + open + "}").getValue("v"));
    }
    if (level != null) {
      window.put("OpenLevel", new JsonObject("{\"v\":" + level + "}").getValue("v"));
    }
    ccs2Vehicle(resMsg).getJsonObject("Cabin").getJsonObject("Window").getJsonObject("Row2").put("Left", window);
    ActionState state = ccs2(resMsg);
    assertEquals(position, state.rearLeft());
    assertEquals(WindowPosition.CLOSED, state.rearRight());
  }

  @Test
  @DisplayName("GET charge/target: the last entry of each plug type wins; a list with neither gives nothing")
  void chargeTargetsRead() {
    JsonObject resMsg = new JsonObject("{\"targetSOClist\":[{\"plugType\":0,\"targetSOClevel\":80},"
        + "{\"plugType\":1,\"targetSOClevel\":100},{\"plugType\":1,\"targetSOClevel\":70},"
        + "{\"plugType\":0,\"targetSOClevel\":90}]}");
    VehicleData.Ev ev = EuVehicleDataMapper.fromChargeTargets(resMsg);
    assertEquals(70, ev.chargeLimitAc());
    assertEquals(90, ev.chargeLimitDc());
    assertNull(EuVehicleDataMapper.fromChargeTargets(new JsonObject().put("targetSOClist", "none")));
    assertNull(EuVehicleDataMapper.fromChargeTargets(null));
  }

  @Test
  @DisplayName("a status without port, current or windows has no action state at all")
  void nothingReportedIsNull() {
    JsonObject status = load(MapperFixtures.LEGACY_FORCED_WINTER);
    status.remove("windowOpen");
    status.getJsonObject("evStatus").remove("chargePortDoorOpenStatus");
    assertNull(legacy(status));
  }

  @Test
  @DisplayName("the location and driving-history enrichments keep the action state")
  void enrichmentsKeepTheActionState() {
    VehicleData cached = EuVehicleDataMapper.fromLegacyCached(load(MapperFixtures.LEGACY_CACHED_SUMMER), BERLIN);
    ActionState state = cached.actionState();
    assertEquals(new ActionState(true, null, WindowPosition.CLOSED, WindowPosition.CLOSED, WindowPosition.VENT,
        WindowPosition.CLOSED), state);

    VehicleData parked = EuVehicleDataMapper.withParkLocation(cached, load(MapperFixtures.PARK_LOCATION), BERLIN);
    VehicleData live = EuVehicleDataMapper.withGpsDetail(parked, load(MapperFixtures.GPS_DETAIL));
    VehicleData history = EuVehicleDataMapper.withDrivingHistory(live, load(MapperFixtures.DRV_HISTORY));

    assertEquals(state, parked.actionState());
    assertEquals(state, live.actionState());
    assertEquals(state, history.actionState());
    assertEquals(cached.withOdometer(null).actionState(), state);
  }
}
