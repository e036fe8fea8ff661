package io.bluelinkmqtt.api.type1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.ChargeLimitsCommand;
import io.bluelinkmqtt.domain.ChargePortCommand;
import io.bluelinkmqtt.domain.ChargingCurrentCommand;
import io.bluelinkmqtt.domain.CommandName;
import io.bluelinkmqtt.domain.Region;
import io.bluelinkmqtt.domain.SignalCommand;
import io.bluelinkmqtt.domain.WindowsCommand;
import io.bluelinkmqtt.domain.WindowsCommand.Position;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The regional requests of the actions beyond lock, climate and charge (§6.1 regional notes, §6.6). */
class Type1ActionBodiesTest {

  private static final String CAR = "car-1";
  private static final String DEVICE = "device-1";
  private static final Type1Profile AU = Type1Profiles.require(Region.AUSTRALIA, Brand.KIA);
  private static final Type1Profile IN = Type1Profiles.require(Region.INDIA, Brand.HYUNDAI);
  private static final Type1Profile BR = Type1Profiles.require(Region.BRAZIL, Brand.HYUNDAI);

  @Test
  @DisplayName("AU: charge limits (DC plug 0, AC plug 1) and the charging current with the access token, the port "
      + "door with deviceId, horn + lights with the control token")
  void australia() {
    Type1ActionBodies limits = Type1ActionBodies.of(AU, new ChargeLimitsCommand(CAR, 80, 90), CAR, false, DEVICE);
    assertEquals("/api/v1/spa/vehicles/car-1/charge/target", limits.path());
    assertEquals(new JsonObject().put("targetSOClist", new JsonArray()
        .add(new JsonObject().put("plugType", 0).put("targetSOClevel", 90))
        .add(new JsonObject().put("plugType", 1).put("targetSOClevel", 80))), limits.body());
    assertFalse(limits.control());
    Type1ActionBodies current = Type1ActionBodies.of(AU, new ChargingCurrentCommand(CAR, 90), CAR, true, DEVICE);
    assertEquals("/api/v1/spa/vehicles/car-1/ccs2/charge/chargingcurrent", current.path());
    assertEquals(new JsonObject().put("chargingCurrent", 2), current.body());
    assertFalse(current.control());
    Type1ActionBodies port = Type1ActionBodies.of(AU, new ChargePortCommand(CAR, false), CAR, true, DEVICE);
    assertEquals(new JsonObject().put("action", "close").put("deviceId", DEVICE), port.body());
    assertTrue(port.control());
    Type1ActionBodies horn = Type1ActionBodies.of(AU, new SignalCommand(CAR, CommandName.HORN_LIGHTS), CAR, true,
        DEVICE);
    assertEquals("/api/v2/spa/vehicles/car-1/ccs2/control/hornlight", horn.path());
    assertTrue(horn.control());
  }

  @Test
  @DisplayName("AU legacy cars have no request for the CCS2-only hazard lights or charging current")
  void ccs2OnlyOnLegacyCar() {
    assertThrows(IllegalArgumentException.class,
        () -> Type1ActionBodies.of(AU, new SignalCommand(CAR, CommandName.HAZARD), CAR, false, DEVICE));
    assertThrows(IllegalArgumentException.class,
        () -> Type1ActionBodies.of(AU, new ChargingCurrentCommand(CAR, 60), CAR, false, DEVICE));
  }

  @Test
  @DisplayName("India spells the port door's device id deviceID")
  void indianPortDoor() {
    Type1ActionBodies port = Type1ActionBodies.of(IN, new ChargePortCommand(CAR, true), CAR, false, DEVICE);
    assertEquals("/api/v2/spa/vehicles/car-1/control/portdoor", port.path());
    assertEquals(new JsonObject().put("action", "open").put("deviceID", DEVICE), port.body());
  }

  @Test
  @DisplayName("Brazil: all windows open or closed at once, hazard lights without a body; no vent, no single "
      + "window, no horn")
  void brazil() {
    Type1ActionBodies close = Type1ActionBodies.of(BR, WindowsCommand.all(CAR, Position.CLOSE), CAR, true, DEVICE);
    assertEquals("/api/v2/spa/vehicles/car-1/control/window", close.path());
    assertEquals(new JsonObject().put("action", "close").put("deviceId", DEVICE), close.body());
    assertTrue(close.control());
    Type1ActionBodies light = Type1ActionBodies.of(BR, new SignalCommand(CAR, CommandName.HAZARD), CAR, false,
        DEVICE);
    assertEquals("/api/v2/spa/vehicles/car-1/control/light", light.path());
    assertNull(light.body());
    assertThrows(IllegalArgumentException.class,
        () -> Type1ActionBodies.of(BR, WindowsCommand.all(CAR, Position.VENT), CAR, false, DEVICE));
    assertThrows(IllegalArgumentException.class, () -> Type1ActionBodies.of(BR,
        new WindowsCommand(CAR, Position.OPEN, Position.CLOSE, Position.CLOSE, Position.CLOSE), CAR, false, DEVICE));
    assertThrows(IllegalArgumentException.class,
        () -> Type1ActionBodies.of(BR, new SignalCommand(CAR, CommandName.HORN_LIGHTS), CAR, false, DEVICE));
  }
}
