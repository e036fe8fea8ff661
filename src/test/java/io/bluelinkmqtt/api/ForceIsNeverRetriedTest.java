package io.bluelinkmqtt.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bluelinkmqtt.domain.RefreshMode;
import io.bluelinkmqtt.domain.RefreshRequest;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.testsupport.TestClock;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class ForceIsNeverRetriedTest {
  @TempDir Path stateDir;

  @Test
  @org.junit.jupiter.api.DisplayName("a wake the cloud answers 'car did not answer' (4081 / 9999) is never resent: one force, one wake")
  void aWakeIsNeverRetried(Vertx vertx, VertxTestContext ctx) {
    ClientStubCloud cloud = new ClientStubCloud(vertx);
    TestClock clock = new TestClock(Instant.parse("2026-09-01T10:00:00Z"));
    cloud.start().compose(v -> {
      ClientHarness h = new ClientHarness(vertx, cloud.baseUrl(), stateDir, ClientHarness.api(stateDir), clock, null);
      return h.service.vehicles().compose(list -> {
        cloud.fault("force", req -> { ClientStubCloud.envelopeFailure(req, 200, "4081"); return true; });
        cloud.fault("ccs2-force", req -> { ClientStubCloud.envelopeFailure(req, 200, "9999"); return true; });
        return h.service.refresh(new RefreshRequest(ClientStubCloud.LEGACY_CAR, RefreshMode.FORCE, 0, false, "c1"))
            .otherwise(err -> null)
            .compose(x -> h.service.refresh(new RefreshRequest(ClientStubCloud.CCS2_CAR, RefreshMode.FORCE, 0, false, "c2")))
            .otherwise(err -> null);
      });
    }).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertEquals(1, cloud.count("force"), "one legacy wake per force");
      assertEquals(1, cloud.count("ccs2-force"), "one CCS2 wake per force");
      ctx.completeNow();
    })));
  }
}
