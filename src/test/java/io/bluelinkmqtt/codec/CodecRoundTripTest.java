package io.bluelinkmqtt.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bluelinkmqtt.bus.BridgeException;
import io.bluelinkmqtt.bus.Failure;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.CommandOutcome;
import io.bluelinkmqtt.domain.DataSource;
import io.bluelinkmqtt.domain.RefreshMode;
import io.bluelinkmqtt.domain.RefreshRequest;
import io.bluelinkmqtt.domain.RefreshResult;
import io.bluelinkmqtt.domain.Served;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.VehicleData;
import io.bluelinkmqtt.domain.VehicleData.Battery;
import io.bluelinkmqtt.domain.VehicleData.Climate;
import io.bluelinkmqtt.domain.VehicleData.Distance;
import io.bluelinkmqtt.domain.VehicleData.DistanceUnit;
import io.bluelinkmqtt.domain.VehicleData.Ev;
import io.bluelinkmqtt.domain.VehicleData.Location;
import io.bluelinkmqtt.domain.VehicleData.Openings;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CodecRoundTripTest {

  static final VehicleData FULL = new VehicleData(Instant.parse("2026-07-01T10:15:30Z"),
      new Battery(81, true, true, 23.5),
      new Ev(new Distance(412.0, DistanceUnit.KM), 95, 40, 80, 90, 163.2),
      74, new Distance(12345.6, DistanceUnit.MILES),
      new Location(52.52, 13.405, Instant.parse("2026-07-01T10:00:00Z")),
      new Openings(true, false, false, false, true), new Climate(true, 21.5), false,
      new VehicleData.ActionState(true, 90, VehicleData.WindowPosition.OPEN, VehicleData.WindowPosition.VENT,
          VehicleData.WindowPosition.CLOSED, null));

  @Test
  @DisplayName("vehicle data survives JSON and back, every field")
  void vehicleDataRoundTrip() {
    assertEquals(FULL, VehicleDataJson.fromJson(VehicleDataJson.toJson(FULL)));
  }

  @Test
  @DisplayName("absent values stay absent: no nulls are written, and empty sub-records are left out")
  void absentStaysAbsent() {
    VehicleData sparse = new VehicleData(null, new Battery(50, null, null, null), null, null, null, null,
        new Openings(null, null, null, null, null), null, null);
    JsonObject json = VehicleDataJson.toJson(sparse);
    assertEquals(new JsonObject().put("battery", new JsonObject().put("level", 50)), json);
    assertEquals(VehicleData.EMPTY, VehicleDataJson.fromJson(new JsonObject()));
  }

  @Test
  @DisplayName("refresh request and result carry v=1 and round-trip; an unknown v or mode is refused with the right code")
  void refreshBodies() {
    RefreshRequest request = new RefreshRequest("V1", RefreshMode.SMART, 300, true, "cmd-1");
    JsonObject json = RefreshJson.requestToJson(request);
    assertEquals(1, json.getInteger("v"));
    assertEquals(request, RefreshJson.requestFromJson(json));

    RefreshResult result = new RefreshResult("V1", RefreshMode.FORCE, DataSource.STALE, 3, FULL, null);
    assertEquals(result, RefreshJson.resultFromJson(RefreshJson.resultToJson(result)));
    Served<RefreshResult> led = Served.led(result);
    assertEquals(led, RefreshJson.servedFromJson(RefreshJson.servedToJson(led)));
    assertEquals(false, RefreshJson.servedToJson(led).containsKey("joined"), "a leader's reply is the plain result");
    Served<RefreshResult> joined = new Served<>(result, true, "cmd-0");
    JsonObject joinedJson = RefreshJson.servedToJson(joined);
    assertEquals(true, joinedJson.getBoolean("joined"));
    assertEquals("cmd-0", joinedJson.getString("leaderCommandId"));
    assertEquals(joined, RefreshJson.servedFromJson(joinedJson));
    assertEquals(result, RefreshJson.resultFromJson(joinedJson), "readers that ignore joining still read the result");
    assertEquals(1, DrainJson.request().getInteger("v"));
    assertEquals(3, DrainJson.refusedFromJson(DrainJson.reply(3)));

    BridgeException badVersion = assertThrows(BridgeException.class, () -> RefreshJson.requestFromJson(json.copy().put("v", 2)));
    assertEquals(Failure.UNSUPPORTED_SCHEMA, badVersion.failure());
    BridgeException badMode = assertThrows(BridgeException.class, () -> RefreshJson.requestFromJson(json.copy().put("mode", "warp")));
    assertEquals(Failure.INVALID, badMode.failure());
    BridgeException badId = assertThrows(BridgeException.class, () -> RefreshJson.requestFromJson(json.copy().put("vehicleId", "a/b")));
    assertEquals(Failure.INVALID, badId.failure());
  }

  @Test
  @DisplayName("a vehicle's module data travels as an object of strings; a saved list from before it keeps its CCS2 flag")
  void vehicleModuleData() {
    Vehicle ccs2 = new Vehicle("V1", "uuid-1", null, null, null, Brand.KIA, Vehicle.EngineType.EV, Map.of("ccs2", "1"));
    assertEquals(new JsonObject().put("ccs2", "1"), VehicleJson.toJson(ccs2).getJsonObject("moduleData"));
    assertFalse(VehicleJson.toJson(new Vehicle("V2", "uuid-2", null, null, null, Brand.KIA, Vehicle.EngineType.EV))
        .containsKey("moduleData"));
    JsonObject savedBefore = new JsonObject().put("id", "V1").put("apiId", "uuid-1").put("brand", "KIA")
        .put("engine", "EV").put("ccs2", true);
    assertEquals(ccs2, VehicleJson.fromJson(savedBefore));
    assertEquals(Map.of(), VehicleJson.fromJson(savedBefore.copy().put("ccs2", false)).moduleData());
    // module data, when present, is all there is; what is not a string is dropped
    assertEquals(Map.of("k", "v"), VehicleJson.fromJson(savedBefore.copy()
        .put("moduleData", new JsonObject().put("k", "v").put("n", 3))).moduleData());
  }

  @Test
  @DisplayName("status updates, vehicles, outcomes and inbound commands round-trip")
  void otherBodies() {
    Vehicle vehicle = new Vehicle("V1", "uuid-1", "KNA0000TEST", "My EV6", "EV6", Brand.KIA, Vehicle.EngineType.EV,
        Map.of("ccs2", "1"));
    StatusUpdateJson.StatusUpdate update = new StatusUpdateJson.StatusUpdate(vehicle, RefreshMode.SMART, DataSource.FRESH, FULL);
    assertEquals(update, StatusUpdateJson.fromJson(StatusUpdateJson.toJson(update)));

    CommandOutcome outcome = new CommandOutcome("V1", "c1", "refresh", "force", CommandOutcome.Status.DENIED, "aux_battery",
        DataSource.CACHED, 1, 42);
    assertEquals(outcome, CommandOutcomeJson.fromJson(CommandOutcomeJson.toJson(outcome)));

    byte[] hostile = {(byte) 0xff, 0, 'f', 'o'};
    InboundCommandJson.InboundCommand decoded = InboundCommandJson.fromJson(
        InboundCommandJson.toJson(new InboundCommandJson.InboundCommand("hyundai/V1/commands/refresh", hostile, 1, true, 7)));
    assertEquals(4, decoded.payload().length);
    assertEquals((byte) 0xff, decoded.payload()[0]);
    assertFalse(VehicleJson.toJson(vehicle).containsKey("secret"));
  }

  @Test
  @DisplayName("a publish request is one message or an ordered batch; both read back as a list")
  void publishBatches() {
    var first = new MqttPublishJson.MqttMessageOut("hyundai/V1/battery/level", "{\"value\":80}", 1, true);
    var second = new MqttPublishJson.MqttMessageOut("hyundai/V1/status/error", "", 1, true);
    assertEquals(java.util.List.of(first), MqttPublishJson.allFromJson(MqttPublishJson.toJson(first)));
    JsonObject batch = MqttPublishJson.batchToJson(java.util.List.of(first, second));
    assertEquals(1, batch.getInteger("v"));
    assertEquals(java.util.List.of(first, second), MqttPublishJson.allFromJson(batch));
    BridgeException badVersion = assertThrows(BridgeException.class,
        () -> MqttPublishJson.allFromJson(batch.copy().put("v", 9)));
    assertEquals(Failure.UNSUPPORTED_SCHEMA, badVersion.failure());
  }

  @Test
  @DisplayName("every action request survives the bus body and back, parameters included")
  void actionRequestsRoundTrip() {
    java.util.List<io.bluelinkmqtt.domain.ActionCommand> actions = java.util.List.of(
        new io.bluelinkmqtt.domain.LockCommand("V1", false),
        new io.bluelinkmqtt.domain.ChargeCommand("V1", true),
        io.bluelinkmqtt.domain.ClimateCommand.stop("V1"),
        new io.bluelinkmqtt.domain.ClimateCommand("V1", true, new io.bluelinkmqtt.domain.ClimateCommand.ClimateSettings(
            23.5, 12, true, false, new io.bluelinkmqtt.domain.ClimateCommand.Seats(8, 3, 0, 1))),
        new io.bluelinkmqtt.domain.ChargeLimitsCommand("V1", 80, 90),
        new io.bluelinkmqtt.domain.ChargeLimitsCommand("V1", null, 60),
        new io.bluelinkmqtt.domain.ChargeLimitsCommand("V1", 70, null),
        new io.bluelinkmqtt.domain.ChargingCurrentCommand("V1", 60),
        new io.bluelinkmqtt.domain.ChargePortCommand("V1", true),
        new io.bluelinkmqtt.domain.WindowsCommand("V1", io.bluelinkmqtt.domain.WindowsCommand.Position.OPEN,
            io.bluelinkmqtt.domain.WindowsCommand.Position.VENT, io.bluelinkmqtt.domain.WindowsCommand.Position.CLOSE,
            io.bluelinkmqtt.domain.WindowsCommand.Position.VENT),
        new io.bluelinkmqtt.domain.SignalCommand("V1", io.bluelinkmqtt.domain.CommandName.HAZARD),
        new io.bluelinkmqtt.domain.SignalCommand("V1", io.bluelinkmqtt.domain.CommandName.HORN_LIGHTS));
    for (io.bluelinkmqtt.domain.ActionCommand action : actions) {
      ActionJson.ActionRequest request = new ActionJson.ActionRequest(action, "cmd-9");
      assertEquals(request, ActionJson.requestFromJson(ActionJson.requestToJson(request)), action.toString());
    }
    assertEquals(java.util.Set.of(io.bluelinkmqtt.domain.CommandName.values()).size() - 1,
        actions.stream().map(io.bluelinkmqtt.domain.ActionCommand::name).distinct().count(), "every action command");
    JsonObject bad = ActionJson.requestToJson(new ActionJson.ActionRequest(
        new io.bluelinkmqtt.domain.ChargingCurrentCommand("V1", 90), null)).put("action", "75");
    assertEquals(Failure.INVALID, assertThrows(BridgeException.class, () -> ActionJson.requestFromJson(bad)).failure());
  }
}
