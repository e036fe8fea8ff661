package io.bluelinkmqtt.api;

import io.bluelinkmqtt.api.OtpChallenge.OtpVerdict;
import io.bluelinkmqtt.bus.BridgeException;
import io.bluelinkmqtt.bus.Failure;
import io.bluelinkmqtt.codec.OtpJson;
import io.bluelinkmqtt.codec.OtpJson.OtpState;
import io.bluelinkmqtt.config.Secret;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owner's side of a one-time code ({@link OneTimeCodes}), one per account, confined to the API verticle's event
 * loop. A challenge is announced ({@code required}); the code goes out by the channel the owner picks, or by the
 * first channel the cloud offers after {@link #DEFAULT_CHANNEL_AFTER}; each code the owner gives is checked once
 * ({@code rejected} with tries left, {@code accepted}); at {@code expiresAt} it is {@code expired}. Deadlines are
 * read from the injected clock on a light tick, so tests move a test clock instead of waiting.
 *
 * <p>No loops: a second challenge while one waits is refused ({@code login_pending}, the request stays as it is),
 * and after a challenge expired without a word from the owner no login is attempted ({@link #blocksLogins()}) until
 * the owner speaks on {@code bridge/commands/otp} again (then the next login's code goes by the channel they named).
 */
public final class OtpDialogue implements OneTimeCodes {

  /** The owner has this long to pick a channel before the code goes by the cloud's first one. */
  public static final Duration DEFAULT_CHANNEL_AFTER = Duration.ofSeconds(60);
  /** How often a waiting challenge looks at its deadlines. */
  static final long TICK_MS = 1_000;
  private static final Logger LOG = LoggerFactory.getLogger(OtpDialogue.class);

  private final Vertx vertx;
  private final Clock clock;
  private final Duration defaultChannelAfter;
  private final long tickMs;
  private final Consumer<OtpState> states;
  private Waiting waiting;
  private boolean ownerAway;
  private String channelWanted;

  /** @param states gets every change of the dialogue (published on {@code bluelink.api.otp-changed}) */
  public OtpDialogue(Vertx vertx, Clock clock, Consumer<OtpState> states) {
    this(vertx, clock, DEFAULT_CHANNEL_AFTER, TICK_MS, states);
  }

  public OtpDialogue(Vertx vertx, Clock clock, Duration defaultChannelAfter, long tickMs, Consumer<OtpState> states) {
    this.vertx = vertx;
    this.clock = clock;
    this.defaultChannelAfter = defaultChannelAfter;
    this.tickMs = tickMs;
    this.states = states;
  }

  @Override
  public Future<Void> solve(OtpChallenge challenge) {
    if (waiting != null) {
      LOG.info("the cloud asked for a second one-time code while one is awaited: refused, the first one stands");
      return Future.failedFuture(OneTimeCodes.loginPending());
    }
    waiting = new Waiting(challenge, clock.instant());
    waiting.timer = vertx.setPeriodic(tickMs, t -> tick());
    LOG.warn("the car cloud asks for a one-time code (sent to {}); answer on bridge/commands/otp before {}",
        challenge.destinationHint(), challenge.expiresAt());
    announce(OtpJson.REQUIRED, -1);
    if (channelWanted != null && challenge.channels().contains(channelWanted)) {
      sendBy(channelWanted);
    }
    channelWanted = null;
    return waiting.result.future();
  }

  @Override
  public boolean pending() {
    return waiting != null;
  }

  /** True while no login may start: a code is awaited, or the last one expired and the owner has not spoken since. */
  public boolean blocksLogins() {
    return waiting != null || ownerAway;
  }

  /**
   * The owner picked a channel. Without a waiting challenge it only says the owner is back: the next login that needs
   * a code sends it by that channel at once.
   *
   * @return whether a code is awaited now
   */
  public Future<Boolean> send(String channel) {
    ownerAway = false;
    if (waiting == null) {
      channelWanted = channel;
      return Future.succeededFuture(false);
    }
    waiting.ownerSpoke = true;
    if (!waiting.challenge.channels().contains(channel)) {
      return Future.failedFuture(new BridgeException(Failure.INVALID, "the cloud does not offer the channel " + channel));
    }
    if (waiting.busy) {
      return Future.failedFuture(new BridgeException(Failure.BUSY, "the previous answer is still being handled"));
    }
    return sendBy(channel).map(v -> waiting != null);
  }

  /** The owner's code: checked once with the cloud. */
  public Future<Boolean> verify(Secret code) {
    ownerAway = false;
    if (waiting == null) {
      return Future.failedFuture(new BridgeException(Failure.INVALID, "no one-time code is asked for"));
    }
    Waiting current = waiting;
    current.ownerSpoke = true;
    if (current.busy) {
      return Future.failedFuture(new BridgeException(Failure.BUSY, "the previous answer is still being handled"));
    }
    current.busy = true;
    return current.challenge.verify(code.reveal())
        .onComplete(ar -> current.busy = false)
        .map(verdict -> {
          if (current == waiting) {
            judged(verdict);
          }
          return waiting != null;
        });
  }

  private Future<Void> sendBy(String channel) {
    Waiting current = waiting;
    current.busy = true;
    return current.challenge.send(channel)
        .onComplete(ar -> current.busy = false)
        .onSuccess(v -> {
          if (current == waiting) {
            current.sentVia = channel;
            LOG.info("one-time code sent by {}", channel);
            announce(current.lastState, current.triesLeft);
          }
        })
        .onFailure(e -> LOG.warn("sending the one-time code by {} failed: {}", channel, e.getMessage()));
  }

  private void judged(OtpVerdict verdict) {
    switch (verdict.kind()) {
      case ACCEPTED -> {
        LOG.info("one-time code accepted");
        finish(OtpJson.ACCEPTED);
      }
      case REJECTED -> {
        LOG.warn("one-time code rejected, {} tries left", verdict.triesLeft());
        waiting.lastState = OtpJson.REJECTED;
        waiting.triesLeft = verdict.triesLeft();
        announce(OtpJson.REJECTED, verdict.triesLeft());
      }
      case EXPIRED -> expire();
    }
  }

  private void tick() {
    if (waiting == null) {
      return;
    }
    Instant now = clock.instant();
    if (!now.isBefore(waiting.challenge.expiresAt())) {
      expire();
    } else if (waiting.sentVia == null && !waiting.busy && !waiting.challenge.channels().isEmpty()
        && !now.isBefore(waiting.since.plus(defaultChannelAfter))) {
      String channel = waiting.challenge.channels().get(0);
      LOG.info("no channel picked in {} s: the one-time code goes by {}", defaultChannelAfter.toSeconds(), channel);
      sendBy(channel);
    }
  }

  private void expire() {
    LOG.warn("the one-time code expired; {}", waiting.ownerSpoke ? "the next login asks for a new one"
        : "no login is attempted until the owner writes to bridge/commands/otp");
    ownerAway = !waiting.ownerSpoke;
    finish(OtpJson.EXPIRED);
  }

  private void finish(String state) {
    Waiting done = waiting;
    waiting = null;
    vertx.cancelTimer(done.timer);
    states.accept(OtpState.over(state));
    if (OtpJson.ACCEPTED.equals(state)) {
      done.result.complete();
    } else {
      done.result.fail(new ApiException(ApiException.Kind.AUTH_FAILED, "the one-time code expired"));
    }
  }

  private void announce(String state, int triesLeft) {
    OtpChallenge c = waiting.challenge;
    states.accept(new OtpState(state, c.channels(), c.destinationHint(), c.expiresAt(), triesLeft, waiting.sentVia));
  }

  /** The challenge that waits for the owner. */
  private static final class Waiting {
    final OtpChallenge challenge;
    final Instant since;
    final Promise<Void> result = Promise.promise();
    long timer;
    boolean busy;
    boolean ownerSpoke;
    String sentVia;
    String lastState = OtpJson.REQUIRED;
    int triesLeft = -1;

    Waiting(OtpChallenge challenge, Instant since) {
      this.challenge = challenge;
      this.since = since;
    }
  }
}
