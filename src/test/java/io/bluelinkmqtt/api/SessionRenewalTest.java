package io.bluelinkmqtt.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.api.ApiException.Kind;
import io.bluelinkmqtt.testsupport.TestClock;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SessionRenewalTest {

  private static final long BASE = 1_000;
  private static final long CAP = 5_000;

  private final TestClock clock = TestClock.at("2026-01-01T00:00:00Z");
  private final SessionRenewal<String> renewal = new SessionRenewal<>(clock, BASE, CAP);
  private final AtomicInteger attempts = new AtomicInteger();

  @Test
  @DisplayName("single-flight: callers during an attempt share it; after it completes the next caller starts one")
  void singleFlight() {
    Promise<String> login = Promise.promise();
    Future<String> first = renewal.renew(() -> counted(login.future()));
    Future<String> second = renewal.renew(() -> counted(Future.succeededFuture("other")));
    assertSame(first, second);
    assertTrue(renewal.inFlight());
    login.complete("session");
    assertFalse(renewal.inFlight());
    assertEquals("fresh", renewal.renew(() -> counted(Future.succeededFuture("fresh"))).result());
    assertEquals(2, attempts.get());
  }

  @Test
  @DisplayName("refused logins wait base, 2 x base, … up to the cap; callers fail at once until it passed, no attempt")
  void refusalsBackOffExponentially() {
    ApiException refused = new ApiException(Kind.AUTH_FAILED, "wrong password");
    assertEquals(1_000, renewal.backOff(refused));
    Future<String> gated = renewal.renew(() -> counted(Future.succeededFuture("never")));
    assertTrue(gated.failed());
    assertEquals(Kind.AUTH_FAILED, ((ApiException) gated.cause()).kind());
    assertTrue(gated.cause().getMessage().startsWith("wrong password (next attempt after "), gated.cause().getMessage());
    assertEquals(0, attempts.get());
    assertEquals(2_000, renewal.backOff(refused));
    assertEquals(4_000, renewal.backOff(refused));
    assertEquals(5_000, renewal.backOff(refused));
    clock.advance(4_999);
    assertTrue(renewal.renew(() -> counted(Future.succeededFuture("never"))).failed());
    clock.advance(1);
    assertEquals("now", renewal.renew(() -> counted(Future.succeededFuture("now"))).result());
    assertEquals(1, attempts.get());
  }

  @Test
  @DisplayName("another failure waits the base without counting; a success starts the refusals from the base again")
  void otherFailuresAndSuccess() {
    ApiException refused = new ApiException(Kind.AUTH_FAILED, "refused");
    renewal.backOff(refused);
    renewal.backOff(refused);
    assertEquals(1_000, renewal.backOff(new ApiException(Kind.NETWORK, "down")));
    assertEquals(4_000, renewal.backOff(refused));
    renewal.succeeded();
    assertEquals("ok", renewal.renew(() -> counted(Future.succeededFuture("ok"))).result());
    assertEquals(1_000, renewal.backOff(refused));
  }

  private Future<String> counted(Future<String> outcome) {
    attempts.incrementAndGet();
    return outcome;
  }
}
