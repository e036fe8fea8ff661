package io.bluelinkmqtt.command;

import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.bus.Replies;
import io.bluelinkmqtt.codec.InboundCommandJson;
import io.bluelinkmqtt.codec.OtpJson;
import io.bluelinkmqtt.domain.CommandOutcome;
import io.bluelinkmqtt.domain.CommandOutcome.Status;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * The owner's answers on {@code bridge/commands/otp}: validated ({@link OtpAnswerParser}), handed to the API
 * ({@link Addresses#API_OTP}), and answered with one outcome on {@code bridge/commands/result} (command
 * {@code otp}); the dialogue's state itself is {@code bridge/otp}. Taken before the vehicle list is loaded: the
 * first login is the one that needs them.
 */
final class OtpAnswers {

  static final String COMMAND = "otp";
  private static final long SEND_TIMEOUT_MS = 30_000;

  private final Vertx vertx;
  private final Clock clock;
  private final String topic;
  private final Consumer<CommandOutcome> publish;
  private long sequence;

  OtpAnswers(Vertx vertx, Clock clock, String topic, Consumer<CommandOutcome> publish) {
    this.vertx = vertx;
    this.clock = clock;
    this.topic = topic;
    this.publish = publish;
  }

  /** Whether the raw command came on the answers' topic ({@code bridge/commands/otp}). */
  boolean isAnswer(JsonObject body) {
    return topic.equals(body.getString("topic"));
  }

  void handle(JsonObject body, long receivedAtMillis) {
    OtpAnswerParser.Parsed parsed;
    try {
      parsed = OtpAnswerParser.parse(InboundCommandJson.fromJson(body).payload());
    } catch (RuntimeException e) {
      parsed = new OtpAnswerParser.Parsed(null, OutcomeFactory.REASON_MALFORMED, null);
    }
    String id = parsed.id() != null ? parsed.id() : "otp-" + (++sequence);
    if (parsed.answer() == null) {
      publish.accept(outcome(id, Status.INVALID, parsed.reason(), receivedAtMillis));
      return;
    }
    vertx.eventBus().<JsonObject>request(Addresses.API_OTP, OtpJson.answerToJson(parsed.answer()),
            new DeliveryOptions().setSendTimeout(SEND_TIMEOUT_MS))
        .onSuccess(reply -> publish.accept(outcome(id, Status.OK, null, receivedAtMillis)))
        .onFailure(err -> {
          var failure = Replies.toBridgeException(err).failure();
          boolean invalid = failure == io.bluelinkmqtt.bus.Failure.INVALID;
          publish.accept(outcome(id, invalid ? Status.INVALID : Status.FAILED,
              invalid ? Replies.toBridgeException(err).getMessage() : failure.reason(), receivedAtMillis));
        });
  }

  private CommandOutcome outcome(String id, Status status, String reason, long receivedAtMillis) {
    return new CommandOutcome(null, id, COMMAND, null, status, reason, null, 0,
        Math.max(0, clock.millis() - receivedAtMillis));
  }
}
