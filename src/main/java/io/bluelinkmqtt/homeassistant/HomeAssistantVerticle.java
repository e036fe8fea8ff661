package io.bluelinkmqtt.homeassistant;

import io.bluelinkmqtt.codec.VehicleListClient;
import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.config.AppConfig.HomeAssistantConfig;
import io.bluelinkmqtt.publish.Topics;
import io.bluelinkmqtt.state.JsonStateFile;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Optional;
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
  private Announcer announcer;

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
        .map(json -> {
          ledger = AnnouncementLedger.fromJson(json.orElse(null), payloads::isOwnDiscoveryTopic);
          announcer = new Announcer(payloads, ledger, body -> vertx.eventBus().send(Addresses.MQTT_PUBLISH, body),
              this::persist);
          return ledger;
        })
        .compose(loaded -> registerConsumers())
        .onSuccess(ready -> {
          announcer.announce(DiscoveryPayloads.BRIDGE_OWNER, payloads.forBridge());
          vehicleList = new VehicleListClient(vertx, "discovery", VEHICLES_TIMEOUT_MS, firstRetryMs, maxRetryMs);
          vehicleList.fetch().onSuccess(announcer::retire);
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
        bus.<JsonObject>localConsumer(Addresses.VEHICLE_STATUS_UPDATED, m -> announcer.statusUpdated(m.body()))
            .completion(),
        bus.<JsonObject>localConsumer(Addresses.HA_STATUS_RECEIVED, m -> announcer.homeAssistantStatus(m.body()))
            .completion(),
        // the first one-time-code request brings the controls to answer it; later ones send nothing new
        bus.<JsonObject>localConsumer(Addresses.API_OTP_CHANGED, m -> announcer.announce(
            DiscoveryPayloads.BRIDGE_OWNER, otp.entities())).completion());
  }

  private void persist() {
    stateFile.save(ledger.toJson())
        .onFailure(err -> LOG.warn("cannot write {}: {}", STATE_FILE, err.toString()));
  }
}
