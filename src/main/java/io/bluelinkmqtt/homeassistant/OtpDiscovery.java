package io.bluelinkmqtt.homeassistant;

import io.bluelinkmqtt.publish.Topics;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The one-time-code controls on the bridge's device, announced when the cloud first asks for a code (regions
 * without codes never show them): a {@code text} entity that sends the code, a button per channel that has it sent,
 * and a sensor with the dialogue's state from {@code bridge/otp}. https://www.home-assistant.io/integrations/text.mqtt/
 * (command_topic required; mode password hides what is typed), button.mqtt (payload_press).
 */
final class OtpDiscovery {

  private final DiscoveryPayloads payloads;
  private final Topics topics;

  OtpDiscovery(DiscoveryPayloads payloads, Topics topics) {
    this.payloads = payloads;
    this.topics = topics;
  }

  List<DiscoveryMessage> entities() {
    String command = topics.bridgeOtpCommand();
    DiscoveryMessage code = payloads.bridgeEntity("text", "otp_code", "One-time code", json -> available(json)
        .put("command_topic", command).put("command_template", "{\"code\":\"{{ value }}\"}")
        .put("mode", "password").put("pattern", "[0-9]{6,8}").put("min", 6).put("max", 8)
        .put("entity_category", "config").put("icon", "mdi:form-textbox-password"));
    DiscoveryMessage email = sendButton("email", "Send one-time code by e-mail", "mdi:email-fast");
    DiscoveryMessage sms = sendButton("sms", "Send one-time code by SMS", "mdi:message-text-fast");
    DiscoveryMessage state = payloads.bridgeEntity("sensor", "otp_state", "One-time code request", json -> json
        .put("state_topic", topics.bridgeOtp())
        .put("value_template", "{% if value_json is defined and value_json.state is defined %}"
            + "{{ value_json.state }}{% else %}none{% endif %}")
        .put("icon", "mdi:shield-key"));
    return List.of(code, email, sms, state);
  }

  private DiscoveryMessage sendButton(String channel, String name, String icon) {
    return payloads.bridgeEntity("button", "otp_send_" + channel, name, json -> available(json)
        .put("command_topic", topics.bridgeOtpCommand()).put("payload_press", "{\"send\":\"" + channel + "\"}")
        .put("entity_category", "config").put("icon", icon));
  }

  private JsonObject available(JsonObject config) {
    return config.put("availability_topic", topics.bridgeState())
        .put("payload_available", "online").put("payload_not_available", "offline");
  }
}
