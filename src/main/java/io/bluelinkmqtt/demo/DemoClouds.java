package io.bluelinkmqtt.demo;

import io.bluelinkmqtt.api.canada.CanadaModule;
import io.bluelinkmqtt.api.eu.EuModule;
import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.Region;
import io.bluelinkmqtt.sim.EuSimulator;
import io.bluelinkmqtt.sim.SimCar;
import io.bluelinkmqtt.sim.SimulatorSettings;
import io.bluelinkmqtt.sim.canada.CaSimCar;
import io.bluelinkmqtt.sim.canada.CaSimSettings;
import io.bluelinkmqtt.sim.canada.CaSimulator;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.function.BiFunction;

/** The simulator demo mode runs per region: adding a region's demo is one line in {@link #BY_REGION}. */
final class DemoClouds {

  /** Short wake delays so a demo "force" answers within seconds; the real car takes tens of seconds. */
  static final Duration WAKE_DELAY = Duration.ofSeconds(3);
  static final Duration FOLLOW_UP_DELAY = Duration.ofSeconds(2);

  private static final Map<Region, BiFunction<Vertx, Brand, DemoCloud>> BY_REGION = Map.of(
      Region.EUROPE, Europe::new,
      Region.AUSTRALIA, (vertx, brand) -> new Type1Demo(vertx, Region.AUSTRALIA, brand),
      Region.NEW_ZEALAND, (vertx, brand) -> new Type1Demo(vertx, Region.NEW_ZEALAND, brand),
      Region.CHINA, (vertx, brand) -> new Type1Demo(vertx, Region.CHINA, brand),
      Region.INDIA, (vertx, brand) -> new Type1Demo(vertx, Region.INDIA, brand),
      Region.BRAZIL, (vertx, brand) -> new Type1Demo(vertx, Region.BRAZIL, brand),
      Region.CANADA, Canada::new);

  /** Where a region's brands run different clouds (the USA), one line per region and brand; looked up first. */
  private static final Map<RegionBrand, BiFunction<Vertx, Brand, DemoCloud>> BY_REGION_AND_BRAND = Map.of(
      new RegionBrand(Region.USA, Brand.HYUNDAI), UsHyundaiDemoCloud::new,
      new RegionBrand(Region.USA, Brand.GENESIS), UsHyundaiDemoCloud::new,
      new RegionBrand(Region.USA, Brand.KIA), UsKiaDemoCloud::new);

  private record RegionBrand(Region region, Brand brand) {
  }

  private DemoClouds() {
  }

  /**
   * The demo cloud of the configured region and brand.
   *
   * @throws IllegalArgumentException when the region has no simulator yet
   */
  static DemoCloud forRegion(Vertx vertx, Region region, Brand brand) {
    BiFunction<Vertx, Brand, DemoCloud> factory = BY_REGION_AND_BRAND.getOrDefault(new RegionBrand(region, brand),
        BY_REGION.get(region));
    if (factory == null) {
      throw new IllegalArgumentException("demo mode has no simulator for " + region + " / " + brand);
    }
    return factory.apply(vertx, brand);
  }

  /** The EU simulator: a legacy and a CCS2 car. */
  private static final class Europe extends SimulatorDemo {

    Europe(Vertx vertx, Brand brand) {
      super(wiring(vertx, brand));
    }

    private static Wiring wiring(Vertx vertx, Brand brand) {
      SimulatorSettings settings = SimulatorSettings.defaults(brand).withForceDelays(WAKE_DELAY, FOLLOW_UP_DELAY);
      EuSimulator simulator = new EuSimulator(vertx, settings);
      return new Wiring(simulator::start, simulator::stop, simulator::baseUrl,
          () -> simulator.cars().stream().map(SimCar::vehicleId).toList(),
          settings.username(), settings.password(), settings.pin(), EuModule.SUPPORT);
    }
  }

  /**
   * The Canadian simulator: an EV and a gasoline car; the first login asks for a one-time code (as the real cloud
   * does for a new device), which the simulator logs, so the owner can answer it on bridge/commands/otp.
   */
  private static final class Canada extends SimulatorDemo {

    Canada(Vertx vertx, Brand brand) {
      super(wiring(vertx, brand));
    }

    private static Wiring wiring(Vertx vertx, Brand brand) {
      CaSimSettings settings = CaSimSettings.defaults(brand).withLoggedCodes(true);
      CaSimulator simulator = new CaSimulator(vertx, settings);
      return new Wiring(simulator::start, simulator::stop, simulator::baseUrl,
          () -> simulator.cars().stream().map(CaSimCar::vehicleId).toList(),
          settings.username(), settings.password(), settings.pin(), CanadaModule.SUPPORT);
    }
  }
}
