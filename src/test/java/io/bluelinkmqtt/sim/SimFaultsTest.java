package io.bluelinkmqtt.sim;

import io.bluelinkmqtt.testsupport.TestClock;
import static io.bluelinkmqtt.sim.SimVehiclesTest.CCS2;
import static io.bluelinkmqtt.sim.SimVehiclesTest.LEGACY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.domain.Brand;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Checkpoint;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every injectable fault does what it says, scoped as asked. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 15, timeUnit = TimeUnit.SECONDS)
class SimFaultsTest {

  private static final String VEHICLES = "/api/v1/spa/vehicles";
  private static final String API = "/api/v1/spa/vehicles/";

  private EuSimulator sim;
  private SimTestClient client;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    sim = new EuSimulator(vertx, SimulatorSettings.defaults(Brand.GENESIS)
        .withClock(new TestClock(Instant.parse("2026-09-20T08:00:00Z"))));
    // created on the test thread, so its class loading does not stall an event loop
    client = new SimTestClient(vertx, sim);
    client.startAndLogin().onComplete(ctx.succeedingThenComplete());
  }

  @AfterEach
  void stop(VertxTestContext ctx) {
    sim.stop().onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("LATENCY delays the normal answer")
  void latency(VertxTestContext ctx) {
    sim.faults().add(Fault.latency(80).on(SimEndpoint.VEHICLES).times(1));
    long sent = System.nanoTime();
    client.get(VEHICLES).onComplete(ctx.succeeding(resp -> ctx.verify(() -> {
      assertTrue(System.nanoTime() - sent >= 80_000_000L);
      assertEquals(2, resp.bodyAsJsonObject().getJsonObject("resMsg").getJsonArray("vehicles").size());
      assertTrue(sim.faults().active().isEmpty());
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("HANG never answers: the client's idle timeout fires, and the next call is normal")
  void hang(VertxTestContext ctx) {
    sim.faults().add(Fault.hang().on(SimEndpoint.STATUS_LATEST).times(1));
    long sent = System.nanoTime();
    client.ccapi(HttpMethod.GET, API + LEGACY + "/status/latest").idleTimeout(150).send()
        .recover(timeout -> {
          ctx.verify(() -> {
            assertTrue(System.nanoTime() - sent >= 150_000_000L);
            assertTrue(timeout.getMessage().contains("timeout"), timeout.getMessage());
          });
          return client.get(API + LEGACY + "/status/latest");
        })
        .onComplete(ctx.succeeding(next -> ctx.verify(() -> {
          assertEquals(200, next.statusCode());
          assertEquals(2, sim.calls().count(SimEndpoint.STATUS_LATEST));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("DRIBBLE sends 200 headers then one byte per interval and never ends")
  void dribble(Vertx vertx, VertxTestContext ctx) {
    sim.faults().add(Fault.dribble(20).on(SimEndpoint.VEHICLES));
    HttpClient http = vertx.createHttpClient();
    List<Long> arrivals = new ArrayList<>();
    Checkpoint fiveBytes = ctx.checkpoint();
    http.request(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(sim.baseUrl() + VEHICLES))
        .compose(req -> req.idleTimeout(500).send())
        .onComplete(ctx.succeeding(resp -> {
          ctx.verify(() -> {
            assertEquals(200, resp.statusCode());
            assertEquals("chunked", resp.getHeader("Transfer-Encoding"));
          });
          resp.endHandler(v -> ctx.failNow("a dribble must never end"));
          resp.handler(buffer -> {
            for (int i = 0; i < buffer.length(); i++) {
              arrivals.add(System.nanoTime());
            }
            if (arrivals.size() == 5) {
              ctx.verify(() -> assertTrue(arrivals.get(4) - arrivals.get(0) >= 60_000_000L));
              resp.request().connection().close();
              fiveBytes.flag();
            }
          });
        }));
  }

  @Test
  @DisplayName("HTTP_STATUS answers the given status and body")
  void httpStatus(VertxTestContext ctx) {
    sim.faults().add(Fault.httpStatus(502, "<html>Bad Gateway</html>").on(SimEndpoint.VEHICLES).times(1));
    client.get(VEHICLES).onComplete(ctx.succeeding(resp -> ctx.verify(() -> {
      assertEquals(502, resp.statusCode());
      assertEquals("<html>Bad Gateway</html>", resp.bodyAsString());
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("MALFORMED_JSON is a 200 whose body does not parse")
  void malformedJson(VertxTestContext ctx) {
    sim.faults().add(Fault.malformedJson().on(SimEndpoint.CCS2_LATEST));
    client.get(API + CCS2 + "/ccs2/carstatus/latest").onComplete(ctx.succeeding(resp -> ctx.verify(() -> {
      assertEquals(200, resp.statusCode());
      assertTrue(resp.getHeader("Content-Type").startsWith("application/json"));
      assertThrows(DecodeException.class, resp::bodyAsJsonObject);
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("HUGE_BODY sends a valid 10 MiB JSON envelope")
  void hugeBody(VertxTestContext ctx) {
    int tenMiB = 10 * 1024 * 1024;
    sim.faults().add(Fault.hugeBody(tenMiB).on(SimEndpoint.VEHICLES).times(1));
    client.get(VEHICLES).onComplete(ctx.succeeding(resp -> ctx.verify(() -> {
      assertEquals(200, resp.statusCode());
      assertEquals(tenMiB, resp.body().length());
      assertEquals(Integer.toString(tenMiB), resp.getHeader("Content-Length"));
      assertTrue(resp.bodyAsString().endsWith("\"msgId\":\"00000000-0000-0000-0000-000000000000\"}"));
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("RES_CODE sends the failure envelope with the given status (5091/509, 4004/200, 5031/503, 9999/200)")
  void resCodes(VertxTestContext ctx) {
    sim.faults().add(Fault.resCode("5091", 509).on(SimEndpoint.VEHICLES).times(1))
        .add(Fault.resCode("4004", 200).on(SimEndpoint.VEHICLES).times(1))
        .add(Fault.resCode("5031", 503).on(SimEndpoint.VEHICLES).times(1))
        .add(Fault.resCode("9999", 200).on(SimEndpoint.VEHICLES).times(1));
    int quotaBefore = sim.quotaRemaining();
    client.get(VEHICLES)
        .compose(first -> {
          ctx.verify(() -> expectFailure(first.statusCode(), first.bodyAsJsonObject(), 509, "5091"));
          return client.get(VEHICLES);
        })
        .compose(second -> {
          ctx.verify(() -> expectFailure(second.statusCode(), second.bodyAsJsonObject(), 200, "4004"));
          return client.get(VEHICLES);
        })
        .compose(third -> {
          ctx.verify(() -> expectFailure(third.statusCode(), third.bodyAsJsonObject(), 503, "5031"));
          return client.get(VEHICLES);
        })
        .compose(fourth -> {
          ctx.verify(() -> expectFailure(fourth.statusCode(), fourth.bodyAsJsonObject(), 200, "9999"));
          return client.get(VEHICLES);
        })
        .onComplete(ctx.succeeding(normal -> ctx.verify(() -> {
          assertEquals("S", normal.bodyAsJsonObject().getString("retCode"));
          assertEquals(5, sim.calls().count(SimEndpoint.VEHICLES));
          // injected answers are not the quota's doing: only the normal call spent one
          assertEquals(quotaBefore - 1, sim.quotaRemaining());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("TOKEN_EXPIRED answers the 'Key not authorized' body with 200 or 401")
  void tokenExpired(VertxTestContext ctx) {
    sim.faults().add(Fault.tokenExpired(200).on(SimEndpoint.VEHICLES).times(1))
        .add(Fault.tokenExpired(401).on(SimEndpoint.VEHICLES).times(1));
    client.get(VEHICLES)
        .compose(first -> {
          ctx.verify(() -> {
            assertEquals(200, first.statusCode());
            assertEquals("Key not authorized: Token is expired", first.bodyAsJsonObject().getString("error"));
          });
          return client.get(VEHICLES);
        })
        .onComplete(ctx.succeeding(second -> ctx.verify(() -> {
          assertEquals(401, second.statusCode());
          assertEquals("Key not authorized: Token is expired", second.bodyAsJsonObject().getString("error"));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("RETRY_AFTER is a 429 with the Retry-After header; the call log has timestamps to check spacing")
  void retryAfter(VertxTestContext ctx) {
    sim.faults().add(Fault.retryAfter(5).on(SimEndpoint.LOCATION_PARK).times(1));
    client.get(API + LEGACY + "/location/park")
        .compose(first -> {
          ctx.verify(() -> {
            assertEquals(429, first.statusCode());
            assertEquals("5", first.getHeader("Retry-After"));
          });
          return client.get(API + LEGACY + "/location/park");
        })
        .onComplete(ctx.succeeding(second -> ctx.verify(() -> {
          assertEquals(200, second.statusCode());
          List<CallLog.Call> calls = sim.calls().of(SimEndpoint.LOCATION_PARK);
          assertEquals(2, calls.size());
          assertEquals(LEGACY, calls.get(0).vehicleId());
          assertTrue(calls.get(1).nanoTime() > calls.get(0).nanoTime());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("RESET_MID_BODY sends part of a promised body and closes the connection: the client fails")
  void resetMidBody(VertxTestContext ctx) {
    sim.faults().add(Fault.resetMidBody().on(SimEndpoint.VEHICLES).times(1));
    client.get(VEHICLES)
        .recover(closed -> {
          ctx.verify(() -> assertTrue(closed.getMessage().toLowerCase().contains("closed"), closed.toString()));
          return client.get(VEHICLES);
        })
        .onComplete(ctx.succeeding(next -> ctx.verify(() -> {
          assertEquals(200, next.statusCode());
          assertEquals(2, sim.calls().count(SimEndpoint.VEHICLES));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a fault scoped to one endpoint and one vehicle leaves everything else alone, and runs out")
  void scoping(VertxTestContext ctx) {
    sim.faults().add(Fault.resCode("5031", 503).on(SimEndpoint.STATUS_LATEST).forVehicle(LEGACY).times(2));
    client.get(API + CCS2 + "/status/latest")
        .compose(otherCar -> {
          ctx.verify(() -> assertEquals("5921", otherCar.bodyAsJsonObject().getString("resCode")));
          return client.get(API + LEGACY + "/location/park");
        })
        .compose(otherEndpoint -> {
          ctx.verify(() -> assertEquals(200, otherEndpoint.statusCode()));
          return client.get(API + LEGACY + "/status/latest");
        })
        .compose(first -> {
          ctx.verify(() -> assertEquals(503, first.statusCode()));
          return client.get(API + LEGACY + "/status/latest");
        })
        .compose(second -> {
          ctx.verify(() -> assertEquals(503, second.statusCode()));
          return client.get(API + LEGACY + "/status/latest");
        })
        .onComplete(ctx.succeeding(third -> ctx.verify(() -> {
          assertEquals(200, third.statusCode());
          assertTrue(sim.faults().active().isEmpty());
          assertEquals(3, sim.calls().count(SimEndpoint.STATUS_LATEST, LEGACY));
          assertEquals(1, sim.calls().count(SimEndpoint.STATUS_LATEST, CCS2));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a fault until cleared hits every call until faults().clear()")
  void untilCleared(VertxTestContext ctx) {
    sim.faults().add(Fault.httpStatus(500));
    client.get(VEHICLES)
        .compose(first -> client.get(API + LEGACY + "/status/latest").map(second -> {
          ctx.verify(() -> {
            assertEquals(500, first.statusCode());
            assertEquals(500, second.statusCode());
          });
          sim.faults().clear();
          return second;
        }))
        .compose(v -> client.get(VEHICLES))
        .onComplete(ctx.succeeding(after -> ctx.verify(() -> {
          assertEquals(200, after.statusCode());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("WAF_BLOCK: authorize redirects to /error?status=400 with the abusing-request text")
  void wafBlockOnAuthorize(VertxTestContext ctx) {
    sim.faults().add(Fault.wafBlock().times(1));
    client.authorize(client.profile.oneAppClientId()).onComplete(ctx.succeeding(page -> ctx.verify(() -> {
      assertEquals(400, page.statusCode());
      assertTrue(page.bodyAsString().contains("classified as an abusing request and blocked"));
      List<String> hops = page.followedRedirects();
      assertTrue(hops.get(hops.size() - 1).contains("/error?status=400"), hops.toString());
      assertEquals(1, sim.calls().count(SimEndpoint.AUTHORIZE));
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("the legacy client id is WAF-blocked at signin, as since 2026-08-11")
  void legacyClientIdBlocked(VertxTestContext ctx) {
    client.web.postAbs(sim.baseUrl() + "/auth/account/signin")
        .putHeader("User-Agent", io.bluelinkmqtt.api.eu.EuBrandProfile.LOGIN_USER_AGENT)
        .sendForm(io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("client_id", client.profile.serviceId()))
        .onComplete(ctx.succeeding(resp -> ctx.verify(() -> {
          assertEquals(302, resp.statusCode());
          assertTrue(resp.getHeader("Location").contains("/error?status=400&error_description="));
          assertTrue(resp.getHeader("Location").contains("abusing"));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("CONSENT_REQUIRED and WRONG_CREDENTIALS bend the signin redirect even with the right password")
  void consentAndWrongCredentials(VertxTestContext ctx) {
    sim.faults().add(Fault.consentRequired().times(1)).add(Fault.wrongCredentials().on(SimEndpoint.SIGNIN).times(1));
    client.signin("driver@example.com", "Sim-Password-2026!")
        .compose(consent -> {
          ctx.verify(() -> {
            assertEquals(302, consent.statusCode());
            assertTrue(consent.getHeader("Location").contains("/web/v1/user/authorization"));
            assertFalse(consent.getHeader("Location").contains("code="));
          });
          return client.signin("driver@example.com", "Sim-Password-2026!");
        })
        .compose(wrong -> {
          ctx.verify(() -> assertTrue(wrong.getHeader("Location").contains("/auth/api/v2/user/oauth2/authorize?")));
          return client.signin("driver@example.com", "Sim-Password-2026!");
        })
        .onComplete(ctx.succeeding(ok -> ctx.verify(() -> {
          assertTrue(ok.getHeader("Location").startsWith("https://oneapp.genesis.com/redirect?code="));
          assertEquals(3, sim.calls().count(SimEndpoint.SIGNIN));
          ctx.completeNow();
        })));
  }

  private static void expectFailure(int status, JsonObject body, int expectedStatus, String resCode) {
    assertEquals(expectedStatus, status);
    assertEquals("F", body.getString("retCode"));
    assertEquals(resCode, body.getString("resCode"));
    assertTrue(body.getString("resMsg").length() > 5);
    assertEquals(36, body.getString("msgId").length());
  }
}
