package io.bluelinkmqtt.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.api.OtpChallenge.OtpVerdict;
import io.bluelinkmqtt.bus.BridgeException;
import io.bluelinkmqtt.bus.Failure;
import io.bluelinkmqtt.codec.OtpJson;
import io.bluelinkmqtt.codec.OtpJson.OtpState;
import io.bluelinkmqtt.config.Secret;
import io.bluelinkmqtt.testsupport.Await;
import io.bluelinkmqtt.testsupport.LogCapture;
import io.bluelinkmqtt.testsupport.TestClock;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The owner's side of a one-time code against a scripted challenge; deadlines move with a test clock. */
class OtpDialogueTest {

  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final String CANARY = "93817264";

  private final Vertx vertx = Vertx.vertx();
  private final Context loop = vertx.getOrCreateContext();
  private final TestClock clock = TestClock.at("2026-12-01T10:00:00Z");
  private final List<OtpState> states = new CopyOnWriteArrayList<>();
  private final OtpDialogue dialogue = new OtpDialogue(vertx, clock, Duration.ofSeconds(60), 10, states::add);

  @AfterEach
  void close() {
    Await.result(vertx.close(), WAIT);
  }

  /** A challenge that records what it was asked and answers from a script. */
  private class Scripted implements OtpChallenge {
    final List<String> sent = new CopyOnWriteArrayList<>();
    final List<String> codes = new CopyOnWriteArrayList<>();
    final List<OtpVerdict> verdicts = new ArrayList<>();
    final Promise<String> firstSend = Promise.promise();

    @Override
    public List<String> channels() {
      return List.of("email", "sms");
    }

    @Override
    public String destinationHint() {
      return "j***@e***.com";
    }

    @Override
    public Instant expiresAt() {
      return Instant.parse("2026-12-01T10:05:00Z");
    }

    @Override
    public Future<Void> send(String channel) {
      sent.add(channel);
      firstSend.tryComplete(channel);
      return Future.succeededFuture();
    }

    @Override
    public Future<OtpVerdict> verify(String code) {
      codes.add(code);
      return Future.succeededFuture(verdicts.remove(0));
    }
  }

  private <T> Future<T> onLoop(Supplier<Future<T>> action) {
    Promise<T> promise = Promise.promise();
    loop.runOnContext(v -> action.get().onComplete(promise));
    return promise.future();
  }

  private List<String> stateNames() {
    return states.stream().map(OtpState::state).toList();
  }

  @Test
  @DisplayName("required with channels, hint and expiry; the owner's channel; a wrong code rejected with tries left; "
      + "the right one accepted and solve completes")
  void ownerAnswers() {
    Scripted challenge = new Scripted();
    challenge.verdicts.add(new OtpVerdict(OtpVerdict.Kind.REJECTED, 2));
    challenge.verdicts.add(new OtpVerdict(OtpVerdict.Kind.ACCEPTED, 0));
    Future<Void> solved = Await.result(onLoop(() -> Future.succeededFuture(dialogue.solve(challenge))), WAIT);
    OtpState required = states.get(0);
    assertEquals(new OtpState(OtpJson.REQUIRED, List.of("email", "sms"), "j***@e***.com",
        Instant.parse("2026-12-01T10:05:00Z"), -1, null), required);
    assertTrue(dialogue.pending());
    assertTrue(dialogue.blocksLogins());

    assertTrue(Await.result(onLoop(() -> dialogue.send("sms")), WAIT));
    assertEquals(List.of("sms"), challenge.sent);
    assertEquals("sms", states.get(1).sentVia());

    assertTrue(Await.result(onLoop(() -> dialogue.verify(Secret.of("111111"))), WAIT), "still pending");
    assertEquals(new OtpState(OtpJson.REJECTED, List.of("email", "sms"), "j***@e***.com",
        Instant.parse("2026-12-01T10:05:00Z"), 2, "sms"), states.get(2));
    assertFalse(solved.isComplete());

    assertFalse(Await.result(onLoop(() -> dialogue.verify(Secret.of("222222"))), WAIT), "no longer pending");
    assertEquals(OtpState.over(OtpJson.ACCEPTED), states.get(3));
    Await.result(solved, WAIT);
    assertEquals(List.of("111111", "222222"), challenge.codes);
    assertFalse(dialogue.pending());
    assertFalse(dialogue.blocksLogins());
    assertEquals(List.of("email", "sms"), challenge.channels());
  }

  @Test
  @DisplayName("no channel picked within 60 s: the code goes by the first channel, once")
  void defaultChannelAfterSixtySeconds() {
    Scripted challenge = new Scripted();
    Await.result(onLoop(() -> Future.succeededFuture(dialogue.solve(challenge))), WAIT);
    clock.advance(Duration.ofSeconds(59));
    assertTrue(Await.staysPending(challenge.firstSend.future(), Duration.ofMillis(200)), "not before 60 s");
    clock.advance(Duration.ofSeconds(1));
    assertEquals("email", Await.result(challenge.firstSend.future(), WAIT));
    clock.advance(Duration.ofSeconds(30));
    Await.condition(vertx, () -> states.size() == 2, WAIT);
    assertEquals(List.of("email"), challenge.sent, "sent once");
    assertEquals("email", states.get(states.size() - 1).sentVia());
  }

  @Test
  @DisplayName("a code that never comes: expired at expiresAt, solve fails auth_failed, and no login until the owner "
      + "speaks; then the next challenge goes by the channel the owner named")
  void expiresAndWaitsForTheOwner() {
    Scripted challenge = new Scripted();
    Future<Void> solved = Await.result(onLoop(() -> Future.succeededFuture(dialogue.solve(challenge))), WAIT);
    clock.set(Instant.parse("2026-12-01T10:05:00Z"));
    Throwable failure = Await.failure(solved, WAIT);
    assertEquals(ApiException.Kind.AUTH_FAILED, assertInstanceOf(ApiException.class, failure).kind());
    assertEquals(List.of(OtpJson.REQUIRED, OtpJson.EXPIRED), stateNames());
    assertEquals(List.of(), challenge.sent, "past its expiry nothing is sent any more");
    assertFalse(dialogue.pending());
    assertTrue(dialogue.blocksLogins(), "the owner never answered: no new login");

    assertFalse(Await.result(onLoop(() -> dialogue.send("sms")), WAIT));
    assertFalse(dialogue.blocksLogins());
    Scripted next = new Scripted();
    Await.result(onLoop(() -> Future.succeededFuture(dialogue.solve(next))), WAIT);
    assertEquals("sms", Await.result(next.firstSend.future(), WAIT), "sent at once by the channel the owner named");
  }

  @Test
  @DisplayName("the cloud ends the challenge (no tries left): expired; a later challenge is a new login's")
  void cloudSaysExpired() {
    Scripted challenge = new Scripted();
    challenge.verdicts.add(new OtpVerdict(OtpVerdict.Kind.EXPIRED, 0));
    Future<Void> solved = Await.result(onLoop(() -> Future.succeededFuture(dialogue.solve(challenge))), WAIT);
    assertFalse(Await.result(onLoop(() -> dialogue.verify(Secret.of("123456"))), WAIT));
    Await.failure(solved, WAIT);
    assertEquals(OtpState.over(OtpJson.EXPIRED), states.get(states.size() - 1));
    assertFalse(dialogue.blocksLogins(), "the owner spoke: the next login may ask again");
  }

  @Test
  @DisplayName("a second challenge while one waits is refused login_pending and changes nothing")
  void secondChallengeRefused() {
    Scripted first = new Scripted();
    Await.result(onLoop(() -> Future.succeededFuture(dialogue.solve(first))), WAIT);
    Throwable second = Await.failure(onLoop(() -> dialogue.solve(new Scripted())), WAIT);
    assertEquals(ApiException.Kind.LOGIN_PENDING, assertInstanceOf(ApiException.class, second).kind());
    assertEquals(Failure.LOGIN_PENDING, ((BridgeException) second).failure());
    assertEquals(1, states.size());
  }

  @Test
  @DisplayName("answers without a challenge or with a channel the cloud does not offer are invalid")
  void invalidAnswers() {
    Throwable noChallenge = Await.failure(onLoop(() -> dialogue.verify(Secret.of("123456"))), WAIT);
    assertEquals(Failure.INVALID, ((BridgeException) noChallenge).failure());
    Scripted emailOnly = new Scripted() {
      @Override
      public List<String> channels() {
        return List.of("email");
      }
    };
    Await.result(onLoop(() -> Future.succeededFuture(dialogue.solve(emailOnly))), WAIT);
    Throwable sms = Await.failure(onLoop(() -> dialogue.send("sms")), WAIT);
    assertEquals(Failure.INVALID, ((BridgeException) sms).failure());
    assertEquals(List.of(), emailOnly.sent);
  }

  @Test
  @DisplayName("the code is a secret: neither logged nor in any state")
  void codeNeverLogged() {
    Scripted challenge = new Scripted();
    challenge.verdicts.add(new OtpVerdict(OtpVerdict.Kind.REJECTED, 1));
    challenge.verdicts.add(new OtpVerdict(OtpVerdict.Kind.ACCEPTED, 0));
    try (LogCapture logs = LogCapture.attach()) {
      Await.result(onLoop(() -> Future.succeededFuture(dialogue.solve(challenge))), WAIT);
      Await.result(onLoop(() -> dialogue.verify(Secret.of(CANARY))), WAIT);
      Await.result(onLoop(() -> dialogue.verify(Secret.of(CANARY))), WAIT);
      assertEquals(List.of(CANARY, CANARY), challenge.codes);
      assertFalse(logs.text().contains(CANARY), "the log holds the code");
      assertFalse(logs.text().isEmpty(), "the dialogue logs its steps");
    }
    states.forEach(s -> assertFalse(OtpJson.stateToJson(s).encode().contains(CANARY)));
    assertFalse(new OtpJson.OtpAnswer(null, Secret.of(CANARY)).toString().contains(CANARY));
  }
}
