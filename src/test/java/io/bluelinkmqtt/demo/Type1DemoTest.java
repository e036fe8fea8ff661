package io.bluelinkmqtt.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.BridgeApplication;
import io.bluelinkmqtt.cloud.CloudModules;
import io.bluelinkmqtt.config.AppConfig;
import io.bluelinkmqtt.config.ConfigParser;
import io.bluelinkmqtt.domain.Region;
import io.bluelinkmqtt.testsupport.Await;
import io.bluelinkmqtt.testsupport.MqttObserver;
import io.bluelinkmqtt.testsupport.TestBroker;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code --demo} with {@code HYUNDAI_REGION} set to a Type 1 region runs that region's simulator: the real bridge
 * logs in to it and publishes both cars.
 */
class Type1DemoTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private Vertx vertx;
  private TestBroker broker;
  private BridgeApplication app;
  private DemoMode demo;
  private MqttObserver observer;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    broker = TestBroker.start("Type1DemoTest");
  }

  @AfterEach
  void stop() throws Exception {
    if (app != null) {
      Await.result(app.stop(), WAIT);
    }
    if (demo != null) {
      Await.result(demo.stop(), WAIT);
    }
    if (observer != null) {
      Await.result(observer.clearRetained().compose(v -> observer.close()), WAIT);
    }
    Await.result(vertx.close(), WAIT);
    broker.close();
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"AUSTRALIA,HYUNDAI", "NEW_ZEALAND,KIA", "CHINA,KIA", "INDIA,HYUNDAI", "BRAZIL,HYUNDAI"})
  @DisplayName("the demo of a Type 1 region: its simulator, both cars' battery level on MQTT")
  void demoRunsTheRegionsSimulator(Region region, String brand) {
    Map<String, String> env = Map.of("HYUNDAI_REGION", region.name(), "HYUNDAI_BRAND", brand,
        "MQTT_BROKER_HOST", broker.host(), "MQTT_BROKER_PORT", Integer.toString(broker.port()), "HA_DISCOVERY",
        "false");
    AppConfig config = ConfigParser.parse(new JsonObject(), env, path -> "", true, CloudModules.supported());
    DemoMode.Started started = Await.result(DemoMode.start(vertx, config, true), WAIT);
    demo = started.demo();
    observer = Await.result(MqttObserver.start(vertx, broker.host(), broker.port(), DemoMode.BASE_TOPIC + "/#"),
        WAIT);
    app = new BridgeApplication(vertx, started.config());
    Await.result(app.start(), WAIT);
    for (String car : new String[] {"7d3c2e1a-5b4f-4a6e-9c8d-1f2e3a4b5c6d", "0f9e8d7c-6b5a-4c3d-8e2f-a1b2c3d4e5f6"}) {
      String level = Await.result(observer.awaitMessage(DemoMode.BASE_TOPIC + "/" + car + "/battery/level",
          m -> !m.payload().isEmpty()), WAIT).payload();
      assertTrue(new JsonObject(level).getValue("value") instanceof Number, level);
    }
    assertTrue(started.config().api().endpoints().url("ccapi").startsWith("http://127.0.0.1:"));
  }
}
