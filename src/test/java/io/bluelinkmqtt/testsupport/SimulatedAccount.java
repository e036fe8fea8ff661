package io.bluelinkmqtt.testsupport;

import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.Region;
import io.bluelinkmqtt.sim.EuSimulator;
import io.bluelinkmqtt.sim.SimulatorSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The environment that points a bridge at a running simulator: its account, its three endpoints, a state dir. */
public final class SimulatedAccount {

  private SimulatedAccount() {
  }

  /** A mutable map, so each test adds its broker and topic settings. */
  public static Map<String, String> env(EuSimulator simulator, Path stateDir) {
    SimulatorSettings settings = simulator.settings();
    Map<String, String> env = new HashMap<>();
    env.put("HYUNDAI_USERNAME", settings.username());
    env.put("HYUNDAI_PASSWORD", settings.password());
    env.put("HYUNDAI_PIN", settings.pin());
    env.put("HYUNDAI_BRAND", settings.brand().name());
    env.put("BLUELINK_CCAPI_URL", simulator.baseUrl());
    env.put("BLUELINK_IDP_URL", simulator.baseUrl());
    env.put("BLUELINK_CCI_URL", simulator.baseUrl());
    env.put("BLUELINK_STATE_DIR", stateDir.toString());
    return env;
  }

  /**
   * Any region's simulated account and a state dir; a mutable map, so each test adds its region's URL variable
   * ({@link #withBroker} the MQTT side).
   */
  public static Map<String, String> env(Region region, Brand brand, String username, String password, String pin,
      Path stateDir) {
    Map<String, String> env = new HashMap<>();
    env.put("HYUNDAI_REGION", region.name());
    env.put("HYUNDAI_BRAND", brand.name());
    env.put("HYUNDAI_USERNAME", username);
    env.put("HYUNDAI_PASSWORD", password);
    env.put("HYUNDAI_PIN", pin);
    env.put("BLUELINK_STATE_DIR", stateDir.toString());
    return env;
  }

  /** The test's broker, the topics under {@code base}, a client id of its own and no Home Assistant discovery. */
  public static Map<String, String> withBroker(Map<String, String> env, TestBroker broker, String base) {
    env.put("MQTT_BROKER_HOST", broker.host());
    env.put("MQTT_BROKER_PORT", Integer.toString(broker.port()));
    env.put("MQTT_BASE_TOPIC", base);
    env.put("MQTT_CLIENT_ID", base + "-bridge");
    env.put("HA_DISCOVERY", "false");
    return env;
  }
}
