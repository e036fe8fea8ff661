package io.bluelinkmqtt.api;

import io.bluelinkmqtt.testsupport.TestClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.bluelinkmqtt.api.ApiException.Kind;
import io.bluelinkmqtt.bus.Failure;
import io.bluelinkmqtt.domain.DataSource;
import io.bluelinkmqtt.domain.RefreshMode;
import io.bluelinkmqtt.domain.RefreshRequest;
import io.bluelinkmqtt.domain.RefreshResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Login, token persistence, single-flight renewal and login backoff (acceptance a, b; reliability case 20). */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class EuClientSessionTest {

  @TempDir
  Path stateDir;
  private ClientStubCloud cloud;
  private final TestClock clock = new TestClock(Instant.parse("2026-09-01T10:00:00Z"));
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    logs.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    cloud = new ClientStubCloud(vertx);
    cloud.start().onComplete(ctx.succeedingThenComplete());
  }

  @AfterEach
  void detach() {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
  }

  private ClientHarness harness(Vertx vertx) {
    return new ClientHarness(vertx, cloud.baseUrl(), stateDir, ClientHarness.api(stateDir), clock, null);
  }

  private static RefreshRequest cached(String id) {
    return new RefreshRequest(id, RefreshMode.CACHED, 0, false, "cmd");
  }

  @Test
  @DisplayName("login from scratch persists the session (mode 600, no secret logged); a restart reuses it with 0 logins")
  void loginPersistsAndRestartReusesTokens(Vertx vertx, VertxTestContext ctx) {
    ClientHarness first = harness(vertx);
    first.service.refresh(cached(ClientStubCloud.LEGACY_CAR))
        .compose(result -> {
          ctx.verify(() -> {
            assertEquals(DataSource.CACHED, result.dataSource());
            assertEquals(80, result.data().battery().level());
            assertEquals(1, cloud.count("register"));
            assertEquals(1, cloud.count("signin"));
            assertEquals(1, cloud.count("token"));
            assertEquals(1, cloud.count("exchange"));
            // register + authorize(2 hops) + certs + signin + token + exchange + vehicles + latest + park + drvhistory
            assertEquals(11, result.upstreamCalls());
            Path file = stateDir.resolve("tokens.json");
            assertTrue(Files.exists(file));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertTrue(Files.readString(file).contains(cloud.currentAccessToken()));
          });
          ClientHarness restarted = harness(vertx);
          return restarted.service.refresh(cached(ClientStubCloud.LEGACY_CAR));
        })
        .onComplete(ctx.succeeding(second -> ctx.verify(() -> {
          assertEquals(1, cloud.count("signin"), "restart must not log in again");
          assertEquals(1, cloud.count("token"));
          assertEquals(1, cloud.count("register"));
          assertEquals(4, second.upstreamCalls(), "vehicles + latest + park + drvhistory");
          assertNoSecretLogged();
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a stored token near expiry (10 s skew) is refreshed with CCI v2 + exchange before the call, not after")
  void refreshesBeforeExpiryByTheClock(Vertx vertx, VertxTestContext ctx) {
    cloud.ccsTtlSeconds = 60;
    ClientHarness client = harness(vertx);
    client.service.refresh(cached(ClientStubCloud.LEGACY_CAR))
        .compose(r -> {
          clock.advance(Duration.ofSeconds(51));
          return client.service.refresh(cached(ClientStubCloud.LEGACY_CAR));
        })
        .onComplete(ctx.succeeding(r -> ctx.verify(() -> {
          assertEquals(1, cloud.count("refresh"));
          assertEquals(2, cloud.count("exchange"));
          assertEquals(1, cloud.count("signin"));
          assertEquals(0, cloud.count("unknown"));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("50 concurrent refreshes meeting an expired token cause exactly 1 token refresh and 50 successes")
  void tokenStormRefreshesOnce(Vertx vertx, VertxTestContext ctx) {
    ClientHarness client = harness(vertx);
    client.service.refresh(cached(ClientStubCloud.LEGACY_CAR)).compose(warm -> {
      cloud.expireTokens();
      int latestBefore = cloud.count("latest");
      List<Future<RefreshResult>> storm = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        storm.add(client.client.cached(client.service.vehicle(ClientStubCloud.LEGACY_CAR).orElseThrow(),
            new CallContext(true)).map(d -> new RefreshResult("x", RefreshMode.CACHED, DataSource.CACHED, 0, d, null)));
      }
      return Future.all(storm).map(all -> latestBefore);
    }).onComplete(ctx.succeeding(latestBefore -> ctx.verify(() -> {
      assertEquals(1, cloud.count("refresh"), "exactly one token refresh");
      assertEquals(2, cloud.count("exchange"));
      assertEquals(1, cloud.count("signin"));
      assertEquals(100, cloud.count("latest") - latestBefore, "each of the 50 retried exactly once");
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("a failing refresh fails all 50 with AUTH_FAILED; login attempts are spaced by the backoff")
  void failingRefreshFailsAllAndBacksOff(Vertx vertx, VertxTestContext ctx) {
    ClientHarness client = harness(vertx);
    client.service.refresh(cached(ClientStubCloud.LEGACY_CAR)).compose(warm -> {
      cloud.expireTokens();
      cloud.fault("refresh", req -> {
        ClientStubCloud.json(req, 401, new io.vertx.core.json.JsonObject().put("errCode", "4010"));
        return true;
      });
      cloud.fault("signin", req -> {
        req.response().setStatusCode(302).putHeader("Location", "/auth/api/v2/user/oauth2/authorize?x=1").end();
        return true;
      });
      return storm(client, 50);
    }).compose(failures -> {
      ctx.verify(() -> {
        assertEquals(50, failures.size());
        failures.forEach(f -> assertEquals(Failure.AUTH_FAILED, f));
        assertEquals(1, cloud.count("refresh"));
        assertEquals(2, cloud.count("signin"), "one login at start, one fallback login");
      });
      return storm(client, 50); // still inside the 1 s backoff
    }).compose(failures -> {
      ctx.verify(() -> {
        failures.forEach(f -> assertEquals(Failure.AUTH_FAILED, f));
        assertEquals(2, cloud.count("signin"), "no login inside the backoff window");
        assertEquals(1, cloud.count("refresh"));
      });
      clock.advance(Duration.ofMillis(1_001));
      return storm(client, 50);
    }).compose(failures -> {
      ctx.verify(() -> assertEquals(3, cloud.count("signin"), "one attempt per backoff step"));
      clock.advance(Duration.ofMillis(1_500)); // second step is 2 s
      return storm(client, 10);
    }).onComplete(ctx.succeeding(failures -> ctx.verify(() -> {
      assertEquals(3, cloud.count("signin"), "backoff doubled to 2 s");
      assertNoSecretLogged();
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("wrong credentials, a WAF block and a consent page fail AUTH_FAILED with distinct messages")
  void loginFailuresAreDistinct(Vertx vertx, VertxTestContext ctx) {
    cloud.fault("signin", req -> {
      req.response().setStatusCode(302).putHeader("Location", "/auth/api/v2/user/oauth2/authorize?x=1").end();
      return true;
    });
    ClientHarness wrong = harness(vertx);
    wrong.service.vehicles().recover(err -> {
      ctx.verify(() -> {
        assertEquals(Failure.AUTH_FAILED, ((ApiException) err).failure());
        assertTrue(err.getMessage().contains("wrong user name or password"), err.getMessage());
      });
      cloud.fault("authorize", req -> {
        req.response().setStatusCode(400).end("Bad Request. It was classified as an abusing request and blocked.");
        return true;
      });
      return harness(vertx).service.vehicles();
    }).recover(err -> {
      ctx.verify(() -> {
        assertEquals(Kind.AUTH_FAILED, ((ApiException) err).kind());
        assertTrue(err.getMessage().contains("blocked by the server"), err.getMessage());
      });
      cloud.clearFaults();
      cloud.fault("signin", req -> {
        req.response().setStatusCode(302).putHeader("Location", "https://x/web/v1/user/authorization?y").end();
        return true;
      });
      return harness(vertx).service.vehicles();
    }).onComplete(ctx.failing(err -> ctx.verify(() -> {
      assertTrue(err.getMessage().contains("terms"), err.getMessage());
      assertFalse(err.getMessage().contains(ClientStubCloud.PASSWORD));
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("renewal failing on the network retries after the base delay each time: no doubling to an hour")
  void networkFailuresDoNotEscalateTheBackoff(Vertx vertx, VertxTestContext ctx) {
    ClientHarness client = harness(vertx);
    client.service.refresh(cached(ClientStubCloud.LEGACY_CAR)).compose(warm -> {
      cloud.expireTokens();
      cloud.fault("refresh", req -> {
        req.connection().close(); // the network drops the renewal
        return true;
      });
      return storm(client, 3);
    }).compose(failures -> {
      ctx.verify(() -> assertEquals(1, cloud.count("refresh")));
      clock.advance(Duration.ofMillis(1_001));
      return storm(client, 3);
    }).compose(failures -> {
      ctx.verify(() -> assertEquals(2, cloud.count("refresh"), "second attempt after the base delay"));
      clock.advance(Duration.ofMillis(1_001)); // a doubled backoff would still wait here
      return storm(client, 3);
    }).onComplete(ctx.succeeding(failures -> ctx.verify(() -> {
      // (the auth breaker opens after this third failure: a separate guard of the cloud)
      assertEquals(3, cloud.count("refresh"), "third attempt after the base delay again");
      assertEquals(1, cloud.count("signin"), "the network outage never caused a password login");
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("a token refresh whose exchange fails keeps the refreshed tokens: the next attempt needs no password login")
  void refreshedTokensSurviveAFailedExchange(Vertx vertx, VertxTestContext ctx) {
    ClientHarness client = harness(vertx);
    Path file = stateDir.resolve("tokens.json");
    client.service.refresh(cached(ClientStubCloud.LEGACY_CAR))
        .compose(warm -> vertx.fileSystem().readFile(file.toString()))
        .compose(before -> {
          cloud.expireTokens();
          boolean[] once = {true};
          cloud.fault("exchange", req -> {
            if (!once[0]) {
              return false;
            }
            once[0] = false;
            ClientStubCloud.json(req, 503, new io.vertx.core.json.JsonObject());
            return true;
          });
          return client.service.refresh(cached(ClientStubCloud.LEGACY_CAR)).otherwise(err -> null)
              .compose(failed -> vertx.fileSystem().readFile(file.toString()))
              .map(after -> {
                ctx.verify(() -> {
                  assertNotEquals(refreshTokenIn(before.toString()), refreshTokenIn(after.toString()),
                      "the rotated refresh token is stored although the exchange failed");
                  assertTrue(client.tokens.current().orElseThrow().tokens().exchanged(),
                      "the unexchanged set is kept for recovery, never handed to callers");
                });
                return after;
              });
        })
        .compose(stored -> {
          clock.advance(Duration.ofMillis(1_001));
          return client.service.refresh(cached(ClientStubCloud.LEGACY_CAR));
        })
        .onComplete(ctx.succeeding(ok -> ctx.verify(() -> {
          assertEquals(1, cloud.count("signin"), "no password login");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("4: a restart after a failed exchange renews from the stored set first: no call ever carries the "
      + "unexchanged tokens, no password login")
  void restartAfterAFailedExchangeRenewsBeforeTheFirstCall(Vertx vertx, VertxTestContext ctx) {
    ClientHarness client = harness(vertx);
    int[] vehicleCalls = new int[1];
    client.service.refresh(cached(ClientStubCloud.LEGACY_CAR))
        .compose(warm -> {
          cloud.expireTokens();
          boolean[] once = {true};
          cloud.fault("exchange", req -> {
            if (!once[0]) {
              return false;
            }
            once[0] = false;
            ClientStubCloud.json(req, 503, new io.vertx.core.json.JsonObject());
            return true;
          });
          return client.service.refresh(cached(ClientStubCloud.LEGACY_CAR)).otherwise(err -> null);
        })
        .compose(failed -> {
          vehicleCalls[0] = cloud.count("vehicles");
          return harness(vertx).service.refresh(cached(ClientStubCloud.LEGACY_CAR));
        })
        .onComplete(ctx.succeeding(restarted -> ctx.verify(() -> {
          assertEquals(DataSource.CACHED, restarted.dataSource());
          assertEquals(1, cloud.count("vehicles") - vehicleCalls[0], "the vehicle list read once, with a CCS token");
          assertEquals(2, cloud.count("refresh"), "the failed renewal's refresh and the restart's");
          assertEquals(1, cloud.count("signin"), "no password login");
          ctx.completeNow();
        })));
  }

  /** The stub names CCI refresh tokens "cci-refresh-<n>". */
  private static String refreshTokenIn(String tokenFile) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("cci-refresh-[0-9]+").matcher(tokenFile);
    return m.find() ? m.group() : "";
  }

  private Future<List<Failure>> storm(ClientHarness client, int n) {
    List<Future<Failure>> calls = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      calls.add(client.client.cached(client.service.vehicle(ClientStubCloud.LEGACY_CAR).orElseThrow(),
              new CallContext(true))
          .map(r -> (Failure) null)
          .recover(err -> Future.succeededFuture(((io.bluelinkmqtt.bus.BridgeException) err).failure())));
    }
    return Future.all(calls).map(all -> {
      List<Failure> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        out.add(all.resultAt(i));
      }
      return out;
    });
  }

  private void assertNoSecretLogged() {
    for (ILoggingEvent event : logs.list) {
      String line = event.getFormattedMessage();
      assertFalse(line.contains(ClientStubCloud.PASSWORD), line);
      assertFalse(line.contains("ccs-"), line);
      assertFalse(line.contains("cci-access") || line.contains("cci-refresh") || line.contains("nonccs"), line);
    }
  }
}
