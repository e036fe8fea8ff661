package io.bluelinkmqtt.demo;

import io.bluelinkmqtt.api.ushyundai.UsHyundaiModule;
import io.bluelinkmqtt.config.AppConfig.RegionEndpoints;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.sim.ushyundai.UsHyundaiSimulator;
import io.bluelinkmqtt.sim.ushyundai.UsSimCar;
import io.bluelinkmqtt.sim.ushyundai.UsSimSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

/** The USA Hyundai / Genesis simulator for demo mode: an EV and a combustion car, miles and °F. */
final class UsHyundaiDemoCloud implements DemoCloud {

  private final UsSimSettings settings;
  private final UsHyundaiSimulator simulator;

  UsHyundaiDemoCloud(Vertx vertx, Brand brand) {
    settings = UsSimSettings.defaults(brand).withDelays(DemoClouds.WAKE_DELAY, DemoClouds.FOLLOW_UP_DELAY);
    simulator = new UsHyundaiSimulator(vertx, settings);
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
    return UsHyundaiModule.SUPPORT.allAt(simulator.baseUrl());
  }

  @Override
  public List<String> vehicleIds() {
    return simulator.cars().stream().map(UsSimCar::regid).toList();
  }

  @Override
  public String baseUrl() {
    return simulator.baseUrl();
  }
}
