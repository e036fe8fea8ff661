package io.bluelinkmqtt.demo;

import io.bluelinkmqtt.api.uskia.UsKiaModule;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.sim.uskia.UsKiaSimCar;
import io.bluelinkmqtt.sim.uskia.UsKiaSimSettings;
import io.bluelinkmqtt.sim.uskia.UsKiaSimulator;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;

/**
 * The USA Kia simulator for demo mode: an EV and a combustion SUV, miles and °F, and the one-time-code prompt of a new
 * device. The simulator logs each code it "sends", so the user can answer {@code bridge/commands/otp} with it (the
 * demo's code is made up; the bridge itself never logs a code).
 */
final class UsKiaDemoCloud extends SimulatorDemo {

  /** The US Kia cloud asks for no PIN; the bridge's action policy wants one configured. */
  private static final String UNUSED_PIN = "0000";

  UsKiaDemoCloud(Vertx vertx, Brand brand) {
    super(wiring(vertx));
  }

  private static Wiring wiring(Vertx vertx) {
    UsKiaSimSettings settings = UsKiaSimSettings.defaults(Clock.systemUTC()).withActionDelay(Duration.ofSeconds(2))
        .loggingCodes();
    UsKiaSimulator simulator = new UsKiaSimulator(vertx, settings);
    return new Wiring(simulator::start, simulator::stop, simulator::baseUrl,
        () -> simulator.cars().stream().map(UsKiaSimCar::id).toList(),
        settings.username(), settings.password(), UNUSED_PIN, UsKiaModule.SUPPORT);
  }
}
