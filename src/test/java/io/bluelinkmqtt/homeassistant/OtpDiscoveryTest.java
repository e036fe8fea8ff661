package io.bluelinkmqtt.homeassistant;

import static io.bluelinkmqtt.homeassistant.SampleVehicles.BASE;
import static io.bluelinkmqtt.homeassistant.SampleVehicles.PREFIX;
import static io.bluelinkmqtt.homeassistant.SampleVehicles.SMART_MAX_AGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.codec.OtpJson;
import io.bluelinkmqtt.codec.OtpJson.OtpState;
import io.bluelinkmqtt.codec.VehicleJson;
import io.bluelinkmqtt.config.AppConfig.HomeAssistantConfig;
import io.bluelinkmqtt.publish.Topics;
import io.bluelinkmqtt.testsupport.Await;
import io.bluelinkmqtt.testsupport.BusRecorder;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The one-time-code controls on the bridge's device: what they send (the docs' payloads on bridge/commands/otp) and
 * that the first code request brings them. Keys per https://www.home-assistant.io/integrations/text.mqtt/ (command_topic
 * required; command_template, mode text|password, pattern, min, max) and button.mqtt (payload_press).
 */
class OtpDiscoveryTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Topics TOPICS = new Topics(BASE);
  private static final DiscoveryPayloads PAYLOADS = new DiscoveryPayloads(PREFIX, TOPICS, SMART_MAX_AGE);
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    Await.result(vertx.close(), WAIT);
  }

  private static Map<String, JsonObject> byObjectId() {
    return new OtpDiscovery(PAYLOADS, TOPICS).entities().stream().collect(Collectors.toMap(
        m -> m.topic().split("/")[3], DiscoveryMessage::payload));
  }

  @Test
  @DisplayName("a password text that sends {\"code\":…}, a button per channel sending {\"send\":…}, the state sensor; "
      + "all on the bridge's device, under our discovery topics")
  void entities() {
    Map<String, JsonObject> entities = byObjectId();
    assertEquals(Set.of("otp_code", "otp_send_email", "otp_send_sms", "otp_state"), entities.keySet());
    JsonObject code = entities.get("otp_code");
    assertEquals("bluelink/bridge/commands/otp", code.getString("command_topic"));
    assertEquals("{\"code\":\"{{ value }}\"}", code.getString("command_template"));
    assertEquals("password", code.getString("mode"));
    assertEquals("[0-9]{6,8}", code.getString("pattern"));
    assertEquals(6, code.getInteger("min"));
    assertEquals(8, code.getInteger("max"));
    assertEquals("config", code.getString("entity_category"));
    assertEquals("{\"send\":\"email\"}", entities.get("otp_send_email").getString("payload_press"));
    assertEquals("{\"send\":\"sms\"}", entities.get("otp_send_sms").getString("payload_press"));
    assertEquals("bluelink/bridge/otp", entities.get("otp_state").getString("state_topic"));
    assertEquals("diagnostic", entities.get("otp_state").getString("entity_category"));
    for (DiscoveryMessage m : new OtpDiscovery(PAYLOADS, TOPICS).entities()) {
      assertTrue(PAYLOADS.isOwnDiscoveryTopic(m.topic()), m.topic());
      assertEquals(PAYLOADS.bridgeDeviceIdentifier(),
          m.payload().getJsonObject("device").getJsonArray("identifiers").getString(0));
      assertTrue(m.topic().startsWith(PREFIX + "/" + m.component() + "/"), m.topic());
    }
  }

  @Test
  @DisplayName("the verticle announces them when the cloud first asks for a code, retained QoS 1, and only once")
  void announcedOnTheFirstRequest() throws Exception {
    vertx.eventBus().<JsonObject>localConsumer(Addresses.API_VEHICLES, m -> m.reply(VehicleJson.listToJson(List.of())));
    BusRecorder published = Await.result(BusRecorder.start(vertx, Addresses.MQTT_PUBLISH), WAIT);
    Await.result(vertx.deployVerticle(new HomeAssistantVerticle(new HomeAssistantConfig(true, PREFIX, SMART_MAX_AGE),
        BASE, Files.createTempDirectory("ha-otp"))), WAIT);
    String textTopic = PREFIX + "/text/" + PAYLOADS.bridgeDeviceIdentifier() + "/otp_code/config";
    JsonObject required = OtpJson.stateToJson(new OtpState(OtpJson.REQUIRED, List.of("email"), "j***@e***.com",
        Instant.parse("2026-12-01T10:05:00Z"), -1, null));
    vertx.eventBus().publish(Addresses.API_OTP_CHANGED, required);
    Await.condition(vertx, () -> published.bodies().stream().anyMatch(b -> textTopic.equals(b.getString("topic"))),
        WAIT);
    JsonObject config = published.bodies().stream().filter(b -> textTopic.equals(b.getString("topic"))).findFirst()
        .orElseThrow();
    assertEquals(true, config.getBoolean("retain"));
    assertEquals(1, config.getInteger("qos"));
    vertx.eventBus().publish(Addresses.API_OTP_CHANGED, OtpJson.stateToJson(OtpState.over(OtpJson.ACCEPTED)));
    vertx.eventBus().publish(Addresses.API_OTP_CHANGED, required);
    // Home Assistant's birth re-sends every config once: the repeats above must have added none
    vertx.eventBus().publish(Addresses.HA_STATUS_RECEIVED, new JsonObject().put("v", 1).put("payload", "online"));
    int configs = PAYLOADS.forBridge().size() + new OtpDiscovery(PAYLOADS, TOPICS).entities().size();
    Await.condition(vertx, () -> published.count() >= 2 * configs, WAIT);
    assertEquals(2 * configs, published.count());
    assertEquals(2, published.bodies().stream().filter(b -> textTopic.equals(b.getString("topic"))).count());
  }
}
