package io.bluelinkmqtt.demo.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.codec.MqttPublishJson;
import io.bluelinkmqtt.codec.MqttPublishJson.MqttMessageOut;
import io.bluelinkmqtt.codec.StatusUpdateJson.StatusUpdate;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.DataSource;
import io.bluelinkmqtt.domain.RefreshMode;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.VehicleData;
import io.bluelinkmqtt.domain.VehicleData.Battery;
import io.bluelinkmqtt.domain.VehicleData.Climate;
import io.bluelinkmqtt.domain.VehicleData.Distance;
import io.bluelinkmqtt.domain.VehicleData.DistanceUnit;
import io.bluelinkmqtt.domain.VehicleData.Ev;
import io.bluelinkmqtt.domain.VehicleData.Location;
import io.bluelinkmqtt.domain.VehicleData.Openings;
import io.bluelinkmqtt.homeassistant.DiscoveryMessage;
import io.bluelinkmqtt.homeassistant.DiscoveryPayloads;
import io.bluelinkmqtt.publish.TopicMapper;
import io.bluelinkmqtt.publish.Topics;
import io.bluelinkmqtt.testsupport.Await;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The demo's broker against MQTT's retained-message rules, checked with the real {@code mosquitto_sub} as a late
 * subscriber (Home Assistant started after the demo). The messages are what the bridge itself publishes: the
 * {@link TopicMapper} output of a car that reported every value, and its Home Assistant discovery configs.
 */
@ExtendWith(VertxExtension.class)
class EmbeddedBrokerTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Vehicle CAR = new Vehicle("demo-car", "api-1", "KMHVIN0000000001", "Ioniq", "IONIQ 5",
      Brand.HYUNDAI, Vehicle.EngineType.EV);
  private static final VehicleData EVERY_VALUE = new VehicleData(Instant.parse("2026-11-20T07:45:00Z"),
      new Battery(81, true, true, 21.5),
      new Ev(new Distance(312, DistanceUnit.KM), 95, 40, 80, 90, 152.0),
      78,
      new Distance(23456.7, DistanceUnit.KM),
      new Location(52.37, 4.89, Instant.parse("2026-11-20T07:40:00Z")),
      new Openings(true, false, false, false, false),
      new Climate(false, 21.0),
      false);

  private final List<EmbeddedBroker> brokers = new ArrayList<>();

  @AfterEach
  void stopBrokers() {
    brokers.forEach(EmbeddedBroker::close);
  }

  @Test
  @DisplayName("a late mosquitto_sub gets every retained topic with retain 1 and its documented QoS, QoS 0 ones included")
  void lateSubscriberGetsEveryRetainedTopic(Vertx vertx) throws Exception {
    EmbeddedBroker broker = start(freePort());
    Topics topics = new Topics("hyundai");
    List<MqttMessageOut> published = new ArrayList<>(new TopicMapper(topics)
        .map(new StatusUpdate(CAR, RefreshMode.FORCE, DataSource.FRESH, EVERY_VALUE)));
    DiscoveryPayloads discovery = new DiscoveryPayloads("homeassistant", topics, 3600);
    Stream.concat(discovery.forBridge().stream(), discovery.forVehicle(CAR, EVERY_VALUE).stream())
        .map(DiscoveryMessage::toPublish).map(MqttPublishJson::fromJson).forEach(published::add);
    Set<String> expected = published.stream().filter(MqttMessageOut::retain)
        .map(m -> "1 " + m.qos() + " " + m.topic()).collect(Collectors.toCollection(TreeSet::new));
    assertTrue(expected.stream().anyMatch(line -> line.startsWith("1 0 ")), "QoS 0 retained topics (status/*) are part of it");
    assertTrue(published.stream().anyMatch(m -> !m.retain()), "and so are topics that are not retained");

    Await.result(publishAll(vertx, broker.port(), published), WAIT);

    List<String> lines = lateSubscriber(broker.port(), expected.size());
    assertEquals(expected, new TreeSet<>(lines), "retain flag, QoS and topic of every retained message");
  }

  @Test
  @DisplayName("the preferred port is used when free; when something holds it, a free port is taken instead")
  void takesAFreePortWhenThePreferredOneIsHeld() throws Exception {
    try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      EmbeddedBroker broker = start(held.getLocalPort());
      assertNotEquals(held.getLocalPort(), broker.port());
      assertEquals("127.0.0.1", broker.host());
      assertFalse(EmbeddedBroker.isFree(broker.port()), "the broker listens on the port it reports");
    }
    int free = freePort();
    assertEquals(free, start(free).port());
  }

  @Test
  @DisplayName("close() stops the broker and deletes its folders")
  void closeDeletesItsFolders() throws Exception {
    Set<Path> before = brokerDirs();
    EmbeddedBroker broker = start(freePort());
    Set<Path> created = brokerDirs();
    created.removeAll(before);
    assertEquals(1, created.size(), "one temp folder: " + created);
    broker.close();
    brokers.remove(broker);
    assertFalse(Files.exists(created.iterator().next()));
    assertTrue(EmbeddedBroker.isFree(broker.port()), "nothing listens any more");
  }

  private EmbeddedBroker start(int port) throws IOException {
    EmbeddedBroker broker = EmbeddedBroker.start(port);
    brokers.add(broker);
    return broker;
  }

  /** Publishes each message with its own QoS and retain flag, then a QoS 1 marker: its PUBACK comes after all. */
  private static Future<Void> publishAll(Vertx vertx, int port, List<MqttMessageOut> messages) {
    MqttClient client = MqttClient.create(vertx, new MqttClientOptions().setClientId("bridge-like")
        .setMaxInflightQueue(1000));
    Set<Integer> acked = ConcurrentHashMap.newKeySet();
    AtomicInteger markerId = new AtomicInteger(-1);
    Promise<Void> markerAcked = Promise.promise();
    client.publishCompletionHandler(id -> {
      acked.add(id);
      if (id == markerId.get()) {
        markerAcked.tryComplete();
      }
    });
    return client.connect(port, "127.0.0.1").compose(ack -> {
      Future<Integer> chain = Future.succeededFuture();
      for (MqttMessageOut m : messages) {
        chain = chain.compose(id -> client.publish(m.topic(), Buffer.buffer(m.payload()), MqttQoS.valueOf(m.qos()),
            false, m.retain()));
      }
      return chain.compose(id -> client.publish("marker/done", Buffer.buffer("x"), MqttQoS.AT_LEAST_ONCE, false, false));
    }).compose(id -> {
      markerId.set(id);
      if (acked.contains(id)) {
        markerAcked.tryComplete();
      }
      return markerAcked.future();
    }).eventually(client::disconnect);
  }

  /** {@code mosquitto_sub -q 1 -F '%r %q %t' -C n}: the first n messages a new subscriber gets. */
  private static List<String> lateSubscriber(int port, int count) throws Exception {
    Process sub = new ProcessBuilder("mosquitto_sub", "-h", "127.0.0.1", "-p", Integer.toString(port), "-q", "1",
        "-t", "hyundai/#", "-t", "homeassistant/#", "-F", "%r %q %t", "-C", Integer.toString(count), "-W", "15")
        .redirectErrorStream(true).start();
    boolean exited = sub.waitFor(20, TimeUnit.SECONDS);
    String output = new String(sub.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!exited) {
      sub.destroyForcibly();
    }
    assertTrue(exited && sub.exitValue() == 0, "mosquitto_sub got fewer than " + count + " messages:\n" + output);
    return output.lines().filter(l -> !l.isBlank()).toList();
  }

  private static Set<Path> brokerDirs() throws IOException {
    try (Stream<Path> dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return dirs.filter(p -> p.getFileName().toString().startsWith("bluelink-demo-broker-"))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return probe.getLocalPort();
    }
  }
}
