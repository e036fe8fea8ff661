package io.bluelinkmqtt.testsupport;

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
}
