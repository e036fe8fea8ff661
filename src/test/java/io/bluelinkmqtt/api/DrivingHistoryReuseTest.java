package io.bluelinkmqtt.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.bluelinkmqtt.api.eu.EuVehicleClient;
import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.cloud.CarCloud;
import io.bluelinkmqtt.cloud.CloudModules;
import io.bluelinkmqtt.codec.RefreshJson;
import io.bluelinkmqtt.config.AppConfig;
import io.bluelinkmqtt.config.ConfigParser;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.RefreshMode;
import io.bluelinkmqtt.domain.RefreshRequest;
import io.bluelinkmqtt.domain.RefreshResult;
import io.bluelinkmqtt.sim.EuSimulator;
import io.bluelinkmqtt.sim.SimEndpoint;
import io.bluelinkmqtt.sim.SimulatorSettings;
import io.bluelinkmqtt.testsupport.SimulatedAccount;
import io.bluelinkmqtt.testsupport.TestClock;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class DrivingHistoryReuseTest {

  private final TestClock clock = TestClock.at("2026-11-23T12:00:00Z");

  @Test
  @Timeout(value = 20, timeUnit = TimeUnit.SECONDS)
  @DisplayName("the 30-day consumption is read once an hour: a second cached refresh reuses it (2 calls, not 3), "
      + "and after an hour it is read again")
  void drivingHistoryIsReusedForAnHour(Vertx vertx, VertxTestContext ctx) throws Exception {
    EuSimulator simulator = new EuSimulator(vertx, SimulatorSettings.defaults(Brand.KIA).withClock(clock));
    String car = "7d3c2e1a-5b4f-4a6e-9c8d-1f2e3a4b5c6d";
    java.nio.file.Path stateDir = Files.createTempDirectory("history-reuse");
    simulator.start().compose(port -> {
      AppConfig config = ConfigParser.parse(new JsonObject(), SimulatedAccount.env(simulator, stateDir), path -> "",
          false, CloudModules.supported());
      return vertx.deployVerticle(CarCloud.verticle(config.account(), config.api(), config.stewardship(),
          Duration.ofSeconds(config.command().minForceIntervalSeconds()), clock));
    }).compose(id -> cached(vertx, car))
        .compose(first -> {
          ctx.verify(() -> {
            assertNotNull(first.data().ev().energyConsumption());
            assertEquals(1, simulator.calls().count(SimEndpoint.DRIVING_HISTORY));
          });
          clock.advance(EuVehicleClient.HISTORY_REUSE.minusMinutes(1));
          return cached(vertx, car);
        })
        .compose(second -> {
          ctx.verify(() -> {
            assertEquals(2, second.upstreamCalls(), "status and park location only");
            assertEquals(1, simulator.calls().count(SimEndpoint.DRIVING_HISTORY));
            assertNotNull(second.data().ev().energyConsumption(), "the reused reading still fills the value");
          });
          clock.advance(Duration.ofMinutes(2));
          return cached(vertx, car);
        })
        .onComplete(ctx.succeeding(third -> ctx.verify(() -> {
          assertEquals(3, third.upstreamCalls());
          assertEquals(2, simulator.calls().count(SimEndpoint.DRIVING_HISTORY));
          ctx.completeNow();
        })));
  }

  private Future<RefreshResult> cached(Vertx vertx, String vehicleId) {
    return vertx.eventBus().<JsonObject>request(Addresses.API_REFRESH,
            RefreshJson.requestToJson(new RefreshRequest(vehicleId, RefreshMode.CACHED, 0, false, "h")))
        .map(reply -> RefreshJson.resultFromJson(reply.body()));
  }
}
