package io.bluelinkmqtt.publish;

import io.bluelinkmqtt.codec.MqttPublishJson.MqttMessageOut;
import io.bluelinkmqtt.codec.OtpJson.OtpState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * {@code bridge/otp}: while a code is awaited, the retained request
 * {@code {"state":"required"|"rejected","channels":[…],"destination_hint":…,"expires_at":…,"tries_left"?,
 * "sent_via"?}}; when the dialogue is over, its last state ({@code accepted} / {@code expired}) once, not
 * retained, and then an empty retained payload that clears the request.
 */
final class OtpStateMapper {

  static final int QOS = 1;

  private final Topics topics;

  OtpStateMapper(Topics topics) {
    this.topics = topics;
  }

  List<MqttMessageOut> map(OtpState state) {
    String topic = topics.bridgeOtp();
    JsonObject doc = new JsonObject().put("state", state.state());
    if (!state.awaitsCode()) {
      return List.of(new MqttMessageOut(topic, doc.encode(), QOS, false), new MqttMessageOut(topic, "", QOS, true));
    }
    doc.put("channels", new JsonArray(List.copyOf(state.channels())))
        .put("destination_hint", state.destinationHint())
        .put("expires_at", state.expiresAt() == null ? null : state.expiresAt().toString());
    if (state.triesLeft() >= 0) {
      doc.put("tries_left", state.triesLeft());
    }
    if (state.sentVia() != null) {
      doc.put("sent_via", state.sentVia());
    }
    return List.of(new MqttMessageOut(topic, doc.encode(), QOS, true));
  }
}
