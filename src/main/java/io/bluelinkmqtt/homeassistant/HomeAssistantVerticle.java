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
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
  private DiscoveryPayloads payloads;
  private AnnouncementLedger ledger;
  private JsonStateFile stateFile;
  private VehicleListClient vehicleList;
  private OtpDiscovery otp;

  public HomeAssistantVerticle(HomeAssistantConfig config, String baseTopic, Path stateDir) {
    this(config, baseTopic, stateDir, 2_000, 600_000);
  }

  /** With the backoff of the vehicle-list request: first delay, doubled after each failure up to the maximum. */
  HomeAssistantVerticle(HomeAssistantConfig config, String baseTopic, Path stateDir, long firstRetryMs,
                        long maxRetryMs) {
    this.config = config;
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
        config.legacyObjectId());
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
    announce(update.vehicle().id(), payloads.forVehicle(update.vehicle(), update.data()));
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
    AnnouncementLedger.Change change = ledger.announce(owner, messages);
    LOG.debug("announcing {} discovery configs for {}", change.toSend().size(), owner);
    change.toSend().forEach(this::publish);
    if (change.storedChanged()) {
      persist();
    }
  }

  /** Empties the configs of cars that are no longer on the account. */
  private void retire(List<Vehicle> vehicles) {
    Set<String> present = vehicles.stream().map(Vehicle::id).collect(Collectors.toSet());
    List<String> retired = ledger.retireAbsent(present);
    if (!retired.isEmpty()) {
      LOG.info("removing {} Home Assistant entities of vehicles no longer on the account", retired.size());
      retired.forEach(topic -> vertx.eventBus().send(Addresses.MQTT_PUBLISH, DiscoveryMessage.removal(topic)));
      persist();
    }
  }

  private void publish(DiscoveryMessage message) {
    vertx.eventBus().send(Addresses.MQTT_PUBLISH, message.toPublish());
  }

  private void persist() {
    stateFile.save(ledger.toJson())
        .onFailure(err -> LOG.warn("cannot write {}: {}", STATE_FILE, err.toString()));
  }
}
