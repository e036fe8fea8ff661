package io.bluelinkmqtt.testsupport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class BlockedThreadGuardTest {

  @Test
  @ExpectsBlockedThread
  @DisplayName("the injected Vertx runs the strict checker: a 600 ms busy event loop is reported and counted")
  void strictCheckerReportsABusyEventLoop(Vertx vertx, VertxTestContext ctx) {
    int before = BlockedThreadGuard.warningsSoFar();
    vertx.runOnContext(v -> {
      long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(600);
      while (System.nanoTime() < until) {
        Thread.onSpinWait(); // hog the event loop on purpose
      }
      // the checker looks every 100 ms with a 200 ms limit; one more tick lets it report
      vertx.setTimer(300, t -> ctx.verify(() -> {
        assertTrue(BlockedThreadGuard.warningsSoFar() > before, "expected a blocked-thread warning");
        ctx.completeNow();
      }));
    });
  }
}
