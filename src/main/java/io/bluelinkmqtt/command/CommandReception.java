package io.bluelinkmqtt.command;

import io.bluelinkmqtt.codec.InboundCommandJson;
import io.bluelinkmqtt.codec.OtpJson;
import io.bluelinkmqtt.codec.OtpJson.OtpState;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;

/**
 * Where each raw command from the bus goes: an empty payload (a retained command being cleared) is ignored, an
 * answer on {@code bridge/commands/otp} goes to {@link OtpAnswers}, a command that arrives before the vehicle list
 * is held ({@link StartupBuffer}, at most {@link StartupBuffer#MAX_HOLD_MS} and never longer than the send timeout),
 * and the rest goes to the {@link CommandIntake}. While a login waits for the owner's one-time code nothing is held:
 * the list cannot come before a code is accepted. When the first list arrives it sends the start-up refreshes (when
 * configured) and then hands on what was held. Not thread-safe: the verticle's event loop only.
 */
final class CommandReception {

  private final Vertx vertx;
  private final Logger log;
  private final Clock clock;
  private final CommandTimings timings;
  private final boolean initialRefresh;
  private final KnownVehicles known;
  private final CommandIntake intake;
  private final OtpAnswers otpAnswers;
  private final Runnable askForListNow;
  private final StartupBuffer startup = new StartupBuffer();
  private long startupTimer = -1;
  private boolean loginPending;

  /**
   * @param log the verticle's logger, so its lines keep their logger name
   * @param askForListNow asks for the vehicle list at once (a one-time code was accepted)
   */
  CommandReception(Vertx vertx, Logger log, Clock clock, CommandTimings timings, boolean initialRefresh,
                   KnownVehicles known, CommandIntake intake, OtpAnswers otpAnswers, Runnable askForListNow) {
    this.vertx = vertx;
    this.log = log;
    this.clock = clock;
    this.timings = timings;
    this.initialRefresh = initialRefresh;
    this.known = known;
    this.intake = intake;
    this.otpAnswers = otpAnswers;
    this.askForListNow = askForListNow;
  }

  void receive(JsonObject body, long receivedAtMillis) {
    if (InboundCommandJson.hasEmptyPayload(body)) {
      log.debug("empty command payload ignored: a retained command being cleared (mosquitto_pub -r -n)");
      return;
    }
    if (otpAnswers.isAnswer(body)) {
      otpAnswers.handle(body, receivedAtMillis);
      return;
    }
    if (!known.listLoaded() && !loginPending && startup.offer(body, receivedAtMillis)) {
      if (startupTimer < 0) {
        startupTimer = vertx.setTimer(Math.min(StartupBuffer.MAX_HOLD_MS, timings.sendTimeoutMs()), t -> releaseHeld());
      }
      return;
    }
    intake.handle(body, receivedAtMillis);
  }

  /** A login waits for the owner's code: held commands are answered now; an accepted code brings the list. */
  void otpChanged(OtpState state) {
    // until a code is accepted the list cannot come (an expired code waits for the owner, or for the next login)
    loginPending = !OtpJson.ACCEPTED.equals(state.state());
    intake.loginPending(loginPending);
    if (loginPending) {
      releaseHeld();
    } else {
      askForListNow.run();
    }
  }

  /** The first vehicle list arrived: the start-up refreshes go first, then what was held. */
  void firstList(List<String> vehicleIds) {
    if (initialRefresh) {
      for (String vehicle : vehicleIds) {
        intake.refreshAtStartup(vehicle, clock.millis());
      }
    }
    releaseHeld();
  }

  /** The bridge stops: what was held, and whatever comes while draining, is answered "shutdown". */
  void close() {
    startup.close();
    intake.close();
    releaseHeld();
  }

  /** Handles what was held before the vehicle list arrived (or when holding it ran out of time, or at stop). */
  private void releaseHeld() {
    vertx.cancelTimer(startupTimer);
    startupTimer = -1; // the next command held while the list is still missing starts a hold of its own
    startup.release().forEach(held -> intake.handle(held.body(), held.receivedAtMillis()));
  }
}
