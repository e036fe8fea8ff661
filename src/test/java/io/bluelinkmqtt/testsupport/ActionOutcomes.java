package io.bluelinkmqtt.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;

/** The outcome sequences an action's end-to-end test expects on {@code <vehicle>/action}, the same in every region. */
public final class ActionOutcomes {

  private ActionOutcomes() {
  }

  /** Exactly one progress message ({@code accepted}, the cloud's action id) and then one final {@code ok}. */
  public static void assertAcceptedThenOk(List<JsonObject> outcomes, String command) {
    assertEquals(2, outcomes.size(), outcomes.toString());
    JsonObject progress = outcomes.get(0);
    JsonObject last = outcomes.get(1);
    assertEquals("accepted", progress.getString("status"), progress.encode());
    assertEquals(Boolean.FALSE, progress.getBoolean("final"), progress.encode());
    assertEquals(command, progress.getString("command"), progress.encode());
    assertTrue(progress.getString("action_id") != null && !progress.getString("action_id").isEmpty(),
        progress.encode());
    assertEquals("ok", last.getString("status"), last.encode());
    assertEquals(Boolean.TRUE, last.getBoolean("final"), last.encode());
    assertEquals(command, last.getString("command"), last.encode());
    assertEquals(progress.getString("action_id"), last.getString("action_id"), last.encode());
  }

  /** Refused locally: one final {@code unsupported} outcome, no progress, no upstream call. */
  public static void assertUnsupportedWithoutCall(List<JsonObject> outcomes, String command) {
    assertEquals(1, outcomes.size(), outcomes.toString());
    JsonObject only = outcomes.get(0);
    assertEquals("unsupported", only.getString("status"), only.encode());
    assertEquals(command, only.getString("command"), only.encode());
    assertEquals(Boolean.TRUE, only.getBoolean("final"), only.encode());
    assertEquals(0, only.getInteger("upstream_calls"), only.encode());
  }
}
