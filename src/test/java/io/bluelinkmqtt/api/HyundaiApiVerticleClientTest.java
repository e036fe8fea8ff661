package io.bluelinkmqtt.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.api.eu.EuModule;
import io.bluelinkmqtt.api.eu.EuVehicleFacts;
import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.bus.Failure;
import io.bluelinkmqtt.codec.RefreshJson;
import io.bluelinkmqtt.codec.StatusUpdateJson;
import io.bluelinkmqtt.cloud.CarCloud;
import io.bluelinkmqtt.codec.VehicleJson;
import io.bluelinkmqtt.config.AppConfig.ApiConfig;
import io.bluelinkmqtt.domain.DataSource;
import io.bluelinkmqtt.domain.RefreshMode;
import io.bluelinkmqtt.domain.RefreshRequest;
import io.bluelinkmqtt.domain.RefreshResult;
import io.bluelinkmqtt.domain.Served;
import io.bluelinkmqtt.domain.Vehicle;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** HyundaiApiVerticle deployed alone, driven through the event bus, against the client's stub cloud. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
class HyundaiApiVerticleClientTest {

  @TempDir
  Path stateDir;
  private ClientStubCloud cloud;
  private final List<JsonObject> updates = new CopyOnWriteArrayList<>();

  @BeforeEach
  void deploy(Vertx vertx, VertxTestContext ctx) {
    cloud = new ClientStubCloud(vertx);
    vertx.eventBus().<JsonObject>consumer(Addresses.VEHICLE_STATUS_UPDATED, m -> updates.add(m.body()));
    cloud.start().compose(port -> {
      ApiConfig api = ClientHarness.api(stateDir).withEndpoints(EuModule.SUPPORT.allAt(cloud.baseUrl()));
      return vertx.deployVerticle(CarCloud.verticle(ClientHarness.account(), api, Clock.systemUTC(), CallBudget.UNLIMITED,
          new MinIntervalWakePolicy(Duration.ofMinutes(15), Clock.systemUTC())));
    }).onComplete(ctx.succeedingThenComplete());
  }

  private static JsonObject request(String vehicleId, RefreshMode mode) {
    return RefreshJson.requestToJson(new RefreshRequest(vehicleId, mode, 0, false, "cmd-1"));
  }

  @Test
  @DisplayName("refresh over the bus: cached reply, force FRESH (CCS2 async), second force denied min_interval; updates published, the last one last_known")
  void refreshThroughTheBus(Vertx vertx, VertxTestContext ctx) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(10_000);
    vertx.eventBus().<JsonObject>request(Addresses.API_REFRESH, request(ClientStubCloud.LEGACY_CAR, RefreshMode.CACHED), options)
        .compose(reply -> {
          RefreshResult r = RefreshJson.resultFromJson(reply.body());
          ctx.verify(() -> {
            assertEquals(1, reply.body().getInteger("v"));
            assertEquals(DataSource.CACHED, r.dataSource());
            assertEquals(80, r.data().battery().level());
          });
          return vertx.eventBus().<JsonObject>request(Addresses.API_REFRESH,
              request(ClientStubCloud.CCS2_CAR, RefreshMode.FORCE), options);
        })
        .compose(reply -> {
          RefreshResult r = RefreshJson.resultFromJson(reply.body());
          ctx.verify(() -> {
            assertEquals(RefreshMode.FORCE, r.path());
            assertEquals(DataSource.FRESH, r.dataSource());
            assertEquals(1, cloud.count("ccs2-force"));
          });
          return vertx.eventBus().<JsonObject>request(Addresses.API_REFRESH,
              request(ClientStubCloud.CCS2_CAR, RefreshMode.FORCE), options);
        })
        .onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
          RefreshResult r = RefreshJson.resultFromJson(reply.body());
          assertEquals(WakePolicy.MIN_INTERVAL, r.deniedBy());
          assertEquals(DataSource.LAST_KNOWN, r.dataSource());
          assertEquals(0, r.upstreamCalls());
          assertEquals(1, cloud.count("ccs2-force"), "denied: no second wake");
          assertEquals(3, updates.size(), "the refused force republishes the last known state, saying so");
          StatusUpdateJson.StatusUpdate forced = StatusUpdateJson.fromJson(updates.get(1));
          assertEquals(ClientStubCloud.CCS2_CAR, forced.vehicle().id());
          assertEquals(RefreshMode.FORCE, forced.method());
          assertEquals(DataSource.FRESH, forced.dataSource());
          StatusUpdateJson.StatusUpdate refused = StatusUpdateJson.fromJson(updates.get(2));
          assertEquals(DataSource.LAST_KNOWN, refused.dataSource(), "status/data_source says what the outcome says");
          assertEquals(forced.data(), refused.data(), "nothing new was read: the last known data");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("one lane per car in the API: 5 identical forces over the bus wake the car once, 1 reply leads and 4 say "
      + "joined with the leader's id, and the car's state is published once")
  void identicalRequestsJoinInTheCarsLane(Vertx vertx, VertxTestContext ctx) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(10_000);
    List<io.vertx.core.Future<JsonObject>> replies = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      replies.add(vertx.eventBus().<JsonObject>request(Addresses.API_REFRESH, RefreshJson.requestToJson(
          new RefreshRequest(ClientStubCloud.CCS2_CAR, RefreshMode.FORCE, 0, false, "c" + i)), options)
          .map(reply -> reply.body()));
    }
    io.vertx.core.Future.all(replies).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      List<Served<RefreshResult>> served = replies.stream().map(f -> RefreshJson.servedFromJson(f.result())).toList();
      assertEquals(1, cloud.count("ccs2-force"), "one wake for five identical requests");
      assertEquals(new Served<>(served.get(0).result(), false, null), served.get(0));
      served.subList(1, 5).forEach(joiner -> {
        assertTrue(joiner.joined());
        assertEquals("c0", joiner.leaderCommandId());
        assertEquals(served.get(0).result(), joiner.result());
      });
      assertEquals(DataSource.FRESH, served.get(0).result().dataSource());
      assertEquals(1, updates.size(), "the joiners publish nothing of their own");
      ctx.completeNow();
    })));
  }

  @Test
  @DisplayName("vehicles over the bus list only topic-safe ids; unknown vehicle 404, bad schema 415, failures carry codes")
  void vehiclesAndFailureCodes(Vertx vertx, VertxTestContext ctx) {
    vertx.eventBus().<JsonObject>request(Addresses.API_VEHICLES, new JsonObject().put("v", 1))
        .compose(reply -> {
          List<Vehicle> vehicles = VehicleJson.listFromJson(reply.body());
          ctx.verify(() -> {
            assertEquals(List.of(ClientStubCloud.LEGACY_CAR, ClientStubCloud.CCS2_CAR),
                vehicles.stream().map(Vehicle::id).toList());
            assertTrue(EuVehicleFacts.ccs2(vehicles.get(1)));
            assertEquals(Vehicle.EngineType.EV, vehicles.get(0).engine());
          });
          return vertx.eventBus().<JsonObject>request(Addresses.API_REFRESH, request("nope", RefreshMode.CACHED))
              .map(r -> (ReplyException) null).recover(err -> io.vertx.core.Future.succeededFuture((ReplyException) err));
        })
        .compose(unknown -> {
          ctx.verify(() -> assertEquals(Failure.UNKNOWN_VEHICLE.code(), unknown.failureCode()));
          return vertx.eventBus().<JsonObject>request(Addresses.API_REFRESH, new JsonObject().put("v", 9))
              .map(r -> (ReplyException) null).recover(err -> io.vertx.core.Future.succeededFuture((ReplyException) err));
        })
        .compose(schema -> {
          ctx.verify(() -> assertEquals(Failure.UNSUPPORTED_SCHEMA.code(), schema.failureCode()));
          cloud.fault("latest", req -> {
            ClientStubCloud.envelopeFailure(req, 509, "5091");
            return true;
          });
          return vertx.eventBus().<JsonObject>request(Addresses.API_REFRESH,
                  request(ClientStubCloud.LEGACY_CAR, RefreshMode.CACHED))
              .map(r -> (ReplyException) null).recover(err -> io.vertx.core.Future.succeededFuture((ReplyException) err));
        })
        .onComplete(ctx.succeeding(quota -> ctx.verify(() -> {
          assertEquals(Failure.RATE_LIMITED.code(), quota.failureCode(), "no data known yet: rate limited");
          assertEquals(0, updates.size(), "nothing published on failure");
          ctx.completeNow();
        })));
  }
}
