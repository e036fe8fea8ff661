package io.bluelinkmqtt.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.bus.Failure;
import io.bluelinkmqtt.config.Secret;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InboundGuardTest {

  private static final String CANARY = "guard-canary-0d9e1f";
  private final InboundGuard guard = new InboundGuard(Secret.of(CANARY));

  private static JsonObject send(String address, Object body, String secret) {
    JsonObject frame = new JsonObject().put("type", "send").put("address", address).put("replyAddress", "reply-1")
        .put("body", body);
    return secret == null ? frame : frame.put("headers", new JsonObject().put(InboundGuard.SECRET_HEADER, secret));
  }

  private static JsonObject refresh() {
    return new JsonObject().put("v", 1).put("vehicleId", "car").put("mode", "cached");
  }

  @Test
  @DisplayName("the right secret admits a request and leaves no header behind; missing, wrong, longer, shorter or "
      + "non-string secrets are refused 401 on the reply address, and no refusal names the secret")
  void secret() {
    JsonObject admitted = send(Addresses.API_REFRESH, refresh(), CANARY);
    assertNull(guard.check("send", admitted));
    assertFalse(admitted.containsKey("headers"));
    JsonObject badType = send(Addresses.API_REFRESH, refresh(), null)
        .put("headers", new JsonObject().put(InboundGuard.SECRET_HEADER, 42));
    for (JsonObject frame : List.of(send(Addresses.API_REFRESH, refresh(), null),
        send(Addresses.API_REFRESH, refresh(), CANARY + "x"), send(Addresses.API_REFRESH, refresh(), "guard"),
        send(Addresses.API_REFRESH, refresh(), ""), badType)) {
      InboundGuard.Refusal refusal = guard.check("send", frame);
      assertEquals(Failure.AUTH_FAILED, refusal.failure(), frame.encode());
      assertEquals("reply-1", refusal.replyTo());
      assertFalse(refusal.toErrFrame().encode().contains(CANARY));
      assertFalse(frame.containsKey("headers"), "a refused frame keeps no secret either");
      assertFalse(refusal.toString().contains(CANARY));
    }
  }

  @Test
  @DisplayName("without a configured secret every frame passes the secret check, and its headers are still dropped")
  void noSecretConfigured() {
    InboundGuard open = new InboundGuard(Secret.empty());
    JsonObject frame = send(Addresses.API_VEHICLES, new JsonObject().put("v", 1), "anything")
        .put("headers", new JsonObject().put("x", "y"));
    assertNull(open.check("send", frame));
    assertFalse(frame.containsKey("headers"));
  }

  @Test
  @DisplayName("only the allow-listed requests may be sent and only the allow-listed events subscribed; every other "
      + "address of the bus is refused 403, publishing is refused 403")
  void allowList() {
    for (String address : Addresses.ALL) {
      InboundGuard.Refusal sent = guard.check("send", send(address, refresh(), CANARY));
      InboundGuard.Refusal registered = guard.check("register", new JsonObject().put("type", "register")
          .put("address", address).put("headers", new JsonObject().put(InboundGuard.SECRET_HEADER, CANARY)));
      assertEquals(BridgeAllowList.INBOUND.contains(address), sent == null, address);
      assertEquals(BridgeAllowList.OUTBOUND.contains(address), registered == null, address);
      if (sent != null) {
        assertEquals(Failure.DENIED, sent.failure());
      }
      if (registered != null) {
        assertEquals(Failure.DENIED, registered.failure());
        assertEquals(address, registered.replyTo(), "a refused subscription is answered on its own address");
      }
    }
    JsonObject publish = send(Addresses.API_REFRESH, refresh(), CANARY).put("type", "publish");
    assertEquals(Failure.DENIED, guard.check("publish", publish).failure());
  }

  @Test
  @DisplayName("a body that is not a JSON object, a missing or overlong address and an overlong reply address are "
      + "refused 400 invalid")
  void shape() {
    for (Object body : new Object[] {"text", 7, new io.vertx.core.json.JsonArray(), null}) {
      assertEquals(Failure.INVALID, guard.check("send", send(Addresses.API_REFRESH, body, CANARY)).failure());
    }
    assertEquals(Failure.INVALID, guard.check("send", send(null, refresh(), CANARY)).failure());
    assertEquals(Failure.INVALID, guard.check("send", send("a".repeat(200), refresh(), CANARY)).failure());
    JsonObject longReply = send(Addresses.API_REFRESH, refresh(), CANARY).put("replyAddress", "r".repeat(65));
    InboundGuard.Refusal refusal = guard.check("send", longReply);
    assertEquals(Failure.INVALID, refusal.failure());
    assertNull(refusal.replyTo());
  }

  @Test
  @DisplayName("the error frame has the shape of the bridges' own reply failures")
  void errFrame() {
    InboundGuard.Refusal refusal = guard.check("send", send(Addresses.MQTT_PUBLISH, refresh(), CANARY));
    assertEquals(new JsonObject().put("type", "err").put("failureCode", 403).put("failureType", "RECIPIENT_FAILURE")
        .put("message", "address not open to bridge clients").put("address", "reply-1"), refusal.toErrFrame());
  }

  @Test
  @DisplayName("the allow-list never opens mqtt.publish, the raw command intake, the drain or the internal events")
  void allowListStaysNarrow() {
    assertTrue(Addresses.ALL.containsAll(BridgeAllowList.INBOUND));
    assertTrue(Addresses.ALL.containsAll(BridgeAllowList.OUTBOUND));
    for (String closed : List.of(Addresses.MQTT_PUBLISH, Addresses.COMMAND_RECEIVED, Addresses.API_DRAIN,
        Addresses.API_ACTION_ACCEPTED, Addresses.HA_STATUS_RECEIVED)) {
      assertFalse(BridgeAllowList.mayRequest(closed) || BridgeAllowList.maySubscribe(closed), closed);
    }
  }
}
