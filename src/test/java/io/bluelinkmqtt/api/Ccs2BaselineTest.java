package io.bluelinkmqtt.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bluelinkmqtt.domain.RefreshMode;
import io.bluelinkmqtt.domain.RefreshRequest;
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
class Ccs2BaselineTest {
  @TempDir Path stateDir;

  @Test
  @org.junit.jupiter.api.DisplayName("CCS2 force: a cloud copy that moved by itself before the wake is not the car's answer; "
      + "the bridge waits for the wake's own report")
  void forceWaitsForTheWakesOwnAnswer(Vertx vertx, VertxTestContext ctx) {
    ClientStubCloud cloud = new ClientStubCloud(vertx);
    TestClock clock = new TestClock(Instant.parse("2026-09-01T10:00:00Z"));
    int[] before = new int[1];
    cloud.start().compose(v -> {
      ClientHarness h = new ClientHarness(vertx, cloud.baseUrl(), stateDir, ClientHarness.api(stateDir), clock, null);
      return h.service.vehicles()
          .compose(l -> h.service.refresh(new RefreshRequest(ClientStubCloud.CCS2_CAR, RefreshMode.CACHED, 0, false, "c0")))
          .compose(cached -> {
            // the car reported by itself later (after a drive): the cloud cache moved without any wake
            cloud.ccs2Time = String.valueOf(Long.parseLong(cloud.ccs2Time) + 50);
            cloud.ccs2PollsBeforeMove = 3; // the wake's own answer arrives on the 4th re-read
            before[0] = cloud.count("ccs2-latest");
            return h.service.refresh(new RefreshRequest(ClientStubCloud.CCS2_CAR, RefreshMode.FORCE, 0, false, "c1"));
          });
    }).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertEquals(5, cloud.count("ccs2-latest") - before[0], "one read before the wake, then 4 re-reads");
      assertEquals(io.bluelinkmqtt.domain.DataSource.FRESH, r.dataSource());
      ctx.completeNow();
    })));
  }
}
