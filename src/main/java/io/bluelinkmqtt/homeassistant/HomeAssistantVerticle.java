package io.bluelinkmqtt.homeassistant;

import io.bluelinkmqtt.codec.VehicleListClient;
import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.codec.StatusUpdateJson.StatusUpdate;
import io.bluelinkmqtt.codec.StatusUpdateJson;
import io.bluelinkmqtt.config.AppConfig.HomeAssistantConfig;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.publish.Topics;
import io.bluelinkmqtt.state.JsonStateFile;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces the bridge and its cars to Home Assistant through MQTT discovery. Consumes vehicle status updates
 * (announce a car's entities when they changed), {@code bluelink.api.otp-changed} (the one-time-code controls,
 * {@link OtpDiscovery}) and Home Assistant's status (re-send every config on
 * {@code online}); requests the vehicle list at start, with backoff, to remove entities of cars that left the
 * account. Produces {@code bluelink.mqtt.publish}: retained QoS 1 configs, or empty retained payloads to remove.
 * With discovery off it publishes nothing. Announced topics live in {@value #STATE_FILE} (worker-thread I/O).
 * The remote actions' entities follow the car's offer and {@link ActionAccess}: one no longer offered (an action
 * disallowed, the PIN removed, the car no longer supporting it) is removed at the car's next update or when the
 * vehicle list comes in after a start.
 */
public class HomeAssistantVerticle extends VerticleBase {

  static final String STATE_FILE = "homeassistant-discovery.json";
  private static final Logger LOG = LoggerFactory.getLogger(HomeAssistantVerticle.class);
  private static final long VEHICLES_TIMEOUT_MS = 60_000;

  private final HomeAssistantConfig config;
  private final String baseTopic;
  private final Path stateDir;
  private final long firstRetryMs;
  private final long maxRetryMs;
  private final ActionAccess actionAccess;
  private DiscoveryPayloads payloads;
  private AnnouncementLedger ledger;
  private JsonStateFile stateFile;
  private VehicleListClient vehicleList;
  private OtpDiscovery otp;
  /** Per vehicle id, the shape last announced; forgotten whenever the ledger changes that vehicle otherwise. */
  private final Map<String, DiscoveryPayloads.VehicleShape> announcedShapes = new HashMap<>();

  /** Without action entities. */
  public HomeAssistantVerticle(HomeAssistantConfig config, String baseTopic, Path stateDir) {
    this(config, baseTopic, stateDir, ActionAccess.NONE);
  }

  /** @param actionAccess which remote actions may get an entity */
  public HomeAssistantVerticle(HomeAssistantConfig config, String baseTopic, Path stateDir,
                               ActionAccess actionAccess) {
    this(config, baseTopic, stateDir, actionAccess, 2_000, 600_000);
  }

  /** With the backoff of the vehicle-list request: first delay, doubled after each failure up to the maximum. */
  HomeAssistantVerticle(HomeAssistantConfig config, String baseTopic, Path stateDir, ActionAccess actionAccess,
                        long firstRetryMs, long maxRetryMs) {
    this.config = config;
    this.actionAccess = actionAccess;
    this.baseTopic = baseTopic;
    this.stateDir = stateDir;
    this.firstRetryMs = firstRetryMs;
    this.maxRetryMs = maxRetryMs;
  }

  @Override
  public Future<?> start() {
    if (!config.discovery()) {
      LOG.info("Home Assistant discovery is off; nothing will be announced");
      return Future.succeededFuture();
    }
    payloads = new DiscoveryPayloads(config.prefix(), new Topics(baseTopic), config.smartButtonMaxAgeSeconds(),
        config.legacyObjectId(), actionAccess);
    otp = new OtpDiscovery(payloads, new Topics(baseTopic));
    stateFile = new JsonStateFile(stateDir.resolve(STATE_FILE),
        vertx.createSharedWorkerExecutor("homeassistant-state", 1));
    return stateFile.load()
        .otherwise(err -> {
          LOG.warn("cannot read {}, starting without announced topics: {}", STATE_FILE, err.toString());
          return Optional.empty();
        })
        .map(json -> ledger = AnnouncementLedger.fromJson(json.orElse(null), payloads::isOwnDiscoveryTopic))
        .compose(loaded -> registerConsumers())
        .onSuccess(ready -> {
          announce(DiscoveryPayloads.BRIDGE_OWNER, payloads.forBridge());
          vehicleList = new VehicleListClient(vertx, "discovery", VEHICLES_TIMEOUT_MS, firstRetryMs, maxRetryMs);
          vehicleList.fetch().onSuccess(this::retire);
        });
  }

  @Override
  public Future<?> stop() {
    if (vehicleList != null) {
      vehicleList.cancel();
    }
    return Future.succeededFuture();
  }

  private Future<?> registerConsumers() {
    EventBus bus = vertx.eventBus();
    return Future.all(
        bus.<JsonObject>localConsumer(Addresses.VEHICLE_STATUS_UPDATED, m -> onStatusUpdated(m.body())).completion(),
        bus.<JsonObject>localConsumer(Addresses.HA_STATUS_RECEIVED, m -> onHomeAssistantStatus(m.body())).completion(),
        // the first one-time-code request brings the controls to answer it; later ones send nothing new
        bus.<JsonObject>localConsumer(Addresses.API_OTP_CHANGED, m -> announce(DiscoveryPayloads.BRIDGE_OWNER,
            otp.entities())).completion());
  }

  private void onStatusUpdated(JsonObject body) {
    StatusUpdate update;
    try {
      update = StatusUpdateJson.fromJson(body);
    } catch (RuntimeException e) {
      LOG.warn("ignoring a status update that cannot be read: {}", e.getMessage());
      return;
    }
    String owner = update.vehicle().id();
    DiscoveryPayloads.VehicleShape shape = DiscoveryPayloads.shape(update.vehicle(), update.data());
    // the same shape gives the same configs, which the ledger would find unchanged: skip building them
    if (!shape.equals(announcedShapes.get(owner))) {
      announce(owner, payloads.forShape(shape), payloads::isActionTopic);
      announcedShapes.put(owner, shape);
    }
  }

  private void onHomeAssistantStatus(JsonObject body) {
    Object payload = body == null ? null : body.getValue("payload");
    if (payload instanceof String text && "online".equals(text.strip())) {
      List<DiscoveryMessage> all = ledger.all();
      LOG.info("Home Assistant is online; re-sending {} discovery configs", all.size());
      all.forEach(this::publish);
    }
  }

  private void announce(String owner, List<DiscoveryMessage> messages) {
    announce(owner, messages, topic -> false);
  }

  private void announce(String owner, List<DiscoveryMessage> messages, Predicate<String> replaceable) {
    AnnouncementLedger.Change change = ledger.announce(owner, messages, replaceable);
    LOG.debug("announcing {} discovery configs for {}", change.toSend().size(), owner);
    if (!change.toRemove().isEmpty()) {
      LOG.info("removing {} Home Assistant entities of actions no longer offered", change.toRemove().size());
    }
    remove(change.toRemove());
    change.toSend().forEach(this::publish);
    if (change.storedChanged()) {
      persist();
    }
  }

  /** Empties the configs of cars that are no longer on the account, and of actions the others no longer offer. */
  private void retire(List<Vehicle> vehicles) {
    announcedShapes.clear();
    Set<String> present = vehicles.stream().map(Vehicle::id).collect(Collectors.toSet());
    List<String> retired = ledger.retireAbsent(present);
    if (!retired.isEmpty()) {
      LOG.info("removing {} Home Assistant entities of vehicles no longer on the account", retired.size());
    }
    List<String> withdrawn = new ArrayList<>();
    for (Vehicle vehicle : vehicles) {
      withdrawn.addAll(ledger.retireReplaced(vehicle.id(), payloads.actionTopics(vehicle), payloads::isActionTopic));
    }
    if (!withdrawn.isEmpty()) {
      LOG.info("removing {} Home Assistant entities of actions no longer offered", withdrawn.size());
    }
    remove(retired);
    remove(withdrawn);
    if (!retired.isEmpty() || !withdrawn.isEmpty()) {
      persist();
    }
  }

  /** Empties these configs: Home Assistant deletes their entities. */
  private void remove(List<String> topics) {
    topics.forEach(topic -> vertx.eventBus().send(Addresses.MQTT_PUBLISH, DiscoveryMessage.removal(topic)));
  }

  private void publish(DiscoveryMessage message) {
    vertx.eventBus().send(Addresses.MQTT_PUBLISH, message.toPublish());
  }

  private void persist() {
    stateFile.save(ledger.toJson())
        .onFailure(err -> LOG.warn("cannot write {}: {}", STATE_FILE, err.toString()));
  }
}
