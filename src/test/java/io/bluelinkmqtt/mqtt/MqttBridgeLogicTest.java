package io.bluelinkmqtt.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.config.AppConfig.HomeAssistantConfig;
import io.bluelinkmqtt.mqtt.CommandRouter.Kind;
import io.bluelinkmqtt.publish.Topics;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The plain classes behind the verticle: backoff, watchdog, retained state, routing. No broker. */
class MqttBridgeLogicTest {

  @Test
  @DisplayName("backoff: full jitter under min(cap, base*2^n), floor respected, varied, reset starts over; auth waits cap/2..cap")
  void reconnectPolicy() {
    long seed = new Random().nextLong();
    ReconnectPolicy policy = new ReconnectPolicy(100, 1000, new Random(seed));
    Set<Long> seen = new HashSet<>();
    for (int n = 0; n < 200; n++) {
      long ceiling = Math.min(1000, 100L << Math.min(n, 30));
      long d = policy.nextDelayMs();
      assertTrue(d >= ReconnectPolicy.MIN_DELAY_MS && d <= ceiling, "seed " + seed + " attempt " + n + ": " + d);
      seen.add(d);
    }
    assertTrue(seen.size() > 100, "seed " + seed + ": not jittered");
    policy.reset();
    assertEquals(0, policy.failures());
    assertTrue(policy.nextDelayMs() <= 100);
    for (int i = 0; i < 50; i++) {
      long d = policy.authFailureDelayMs();
      assertTrue(d >= 500 && d <= 1000, "seed " + seed + ": " + d);
    }
  }

  @Test
  @DisplayName("backoff after an oversized packet: at once, the base delay if again within 10 s, at once after a quiet "
      + "10 s; the exponent never moves. Client id in use: cap/2..cap")
  void reconnectPolicyForOversizedPacketsAndClientIdClash() {
    ReconnectPolicy policy = new ReconnectPolicy(100, 1000, new Random());
    policy.nextDelayMs();
    assertEquals(0, policy.oversizedDelayMs(50_000));
    assertEquals(100, policy.oversizedDelayMs(50_001));
    assertEquals(100, policy.oversizedDelayMs(59_000), "a flood keeps the base delay, never a hot loop");
    assertEquals(100, policy.oversizedDelayMs(68_999));
    assertEquals(0, policy.oversizedDelayMs(68_999 + ReconnectPolicy.OVERSIZED_WINDOW_MS));
    assertEquals(1, policy.failures(), "oversized packets neither grow nor reset the exponent");
    for (int i = 0; i < 50; i++) {
      long d = policy.clientIdInUseDelayMs();
      assertTrue(d >= 500 && d <= 1000, String.valueOf(d));
    }
  }

  @Test
  @DisplayName("client-id clash: three quick clean closes by the broker in a row; an error or a lasting connection "
      + "breaks the row; a connection that lasts clears it once")
  void clientIdClash() {
    ClientIdClash clash = new ClientIdClash(2000);
    assertFalse(clash.closedByBroker(100, true));
    assertFalse(clash.closedByBroker(1999, true));
    assertFalse(clash.closedByBroker(100, false), "a socket error is no takeover");
    assertFalse(clash.closedByBroker(100, true));
    assertFalse(clash.closedByBroker(2000, true), "a connection that lasted is no takeover");
    assertFalse(clash.closedByBroker(10, true));
    assertFalse(clash.closedByBroker(10, true));
    assertTrue(clash.closedByBroker(10, true));
    assertTrue(clash.suspected());
    assertTrue(clash.closedByBroker(10, true), "stays suspected");
    assertFalse(clash.stillUp(1999));
    assertTrue(clash.suspected());
    assertTrue(clash.stillUp(2000), "cleared by a lasting connection");
    assertFalse(clash.suspected());
    assertFalse(clash.stillUp(5000), "cleared once");
    assertFalse(clash.closedByBroker(10, true), "the row starts again");
  }

  @Test
  @DisplayName("watchdog: quiet for one keep-alive -> one ping; quiet for two -> dead; any read resets")
  void linkWatchdog() {
    long[] now = {0};
    LinkWatchdog dog = new LinkWatchdog(2000, () -> now[0]);
    assertEquals(500, dog.checkIntervalMs());
    now[0] = 1999;
    assertEquals(LinkWatchdog.Action.NONE, dog.check());
    now[0] = 2000;
    assertEquals(LinkWatchdog.Action.PING, dog.check());
    now[0] = 2500;
    assertEquals(LinkWatchdog.Action.NONE, dog.check(), "one ping per keep-alive");
    dog.markRead();
    now[0] = 4499;
    assertEquals(LinkWatchdog.Action.NONE, dog.check(), "the read at 2500 counts");
    now[0] = 4500;
    assertEquals(LinkWatchdog.Action.PING, dog.check());
    now[0] = 6499;
    assertEquals(LinkWatchdog.Action.NONE, dog.check());
    now[0] = 6500;
    assertEquals(LinkWatchdog.Action.DEAD, dog.check());
  }

  @Test
  @DisplayName("retained state: latest value per topic in first-published order; empty payload forgets")
  void retainedState() {
    RetainedState state = new RetainedState();
    state.remember("b/v/level", "1", 1);
    state.remember("b/v/range", "9", 0);
    state.remember("b/v/level", "2", 1);
    assertEquals("[Entry[topic=b/v/level, payload=2, qos=1], Entry[topic=b/v/range, payload=9, qos=0]]",
        state.entries().toString());
    state.remember("b/v/level", "", 1);
    assertEquals(1, state.size());
  }

  @Test
  @DisplayName("router: commands (refresh and the actions), HA status, retained commands warned once per topic, "
      + "everything else ignored; outbound scope")
  void commandRouter() {
    Topics topics = new Topics("hy");
    CommandRouter router = new CommandRouter(topics, new HomeAssistantConfig(true, "homeassistant", 3600));
    assertEquals(Map.of("hy/+/commands/refresh", 1, "hy/+/commands/lock", 1, "hy/+/commands/climate", 1,
        "hy/+/commands/charge", 1, "hy/bridge/commands/otp", 1, "homeassistant/status", 1), router.subscriptions(1));
    assertEquals(Kind.COMMAND, router.route("hy/bridge/commands/otp", false).kind(), "a one-time-code answer");
    assertEquals(Kind.RETAINED_COMMAND, router.route("hy/bridge/commands/otp", true).kind(), "a code never sits");
    assertEquals(Kind.COMMAND, router.route("hy/car1/commands/refresh", false).kind());
    assertEquals(Kind.RETAINED_COMMAND, router.route("hy/car1/commands/lock", true).kind(), "a retained unlock never runs");
    assertEquals(Kind.HA_STATUS, router.route("homeassistant/status", true).kind());
    assertTrue(router.route("hy/car1/commands/refresh", true).warnNow());
    assertFalse(router.route("hy/car1/commands/refresh", true).warnNow());
    assertEquals(Kind.RETAINED_COMMAND, router.route("hy/car1/commands/refresh", true).kind());
    assertEquals(Kind.IGNORED, router.route("hy/car1/commands/refresh/x", false).kind());
    assertEquals(Kind.IGNORED, router.route("other/car1/commands/refresh", false).kind());

    assertTrue(router.mayPublish("hy/car1/battery/level"));
    assertTrue(router.mayPublish("homeassistant/sensor/hy_car1/level/config"));
    for (String bad : new String[] {"hy/bridge/state", "hy/+/x", "hy/#", "hy//x", "hy/x/", "other/x",
        "homeassistant/+/x", "homeassistant//x", "hy/a\0b", null}) {
      assertFalse(router.mayPublish(bad), String.valueOf(bad));
    }
    CommandRouter noDiscovery = new CommandRouter(topics, new HomeAssistantConfig(false, "homeassistant", 3600));
    assertEquals(Map.of("hy/+/commands/refresh", 0, "hy/+/commands/lock", 0, "hy/+/commands/climate", 0,
        "hy/+/commands/charge", 0, "hy/bridge/commands/otp", 0), noDiscovery.subscriptions(0));
    assertFalse(noDiscovery.mayPublish("homeassistant/sensor/x/config"));
    assertEquals(Kind.IGNORED, noDiscovery.route("homeassistant/status", false).kind());
  }

  @Test
  @org.junit.jupiter.api.DisplayName("the retained cache stops at its cap and says so once, not once per publish")
  void retainedCapWarnsOnce() {
    try (io.bluelinkmqtt.testsupport.LogCapture logs = io.bluelinkmqtt.testsupport.LogCapture.attach()) {
      RetainedState state = new RetainedState();
      for (int i = 0; i < RetainedState.MAX_TOPICS + 50; i++) {
        state.remember("base/car/t" + i, "v", 1);
      }
      assertEquals(RetainedState.MAX_TOPICS, state.size());
      assertEquals(1, logs.count("WARN", "retained state is full"));
    }
  }
}
