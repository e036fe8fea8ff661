package io.bluelinkmqtt.demo;

import io.bluelinkmqtt.api.type1.Type1Module;
import io.bluelinkmqtt.config.AppConfig.RegionEndpoints;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.Region;
import io.bluelinkmqtt.sim.SimCar;
import io.bluelinkmqtt.sim.SimulatorSettings;
import io.bluelinkmqtt.sim.Type1Simulator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

/** The demo of a Type 1 region outside Europe (AU, NZ, CN, IN, BR): its simulator with a legacy and a CCS2 car. */
final class Type1Demo implements DemoCloud {

  private final Region region;
  private final SimulatorSettings settings;
  private final Type1Simulator simulator;

  Type1Demo(Vertx vertx, Region region, Brand brand) {
    this.region = region;
    settings = Type1Simulator.defaults(region, brand).withForceDelays(DemoClouds.WAKE_DELAY,
        DemoClouds.FOLLOW_UP_DELAY);
    simulator = new Type1Simulator(vertx, region, settings);
  }

  @Override
  public Future<?> start() {
    return simulator.start();
  }

  @Override
  public Future<Void> stop() {
    return simulator.stop();
  }

  @Override
  public String username() {
    return settings.username();
  }

  @Override
  public String password() {
    return settings.password();
  }

  @Override
  public String pin() {
    return settings.pin();
  }

  @Override
  public RegionEndpoints endpoints() {
    return Type1Module.support(region).allAt(simulator.baseUrl());
  }

  @Override
  public List<String> vehicleIds() {
    return simulator.cars().stream().map(SimCar::vehicleId).toList();
  }

  @Override
  public String baseUrl() {
    return simulator.baseUrl();
  }
}
