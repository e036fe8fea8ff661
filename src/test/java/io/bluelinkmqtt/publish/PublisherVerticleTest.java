package io.bluelinkmqtt.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.codec.CommandOutcomeJson;
import io.bluelinkmqtt.codec.MqttPublishJson;
import io.bluelinkmqtt.codec.MqttPublishJson.MqttMessageOut;
import io.bluelinkmqtt.codec.StatusUpdateJson;
import io.bluelinkmqtt.codec.StatusUpdateJson.StatusUpdate;
import io.bluelinkmqtt.domain.CommandOutcome;
import io.bluelinkmqtt.domain.CommandOutcome.Status;
import io.bluelinkmqtt.domain.DataSource;
import io.bluelinkmqtt.domain.RefreshMode;
import io.bluelinkmqtt.domain.VehicleData.DistanceUnit;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class PublisherVerticleTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);

  private final List<MqttMessageOut> published = new ArrayList<>();
  private int awaited = Integer.MAX_VALUE;
  private Promise<List<MqttMessageOut>> waiter;

  /** Deploys the publisher with a consumer playing the MQTT bridge on bluelink.mqtt.publish. */
  private Future<String> deploy(Vertx vertx) {
    return vertx.eventBus().<JsonObject>consumer(Addresses.MQTT_PUBLISH, msg -> MqttPublishJson.allFromJson(msg.body()).forEach(this::add))
        .completion().compose(v -> vertx.deployVerticle(new PublisherVerticle("hyundai", CLOCK)));
  }

  private synchronized void add(MqttMessageOut m) {
    published.add(m);
    if (waiter != null && published.size() >= awaited) {
      waiter.tryComplete(List.copyOf(published));
    }
  }

  private synchronized Future<List<MqttMessageOut>> await(int n) {
    awaited = n;
    waiter = Promise.promise();
    if (published.size() >= n) {
      waiter.tryComplete(List.copyOf(published));
    }
    return waiter.future();
  }

  @Test
  @DisplayName("a status update is published as the whole table plus the state document, nothing else")
  void statusUpdateIsPublished(Vertx vertx, VertxTestContext ctx) {
    int expected = TopicMapperTest.expectedTable().size() + 1;
    deploy(vertx)
        .compose(id -> {
          vertx.eventBus().publish(Addresses.VEHICLE_STATUS_UPDATED, StatusUpdateJson.toJson(new StatusUpdate(
              TopicMapperTest.V1, RefreshMode.FORCE, DataSource.FRESH, TopicMapperTest.full(DistanceUnit.KM))));
          vertx.eventBus().publish(Addresses.VEHICLE_STATUS_UPDATED, new JsonObject().put("v", 2));
          return await(expected);
        })
        .onComplete(ctx.succeeding(list -> ctx.verify(() -> {
          assertEquals(expected, list.size());
          TopicMapperTest.expectedTable().forEach((leaf, row) -> {
            MqttMessageOut m = list.stream().filter(x -> x.topic().equals("hyundai/V1/" + leaf)).findFirst().orElseThrow();
            assertEquals(row[0], m.qos(), leaf);
            assertEquals(row[1], m.retain(), leaf);
            assertEquals(new JsonObject((String) row[2]), new JsonObject(m.payload()), leaf);
          });
          assertTrue(list.stream().anyMatch(m -> m.topic().equals("hyundai/V1/state") && m.retain() && m.qos() == 1));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a failed outcome publishes the result and a retained error; the next success clears it")
  void outcomesAndErrors(Vertx vertx, VertxTestContext ctx) {
    deploy(vertx)
        .compose(id -> {
          vertx.eventBus().publish(Addresses.COMMAND_COMPLETED, CommandOutcomeJson.toJson(
              new CommandOutcome("V1", "a", "refresh", "force", Status.FAILED, "upstream_timeout", null, 1, 120_000)));
          vertx.eventBus().publish(Addresses.COMMAND_COMPLETED, CommandOutcomeJson.toJson(
              new CommandOutcome("V1", "b", "refresh", "cached", Status.OK, null, DataSource.CACHED, 1, 300)));
          vertx.eventBus().publish(Addresses.COMMAND_COMPLETED, CommandOutcomeJson.toJson(
              new CommandOutcome(null, "c", "refresh", null, Status.INVALID, "unknown vehicle", null, 0, 1)));
          return await(5);
        })
        .onComplete(ctx.succeeding(list -> ctx.verify(() -> {
          assertEquals(List.of("hyundai/V1/commands/result", "hyundai/V1/status/error", "hyundai/V1/commands/result",
              "hyundai/V1/status/error", "hyundai/bridge/commands/result"), list.stream().map(MqttMessageOut::topic).toList());
          assertEquals(new JsonObject().put("value", "upstream_timeout").put("command_id", "a")
              .put("timestamp", "2024-05-01T12:00:00Z"), new JsonObject(list.get(1).payload()));
          assertTrue(list.get(1).retain());
          assertEquals("", list.get(3).payload());
          assertTrue(list.get(3).retain());
          assertEquals("invalid", new JsonObject(list.get(4).payload()).getString("status"));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("health, budget and wake-audit documents are retained and follow the bridge events")
  void bridgeDocuments(Vertx vertx, VertxTestContext ctx) {
    deploy(vertx)
        .compose(id -> {
          var eb = vertx.eventBus();
          eb.publish(Addresses.MQTT_CONNECTION_CHANGED, new JsonObject().put("v", 1).put("connected", true));
          eb.publish(Addresses.API_BREAKER_CHANGED, new JsonObject().put("v", 1).put("name", "ccapi").put("state", "OPEN"));
          eb.publish(Addresses.API_BREAKER_CHANGED, new JsonObject().put("v", 1).put("name", "x").put("state", "bogus"));
          eb.publish(Addresses.API_BUDGET_CHANGED, new JsonObject().put("v", 1).put("used", 12).put("limit", 160)
              .put("remaining", 148).put("resetsAt", "2024-05-02T00:00:00Z").put("exhausted", false));
          eb.publish(Addresses.API_BREAKER_CHANGED, new JsonObject().put("v", 1).put("name", "ccapi")
              .put("state", "half_open"));
          eb.publish(Addresses.VEHICLE_WAKE_AUDIT_CHANGED, new JsonObject().put("v", 1).put("vehicleId", "V1")
              .put("today", 2).put("total", 40).put("last", "2024-05-01T11:00:00Z"));
          eb.publish(Addresses.VEHICLE_WAKE_AUDIT_CHANGED, new JsonObject().put("v", 1).put("vehicleId", "#")
              .put("today", 2));
          eb.publish(Addresses.MQTT_CONNECTION_CHANGED, new JsonObject().put("v", 1).put("connected", false)
              .put("reason", "closed"));
          eb.publish(Addresses.API_STATE_DIR_CHANGED, new JsonObject().put("v", 1).put("writable", "no"));
          eb.publish(Addresses.API_STATE_DIR_CHANGED, new JsonObject().put("v", 1).put("writable", false)
              .put("problem", "AccessDeniedException"));
          return await(8);
        })
        .onComplete(ctx.succeeding(list -> ctx.verify(() -> {
          assertEquals(List.of("hyundai/bridge/health", "hyundai/bridge/health", "hyundai/bridge/budget",
              "hyundai/bridge/health", "hyundai/bridge/health", "hyundai/V1/status/wake_audit", "hyundai/bridge/health",
              "hyundai/bridge/health"),
              list.stream().map(MqttMessageOut::topic).toList());
          list.forEach(m -> {
            assertTrue(m.retain(), m.topic());
            assertEquals(1, m.qos(), m.topic());
          });
          JsonObject budget = new JsonObject().put("used", 12).put("limit", 160).put("remaining", 148)
              .put("resets_at", "2024-05-02T00:00:00Z").put("exhausted", false);
          assertEquals(new JsonObject().put("mqtt", "connected").put("breaker", "closed").put("state", "ok").putNull("budget"),
              new JsonObject(list.get(0).payload()));
          assertEquals(new JsonObject().put("mqtt", "connected").put("breaker", "open").put("state", "ok").putNull("budget"),
              new JsonObject(list.get(1).payload()));
          assertEquals(budget, new JsonObject(list.get(2).payload()));
          assertEquals(new JsonObject().put("mqtt", "connected").put("breaker", "open").put("state", "ok").put("budget", budget),
              new JsonObject(list.get(3).payload()));
          assertEquals("half_open", new JsonObject(list.get(4).payload()).getString("breaker"));
          assertEquals(new JsonObject().put("today", 2).put("total", 40).put("last", "2024-05-01T11:00:00Z").putNull("last_cause"),
              new JsonObject(list.get(5).payload()));
          assertEquals(new JsonObject().put("mqtt", "disconnected").put("breaker", "half_open").put("state", "ok")
              .put("budget", budget), new JsonObject(list.get(6).payload()));
          assertEquals(new JsonObject().put("mqtt", "disconnected").put("breaker", "half_open")
              .put("state", "unwritable").put("budget", budget), new JsonObject(list.get(7).payload()),
              "an unwritable state dir shows in bridge/health; a body without a boolean changes nothing");
          ctx.completeNow();
        })));
  }
}
