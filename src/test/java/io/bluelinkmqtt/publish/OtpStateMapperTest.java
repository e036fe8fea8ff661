package io.bluelinkmqtt.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bluelinkmqtt.codec.MqttPublishJson.MqttMessageOut;
import io.bluelinkmqtt.codec.OtpJson;
import io.bluelinkmqtt.codec.OtpJson.OtpState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** bridge/otp as docs/mqtt-topics.md documents it. */
class OtpStateMapperTest {

  private final OtpStateMapper mapper = new OtpStateMapper(new Topics("hyundai"));
  private static final Instant EXPIRES = Instant.parse("2026-12-01T10:05:00Z");

  @Test
  @DisplayName("a code is awaited: the retained request, QoS 1, with tries left and channel once known")
  void request() {
    assertEquals(List.of(new MqttMessageOut("hyundai/bridge/otp",
            "{\"state\":\"required\",\"channels\":[\"email\",\"sms\"],\"destination_hint\":\"j***@e***.com\","
                + "\"expires_at\":\"2026-12-01T10:05:00Z\"}", 1, true)),
        mapper.map(new OtpState(OtpJson.REQUIRED, List.of("email", "sms"), "j***@e***.com", EXPIRES, -1, null)));
    assertEquals(List.of(new MqttMessageOut("hyundai/bridge/otp",
            "{\"state\":\"rejected\",\"channels\":[\"email\"],\"destination_hint\":\"j***@e***.com\","
                + "\"expires_at\":\"2026-12-01T10:05:00Z\",\"tries_left\":2,\"sent_via\":\"email\"}", 1, true)),
        mapper.map(new OtpState(OtpJson.REJECTED, List.of("email"), "j***@e***.com", EXPIRES, 2, "email")));
  }

  @Test
  @DisplayName("over: the last state once, not retained, then the retained request cleared")
  void over() {
    for (String state : List.of(OtpJson.ACCEPTED, OtpJson.EXPIRED)) {
      assertEquals(List.of(new MqttMessageOut("hyundai/bridge/otp", "{\"state\":\"" + state + "\"}", 1, false),
          new MqttMessageOut("hyundai/bridge/otp", "", 1, true)), mapper.map(OtpState.over(state)));
    }
  }
}
