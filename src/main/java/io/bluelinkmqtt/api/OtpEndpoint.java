package io.bluelinkmqtt.api;

import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.bus.Replies;
import io.bluelinkmqtt.codec.OtpJson;
import io.bluelinkmqtt.codec.OtpJson.OtpAnswer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * The {@link OtpDialogue} on the bus: {@link Addresses#API_OTP} takes the owner's validated answers, and every change
 * of the dialogue goes out on {@link Addresses#API_OTP_CHANGED}.
 */
final class OtpEndpoint {

  private final Vertx vertx;
  private final OtpDialogue dialogue;

  OtpEndpoint(Vertx vertx, OtpDialogue dialogue) {
    this.vertx = vertx;
    this.dialogue = dialogue;
  }

  /** The dialogue's state listener: publishes each change. */
  static void publish(Vertx vertx, OtpJson.OtpState state) {
    vertx.eventBus().publish(Addresses.API_OTP_CHANGED, OtpJson.stateToJson(state));
  }

  Future<?> register() {
    return vertx.eventBus().<JsonObject>localConsumer(Addresses.API_OTP, msg -> Replies.respond(msg, this::answer))
        .completion();
  }

  private Future<JsonObject> answer(JsonObject body) {
    OtpAnswer answer = OtpJson.answerFromJson(body);
    Future<Boolean> pending = answer.send() != null ? dialogue.send(answer.send()) : dialogue.verify(answer.code());
    return pending.map(OtpJson::answerReply);
  }
}
