package io.bluelinkmqtt.sim;

import io.bluelinkmqtt.testsupport.TestClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.api.eu.Stamp;
import io.bluelinkmqtt.domain.Brand;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The CCI login, Stamp checks, legacy refresh grant and PIN against the simulator, as a client walks them. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class SimLoginTest {

  private static final String USER = "driver@example.com";
  private static final String PASSWORD = "Sim-Password-2026!";

  private final TestClock clock = new TestClock(Instant.parse("2026-09-20T08:00:00Z"));
  private EuSimulator sim;
  private SimTestClient client;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    sim = new EuSimulator(vertx, SimulatorSettings.defaults(Brand.KIA).withClock(clock));
    // created on the test thread, so its class loading does not stall an event loop
    client = new SimTestClient(vertx, sim);
    sim.start().onComplete(ctx.succeedingThenComplete());
  }

  @AfterEach
  void stop(VertxTestContext ctx) {
    sim.stop().onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("the whole CCI login yields a CCS token with a uid claim and a TTL in seconds")
  void fullLoginYieldsCcsToken(VertxTestContext ctx) {
    client.register()
        .compose(deviceId -> {
          ctx.verify(() -> assertEquals(36, UUID.fromString(deviceId).toString().length()));
          return client.authorize(client.profile.oneAppClientId());
        })
        .compose(page -> {
          ctx.verify(() -> {
            assertEquals(200, page.statusCode());
            assertTrue(page.bodyAsString().contains("<form"));
          });
          return client.certs();
        })
        .compose(key -> {
          ctx.verify(() -> {
            assertEquals("HMGID2_CIPHER_KEY1", key.getString("kid"));
            assertEquals("AQAB", key.getString("e"));
            assertEquals(256, Base64.getUrlDecoder().decode(key.getString("n")).length);
          });
          return client.signin(USER, PASSWORD);
        })
        .compose(signin -> {
          String location = signin.getHeader("Location");
          ctx.verify(() -> {
            assertEquals(302, signin.statusCode());
            assertTrue(location.startsWith("https://oneapp.kia.com/redirect?code="), location);
            assertTrue(location.contains("&login_success=y&state=ccsp"), location);
          });
          return client.codeToTokens(SimTestClient.codeFrom(location));
        })
        .compose(tokens -> {
          JsonObject set = tokens.bodyAsJsonObject();
          ctx.verify(() -> {
            assertEquals(200, tokens.statusCode());
            for (String field : new String[] {"accessToken", "refreshToken", "exchangeableAccessToken",
                "exchangeableRefreshToken", "nonCcsToken", "nonCcsRefreshToken", "idToken", "tokenType"}) {
              assertTrue(set.getString(field) != null && !set.getString(field).isEmpty(), field);
            }
            assertEquals(86, set.getString("refreshToken").length());
            assertEquals(3599L, set.getLong("expiresIn"));
          });
          return client.exchange(set);
        })
        .onComplete(ctx.succeeding(exchange -> ctx.verify(() -> {
          JsonObject body = exchange.bodyAsJsonObject();
          assertEquals(200, exchange.statusCode());
          assertEquals(86_400L, body.getLong("expiresTime"));
          String[] jwt = body.getString("accessToken").split("\\.");
          assertEquals(3, jwt.length);
          JsonObject claims =
              new JsonObject(new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8));
          assertEquals(36, claims.getString("uid").length());
          assertEquals(1, sim.calls().count(SimEndpoint.SIGNIN));
          assertEquals(1, sim.calls().count(SimEndpoint.CCI_TOKEN_EXCHANGE));
          // register, authorize, certs twice (the test reads them, signin reads them again), signin, token, exchange
          assertEquals(2, sim.calls().count(SimEndpoint.CERTS));
          assertEquals(7, sim.calls().total());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a wrong password sends the browser back to the authorize page, with no code")
  void wrongPasswordRedirectsToAuthorize(VertxTestContext ctx) {
    client.signin(USER, "not-the-password").onComplete(ctx.succeeding(resp -> ctx.verify(() -> {
      assertEquals(302, resp.statusCode());
      String location = resp.getHeader("Location");
      assertTrue(location.startsWith(sim.baseUrl() + "/auth/api/v2/user/oauth2/authorize?"), location);
      assertFalse(location.contains("code="), location);
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("a login code works once")
  void codeIsSingleUse(VertxTestContext ctx) {
    client.signin(USER, PASSWORD)
        .map(resp -> SimTestClient.codeFrom(resp.getHeader("Location")))
        .compose(code -> client.codeToTokens(code).compose(first -> client.codeToTokens(code)))
        .onComplete(ctx.succeeding(second -> ctx.verify(() -> {
          assertEquals(400, second.statusCode());
          assertEquals("4003", second.bodyAsJsonObject().getString("errCode"));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("signin without the _CCS_APP_AOS user agent is a 400")
  void signinNeedsMobileAgent(VertxTestContext ctx) {
    client.web.postAbs(sim.baseUrl() + "/auth/account/signin").putHeader("User-Agent", "curl/8")
        .sendForm(io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("client_id", client.profile.oneAppClientId()))
        .onComplete(ctx.succeeding(resp -> ctx.verify(() -> {
          assertEquals(400, resp.statusCode());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a Stamp made with another app id is rejected with 401 / 4017")
  void stampWithWrongAppIdIsRejected(VertxTestContext ctx) {
    String foreign = Stamp.create("1eba27d2-9a5b-4eba-8ec7-97eb6c62fb51", client.profile.stampKeyBase64(),
        System.currentTimeMillis());
    client.web.postAbs(sim.baseUrl() + "/api/v1/spa/notifications/register")
        .putHeader("ccsp-service-id", client.profile.serviceId())
        .putHeader("ccsp-application-id", client.profile.appId())
        .putHeader("Stamp", foreign)
        .sendJsonObject(new JsonObject().put("pushRegId", "b".repeat(64)).put("pushType", "APNS")
            .put("uuid", UUID.randomUUID().toString()))
        .onComplete(ctx.succeeding(resp -> ctx.verify(() -> {
          assertEquals(401, resp.statusCode());
          assertEquals("F", resp.bodyAsJsonObject().getString("retCode"));
          assertEquals("4017", resp.bodyAsJsonObject().getString("resCode"));
          assertEquals("Invalid request value - Invalid Application Id.", resp.bodyAsJsonObject().getString("resMsg"));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a stale Stamp (one hour behind the server's clock) is rejected, a seconds-precision one accepted")
  void stampMustBeRecent(VertxTestContext ctx) {
    String old = Stamp.create(client.profile.appId(), client.profile.stampKeyBase64(), clock.millis() - 3_600_000);
    String seconds = Stamp.create(client.profile.appId(), client.profile.stampKeyBase64(), clock.millis() / 1000);
    JsonObject body = new JsonObject().put("pushRegId", "c".repeat(64)).put("pushType", "APNS")
        .put("uuid", UUID.randomUUID().toString());
    client.web.postAbs(sim.baseUrl() + "/api/v1/spa/notifications/register")
        .putHeader("ccsp-service-id", client.profile.serviceId())
        .putHeader("ccsp-application-id", client.profile.appId())
        .putHeader("Stamp", old).sendJsonObject(body)
        .compose(stale -> {
          ctx.verify(() -> assertEquals(401, stale.statusCode()));
          return client.web.postAbs(sim.baseUrl() + "/api/v1/spa/notifications/register")
              .putHeader("ccsp-service-id", client.profile.serviceId())
              .putHeader("ccsp-application-id", client.profile.appId())
              .putHeader("Stamp", seconds).sendJsonObject(body);
        })
        .onComplete(ctx.succeeding(fresh -> ctx.verify(() -> {
          assertEquals(200, fresh.statusCode());
          assertEquals(36, fresh.bodyAsJsonObject().getJsonObject("resMsg").getString("deviceId").length());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("15: the Stamp is judged by the server's clock only: a stamp off it by more than the tolerance is "
      + "401 / 4017 even when it matches another clock; every answer carries the server's Date")
  void stampIsJudgedByTheServerClockAndDateIsSent(VertxTestContext ctx) {
    clock.set(Instant.ofEpochMilli(System.currentTimeMillis()).plus(StampCheck.TOLERANCE).plusSeconds(60));
    String realTime = Stamp.create(client.profile.appId(), client.profile.stampKeyBase64(), System.currentTimeMillis());
    JsonObject body = new JsonObject().put("pushRegId", "d".repeat(64)).put("pushType", "APNS")
        .put("uuid", UUID.randomUUID().toString());
    client.web.postAbs(sim.baseUrl() + "/api/v1/spa/notifications/register")
        .putHeader("ccsp-service-id", client.profile.serviceId())
        .putHeader("ccsp-application-id", client.profile.appId())
        .putHeader("Stamp", realTime).sendJsonObject(body)
        .onComplete(ctx.succeeding(resp -> ctx.verify(() -> {
          assertEquals(401, resp.statusCode());
          assertEquals("4017", resp.bodyAsJsonObject().getString("resCode"));
          Instant date = java.time.ZonedDateTime.parse(resp.getHeader("Date"),
              java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
          assertEquals(clock.instant().getEpochSecond(), date.getEpochSecond(), "Date is the server's clock");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("token-exchange with a foreign exchangeable token is refused")
  void exchangeNeedsMatchingHeaders(VertxTestContext ctx) {
    client.signin(USER, PASSWORD)
        .compose(resp -> client.codeToTokens(SimTestClient.codeFrom(resp.getHeader("Location"))))
        .compose(resp -> client.exchange(resp.bodyAsJsonObject().put("exchangeableAccessToken", "forged")))
        .onComplete(ctx.succeeding(resp -> ctx.verify(() -> {
          assertEquals(401, resp.statusCode());
          assertEquals("4010", resp.bodyAsJsonObject().getString("errCode"));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("v2 refresh with all seven fields rotates the set; the old set no longer refreshes; v1 JSON is 500/9009")
  void cciRefresh(VertxTestContext ctx) {
    client.login(USER, PASSWORD)
        .compose(ccs -> {
          JsonObject body = seven(client.cciTokens);
          return client.withCciAuth(client.cci(HttpMethod.POST, "/domain/api/v2/auth/token-refresh"), client.cciTokens)
              .sendJsonObject(body);
        })
        .compose(fresh -> {
          ctx.verify(() -> {
            assertEquals(200, fresh.statusCode());
            assertFalse(fresh.bodyAsJsonObject().getString("refreshToken")
                .equals(client.cciTokens.getString("refreshToken")));
            assertTrue(fresh.getHeader("Set-Cookie").startsWith("t="));
          });
          return client.withCciAuth(client.cci(HttpMethod.POST, "/domain/api/v2/auth/token-refresh"), client.cciTokens)
              .sendJsonObject(seven(client.cciTokens));
        })
        .compose(reused -> {
          ctx.verify(() -> assertEquals(401, reused.statusCode()));
          return client.withCciAuth(client.cci(HttpMethod.POST, "/domain/api/v1/auth/token-refresh"), client.cciTokens)
              .sendJsonObject(seven(client.cciTokens));
        })
        .onComplete(ctx.succeeding(v1 -> ctx.verify(() -> {
          assertEquals(500, v1.statusCode());
          assertEquals("9009", v1.bodyAsJsonObject().getString("errCode"));
          assertEquals(3, sim.calls().count(SimEndpoint.CCI_TOKEN_REFRESH));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("CCAPI accepts only the exchanged CCS token: the CCI tokens and an empty bearer are 401 / 7501")
  void ccapiAcceptsOnlyCcsTokens(VertxTestContext ctx) {
    client.login(USER, PASSWORD).compose(ccs -> {
      List<String> notCcs = List.of(client.cciTokens.getString("accessToken"),
          client.cciTokens.getString("exchangeableAccessToken"), client.cciTokens.getString("nonCcsToken"),
          client.cciTokens.getString("idToken"), "");
      Future<Void> chain = Future.succeededFuture();
      for (String bearer : notCcs) {
        chain = chain.compose(v -> client.ccapi(HttpMethod.GET, "/api/v1/spa/vehicles")
            .putHeader("Authorization", "Bearer " + bearer).send()
            .map(resp -> {
              ctx.verify(() -> {
                assertEquals(401, resp.statusCode());
                assertEquals("7501", resp.bodyAsJsonObject().getString("resCode"));
              });
              return null;
            }));
      }
      return chain.compose(v -> client.get("/api/v1/spa/vehicles"));
    }).onComplete(ctx.succeeding(ok -> ctx.verify(() -> {
      assertEquals(200, ok.statusCode(), "the CCS token itself is accepted");
      assertEquals(6, sim.calls().count(SimEndpoint.VEHICLES));
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("the legacy 48-character refresh token grant returns a bearer usable on CCAPI")
  void legacyRefreshTokenGrant(VertxTestContext ctx) {
    String token = sim.legacyRefreshToken();
    ctx.verify(() -> assertTrue(token.matches("^[A-Z0-9]{48}$")));
    client.register()
        .compose(id -> client.web.postAbs(sim.baseUrl() + "/auth/api/v2/user/oauth2/token")
            .sendForm(io.vertx.core.MultiMap.caseInsensitiveMultiMap().add("grant_type", "refresh_token")
                .add("refresh_token", token).add("client_id", client.profile.serviceId())
                .add("client_secret", client.profile.clientSecret())))
        .compose(resp -> {
          ctx.verify(() -> {
            assertEquals(200, resp.statusCode());
            assertEquals("Bearer", resp.bodyAsJsonObject().getString("token_type"));
            assertEquals(86_400L, resp.bodyAsJsonObject().getLong("expires_in"));
          });
          client.ccsToken = resp.bodyAsJsonObject().getString("access_token");
          return client.get("/api/v1/spa/vehicles");
        })
        .onComplete(ctx.succeeding(vehicles -> ctx.verify(() -> {
          assertEquals(200, vehicles.statusCode());
          assertEquals(1, sim.calls().count(SimEndpoint.LEGACY_TOKEN));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("the PIN gives a 600 s control token; a wrong PIN gives none")
  void pinControlToken(VertxTestContext ctx) {
    client.login(USER, PASSWORD)
        .compose(t -> client.ccapi(HttpMethod.PUT, "/api/v1/user/pin?token=")
            .sendJsonObject(new JsonObject().put("deviceId", client.deviceId).put("pin", "1234")))
        .compose(right -> {
          ctx.verify(() -> {
            assertEquals(200, right.statusCode());
            assertEquals(600, right.bodyAsJsonObject().getInteger("expiresTime"));
            assertTrue(right.bodyAsJsonObject().getString("controlToken").length() > 20);
          });
          return client.ccapi(HttpMethod.PUT, "/api/v1/user/pin?token=")
              .sendJsonObject(new JsonObject().put("deviceId", client.deviceId).put("pin", "9999"));
        })
        .onComplete(ctx.succeeding(wrong -> ctx.verify(() -> {
          assertNull(wrong.bodyAsJsonObject().getString("controlToken"));
          assertEquals(2, sim.calls().count(SimEndpoint.PIN));
          ctx.completeNow();
        })));
  }

  private static JsonObject seven(JsonObject set) {
    JsonObject body = new JsonObject();
    for (String f : new String[] {"accessToken", "refreshToken", "exchangeableAccessToken", "exchangeableRefreshToken",
        "nonCcsToken", "nonCcsRefreshToken", "idToken"}) {
      body.put(f, set.getString(f));
    }
    return body;
  }
}
