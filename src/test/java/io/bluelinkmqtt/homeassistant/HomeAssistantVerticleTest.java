package io.bluelinkmqtt.homeassistant;

import static io.bluelinkmqtt.homeassistant.SampleVehicles.BASE;
import static io.bluelinkmqtt.homeassistant.SampleVehicles.PREFIX;
import static io.bluelinkmqtt.homeassistant.SampleVehicles.SMART_MAX_AGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.bus.Failure;
import io.bluelinkmqtt.codec.Envelope;
import io.bluelinkmqtt.codec.StatusUpdateJson;
import io.bluelinkmqtt.codec.StatusUpdateJson.StatusUpdate;
import io.bluelinkmqtt.codec.VehicleJson;
import io.bluelinkmqtt.config.AppConfig.HomeAssistantConfig;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.DataSource;
import io.bluelinkmqtt.domain.RefreshMode;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.VehicleData;
import io.bluelinkmqtt.publish.Topics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 10, timeUnit = TimeUnit.SECONDS)
class HomeAssistantVerticleTest {

  private static final HomeAssistantConfig ON = new HomeAssistantConfig(true, PREFIX, SMART_MAX_AGE);
  private static final DiscoveryPayloads PAYLOADS = new DiscoveryPayloads(PREFIX, new Topics(BASE), SMART_MAX_AGE);

  @TempDir
  Path stateDir;

  private final List<JsonObject> published = new ArrayList<>();
  private final List<Waiter> waiters = new ArrayList<>();
  private final AtomicInteger vehicleRequests = new AtomicInteger();

  private record Waiter(Predicate<List<JsonObject>> condition, Promise<Void> promise) {
  }

  @BeforeEach
  void collectPublishes(Vertx vertx) {
    vertx.eventBus().<JsonObject>localConsumer(Addresses.MQTT_PUBLISH, m -> collect(m.body()));
  }

  /** Records one publish and completes the waiters it satisfies (outside the lock: callbacks may add waiters). */
  private void collect(JsonObject body) {
    List<Waiter> ready = new ArrayList<>();
    synchronized (published) {
      published.add(body);
      waiters.removeIf(w -> w.condition().test(published) && ready.add(w));
    }
    ready.forEach(w -> w.promise().tryComplete());
  }

  /** Completes once the collected publishes satisfy {@code condition}. */
  private Future<Void> until(Predicate<List<JsonObject>> condition) {
    Promise<Void> promise = Promise.promise();
    synchronized (published) {
      if (!condition.test(published)) {
        waiters.add(new Waiter(condition, promise));
        return promise.future();
      }
    }
    return Future.succeededFuture();
  }

  /** Answers the vehicle list: fails {@code failuresFirst} times with 503, then lists {@code vehicles}. */
  private void vehicleList(Vertx vertx, int failuresFirst, Vehicle... vehicles) {
    vertx.eventBus().<JsonObject>localConsumer(Addresses.API_VEHICLES, m -> {
      if (vehicleRequests.incrementAndGet() <= failuresFirst) {
        m.fail(Failure.UPSTREAM_UNAVAILABLE.code(), "cloud down");
      } else {
        m.reply(VehicleJson.listToJson(List.of(vehicles)));
      }
    });
  }

  private static JsonObject update(Vehicle vehicle, VehicleData data) {
    return StatusUpdateJson.toJson(new StatusUpdate(vehicle, RefreshMode.CACHED, DataSource.CACHED, data));
  }

  private static Set<String> topicsOf(List<DiscoveryMessage> messages) {
    return messages.stream().map(DiscoveryMessage::topic).collect(Collectors.toSet());
  }

  private static Predicate<List<JsonObject>> containsAll(Set<String> topics) {
    return list -> list.stream().map(j -> j.getString("topic")).collect(Collectors.toSet()).containsAll(topics);
  }

  private Future<String> deploy(Vertx vertx, HomeAssistantConfig config) {
    return deploy(vertx, config, ActionAccess.NONE);
  }

  private Future<String> deploy(Vertx vertx, HomeAssistantConfig config, ActionAccess access) {
    return vertx.deployVerticle(new HomeAssistantVerticle(config, BASE, stateDir, access, 20, 100));
  }

  private static Predicate<List<JsonObject>> removed(Set<String> topics) {
    return list -> list.stream().filter(j -> j.getString("payload").isEmpty()).map(j -> j.getString("topic"))
        .collect(Collectors.toSet()).containsAll(topics);
  }

  private Set<String> removals() {
    synchronized (published) {
      return published.stream().filter(j -> j.getString("payload").isEmpty()).map(j -> j.getString("topic"))
          .collect(Collectors.toSet());
    }
  }

  @Test
  @DisplayName("action entities: a dropped action's config is emptied when the list comes in, a car that stops "
      + "offering one at its next update; nothing else is removed")
  void withdrawnActionsAreRemoved(Vertx vertx, VertxTestContext ctx) throws Exception {
    DiscoveryPayloads everything = new DiscoveryPayloads(PREFIX, new Topics(BASE), SMART_MAX_AGE, false,
        SampleVehicles.EVERYTHING_ALLOWED);
    AnnouncementLedger previousRun = new AnnouncementLedger();
    previousRun.announce(SampleVehicles.KONA.id(),
        everything.forVehicle(SampleVehicles.KONA_WITH_ACTIONS, SampleVehicles.FULL));
    Files.writeString(stateDir.resolve(HomeAssistantVerticle.STATE_FILE), previousRun.toJson().encode());
    // this run the owner allows only the doors and the climate
    ActionAccess doorsAndClimate = new ActionAccess(true, Set.of("lock", "unlock", "climate"));
    DiscoveryPayloads now = new DiscoveryPayloads(PREFIX, new Topics(BASE), SMART_MAX_AGE, false, doorsAndClimate);
    Set<String> kept = now.actionTopics(SampleVehicles.KONA_WITH_ACTIONS);
    Set<String> dropped = new java.util.HashSet<>(everything.actionTopics(SampleVehicles.KONA_WITH_ACTIONS));
    dropped.removeAll(kept);
    vehicleList(vertx, 0, SampleVehicles.KONA_WITH_ACTIONS);
    Vehicle lockOnly = SampleVehicles.withActions(SampleVehicles.KONA, Set.of(io.bluelinkmqtt.domain.CommandName.LOCK));
    Set<String> climate = new java.util.HashSet<>(kept);
    climate.removeAll(now.actionTopics(lockOnly));

    deploy(vertx, ON, doorsAndClimate)
        .compose(id -> until(removed(dropped)))
        .compose(v -> {
          ctx.verify(() -> {
            assertEquals(7, dropped.size());
            assertEquals(dropped, removals(), "only the dropped actions' configs");
          });
          vertx.eventBus().publish(Addresses.VEHICLE_STATUS_UPDATED, update(lockOnly, SampleVehicles.FULL));
          return until(removed(climate).and(containsAll(topicsOf(now.forVehicle(lockOnly, SampleVehicles.FULL)))));
        })
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertEquals(Set.of("homeassistant/switch/bluelinkmqtt_bluelink_kona-1/climate_control/config",
              "homeassistant/number/bluelinkmqtt_bluelink_kona-1/start_climate_at/config"), climate);
          Set<String> expectedRemovals = new java.util.HashSet<>(dropped);
          expectedRemovals.addAll(climate);
          assertEquals(expectedRemovals, removals());
          Set<String> sent;
          synchronized (published) {
            sent = published.stream().filter(j -> !j.getString("payload").isEmpty()).map(j -> j.getString("topic"))
                .collect(Collectors.toSet());
          }
          assertTrue(sent.containsAll(topicsOf(now.forVehicle(lockOnly, SampleVehicles.FULL))));
          assertTrue(sent.contains("homeassistant/lock/bluelinkmqtt_bluelink_kona-1/door_lock/config"));
          assertFalse(sent.stream().anyMatch(climate::contains), "a withdrawn action is not announced again");
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("configs for exactly the present values, retained QoS 1; a repeat sends nothing; HA online re-sends all")
  void announcesOnceAndReannouncesOnBirth(Vertx vertx, VertxTestContext ctx) {
    vehicleList(vertx, 0, SampleVehicles.KONA, SampleVehicles.EV6);
    Set<String> bridge = topicsOf(PAYLOADS.forBridge());
    Set<String> kona = topicsOf(PAYLOADS.forVehicle(SampleVehicles.KONA, SampleVehicles.BATTERY_ONLY));
    Set<String> ev6 = topicsOf(PAYLOADS.forVehicle(SampleVehicles.EV6, SampleVehicles.FULL));
    deploy(vertx, ON)
        .compose(id -> until(containsAll(bridge)))
        .compose(v -> {
          vertx.eventBus().publish(Addresses.VEHICLE_STATUS_UPDATED, update(SampleVehicles.KONA, SampleVehicles.BATTERY_ONLY));
          return until(containsAll(kona));
        })
        .compose(v -> {
          ctx.verify(() -> {
            assertEquals(bridge.size() + kona.size(), published.size());
            assertEquals(Set.of("homeassistant/sensor/bluelinkmqtt_bluelink_kona-1/battery_level/config",
                "homeassistant/sensor/bluelinkmqtt_bluelink_kona-1/data_source/config",
                "homeassistant/sensor/bluelinkmqtt_bluelink_kona-1/last_command/config",
                "homeassistant/button/bluelinkmqtt_bluelink_kona-1/refresh_cached/config",
                "homeassistant/button/bluelinkmqtt_bluelink_kona-1/refresh_force/config",
                "homeassistant/button/bluelinkmqtt_bluelink_kona-1/refresh_smart/config"), kona);
            for (JsonObject p : published) {
              assertEquals(1, p.getInteger("v"));
              assertEquals(1, p.getInteger("qos"));
              assertEquals(true, p.getBoolean("retain"));
              assertFalse(new JsonObject(p.getString("payload")).isEmpty());
            }
          });
          // The same update again, then another car: once the other car's configs are out, the repeat was handled.
          vertx.eventBus().publish(Addresses.VEHICLE_STATUS_UPDATED, update(SampleVehicles.KONA, SampleVehicles.BATTERY_ONLY));
          vertx.eventBus().publish(Addresses.VEHICLE_STATUS_UPDATED, update(SampleVehicles.EV6, SampleVehicles.FULL));
          return until(containsAll(ev6));
        })
        .compose(v -> {
          ctx.verify(() -> assertEquals(bridge.size() + kona.size() + ev6.size(), published.size(), "repeat re-sent"));
          synchronized (published) {
            published.clear();
          }
          vertx.eventBus().publish(Addresses.HA_STATUS_RECEIVED, Envelope.versioned().put("payload", "offline"));
          vertx.eventBus().publish(Addresses.HA_STATUS_RECEIVED, Envelope.versioned().put("payload", "online"));
          return until(list -> list.size() >= bridge.size() + kona.size() + ev6.size());
        })
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          List<String> resent = published.stream().map(j -> j.getString("topic")).toList();
          Set<String> all = new java.util.HashSet<>(bridge);
          all.addAll(kona);
          all.addAll(ev6);
          assertEquals(all.size(), resent.size(), "each config once, 'offline' ignored");
          assertEquals(all, Set.copyOf(resent));
          assertTrue(published.stream().allMatch(j -> j.getBoolean("retain") && j.getInteger("qos") == 1));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a unit change (km to mi) re-announces exactly the range and odometer configs, with the new unit")
  void unitChangeReannounces(Vertx vertx, VertxTestContext ctx) {
    vehicleList(vertx, 0, SampleVehicles.KONA);
    VehicleData km = SampleVehicles.FULL;
    VehicleData miles = new VehicleData(km.lastUpdated(), km.battery(), new VehicleData.Ev(
        new VehicleData.Distance(194, VehicleData.DistanceUnit.MILES), 95, 40, 80, 90, 152.0), km.auxBatteryLevel(),
        new VehicleData.Distance(14575.2, VehicleData.DistanceUnit.MILES), km.location(), km.openings(), km.climate(),
        km.tyrePressureWarning());
    Set<String> first = topicsOf(PAYLOADS.forVehicle(SampleVehicles.KONA, km));
    String range = "homeassistant/sensor/bluelinkmqtt_bluelink_kona-1/range/config";
    String odometer = "homeassistant/sensor/bluelinkmqtt_bluelink_kona-1/odometer/config";
    deploy(vertx, ON)
        .compose(id -> {
          vertx.eventBus().publish(Addresses.VEHICLE_STATUS_UPDATED, update(SampleVehicles.KONA, km));
          return until(containsAll(first));
        })
        .compose(v -> {
          synchronized (published) {
            published.clear();
          }
          vertx.eventBus().publish(Addresses.VEHICLE_STATUS_UPDATED, update(SampleVehicles.KONA, miles));
          return until(containsAll(Set.of(range, odometer)));
        })
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertEquals(Set.of(range, odometer), published.stream().map(j -> j.getString("topic"))
              .collect(Collectors.toSet()));
          published.forEach(j -> assertEquals("mi",
              new JsonObject(j.getString("payload")).getString("unit_of_measurement"), j.getString("topic")));
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("homeAssistant.legacyObjectId: the verticle announces object_id and no default_entity_id")
  void legacyObjectIdThroughTheVerticle(Vertx vertx, VertxTestContext ctx) {
    vehicleList(vertx, 0, SampleVehicles.KONA);
    Set<String> bridge = topicsOf(PAYLOADS.forBridge());
    deploy(vertx, new HomeAssistantConfig(true, PREFIX, SMART_MAX_AGE, true))
        .compose(id -> until(containsAll(bridge)))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          for (JsonObject p : published) {
            JsonObject config = new JsonObject(p.getString("payload"));
            assertTrue(config.getString("object_id").startsWith("bluelink_bridge_"), config.encode());
            assertFalse(config.containsKey("default_entity_id"), config.encode());
          }
          ctx.completeNow();
        })));
  }

  @Test
  @DisplayName("a stored vehicle absent from the API's list gets empty retained configs, after retries; state updated")
  void removesVehiclesThatLeftTheAccount(Vertx vertx, VertxTestContext ctx) throws Exception {
    Vehicle sold = new Vehicle("sold-car", "api-9", "KNAC381GFNU000009", "Old Niro", "Niro EV", Brand.KIA,
        Vehicle.EngineType.EV);
    AnnouncementLedger previousRun = new AnnouncementLedger();
    previousRun.announce(sold.id(), PAYLOADS.forVehicle(sold, SampleVehicles.FULL));
    previousRun.announce(SampleVehicles.KONA.id(), PAYLOADS.forVehicle(SampleVehicles.KONA, SampleVehicles.FULL));
    Path stateFile = stateDir.resolve(HomeAssistantVerticle.STATE_FILE);
    Files.writeString(stateFile, previousRun.toJson().encode());
    Set<String> soldTopics = topicsOf(PAYLOADS.forVehicle(sold, SampleVehicles.FULL));
    vehicleList(vertx, 2, SampleVehicles.KONA);

    deploy(vertx, ON)
        .compose(id -> until(list -> list.stream().filter(j -> j.getString("payload").isEmpty()).count()
            >= soldTopics.size()))
        .compose(v -> fileWithout(vertx, stateFile, sold.id()))
        .onComplete(ctx.succeeding(state -> ctx.verify(() -> {
          List<JsonObject> removals = published.stream().filter(j -> j.getString("payload").isEmpty()).toList();
          assertEquals(soldTopics, removals.stream().map(j -> j.getString("topic")).collect(Collectors.toSet()));
          assertEquals(soldTopics.size(), removals.size());
          assertTrue(removals.stream().allMatch(j -> j.getBoolean("retain") && j.getInteger("qos") == 1));
          assertEquals(3, vehicleRequests.get(), "two failures, then the list");
          assertTrue(state.getJsonObject("announced").containsKey(SampleVehicles.KONA.id()));
          assertTrue(state.getJsonObject("announced").containsKey(DiscoveryPayloads.BRIDGE_OWNER));
          ctx.completeNow();
        })));
  }

  /** The state file once it no longer names {@code owner} (it is written on a worker, after the removals). */
  private Future<JsonObject> fileWithout(Vertx vertx, Path file, String owner) {
    Promise<JsonObject> result = Promise.promise();
    vertx.setPeriodic(1, 20, timer -> vertx.fileSystem().readFile(file.toString()).onSuccess(buffer -> {
      JsonObject state = buffer.toJsonObject();
      if (!state.getJsonObject("announced").containsKey(owner) && result.tryComplete(state)) {
        vertx.cancelTimer(timer);
      }
    }));
    return result.future();
  }

  @Test
  @DisplayName("discovery off: no consumers, no vehicle-list request, nothing published")
  void discoveryOffPublishesNothing(Vertx vertx, VertxTestContext ctx) {
    vehicleList(vertx, 0, SampleVehicles.KONA);
    deploy(vertx, new HomeAssistantConfig(false, PREFIX, SMART_MAX_AGE))
        .compose(id -> noHandlers(vertx, Addresses.VEHICLE_STATUS_UPDATED,
            update(SampleVehicles.KONA, SampleVehicles.FULL)))
        .compose(v -> noHandlers(vertx, Addresses.HA_STATUS_RECEIVED, Envelope.versioned().put("payload", "online")))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertEquals(List.of(), published);
          assertEquals(0, vehicleRequests.get());
          assertFalse(Files.exists(stateDir.resolve(HomeAssistantVerticle.STATE_FILE)));
          ctx.completeNow();
        })));
  }

  private static Future<Void> noHandlers(Vertx vertx, String address, JsonObject body) {
    return vertx.eventBus().request(address, body).<Void>mapEmpty().transform(ar -> {
      if (ar.failed() && ar.cause() instanceof ReplyException e && e.failureType() == ReplyFailure.NO_HANDLERS) {
        return Future.succeededFuture();
      }
      return Future.failedFuture(new AssertionError("expected no consumer on " + address));
    });
  }
}
