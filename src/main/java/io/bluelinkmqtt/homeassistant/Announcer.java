package io.bluelinkmqtt.homeassistant;

import io.bluelinkmqtt.codec.StatusUpdateJson;
import io.bluelinkmqtt.codec.StatusUpdateJson.StatusUpdate;
import io.bluelinkmqtt.domain.Vehicle;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link HomeAssistantVerticle} decides, without Vert.x: which discovery configs a status update, Home
 * Assistant's birth message, the one-time-code controls or the vehicle list call for, kept in the
 * {@link AnnouncementLedger}. Hands out the bodies for {@code bluelink.mqtt.publish} and says when the ledger is to be
 * written. Confined to the verticle's event loop.
 */
final class Announcer {

  // the verticle's logger: the lines are the verticle's, wherever the decision is made
  private static final Logger LOG = LoggerFactory.getLogger(HomeAssistantVerticle.class);

  private final DiscoveryPayloads payloads;
  private final AnnouncementLedger ledger;
  private final Consumer<JsonObject> publish;
  private final Runnable persist;
  /** Per vehicle id, the shape last announced; forgotten whenever the ledger changes that vehicle otherwise. */
  private final Map<String, DiscoveryPayloads.VehicleShape> announcedShapes = new HashMap<>();

  /**
   * @param publish sends one body to {@code bluelink.mqtt.publish}
   * @param persist writes the ledger ({@link AnnouncementLedger#toJson()})
   */
  Announcer(DiscoveryPayloads payloads, AnnouncementLedger ledger, Consumer<JsonObject> publish, Runnable persist) {
    this.payloads = payloads;
    this.ledger = ledger;
    this.publish = publish;
    this.persist = persist;
  }

  /** A car's entities, when what it reports changed shape. */
  void statusUpdated(JsonObject body) {
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

  /** Home Assistant's status: on {@code online}, every config sent in this run again. */
  void homeAssistantStatus(JsonObject body) {
    Object payload = body == null ? null : body.getValue("payload");
    if (payload instanceof String text && "online".equals(text.strip())) {
      List<DiscoveryMessage> all = ledger.all();
      LOG.info("Home Assistant is online; re-sending {} discovery configs", all.size());
      all.forEach(this::publish);
    }
  }

  void announce(String owner, List<DiscoveryMessage> messages) {
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
      persist.run();
    }
  }

  /** Empties the configs of cars that are no longer on the account, and of actions the others no longer offer. */
  void retire(List<Vehicle> vehicles) {
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
      persist.run();
    }
  }

  /** Empties these configs: Home Assistant deletes their entities. */
  private void remove(List<String> topics) {
    topics.forEach(topic -> publish.accept(DiscoveryMessage.removal(topic)));
  }

  private void publish(DiscoveryMessage message) {
    publish.accept(message.toPublish());
  }
}
