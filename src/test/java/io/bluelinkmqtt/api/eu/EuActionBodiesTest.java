package io.bluelinkmqtt.api.eu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bluelinkmqtt.api.VehicleActions.ActionState;
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
    assertEquals(ActionState.SUCCESS, EuActions.state(records, "a"));
    assertEquals(ActionState.FAIL, EuActions.state(records, "b"));
    assertEquals(ActionState.NO_RESPONSE, EuActions.state(records, "c"));
    assertEquals(ActionState.PENDING, EuActions.state(records, "d"));
    assertEquals(ActionState.PENDING, EuActions.state(records, "z"));
    assertEquals(ActionState.PENDING, EuActions.state(new JsonObject().put("resMsg", new JsonArray()), "a"));
    assertEquals(ActionState.PENDING, EuActions.state(new JsonObject(), "a"));
  }
}
