package io.bluelinkmqtt.demo;

import io.bluelinkmqtt.api.ushyundai.UsHyundaiModule;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.sim.ushyundai.UsHyundaiSimulator;
import io.bluelinkmqtt.sim.ushyundai.UsSimCar;
import io.bluelinkmqtt.sim.ushyundai.UsSimSettings;
import io.vertx.core.Vertx;

/** The USA Hyundai / Genesis simulator for demo mode: an EV and a combustion car, miles and °F. */
final class UsHyundaiDemoCloud extends SimulatorDemo {

  UsHyundaiDemoCloud(Vertx vertx, Brand brand) {
    super(wiring(vertx, brand));
  }

  private static Wiring wiring(Vertx vertx, Brand brand) {
    UsSimSettings settings = UsSimSettings.defaults(brand).withDelays(DemoClouds.WAKE_DELAY,
        DemoClouds.FOLLOW_UP_DELAY);
    UsHyundaiSimulator simulator = new UsHyundaiSimulator(vertx, settings);
    return new Wiring(simulator::start, simulator::stop, simulator::baseUrl,
        () -> simulator.cars().stream().map(UsSimCar::regid).toList(),
        settings.username(), settings.password(), settings.pin(), UsHyundaiModule.SUPPORT);
  }
}
