package io.bluelinkmqtt.mqtt;

import static io.bluelinkmqtt.mqtt.LinkState.CONNECTED;
import static io.bluelinkmqtt.mqtt.LinkState.CONNECTING;
import static io.bluelinkmqtt.mqtt.LinkState.NEW;
import static io.bluelinkmqtt.mqtt.LinkState.STOPPED;
import static io.bluelinkmqtt.mqtt.LinkState.STOPPING;
import static io.bluelinkmqtt.mqtt.LinkState.WAITING_TO_RECONNECT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The steps the MQTT session may take, written out by hand. */
class LinkStateTest {

  @Test
  @DisplayName("one attempt at a time, a close before the next attempt, stopping only from a session, STOPPED is the end")
  void allowedSteps() {
    Map<LinkState, Set<LinkState>> expected = Map.of(
        NEW, EnumSet.of(CONNECTING, STOPPED),
        CONNECTING, EnumSet.of(CONNECTED, WAITING_TO_RECONNECT, STOPPED),
        CONNECTED, EnumSet.of(WAITING_TO_RECONNECT, STOPPING),
        WAITING_TO_RECONNECT, EnumSet.of(CONNECTING, STOPPED),
        STOPPING, EnumSet.of(STOPPED),
        STOPPED, EnumSet.noneOf(LinkState.class));
    for (LinkState from : LinkState.values()) {
      Set<LinkState> allowed = Arrays.stream(LinkState.values()).filter(from::mayMoveTo)
          .collect(Collectors.toCollection(() -> EnumSet.noneOf(LinkState.class)));
      assertEquals(expected.get(from), allowed, from.name());
    }
  }

  @Test
  @DisplayName("the link is up while connected and while the farewell is published, never otherwise")
  void linkUp() {
    assertEquals(EnumSet.of(CONNECTED, STOPPING), Arrays.stream(LinkState.values()).filter(LinkState::linkUp)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(LinkState.class))));
  }
}
