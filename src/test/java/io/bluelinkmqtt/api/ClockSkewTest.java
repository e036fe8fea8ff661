package io.bluelinkmqtt.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.bluelinkmqtt.api.ApiException.Kind;
import io.bluelinkmqtt.bus.Failure;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.sim.EuSimulator;
import io.bluelinkmqtt.sim.SimEndpoint;
import io.bluelinkmqtt.sim.SimulatorSettings;
import io.bluelinkmqtt.testsupport.TestClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A bridge clock that is off: the cloud answers 4017, and the bridge says why (availability 15). */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class ClockSkewTest {

  private static final String HINT = "system clock is 3600 s ahead of the cloud's";

  @TempDir
  Path stateDir;
  private final TestClock cloudClock = new TestClock(Instant.parse("2026-09-01T10:00:00Z"));
  private final TestClock bridgeClock = new TestClock(Instant.parse("2026-09-01T10:00:00Z"));
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private EuSimulator sim;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    logs.start();
    ((Logger) LoggerFactory.getLogger(ClockSkew.class)).addAppender(logs);
    sim = new EuSimulator(vertx, SimulatorSettings.defaults(Brand.HYUNDAI)
        .withCredentials(ClientStubCloud.USER, ClientStubCloud.PASSWORD).withClock(cloudClock));
    sim.start().onComplete(ctx.succeedingThenComplete());
  }

  @AfterEach
  void stop(VertxTestContext ctx) {
    ((Logger) LoggerFactory.getLogger(ClockSkew.class)).detachAppender(logs);
    sim.stop().onComplete(ctx.succeedingThenComplete());
  }

  private List<ILoggingEvent> skewWarnings() {
    return logs.list.stream().filter(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().contains(HINT))
        .toList();
  }

  @Test
  @DisplayName("15: a bridge clock 10 min behind from the start: the login's device registration fails 4017 naming it")
  void loginNamesTheClock(Vertx vertx, VertxTestContext ctx) {
    bridgeClock.advance(Duration.ofMinutes(-10).minusSeconds(30));
    ClientHarness h = new ClientHarness(vertx, sim.baseUrl(), stateDir, ClientHarness.api(stateDir), bridgeClock, null);
    h.service.vehicles().onComplete(ctx.failing(err -> ctx.verify(() -> {
      ApiException failure = ApiErrors.from(err);
      assertEquals(Failure.AUTH_FAILED, failure.failure());
      assertTrue(failure.getMessage().contains("(4017): system clock is 630 s behind the cloud's"),
          failure.getMessage());
      assertEquals(1, sim.calls().count(SimEndpoint.REGISTER_DEVICE));
      assertEquals(0, sim.calls().count(SimEndpoint.SIGNIN), "nothing after the refused registration");
      assertEquals(1, logs.list.stream().filter(e -> e.getLevel() == Level.WARN).count());
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("15: the bridge clock runs 1 h ahead → 10 reads fail 4017 naming the clock; the WARN is logged once; "
      + "once the clock is right again reads succeed")
  void wrongClockIsNamed(Vertx vertx, VertxTestContext ctx) {
    ClientHarness h = new ClientHarness(vertx, sim.baseUrl(), stateDir, ClientHarness.api(stateDir), bridgeClock, null);
    Vehicle[] car = new Vehicle[1];
    int[] reads = new int[1];
    h.service.vehicles().compose(list -> {
      car[0] = list.get(0);
      reads[0] = sim.calls().count(SimEndpoint.STATUS_LATEST) + sim.calls().count(SimEndpoint.CCS2_LATEST);
      bridgeClock.advance(Duration.ofHours(1));
      Future<ApiException> chain = Future.succeededFuture();
      for (int i = 0; i < 10; i++) {
        chain = chain.compose(previous -> h.client.cached(car[0], new CallContext(true))
            .map(ok -> (ApiException) null).recover(err -> Future.succeededFuture(ApiErrors.from(err))));
      }
      return chain;
    }).compose(last -> {
      ctx.verify(() -> {
        assertEquals(Kind.AUTH_FAILED, last.kind());
        assertEquals(Failure.AUTH_FAILED, last.failure());
        assertEquals("4017", last.cloudCode());
        assertTrue(last.getMessage().contains(HINT), last.getMessage());
        assertEquals(10, sim.calls().count(SimEndpoint.STATUS_LATEST) + sim.calls().count(SimEndpoint.CCS2_LATEST)
            - reads[0], "every read reached the cloud");
        assertEquals(1, skewWarnings().size(), "one WARN for ten refused calls");
      });
      bridgeClock.set(cloudClock.instant());
      return h.client.cached(car[0], new CallContext(true));
    }).onComplete(ctx.succeeding(data -> ctx.verify(() -> {
      assertTrue(data.lastUpdated() != null);
      assertEquals(1, skewWarnings().size());
      assertTrue(logs.list.stream().anyMatch(e -> e.getFormattedMessage().contains("agrees with the cloud's again")));
      ctx.completeNow();
    })));
  }
}
