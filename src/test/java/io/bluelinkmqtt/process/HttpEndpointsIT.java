package io.bluelinkmqtt.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.publish.Topics;
import io.bluelinkmqtt.sim.EuSimulator;
import io.bluelinkmqtt.sim.SimulatorSettings;
import io.bluelinkmqtt.testsupport.Await;
import io.bluelinkmqtt.testsupport.MosquittoProcess;
import io.bluelinkmqtt.testsupport.MqttObserver;
import io.bluelinkmqtt.testsupport.MqttObserver.Received;
import io.bluelinkmqtt.testsupport.SimulatedAccount;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The packaged jar's HTTP server (docs/http.md) between a real Mosquitto and the EU simulator: /health, /ready
 * flipping with the broker, the bearer token, and /metrics checked by promtool with counters that follow what the
 * test does.
 */
@ExtendWith(VertxExtension.class)
class HttpEndpointsIT {

  private static final Logger LOG = LoggerFactory.getLogger(HttpEndpointsIT.class);
  private static final String TOKEN = "it-token-" + UUID.randomUUID();

  private MosquittoProcess broker;
  private EuSimulator simulator;
  private MqttObserver observer;
  private BridgeProcess bridge;
  private HttpProbe http;
  private Topics topics;
  private String car;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    broker = MosquittoProcess.startDefault();
    simulator = new EuSimulator(vertx, SimulatorSettings.defaults(Brand.KIA));
    Await.result(simulator.start(), Duration.ofSeconds(10));
    car = simulator.cars().stream().filter(c -> !c.ccs2()).findFirst().orElseThrow().vehicleId();
    String base = "http" + UUID.randomUUID().toString().substring(0, 8);
    topics = new Topics(base);
    observer = Await.result(MqttObserver.start(vertx, broker.host(), broker.port(), base + "/#"), Duration.ofSeconds(10));
    int port = MosquittoProcess.freePort();
    Map<String, String> env = SimulatedAccount.env(simulator, Files.createTempDirectory("http-it-state"));
    env.put("MQTT_BROKER_HOST", broker.host());
    env.put("MQTT_BROKER_PORT", Integer.toString(broker.port()));
    env.put("MQTT_BASE_TOPIC", base);
    env.put("MQTT_CLIENT_ID", base + "-bridge");
    env.put("HA_DISCOVERY", "false");
    env.put("MIN_READ_INTERVAL_SECONDS", "0");
    env.put("LOG_FORMAT", "text");
    env.put("HTTP_PORT", Integer.toString(port));
    env.put("HTTP_AUTH_TOKEN", TOKEN);
    bridge = BridgeProcess.start(env);
    http = new HttpProbe(vertx, port, TOKEN);
    Await.result(observer.awaitPayload(topics.bridgeState(), "online"), Duration.ofSeconds(40));
  }

  @AfterEach
  void stop() {
    BridgeProcess.stopAll(bridge, observer, broker);
  }

  @Test
  @DisplayName("/health needs no token, everything else does; /metrics passes promtool and its counters follow a command")
  void healthTokenAndMetrics() {
    HttpResponse<Buffer> health = http.getWithoutToken("/health");
    assertEquals(200, health.statusCode(), health.bodyAsString());
    assertEquals("up", health.bodyAsJsonObject().getString("status"));
    assertEquals(0, health.bodyAsJsonObject().getInteger("stalledEventLoops"));
    assertEquals(401, http.getWithoutToken("/ready").statusCode());
    assertEquals(401, http.getWithoutToken("/metrics").statusCode());
    assertEquals(401, http.getWithoutToken("/").statusCode());
    http.awaitResponse("/ready", r -> r.statusCode() == 200, Duration.ofSeconds(30));
    assertEquals(200, http.get("/").statusCode(), "the page with the token");

    String before = http.get("/metrics").bodyAsString();
    HttpProbe.PromtoolResult check = HttpProbe.promtool(before);
    if (check == null) {
      LOG.warn("promtool is not installed (Debian package prometheus): the exposition format is not checked");
    } else {
      assertEquals(0, check.exitCode(), "promtool check metrics:\n" + check.output());
    }
    for (String name : new String[] {"bluelink_upstream_call_seconds_bucket", "bluelink_breaker_state",
        "bluelink_budget_used", "bluelink_budget_remaining", "bluelink_commands_total", "bluelink_mqtt_messages_total",
        "bluelink_mqtt_reconnects_total", "bluelink_event_loop_delay_seconds_count", "jvm_memory_used_bytes",
        "vertx_http_client_requests_total"}) {
      assertTrue(before.contains("\n" + name), name + " is exposed");
    }
    String ok = "bluelink_commands_total{command=\"refresh\",status=\"ok\"}";
    String in = "bluelink_mqtt_messages_total{direction=\"in\"}";
    double calls = HttpProbe.sum(before, "bluelink_upstream_call_seconds_count", "");

    Future<Received> outcome = observer.awaitMessage(topics.commandResult(car), m -> m.payload().contains("\"m-1\""));
    Await.result(observer.publish(topics.vehicle(car, Topics.COMMAND_REFRESH), "{\"mode\":\"cached\",\"id\":\"m-1\"}", 1,
        false), Duration.ofSeconds(5));
    JsonObject result = new JsonObject(Await.result(outcome, Duration.ofSeconds(20)).payload());
    assertEquals("ok", result.getString("status"), result.encode());
    int upstreamCalls = result.getInteger("upstream_calls");
    assertTrue(upstreamCalls >= 1, "MIN_READ_INTERVAL_SECONDS=0: the cached read asks the cloud");

    String after = http.awaitResponse("/metrics",
        r -> HttpProbe.sample(r.bodyAsString(), ok) == HttpProbe.sample(before, ok) + 1, Duration.ofSeconds(10))
        .bodyAsString();
    assertEquals(HttpProbe.sample(before, in) + 1, HttpProbe.sample(after, in), "one MQTT message came in");
    assertEquals(calls + upstreamCalls, HttpProbe.sum(after, "bluelink_upstream_call_seconds_count", ""),
        "upstream calls counted as the outcome says");
    assertTrue(HttpProbe.sample(after, "bluelink_budget_used") >= upstreamCalls, after);
    assertEquals(0, HttpProbe.sample(after, "bluelink_breaker_state{breaker=\"bluelink-data\"}"));
    assertTrue(after.contains("bluelink_upstream_call_seconds_count{kind=\"cached_status\",result=\"ok\"}"), after);
    assertTrue(HttpProbe.sample(after, "bluelink_mqtt_messages_total{direction=\"out\"}")
        > HttpProbe.sample(before, "bluelink_mqtt_messages_total{direction=\"out\"}"), "outcome and data went out");
  }

  @Test
  @DisplayName("/ready turns 503 (mqtt_disconnected) while the broker is down and 200 again after; /health stays up")
  void readyFollowsTheBroker() {
    http.awaitResponse("/ready", r -> r.statusCode() == 200, Duration.ofSeconds(30));
    broker.kill();
    HttpResponse<Buffer> down = http.awaitResponse("/ready", r -> r.statusCode() == 503, Duration.ofSeconds(20));
    assertEquals(new JsonObject().put("ready", false).put("reasons", new JsonArray().add("mqtt_disconnected")),
        down.bodyAsJsonObject());
    assertEquals(200, http.getWithoutToken("/health").statusCode(), "the process is alive while the broker is down");
    assertEquals(0, HttpProbe.sample(http.get("/metrics").bodyAsString(), "bluelink_mqtt_connected"));

    broker.restart();
    HttpResponse<Buffer> back = http.awaitResponse("/ready", r -> r.statusCode() == 200, Duration.ofSeconds(30));
    assertEquals(new JsonObject().put("ready", true).put("reasons", new JsonArray()), back.bodyAsJsonObject());
    String metrics = http.get("/metrics").bodyAsString();
    assertEquals(1, HttpProbe.sample(metrics, "bluelink_mqtt_connected"));
    assertEquals(1, HttpProbe.sample(metrics, "bluelink_mqtt_reconnects_total"), "one reconnect");
  }
}
