package io.bluelinkmqtt.api;

import io.bluelinkmqtt.testsupport.TestClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.bus.BridgeException;
import io.bluelinkmqtt.bus.Failure;
import io.bluelinkmqtt.config.AppConfig.ApiConfig;
import io.bluelinkmqtt.domain.DataSource;
import io.bluelinkmqtt.domain.RefreshMode;
import io.bluelinkmqtt.domain.RefreshRequest;
import io.bluelinkmqtt.domain.Vehicle;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Reliability cases 14–19 and 22 (reliability.md §7 B) against the client's stub cloud. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class EuClientResilienceTest {

  @TempDir
  Path stateDir;
  private ClientStubCloud cloud;
  private final TestClock clock = new TestClock(Instant.parse("2026-09-01T10:00:00Z"));

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    cloud = new ClientStubCloud(vertx);
    cloud.start().onComplete(ctx.succeedingThenComplete());
  }

  private ClientHarness harness(Vertx vertx, ApiConfig api) {
    return new ClientHarness(vertx, cloud.baseUrl(), stateDir, api, clock, null);
  }

  /** Logs in and loads the vehicle list, so the test counts only its own calls. */
  private static Future<Vehicle> warm(ClientHarness h, String vehicleId) {
    return h.service.vehicles().map(list -> h.service.vehicle(vehicleId).orElseThrow());
  }

  private static Future<Failure> failureOf(Future<?> call) {
    return call.map(ok -> (Failure) null).recover(err -> Future.succeededFuture(((BridgeException) err).failure()));
  }

  private static RefreshRequest request(String id, RefreshMode mode) {
    return new RefreshRequest(id, mode, 0, false, "cmd");
  }

  private static RefreshRequest smart(String id, long maxAgeSeconds) {
    return new RefreshRequest(id, RefreshMode.SMART, maxAgeSeconds, false, "cmd");
  }

  @Test
  @DisplayName("14: a 5xx burst: ≤ 1+2 attempts, breaker opens at 3, OPEN costs 0 calls, one probe after reset closes it")
  void serverErrorBurstOpensBreakerThenOneProbeCloses(Vertx vertx, VertxTestContext ctx) {
    ClientHarness h = harness(vertx, ClientHarness.api(stateDir));
    int[] before = new int[1];
    warm(h, ClientStubCloud.LEGACY_CAR).compose(car -> {
      cloud.fault("latest", req -> {
        req.response().setStatusCode(503).end("down");
        return true;
      });
      before[0] = cloud.count("latest");
      return failureOf(h.client.cached(car, new CallContext(true)));
    }).compose(first -> {
      ctx.verify(() -> {
        assertEquals(Failure.UPSTREAM_ERROR, first);
        assertEquals(3, cloud.count("latest") - before[0], "1 attempt + 2 retries");
        assertEquals(CircuitBreakerState.OPEN, h.dataBreaker());
      });
      return failureOf(h.service.refresh(request(ClientStubCloud.LEGACY_CAR, RefreshMode.CACHED)));
    }).compose(whileOpen -> {
      ctx.verify(() -> {
        assertEquals(Failure.UPSTREAM_UNAVAILABLE, whileOpen);
        assertEquals(3, cloud.count("latest") - before[0], "no call while open");
      });
      cloud.clearFaults();
      return h.halfOpen.future();
    }).compose(v -> h.service.refresh(request(ClientStubCloud.LEGACY_CAR, RefreshMode.CACHED)))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          assertEquals(4, cloud.count("latest") - before[0], "exactly one probe");
          assertEquals(CircuitBreakerState.CLOSED, h.dataBreaker());
          assertEquals(DataSource.CACHED, result.dataSource());
          assertTrue(h.breakerEvents.containsAll(java.util.List.of("bluelink-data:OPEN", "bluelink-data:HALF_OPEN",
              "bluelink-data:CLOSED")), h.breakerEvents.toString());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("15: hanging and dribbling servers hit the 300 ms total deadline, the connection is closed, next call succeeds")
  void totalDeadlineBeatsHangAndDribble(Vertx vertx, VertxTestContext ctx) {
    ClientHarness h = harness(vertx, ClientHarness.withRetry(ClientHarness.withDeadline(
        ClientHarness.api(stateDir), 300, 1_500), 0));
    Promise<Void> hangClosed = Promise.promise();
    Promise<Void> dribbleClosed = Promise.promise();
    long[] started = new long[1];
    warm(h, ClientStubCloud.LEGACY_CAR).compose(car -> {
      cloud.fault("latest", req -> {
        req.connection().closeHandler(v -> hangClosed.tryComplete());
        return true; // never answers
      });
      started[0] = System.nanoTime();
      return failureOf(h.client.cached(car, new CallContext(true))).compose(f -> {
        long ms = (System.nanoTime() - started[0]) / 1_000_000;
        ctx.verify(() -> {
          assertEquals(Failure.UPSTREAM_TIMEOUT, f);
          assertTrue(ms < 1_000, "deadline fired after " + ms + " ms");
          assertEquals(1, h.caller.failureCount(ResilientCaller.Concern.DATA));
        });
        return hangClosed.future();
      }).compose(v -> {
        cloud.fault("latest", req -> {
          req.connection().closeHandler(x -> dribbleClosed.tryComplete());
          req.response().setChunked(true).putHeader("Content-Type", "application/json").write("{");
          long id = vertx.setPeriodic(50, t -> req.response().write(" "));
          req.connection().closeHandler(x -> {
            vertx.cancelTimer(id);
            dribbleClosed.tryComplete();
          });
          return true;
        });
        started[0] = System.nanoTime();
        return failureOf(h.client.cached(car, new CallContext(true)));
      }).compose(f -> {
        long ms = (System.nanoTime() - started[0]) / 1_000_000;
        ctx.verify(() -> {
          assertEquals(Failure.UPSTREAM_TIMEOUT, f, "idle timeout 1500 ms never trips on the dribble; the deadline does");
          assertTrue(ms < 1_000, "deadline fired after " + ms + " ms");
        });
        return dribbleClosed.future();
      }).compose(v -> {
        cloud.clearFaults();
        started[0] = System.nanoTime();
        return h.client.cached(car, new CallContext(true));
      });
    }).onComplete(ctx.succeeding(data -> ctx.verify(() -> {
      assertEquals(80, data.battery().level());
      assertTrue((System.nanoTime() - started[0]) / 1_000_000 < 250, "no leaked connection delays the next call");
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("16: a reset mid-body is NETWORK after 1+2 attempts and changes no known state; a refused connection is NETWORK")
  void resetMidBodyAndRefusedConnectionAreNetwork(Vertx vertx, VertxTestContext ctx) {
    ClientHarness h = harness(vertx, ClientHarness.api(stateDir));
    int[] before = new int[1];
    h.service.refresh(request(ClientStubCloud.LEGACY_CAR, RefreshMode.CACHED)).compose(first -> {
      cloud.fault("latest", req -> {
        req.response().setChunked(true).write("{\"retCode\":\"S\",\"resMsg\":{\"vehicleStatusInfo\":");
        vertx.setTimer(20, t -> req.connection().close());
        return true;
      });
      before[0] = cloud.count("latest");
      return failureOf(h.service.refresh(request(ClientStubCloud.LEGACY_CAR, RefreshMode.CACHED)))
          .map(f -> new Object[] {first, f});
    }).compose(pair -> {
      ctx.verify(() -> {
        assertEquals(Failure.NETWORK, pair[1]);
        assertEquals(3, cloud.count("latest") - before[0]);
        assertEquals(((io.bluelinkmqtt.domain.RefreshResult) pair[0]).data(),
            h.service.lastKnown(ClientStubCloud.LEGACY_CAR), "no partial state kept");
      });
      return vertx.createHttpServer().requestHandler(r -> r.response().end()).listen(0, "127.0.0.1");
    }).compose(server -> {
      String dead = "http://127.0.0.1:" + server.actualPort();
      return server.close().map(dead);
    }).compose(dead -> failureOf(new ClientHarness(vertx, dead, stateDir.resolve("other"),
        ClientHarness.api(stateDir.resolve("other")), clock, null).service.vehicles()))
        .onComplete(ctx.succeeding(f -> ctx.verify(() -> {
          assertEquals(Failure.NETWORK, f);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("17: not JSON, wrong types, deep nesting and a 10 MiB body are BAD_RESPONSE; the big body is cut off")
  void hostileBodiesAreBadResponse(Vertx vertx, VertxTestContext ctx) {
    ClientHarness h = harness(vertx, ClientHarness.withRetry(ClientHarness.api(stateDir), 0));
    Promise<Void> bigClosed = Promise.promise();
    warm(h, ClientStubCloud.LEGACY_CAR).compose(car -> {
      cloud.fault("latest", req -> {
        req.response().end("<html>not json</html>");
        return true;
      });
      return failureOf(h.client.cached(car, new CallContext(true))).compose(notJson -> {
        cloud.fault("latest", req -> {
          ClientStubCloud.json(req, 200, new JsonObject().put("retCode", "S").put("resMsg",
              new JsonObject().put("vehicleStatusInfo", "surprise")));
          return true;
        });
        return failureOf(h.client.cached(car, new CallContext(true))).map(wrong -> new Failure[] {notJson, wrong});
      }).compose(two -> {
        cloud.fault("latest", req -> {
          req.response().end("[".repeat(100_000) + "]".repeat(100_000));
          return true;
        });
        return failureOf(h.client.cached(car, new CallContext(true)))
            .map(deep -> new Failure[] {two[0], two[1], deep});
      }).compose(three -> {
        cloud.fault("latest", req -> {
          req.connection().closeHandler(v -> bigClosed.tryComplete());
          req.response().setChunked(true);
          Buffer mib = Buffer.buffer(new byte[1 << 20]);
          for (int i = 0; i < 10; i++) {
            req.response().write(mib);
          }
          req.response().end();
          return true;
        });
        return failureOf(h.client.cached(car, new CallContext(true)))
            .map(big -> new Failure[] {three[0], three[1], three[2], big});
      });
    }).compose(all -> bigClosed.future().map(all))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          for (Failure f : all) {
            assertEquals(Failure.BAD_RESPONSE, f);
          }
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("18: 5091 is not retried and marks the budget exhausted; 4004 on a wake is not resent; 5031/9999 are retried")
  void envelopeErrorCodes(Vertx vertx, VertxTestContext ctx) {
    ClientHarness h = harness(vertx, ClientHarness.api(stateDir));
    int[] base = new int[2];
    warm(h, ClientStubCloud.LEGACY_CAR).compose(car -> {
      cloud.fault("latest", req -> {
        req.response().putHeader("x-ratelimit-limit", "200").putHeader("x-ratelimit-remaining", "0")
            .putHeader("x-ratelimit-reset", "1788000000");
        ClientStubCloud.envelopeFailure(req, 509, "5091");
        return true;
      });
      base[0] = cloud.count("latest");
      return failureOf(h.client.cached(car, new CallContext(true)));
    }).compose(quota -> {
      ctx.verify(() -> {
        assertEquals(Failure.RATE_LIMITED, quota);
        assertEquals(1, cloud.count("latest") - base[0], "5091 is never retried");
        assertEquals(1, h.budget.exhaustedMarks.get());
        assertEquals(java.util.OptionalLong.of(0), h.budget.remainingSeen.get(h.budget.remainingSeen.size() - 1));
      });
      int[] transientLeft = {2};
      cloud.fault("latest", req -> {
        if (transientLeft[0]-- > 0) {
          ClientStubCloud.envelopeFailure(req, transientLeft[0] == 1 ? 503 : 200, transientLeft[0] == 1 ? "5031" : "9999");
          return true;
        }
        return false;
      });
      base[0] = cloud.count("latest");
      return h.client.cached(h.service.vehicle(ClientStubCloud.LEGACY_CAR).orElseThrow(), new CallContext(true));
    }).compose(data -> {
      ctx.verify(() -> {
        assertEquals(80, data.battery().level());
        assertEquals(3, cloud.count("latest") - base[0], "5031 and 9999 retried within the budget");
      });
      cloud.clearFaults();
      cloud.fault("ccs2-force", req -> {
        ClientStubCloud.envelopeFailure(req, 200, "4004");
        return true;
      });
      return h.service.refresh(request(ClientStubCloud.CCS2_CAR, RefreshMode.FORCE));
    }).onComplete(ctx.succeeding(result -> ctx.verify(() -> {
      assertEquals(1, cloud.count("ccs2-force"), "4004: the wake is not resent");
      assertTrue(cloud.count("ccs2-latest") >= 2, "the state is re-read instead");
      assertEquals(RefreshMode.FORCE, result.path());
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("19: 429 with Retry-After: 1 — no call to that endpoint before it passes, then calls resume")
  void retryAfterIsHonoured(Vertx vertx, VertxTestContext ctx) {
    ClientHarness h = harness(vertx, ClientHarness.api(stateDir));
    int[] base = new int[1];
    warm(h, ClientStubCloud.LEGACY_CAR).compose(car -> {
      cloud.fault("latest", req -> {
        req.response().setStatusCode(429).putHeader("Retry-After", "1").end();
        return true;
      });
      base[0] = cloud.count("latest");
      return failureOf(h.client.cached(car, new CallContext(true)))
          .compose(first -> {
            cloud.clearFaults();
            return failureOf(h.client.cached(car, new CallContext(true))).map(second -> new Failure[] {first, second});
          })
          .compose(both -> {
            ctx.verify(() -> {
              assertEquals(Failure.RATE_LIMITED, both[0]);
              assertEquals(Failure.RATE_LIMITED, both[1]);
              assertEquals(1, cloud.count("latest") - base[0], "nothing sent inside Retry-After");
            });
            clock.advance(Duration.ofMillis(1_001));
            return h.client.cached(car, new CallContext(true));
          });
    }).onComplete(ctx.succeeding(data -> ctx.verify(() -> {
      assertEquals(2, cloud.count("latest") - base[0]);
      assertEquals(80, data.battery().level());
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("22: vehicle A hangs; vehicle B completes at normal latency; A's queue is bounded (BUSY beyond it)")
  void hungVehicleDoesNotDelayAnother(Vertx vertx, VertxTestContext ctx) {
    ClientHarness h = harness(vertx, ClientHarness.withPending(ClientHarness.withRetry(
        ClientHarness.withDeadline(ClientHarness.api(stateDir), 1_500, 1_500), 0), 2));
    warm(h, ClientStubCloud.LEGACY_CAR).compose(car -> {
      cloud.fault("latest:" + ClientStubCloud.LEGACY_CAR, req -> true); // A never answers
      // distinct refreshes: identical ones would join the first in the car's lane instead of queueing
      Future<Failure> a1 = failureOf(h.service.refresh(request(ClientStubCloud.LEGACY_CAR, RefreshMode.CACHED)));
      Future<Failure> a2 = failureOf(h.service.refresh(smart(ClientStubCloud.LEGACY_CAR, 60)));
      Future<Failure> a3 = failureOf(h.service.refresh(smart(ClientStubCloud.LEGACY_CAR, 120)));
      Future<Failure> a4 = failureOf(h.service.refresh(smart(ClientStubCloud.LEGACY_CAR, 180)));
      ctx.verify(() -> {
        assertTrue(a4.isComplete(), "beyond the queue: refused at once");
        assertEquals(Failure.BUSY, a4.result());
        assertTrue(!a1.isComplete() && !a2.isComplete() && !a3.isComplete());
      });
      long started = System.nanoTime();
      return h.service.refresh(request(ClientStubCloud.CCS2_CAR, RefreshMode.CACHED)).map(b -> {
        long ms = (System.nanoTime() - started) / 1_000_000;
        ctx.verify(() -> {
          assertEquals(DataSource.CACHED, b.dataSource());
          assertTrue(ms < 500, "B took " + ms + " ms while A hangs");
          assertTrue(!a1.isComplete(), "A is still hanging");
        });
        return a1;
      }).compose(a -> a);
    }).onComplete(ctx.succeeding(a1 -> ctx.verify(() -> {
      assertEquals(Failure.UPSTREAM_TIMEOUT, a1);
      ctx.completeNow();
    })));
  }
}
