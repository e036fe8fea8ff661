package io.bluelinkmqtt.demo;

import io.bluelinkmqtt.api.uskia.UsKiaModule;
import io.bluelinkmqtt.config.AppConfig.RegionEndpoints;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.sim.uskia.UsKiaSimCar;
import io.bluelinkmqtt.sim.uskia.UsKiaSimSettings;
import io.bluelinkmqtt.sim.uskia.UsKiaSimulator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The USA Kia simulator for demo mode: an EV and a combustion SUV, miles and °F, and the one-time-code prompt of a new
 * device. The simulator logs each code it "sends", so the user can answer {@code bridge/commands/otp} with it (the
 * demo's code is made up; the bridge itself never logs a code).
 */
final class UsKiaDemoCloud implements DemoCloud {

  private final UsKiaSimSettings settings;
  private final UsKiaSimulator simulator;

  UsKiaDemoCloud(Vertx vertx, Brand brand) {
    settings = UsKiaSimSettings.defaults(Clock.systemUTC()).withActionDelay(Duration.ofSeconds(2)).loggingCodes();
    simulator = new UsKiaSimulator(vertx, settings);
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
    return "0000"; // the US Kia cloud asks for no PIN; the bridge's action policy wants one configured
  }

  @Override
  public RegionEndpoints endpoints() {
    return UsKiaModule.SUPPORT.allAt(simulator.baseUrl());
  }

  @Override
  public List<String> vehicleIds() {
    return simulator.cars().stream().map(UsKiaSimCar::id).toList();
  }

  @Override
  public String baseUrl() {
    return simulator.baseUrl();
  }
}
