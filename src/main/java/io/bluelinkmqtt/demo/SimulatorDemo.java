package io.bluelinkmqtt.demo;

import io.bluelinkmqtt.config.AppConfig.RegionEndpoints;
import io.bluelinkmqtt.config.RegionSupport;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.Supplier;

/**
 * The demo plumbing every region shares: its simulator started and stopped as it is, its account handed to the
 * bridge, the module's base URLs pointed at it. A region's demo only says how its simulator is built ({@link Wiring}).
 */
class SimulatorDemo implements DemoCloud {

  /** How one region's simulator runs and which account it holds; the simulators share no type, hence suppliers. */
  record Wiring(Supplier<Future<?>> start, Supplier<Future<Void>> stop, Supplier<String> baseUrl,
      Supplier<List<String>> vehicleIds, String username, String password, String pin, RegionSupport module) {
  }

  private final Wiring wiring;

  SimulatorDemo(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public Future<?> start() {
    return wiring.start().get();
  }

  @Override
  public Future<Void> stop() {
    return wiring.stop().get();
  }

  @Override
  public String username() {
    return wiring.username();
  }

  @Override
  public String password() {
    return wiring.password();
  }

  @Override
  public String pin() {
    return wiring.pin();
  }

  @Override
  public RegionEndpoints endpoints() {
    return wiring.module().allAt(baseUrl());
  }

  @Override
  public List<String> vehicleIds() {
    return wiring.vehicleIds().get();
  }

  @Override
  public String baseUrl() {
    return wiring.baseUrl().get();
  }
}
