package io.bluelinkmqtt.command;

import io.bluelinkmqtt.testsupport.TestClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.api.WakePolicy;
import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.bus.Failure;
import io.bluelinkmqtt.codec.InboundCommandJson;
import io.bluelinkmqtt.codec.MqttPublishJson;
import io.bluelinkmqtt.codec.MqttPublishJson.MqttMessageOut;
import io.bluelinkmqtt.codec.InboundCommandJson.InboundCommand;
import io.bluelinkmqtt.codec.StatusUpdateJson;
import io.bluelinkmqtt.codec.StatusUpdateJson.StatusUpdate;
import io.bluelinkmqtt.config.AppConfig.CommandConfig;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.CommandOutcome;
import io.bluelinkmqtt.domain.CommandOutcome.Status;
import io.bluelinkmqtt.domain.DataSource;
import io.bluelinkmqtt.domain.RefreshMode;
import io.bluelinkmqtt.domain.RefreshRequest;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.VehicleData;
import io.bluelinkmqtt.publish.PublisherVerticle;
import io.bluelinkmqtt.testsupport.LogCapture;
import io.vertx.core.json.JsonObject;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class CommandVerticleTest {

  static final String BASE = "hyundai";
  static final CommandTimings FAST = new CommandTimings(2_000, 10, 40, 300);

  private final TestClock clock = new TestClock(1_700_000_000_000L);
  private FakeApi api;
  private OutcomeCollector outcomes;
  private CommandVerticle verticle;

  @BeforeEach
  void setUp() {
    api = new FakeApi(List.of("V1", "V2"));
    outcomes = new OutcomeCollector();
  }

  private Future<String> deploy(Vertx vertx, int capacity, boolean initialRefresh, CommandTimings timings) {
    verticle = new CommandVerticle(new CommandConfig(256, 900, 604_800, initialRefresh), BASE, clock, timings);
    return api.register(vertx, capacity).compose(v -> outcomes.register(vertx)).compose(v -> vertx.deployVerticle(verticle));
  }

  /** Deploys and waits until the vehicle list has been served, so commands meet a loaded allow-list. */
  /**
   * Completes once the verticle holds {@code commands} identical commands (the probe runs on its context after
   * the commands sent before it) and their one bus request has reached the API: identical commands in flight
   * ride on one request.
   */
  private Future<Void> identicalTaken(int commands) {
    return verticle.commandsInFlight().compose(taken -> {
      if (taken != commands) {
        return Future.failedFuture(new AssertionError("expected " + commands + " commands in flight, was " + taken));
      }
      return api.received(1);
    });
  }

  private Future<String> deployReady(Vertx vertx, int capacity) {
    return deploy(vertx, capacity, false, FAST).compose(id -> api.vehiclesServed.future().map(id));
  }

  private static void send(Vertx vertx, String vehicle, String payload) {
    sendRaw(vertx, BASE + "/" + vehicle + "/commands/refresh", payload.getBytes(StandardCharsets.UTF_8));
  }

  private static void sendRaw(Vertx vertx, String topic, byte[] payload) {
    vertx.eventBus().send(Addresses.COMMAND_RECEIVED,
        InboundCommandJson.toJson(new InboundCommand(topic, payload, 1, false, 0)));
  }

  private static Map<Status, Long> byStatus(List<CommandOutcome> list) {
    return list.stream().collect(Collectors.groupingBy(CommandOutcome::status, Collectors.counting()));
  }

  @Test
  @DisplayName("10 identical force commands cause exactly 1 API refresh and 10 outcomes: 1 ok + 9 coalesced")
  void identicalForcesAreCoalesced(Vertx vertx, VertxTestContext ctx) {
    api.answerAtOnce = false;
    deployReady(vertx, 16)
        .compose(id -> {
          for (int i = 0; i < 10; i++) {
            send(vertx, "V1", "force");
          }
          return identicalTaken(10);
        })
        .compose(v -> api.pendingRefreshes())
        .compose(pending -> {
          ctx.verify(() -> assertEquals(1, pending, "one refresh in flight, nothing queued"));
          clock.advance(2_500);
          api.replyHeld();
          return outcomes.await(10);
        })
        .compose(list -> api.pendingRefreshes().map(pending -> {
          ctx.verify(() -> {
            assertEquals(1, api.refreshRequests.size());
            assertEquals(RefreshMode.FORCE, api.refreshRequests.get(0).mode());
            assertEquals(10, list.size());
            assertEquals(Map.of(Status.OK, 1L, Status.COALESCED, 9L), byStatus(list));
            CommandOutcome leader = list.stream().filter(o -> o.status() == Status.OK).findFirst().orElseThrow();
            assertEquals(3, leader.upstreamCalls());
            assertEquals(2_500, leader.durationMs());
            assertEquals("force", leader.mode());
            assertNull(leader.reason());
            list.forEach(o -> {
              assertEquals(DataSource.FRESH, o.dataSource());
              assertEquals("V1", o.vehicleId());
              assertEquals("refresh", o.command());
            });
            list.stream().filter(o -> o.status() == Status.COALESCED).forEach(o -> {
              assertEquals(0, o.upstreamCalls());
              assertEquals("joined " + leader.id(), o.reason());
            });
            assertEquals(10, list.stream().map(CommandOutcome::id).distinct().count(), "every command has its own id");
            assertEquals(0, pending, "the coalescing map is empty afterwards");
          });
          return pending;
        }))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  @DisplayName("invalid payloads get an invalid outcome with the reason, on the vehicle, and no API call")
  void invalidPayloadsAreAnsweredWithoutApiCalls(Vertx vertx, VertxTestContext ctx) {
    deployReady(vertx, 16)
        .compose(id -> {
          send(vertx, "V1", "force\n");
          send(vertx, "V1", "smart:-1");
          sendRaw(vertx, BASE + "/V1/commands/refresh", new byte[9 * 1024]);
          sendRaw(vertx, BASE + "/V1/commands/refresh", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'f'});
          send(vertx, "V1", "{\"mode\":\"smart\",\"max_age\":\"60\",\"id\":\"mine-1\"}");
          return outcomes.await(5);
        })
        .onComplete(ctx.succeeding(list -> ctx.verify(() -> {
          assertEquals(0, api.refreshRequests.size());
          list.forEach(o -> {
            assertEquals(Status.INVALID, o.status());
            assertEquals("V1", o.vehicleId());
            assertEquals(0, o.upstreamCalls());
            assertNull(o.dataSource());
          });
          assertEquals(List.of(CommandParser.Reasons.CONTROL, CommandParser.Reasons.SMART_AGE_NOT_NUMBER,
              CommandParser.Reasons.TOO_LARGE + ": 9216 bytes, limit 256", CommandParser.Reasons.BOM,
              CommandParser.Reasons.JSON_MAX_AGE_TYPE), list.stream().map(CommandOutcome::reason).toList());
          assertEquals("mine-1", list.get(4).id());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a command for an unknown or malformed vehicle is invalid on the bridge level, with no API call")
  void unknownVehicleIsRejectedOnBridgeLevel(Vertx vertx, VertxTestContext ctx) {
    deployReady(vertx, 16)
        .compose(id -> {
          send(vertx, "V9", "force");
          send(vertx, "+", "force");
          send(vertx, "bridge", "cached");
          return outcomes.await(3);
        })
        .onComplete(ctx.succeeding(list -> ctx.verify(() -> {
          assertEquals(0, api.refreshRequests.size());
          assertEquals(List.of(CommandParser.Reasons.UNKNOWN_VEHICLE, CommandParser.Reasons.INVALID_VEHICLE_ID,
              CommandParser.Reasons.INVALID_VEHICLE_ID), list.stream().map(CommandOutcome::reason).toList());
          list.forEach(o -> {
            assertEquals(Status.INVALID, o.status());
            assertNull(o.vehicleId());
          });
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("deniedBy min_interval becomes throttled, other rules denied, both with the data source served")
  void wakeRuleDenialsAreMapped(Vertx vertx, VertxTestContext ctx) {
    api.answer = r -> FakeApi.denied(r, r.vehicleId().equals("V1") ? WakePolicy.MIN_INTERVAL : WakePolicy.AUX_BATTERY);
    deployReady(vertx, 16)
        .compose(id -> {
          send(vertx, "V1", "force");
          send(vertx, "V2", "smart:60");
          return outcomes.await(2);
        })
        .onComplete(ctx.succeeding(list -> ctx.verify(() -> {
          assertEquals(2, api.refreshRequests.size());
          Map<String, CommandOutcome> byVehicle = list.stream().collect(Collectors.toMap(CommandOutcome::vehicleId, o -> o));
          assertEquals(Status.THROTTLED, byVehicle.get("V1").status());
          assertEquals("min_interval", byVehicle.get("V1").reason());
          assertEquals(DataSource.CACHED, byVehicle.get("V1").dataSource());
          assertEquals(Status.DENIED, byVehicle.get("V2").status());
          assertEquals("aux_battery", byVehicle.get("V2").reason());
          assertEquals(DataSource.CACHED, byVehicle.get("V2").dataSource());
          assertEquals(1, byVehicle.get("V2").upstreamCalls());
          assertEquals("smart:60", byVehicle.get("V2").mode());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("an API failure 503 gives failed upstream_unavailable, shared by the commands that joined")
  void apiFailureIsMapped(Vertx vertx, VertxTestContext ctx) {
    api.answerAtOnce = false;
    deployReady(vertx, 16)
        .compose(id -> {
          send(vertx, "V1", "{\"mode\":\"force\",\"id\":\"first\"}");
          send(vertx, "V1", "force");
          return identicalTaken(2);
        })
        .compose(v -> api.failHeld(Failure.UPSTREAM_UNAVAILABLE))
        .compose(v -> outcomes.await(2))
        .onComplete(ctx.succeeding(list -> ctx.verify(() -> {
          assertEquals(1, api.refreshRequests.size());
          assertEquals("first", api.refreshRequests.get(0).commandId());
          list.forEach(o -> {
            assertEquals(Status.FAILED, o.status());
            assertEquals("upstream_unavailable", o.reason());
            assertNull(o.dataSource());
            assertEquals(0, o.upstreamCalls());
          });
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("an API that does not answer within the send timeout gives failed upstream_timeout")
  void apiTimeoutIsMapped(Vertx vertx, VertxTestContext ctx) {
    api.answerAtOnce = false;
    deploy(vertx, 16, false, new CommandTimings(200, 10, 40, 300))
        .compose(id -> api.vehiclesServed.future())
        .compose(v -> {
          send(vertx, "V1", "cached");
          return outcomes.await(1);
        })
        .onComplete(ctx.succeeding(list -> ctx.verify(() -> {
          assertEquals(Status.FAILED, list.get(0).status());
          assertEquals("upstream_timeout", list.get(0).reason());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a full queue answers failed busy at once; the queued work still completes")
  void fullQueueAnswersBusy(Vertx vertx, VertxTestContext ctx) {
    api.answerAtOnce = false;
    deployReady(vertx, 1)
        .compose(id -> {
          send(vertx, "V1", "force");
          send(vertx, "V1", "cached");
          send(vertx, "V1", "smart:60");
          return api.firstRefresh.future().compose(v -> outcomes.await(1));
        })
        .compose(first -> {
          ctx.verify(() -> {
            assertEquals(Status.FAILED, first.get(0).status());
            assertEquals("busy", first.get(0).reason());
            assertEquals("smart:60", first.get(0).mode());
            assertEquals(1, api.refreshRequests.size(), "the queued cached waits behind the force");
          });
          api.answerAtOnce = true;
          api.replyHeld();
          return outcomes.await(3);
        })
        .onComplete(ctx.succeeding(list -> ctx.verify(() -> {
          assertEquals(List.of(RefreshMode.FORCE, RefreshMode.CACHED),
              api.refreshRequests.stream().map(RefreshRequest::mode).toList());
          assertEquals(Map.of(Status.OK, 2L, Status.FAILED, 1L), byStatus(list));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("start-up: exactly one cached refresh per vehicle once the list is known, and none after")
  void initialRefreshOncePerVehicle(Vertx vertx, VertxTestContext ctx) {
    api.failVehicleRequests = 2;
    deploy(vertx, 16, true, FAST)
        .compose(id -> outcomes.await(2))
        .compose(list -> {
          ctx.verify(() -> {
            assertEquals(3, api.vehicleRequests.get(), "two failures, retried with backoff, then the list");
            assertEquals(2, api.refreshRequests.size());
            assertEquals(Map.of("V1", RefreshMode.CACHED, "V2", RefreshMode.CACHED), api.refreshRequests.stream()
                .collect(Collectors.toMap(RefreshRequest::vehicleId, RefreshRequest::mode)));
            list.forEach(o -> {
              assertEquals(CommandVerticle.INITIAL_REFRESH_ID, o.id());
              assertEquals(Status.OK, o.status());
            });
          });
          send(vertx, "V2", "cached");
          return outcomes.await(3);
        })
        .onComplete(ctx.succeeding(list -> ctx.verify(() -> {
          assertEquals(3, api.refreshRequests.size(), "only the user's command caused a refresh after start-up");
          assertEquals(3, api.vehicleRequests.get());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a command held before the vehicle list that never arrives fails with a clear reason on its vehicle")
  void commandBeforeVehicleListFails(Vertx vertx, VertxTestContext ctx) {
    api.failVehicleRequests = Integer.MAX_VALUE;
    deploy(vertx, 16, true, new CommandTimings(2_000, 5_000, 5_000, 300))
        .compose(id -> {
          send(vertx, "V1", "force");
          return outcomes.await(1);
        })
        .onComplete(ctx.succeeding(list -> ctx.verify(() -> {
          assertEquals(Status.FAILED, list.get(0).status());
          assertEquals(OutcomeFactory.REASON_NOT_READY, list.get(0).reason());
          assertEquals("V1", list.get(0).vehicleId());
          assertEquals("force", list.get(0).mode());
          assertEquals(0, api.refreshRequests.size());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a command that arrives while the vehicle list is still loading is held and served once it arrives")
  void commandBeforeVehicleListIsHeldAndServed(Vertx vertx, VertxTestContext ctx) {
    api.failVehicleRequests = 2;
    deploy(vertx, 16, false, new CommandTimings(2_000, 100, 100, 300))
        .compose(id -> {
          send(vertx, "V1", "{\"mode\":\"cached\",\"id\":\"early\"}");
          return outcomes.await(1);
        })
        .onComplete(ctx.succeeding(list -> ctx.verify(() -> {
          assertEquals("early", list.get(0).id());
          assertEquals(Status.OK, list.get(0).status(), list.get(0).toString());
          assertEquals("V1", list.get(0).vehicleId());
          assertEquals(1, api.refreshRequests.size());
          assertEquals(3, api.vehicleRequests.get(), "served after the third list request succeeded");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a vehicle named by a status update becomes commandable")
  void statusUpdateAddsVehicle(Vertx vertx, VertxTestContext ctx) {
    Vehicle v3 = new Vehicle("V3", "api-3", null, null, null, Brand.KIA, Vehicle.EngineType.EV);
    deployReady(vertx, 16)
        .compose(id -> {
          vertx.eventBus().publish(Addresses.VEHICLE_STATUS_UPDATED, StatusUpdateJson.toJson(
              new StatusUpdate(v3, RefreshMode.CACHED, DataSource.CACHED, VehicleData.EMPTY)));
          vertx.eventBus().publish(Addresses.VEHICLE_STATUS_UPDATED, new io.vertx.core.json.JsonObject().put("v", 1));
          send(vertx, "V3", "cached");
          return outcomes.await(1);
        })
        .onComplete(ctx.succeeding(list -> ctx.verify(() -> {
          assertEquals(Status.OK, list.get(0).status());
          assertEquals("V3", list.get(0).vehicleId());
          assertEquals("V3", api.refreshRequests.get(0).vehicleId());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("every command gets exactly one outcome: 40 mixed commands, 40 outcomes, each id once")
  void everyCommandExactlyOneOutcome(Vertx vertx, VertxTestContext ctx) {
    String[] payloads = {"{\"mode\":\"force\",\"id\":\"c%d\"}", "{\"mode\":\"cached\",\"id\":\"c%d\"}",
        "{\"mode\":\"smart\",\"max_age\":60,\"id\":\"c%d\"}", "{\"mode\":\"smart\",\"max_age\":-5,\"id\":\"c%d\"}",
        "{\"mode\":\"nope\",\"id\":\"c%d\"}"};
    deployReady(vertx, 2)
        .compose(id -> {
          for (int i = 0; i < 40; i++) {
            send(vertx, i % 3 == 0 ? "V2" : i % 7 == 0 ? "V8" : "V1", String.format(payloads[i % payloads.length], i));
          }
          return outcomes.await(40);
        })
        .compose(list -> verticle.commandsInFlight().compose(inFlight -> api.pendingRefreshes().map(lanes -> {
          ctx.verify(() -> assertEquals(List.of(0, 0), List.of(inFlight, lanes), "nothing in flight, lanes idle"));
          return lanes;
        })))
        .compose(pending -> {
          send(vertx, "V1", "sentinel");
          return outcomes.await(41);
        })
        .onComplete(ctx.succeeding(list -> ctx.verify(() -> {
          assertEquals(41, list.size(), "no outcome beyond one per command");
          Map<String, Long> perId = new HashMap<>();
          list.forEach(o -> perId.merge(o.id(), 1L, Long::sum));
          for (int i = 0; i < 40; i++) {
            String id = "c" + i;
            boolean unknownVehicle = i % 3 != 0 && i % 7 == 0;
            assertEquals(unknownVehicle ? null : 1L, perId.get(id), id);
          }
          assertTrue(api.refreshRequests.size() < 40, "identical commands were coalesced");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("stop: takes no more commands, answers the refresh still in flight and the queued ones 'shutdown'")
  void stopAnswersOutstandingCommands(Vertx vertx, VertxTestContext ctx) {
    api.answerAtOnce = false;
    deployReady(vertx, 4)
        .compose(id -> {
          send(vertx, "V1", "force");
          send(vertx, "V1", "cached");
          return api.received(2).map(id); // the cached waits in the car's lane behind the force
        })
        .compose(vertx::undeploy)
        .compose(v -> outcomes.await(2))
        .compose(list -> {
          ctx.verify(() -> {
            assertEquals(2, list.size());
            list.forEach(o -> {
              assertEquals(Status.FAILED, o.status());
              assertEquals("shutdown", o.reason());
            });
            assertEquals(1, api.refreshRequests.size());
          });
          return api.replyHeld(); // the force ends after the drain: the lane starts nothing that waited
        })
        .compose(v -> api.pendingRefreshes())
        .onComplete(ctx.succeeding(pending -> ctx.verify(() -> {
          assertEquals(1, api.refreshRequests.size(), "the waiting cached never ran upstream");
          assertEquals(0, pending);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("stop: a command that arrives while the verticle drains is answered 'shutdown', not lost")
  void commandDuringDrainIsAnswered(Vertx vertx, VertxTestContext ctx) {
    api.answerAtOnce = false;
    deployReady(vertx, 4)
        .compose(id -> {
          send(vertx, "V1", "force");
          return api.firstRefresh.future().map(id);
        })
        .compose(id -> {
          Future<Void> undeployed = vertx.undeploy(id);
          send(vertx, "V1", "cached"); // arrives after stop() began
          return undeployed;
        })
        .compose(v -> outcomes.await(2))
        .onComplete(ctx.succeeding(list -> ctx.verify(() -> {
          assertEquals(2, list.size());
          list.forEach(o -> assertEquals("shutdown", o.reason(), o.toString()));
          assertEquals(1, api.refreshRequests.size(), "nothing new reached the API");
          api.replyHeld();
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("3: 1 000 identical force commands: 1 refresh, 1 000 outcomes (1 ok, 999 coalesced), none busy, "
      + "and no status/error written")
  void thousandIdenticalForcesShareOneRefresh(Vertx vertx, VertxTestContext ctx) {
    api.answerAtOnce = false;
    List<MqttMessageOut> mqtt = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer(Addresses.MQTT_PUBLISH, m -> mqtt.addAll(MqttPublishJson.allFromJson(m.body())));
    vertx.deployVerticle(new PublisherVerticle(BASE, clock))
        .compose(p -> deployReady(vertx, 16))
        .compose(id -> {
          for (int i = 0; i < 1_000; i++) {
            send(vertx, "V1", "{\"mode\":\"force\",\"id\":\"f" + i + "\"}");
          }
          return identicalTaken(1_000);
        })
        .compose(v -> api.pendingRefreshes())
        .compose(pending -> {
          ctx.verify(() -> assertEquals(1, pending, "one refresh in flight, all others joined it"));
          api.replyHeld();
          return outcomes.await(1_000);
        })
        .onComplete(ctx.succeeding(list -> ctx.verify(() -> {
          assertEquals(1, api.refreshRequests.size());
          assertEquals(1_000, list.size());
          assertEquals(1, api.received.get(), "identical commands in flight ride on one bus request");
          assertEquals(Map.of(Status.OK, 1L, Status.COALESCED, 999L), byStatus(list));
          assertEquals(1_000, list.stream().map(CommandOutcome::id).distinct().count(), "every command its own id");
          assertTrue(list.stream().noneMatch(o -> "busy".equals(o.reason())));
          List<MqttMessageOut> errors = mqtt.stream().filter(m -> m.topic().endsWith("/status/error")).toList();
          assertTrue(errors.stream().allMatch(m -> m.payload().isEmpty()), "no error set: " + errors);
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("8: commands held while the vehicle list cannot be loaded are each answered with their own id, mode and "
      + "vehicle; a command held after the first release is answered too")
  void heldCommandsKeepTheirIdentityAndEveryHoldEnds(Vertx vertx, VertxTestContext ctx) {
    api.failVehicleRequests = Integer.MAX_VALUE;
    deploy(vertx, 16, false, new CommandTimings(200, 50, 50, 300))
        .compose(id -> {
          send(vertx, "V1", "{\"mode\":\"force\",\"id\":\"held-1\"}");
          send(vertx, "V2", "smart:60");
          return outcomes.await(2);
        })
        .compose(first -> {
          ctx.verify(() -> {
            assertEquals("held-1", first.get(0).id());
            assertEquals("V1", first.get(0).vehicleId());
            assertEquals("force", first.get(0).mode());
            assertEquals("V2", first.get(1).vehicleId());
            assertEquals("smart:60", first.get(1).mode());
            first.forEach(o -> {
              assertEquals(Status.FAILED, o.status());
              assertEquals(OutcomeFactory.REASON_NOT_READY, o.reason());
            });
          });
          send(vertx, "V1", "{\"mode\":\"cached\",\"id\":\"after-release\"}");
          return outcomes.await(3);
        })
        .onComplete(ctx.succeeding(list -> ctx.verify(() -> {
          CommandOutcome late = list.get(2);
          assertEquals("after-release", late.id());
          assertEquals("V1", late.vehicleId());
          assertEquals("cached", late.mode());
          assertEquals(OutcomeFactory.REASON_NOT_READY, late.reason());
          assertEquals(0, api.refreshRequests.size());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("8: stop (SIGTERM) answers every held command 'shutdown', with its own id and vehicle")
  void stopAnswersHeldCommands(Vertx vertx, VertxTestContext ctx) {
    api.failVehicleRequests = Integer.MAX_VALUE;
    deploy(vertx, 16, false, new CommandTimings(8_000, 50, 50, 300))
        .compose(id -> {
          send(vertx, "V1", "{\"mode\":\"force\",\"id\":\"h1\"}");
          send(vertx, "V2", "{\"mode\":\"cached\",\"id\":\"h2\"}");
          return verticle.commandsInFlight().map(id);
        })
        .compose(id -> {
          ctx.verify(() -> assertEquals(0, outcomes.count(), "both are held"));
          return vertx.undeploy(id);
        })
        .compose(v -> outcomes.await(2))
        .onComplete(ctx.succeeding(list -> ctx.verify(() -> {
          assertEquals(List.of("h1", "h2"), list.stream().map(CommandOutcome::id).toList());
          assertEquals(List.of("V1", "V2"), list.stream().map(CommandOutcome::vehicleId).toList());
          list.forEach(o -> {
            assertEquals(Status.FAILED, o.status());
            assertEquals(OutcomeFactory.REASON_SHUTDOWN, o.reason());
          });
          assertEquals(0, api.refreshRequests.size());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("9: an empty payload (mosquitto_pub -r -n clearing a retained command) gets no outcome and no call")
  void emptyRetainedClearIsIgnored(Vertx vertx, VertxTestContext ctx) {
    deployReady(vertx, 16)
        .compose(id -> {
          sendRaw(vertx, BASE + "/V1/commands/refresh", new byte[0]);
          sendRaw(vertx, BASE + "/V9/commands/refresh", new byte[0]);
          send(vertx, "V1", "{\"mode\":\"cached\",\"id\":\"after-clear\"}");
          return outcomes.await(1);
        })
        .onComplete(ctx.succeeding(list -> ctx.verify(() -> {
          assertEquals(List.of("after-clear"), list.stream().map(CommandOutcome::id).toList(),
              "the clears came first and got no outcome");
          assertEquals(1, api.refreshRequests.size());
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("11: 2 000 invalid commands log 10 INFO lines, then one summary line once the minute has passed")
  void invalidCommandsAreLoggedAtABoundedRate(Vertx vertx, VertxTestContext ctx) {
    LogCapture logs = LogCapture.attach();
    deployReady(vertx, 16)
        .compose(id -> {
          for (int i = 0; i < 2_000; i++) {
            send(vertx, "V1", "nope");
          }
          return outcomes.await(2_000);
        })
        .compose(list -> {
          ctx.verify(() -> {
            assertEquals(2_000, list.stream().filter(o -> o.status() == Status.INVALID).count(), "each still answered");
            assertEquals(OutcomeLog.PER_WINDOW, logs.count("INFO", ": invalid "));
          });
          clock.advance(OutcomeLog.WINDOW_MS);
          send(vertx, "V1", "nope");
          return outcomes.await(2_001);
        })
        .onComplete(ar -> {
          logs.close();
          ctx.verify(() -> {
            assertTrue(ar.succeeded(), String.valueOf(ar.cause()));
            assertEquals(1, logs.count("INFO", "1990 more invalid commands in the last 60 s"), logs.lines("more invalid")
                .toString());
            assertEquals(OutcomeLog.PER_WINDOW + 1, logs.count("INFO", ": invalid "));
          });
          ctx.completeNow();
        });
  }
}
