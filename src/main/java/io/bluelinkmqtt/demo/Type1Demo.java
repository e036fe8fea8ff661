package io.bluelinkmqtt.demo;

import io.bluelinkmqtt.api.type1.Type1Module;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.Region;
import io.bluelinkmqtt.sim.SimCar;
import io.bluelinkmqtt.sim.SimulatorSettings;
import io.bluelinkmqtt.sim.Type1Simulator;
import io.vertx.core.Vertx;

/** The demo of a Type 1 region outside Europe (AU, NZ, CN, IN, BR): its simulator with a legacy and a CCS2 car. */
final class Type1Demo extends SimulatorDemo {

  Type1Demo(Vertx vertx, Region region, Brand brand) {
    super(wiring(vertx, region, brand));
  }

  private static Wiring wiring(Vertx vertx, Region region, Brand brand) {
    SimulatorSettings settings = Type1Simulator.defaults(region, brand).withForceDelays(DemoClouds.WAKE_DELAY,
        DemoClouds.FOLLOW_UP_DELAY);
    Type1Simulator simulator = new Type1Simulator(vertx, region, settings);
    return new Wiring(simulator::start, simulator::stop, simulator::baseUrl,
        () -> simulator.cars().stream().map(SimCar::vehicleId).toList(),
        settings.username(), settings.password(), settings.pin(), Type1Module.support(region));
  }
}
