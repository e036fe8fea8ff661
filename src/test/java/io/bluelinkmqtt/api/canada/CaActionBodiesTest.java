package io.bluelinkmqtt.api.canada;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bluelinkmqtt.api.ApiException;
import io.bluelinkmqtt.api.ApiException.Kind;
import io.bluelinkmqtt.domain.ChargeLimitsCommand;
import io.bluelinkmqtt.domain.CommandName;
import io.bluelinkmqtt.domain.LockCommand;
import io.bluelinkmqtt.domain.SignalCommand;
import io.bluelinkmqtt.domain.Vehicle.EngineType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The Canadian charge-limit and horn/lights requests of §6.5, and what the region has no call for. */
class CaActionBodiesTest {

  private static final String PIN = "4321";

  @Test
  @DisplayName("charge limits: evc/setsoc from SPA, tsoc DC (plug 0) and AC (plug 1) plus the PIN; EV and PHEV only")
  void chargeLimits() {
    ChargeLimitsCommand limits = new ChargeLimitsCommand("car1", 70, 90);
    assertEquals("evc/setsoc", CaActionBodies.path(limits, EngineType.EV));
    assertEquals("evc/setsoc", CaActionBodies.path(limits, EngineType.PHEV));
    assertEquals(new JsonObject().put("tsoc", new JsonArray()
            .add(new JsonObject().put("plugType", 0).put("level", 90))
            .add(new JsonObject().put("plugType", 1).put("level", 70))).put("pin", PIN),
        CaActionBodies.body(limits, EngineType.EV, 2022, PIN));
    assertEquals(Map.of("from", "SPA"), CaActionBodies.headers(limits));
    assertEquals(Kind.UNSUPPORTED, assertThrows(ApiException.class,
        () -> CaActionBodies.path(limits, EngineType.ICE)).kind());
    assertThrows(ApiException.class,
        () -> CaActionBodies.body(new ChargeLimitsCommand("car1", null, 90), EngineType.EV, 2022, PIN),
        "a level left out is the action service's to fill");
  }

  @Test
  @DisplayName("horn + lights: hornlight with the PIN only, on any car; the hazard lights alone have no call")
  void signals() {
    SignalCommand horn = new SignalCommand("car1", CommandName.HORN_LIGHTS);
    assertEquals("hornlight", CaActionBodies.path(horn, EngineType.ICE));
    assertEquals(new JsonObject().put("pin", PIN), CaActionBodies.body(horn, EngineType.ICE, 2019, PIN));
    assertEquals(Map.of(), CaActionBodies.headers(horn));
    assertEquals(Map.of(), CaActionBodies.headers(new LockCommand("car1", true)), "the portal's own from: CWP");
    assertEquals(Kind.UNSUPPORTED, assertThrows(ApiException.class,
        () -> CaActionBodies.path(new SignalCommand("car1", CommandName.HAZARD), EngineType.EV)).kind());
  }

  @Test
  @DisplayName("listed actions: horn + lights on every car, charging and its limits on EV/PHEV only, never hazard")
  void listedActions() {
    assertEquals(java.util.EnumSet.of(CommandName.LOCK, CommandName.CLIMATE, CommandName.HORN_LIGHTS,
        CommandName.CHARGE, CommandName.CHARGE_LIMITS), CaVehicleClient.actionsFor(EngineType.PHEV));
    assertEquals(java.util.EnumSet.of(CommandName.LOCK, CommandName.CLIMATE, CommandName.HORN_LIGHTS),
        CaVehicleClient.actionsFor(EngineType.ICE));
  }
}
