package io.bluelinkmqtt.sim.ushyundai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.api.ushyundai.UsHyundaiProfile;
import io.bluelinkmqtt.domain.Brand;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The US simulator refuses what the real cloud refuses (§2.6, §6.3, §7, §8.3, §10), by raw requests. */
@ExtendWith(VertxExtension.class)
class UsHyundaiSimulatorTest {

  private UsHyundaiSimulator simulator;
  private HttpClient http;
  private UsSimCar ev;

  /** One answer: status, headers, body (empty when none). */
  private record Answer(int status, MultiMap headers, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }
  }

  @BeforeAll
  static void warmUp() throws Exception {
    UsSimWarmUp.run();
  }

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    simulator = new UsHyundaiSimulator(vertx, UsSimSettings.defaults(Brand.HYUNDAI).withDailyRemoteLimit(1)
        .withDelays(Duration.ofMillis(10), Duration.ofSeconds(30)));
    simulator.start().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    http = vertx.createHttpClient();
    ev = simulator.cars().stream().filter(UsSimCar::electric).findFirst().orElseThrow();
  }

  @AfterEach
  void stop() throws Exception {
    simulator.stop().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private Future<Answer> send(HttpMethod method, String path, MultiMap headers, JsonObject body) {
    RequestOptions options = new RequestOptions().setMethod(method).setAbsoluteURI(simulator.baseUrl() + path)
        .setHeaders(headers);
    return http.request(options)
        .compose(request -> body == null ? request.send() : request.send(Buffer.buffer(body.encode())))
        .compose(response -> response.body().map(b -> new Answer(response.statusCode(), response.headers(),
            b.toString())));
  }

  private static MultiMap app() {
    return MultiMap.caseInsensitiveMultiMap().add("client_id", UsHyundaiProfile.CLIENT_ID)
        .add("clientSecret", UsHyundaiProfile.CLIENT_SECRET).add("from", "SPA")
        .add("content-type", "application/json");
  }

  private JsonObject credentials() {
    return new JsonObject().put("username", simulator.settings().username())
        .put("password", simulator.settings().password());
  }

  private Future<Answer> login() {
    return send(HttpMethod.POST, UsHyundaiProfile.TOKEN_PATH, app(), credentials());
  }

  private MultiMap vehicle(String accessToken) {
    return app().add("username", simulator.settings().username()).add("accessToken", accessToken)
        .add("blueLinkServicePin", simulator.settings().pin()).add("registrationId", ev.regid()).add("vin", ev.vin())
        .add("gen", ev.generation());
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  @DisplayName("token: app headers required; the refresh needs username and password and rotates its token")
  void tokenRules(VertxTestContext ctx) {
    send(HttpMethod.POST, UsHyundaiProfile.TOKEN_PATH, MultiMap.caseInsensitiveMultiMap(), credentials())
        .compose(noApp -> {
          ctx.verify(() -> assertEquals(400, noApp.status()));
          return login();
        })
        .compose(first -> {
          String refresh = first.json().getString("refresh_token");
          ctx.verify(() -> {
            assertEquals(200, first.status());
            assertNotNull(first.json().getString("access_token"));
          });
          JsonObject bare = new JsonObject().put("grant_type", "refresh_token").put("refresh_token", refresh);
          return send(HttpMethod.POST, UsHyundaiProfile.TOKEN_PATH, app(), bare)
              .compose(bareAnswer -> {
                ctx.verify(() -> {
                  assertEquals(400, bareAnswer.status());
                  assertEquals("password required", bareAnswer.json().getString("errorMessage"));
                });
                return send(HttpMethod.POST, UsHyundaiProfile.TOKEN_PATH, app(), credentials().mergeIn(bare));
              })
              .compose(rotated -> {
                ctx.verify(() -> assertEquals(200, rotated.status()));
                return send(HttpMethod.POST, UsHyundaiProfile.TOKEN_PATH, app(), credentials().mergeIn(bare));
              });
        })
        .onComplete(ctx.succeeding(reused -> ctx.verify(() -> {
          assertEquals(401, reused.status(), "a rotated refresh token is spent");
          ctx.completeNow();
        })));
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  @DisplayName("status: the PIN, the enrolled gen and an unexpired token are required; C401_2 once expired")
  void statusRules(VertxTestContext ctx) {
    login().compose(tokens -> {
      String token = tokens.json().getString("access_token");
      return send(HttpMethod.GET, "/ac/v2/rcs/rvs/vehicleStatus", vehicle(token).remove("blueLinkServicePin"), null)
          .compose(noPin -> {
            ctx.verify(() -> {
              assertEquals(400, noPin.status());
              assertEquals("validatePIN", noPin.json().getString("functionName"));
            });
            return send(HttpMethod.GET, "/ac/v2/rcs/rvs/vehicleStatus", vehicle(token).set("gen", "9"), null);
          })
          .compose(wrongGen -> {
            ctx.verify(() -> assertEquals(400, wrongGen.status()));
            return send(HttpMethod.GET, "/ac/v2/rcs/rvs/vehicleStatus", vehicle(token), null);
          })
          .compose(cached -> {
            ctx.verify(() -> {
              assertEquals(200, cached.status());
              assertTrue(cached.json().getJsonObject("vehicleStatus").getString("dateTime").endsWith("Z"));
              assertEquals(1, simulator.remoteRequestsLeft(), "a cached read is no remote request");
            });
            simulator.expireAllTokens();
            return send(HttpMethod.GET, "/ac/v2/rcs/rvs/vehicleStatus", vehicle(token), null);
          });
    }).onComplete(ctx.succeeding(expired -> ctx.verify(() -> {
      assertEquals(401, expired.status());
      assertEquals("C401_2", expired.json().getString("errorSubCode"));
      ctx.completeNow();
    })));
  }

  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  @DisplayName("actions: a lock needs APPCLOUD-VIN and the exact body, answers an empty 200 with tmsTid; the daily "
      + "limit then answers HT_534")
  void actionsAndDailyLimit(VertxTestContext ctx) {
    JsonObject door = new JsonObject().put("userName", simulator.settings().username()).put("vin", ev.vin());
    login().compose(tokens -> {
      String token = tokens.json().getString("access_token");
      return send(HttpMethod.POST, "/ac/v2/rcs/rdo/off", vehicle(token), door)
          .compose(noVinHeader -> {
            ctx.verify(() -> assertEquals(400, noVinHeader.status()));
            return send(HttpMethod.POST, "/ac/v2/rcs/rdo/off", vehicle(token).add("APPCLOUD-VIN", ev.vin()), door);
          })
          .compose(accepted -> {
            ctx.verify(() -> {
              assertEquals(200, accepted.status());
              assertEquals("", accepted.body(), "success is an empty body");
              assertNotNull(accepted.headers().get("tmsTid"));
            });
            MultiMap poll = vehicle(token).add("tid", accepted.headers().get("tmsTid"))
                .add("login_id", simulator.settings().username()).add("service_type", "REMOTE_POLL");
            return send(HttpMethod.GET, "/ac/v2/rmt/getRunningStatus", poll, null);
          })
          .compose(pending -> {
            ctx.verify(() -> assertEquals("PENDING", pending.json().getString("status")));
            return send(HttpMethod.GET, "/ac/v2/rcs/rvs/vehicleStatus", vehicle(token).add("REFRESH", "true"), null);
          })
          .compose(limited -> send(HttpMethod.POST, "/ac/v2/rcs/rhl/light", vehicle(token).add("APPCLOUD-VIN", ev.vin()),
              door).map(hazard -> {
                ctx.verify(() -> assertEquals(502, hazard.status(), "the hazard lights are a remote request too"));
                return limited;
              }));
    }).onComplete(ctx.succeeding(limited -> ctx.verify(() -> {
      assertEquals(502, limited.status());
      assertEquals("HT_534", limited.json().getString("errorSubCode"));
      assertEquals(0, simulator.remoteRequestsLeft());
      ctx.completeNow();
    })));
  }
  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  @DisplayName("hazard lights: rcs/rhl/light, and the status poll must say service_type LIGHTS_ONLY")
  void hazardLightsPollWithTheirServiceType(VertxTestContext ctx) {
    JsonObject door = new JsonObject().put("userName", simulator.settings().username()).put("vin", ev.vin());
    login().compose(tokens -> {
      String token = tokens.json().getString("access_token");
      return send(HttpMethod.POST, "/ac/v2/rcs/rhl/light", vehicle(token).add("APPCLOUD-VIN", ev.vin()), door)
          .compose(accepted -> {
            ctx.verify(() -> assertEquals(200, accepted.status()));
            MultiMap poll = vehicle(token).add("tid", accepted.headers().get("tmsTid"))
                .add("login_id", simulator.settings().username());
            return send(HttpMethod.GET, "/ac/v2/rmt/getRunningStatus", MultiMap.caseInsensitiveMultiMap().addAll(poll)
                    .add("service_type", "REMOTE_POLL"), null)
                .compose(wrongType -> {
                  ctx.verify(() -> assertEquals(400, wrongType.status()));
                  return send(HttpMethod.GET, "/ac/v2/rmt/getRunningStatus", poll.add("service_type", "LIGHTS_ONLY"),
                      null);
                });
          });
    }).onComplete(ctx.succeeding(pending -> ctx.verify(() -> {
      assertEquals(200, pending.status());
      assertEquals("PENDING", pending.json().getString("status"));
      ctx.completeNow();
    })));
  }
  @Test
  @Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
  @DisplayName("charge limits: targetSOClist with one DC and one AC level in steps of 10, else refused without a cost")
  void chargeLimitsAreChecked(VertxTestContext ctx) {
    JsonObject odd = new JsonObject().put("targetSOClist", new io.vertx.core.json.JsonArray()
        .add(new JsonObject().put("plugType", 0).put("targetSOClevel", 85))
        .add(new JsonObject().put("plugType", 1).put("targetSOClevel", 90)));
    JsonObject good = new JsonObject().put("targetSOClist", new io.vertx.core.json.JsonArray()
        .add(new JsonObject().put("plugType", 0).put("targetSOClevel", 80))
        .add(new JsonObject().put("plugType", 1).put("targetSOClevel", 100)));
    login().compose(tokens -> {
      String token = tokens.json().getString("access_token");
      return send(HttpMethod.POST, "/ac/v2/evc/charge/targetsoc/set", vehicle(token), odd)
          .compose(refused -> {
            ctx.verify(() -> {
              assertEquals(400, refused.status());
              assertEquals(1, simulator.remoteRequestsLeft(), "a refused request spends nothing");
            });
            return send(HttpMethod.POST, "/ac/v2/evc/charge/targetsoc/set", vehicle(token), good);
          });
    }).onComplete(ctx.succeeding(accepted -> ctx.verify(() -> {
      assertEquals(200, accepted.status());
      assertNotNull(accepted.headers().get("tmsTid"));
      ctx.completeNow();
    })));
  }
}
