package io.bluelinkmqtt.sim;

import io.bluelinkmqtt.domain.Brand;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything a simulator instance is configured with. The credentials are the ones the fake
 * account accepts; the delays are what the car takes to answer a forced refresh.
 *
 * @param brand which brand's constants (client ids, stamp key) the server expects
 * @param username the account e-mail
 * @param password the account password (compared after RSA decryption)
 * @param pin the 4-digit PIN accepted by {@code PUT /api/v1/user/pin}
 * @param clock time source for token expiry, quota days and the cars' timestamps
 * @param ccsTokenLifetime TTL of CCS tokens ({@code expiresTime})
 * @param ccs2ForceDelay how long a CCS2 car takes until {@code /ccs2/carstatus/latest} moves after a wake
 * @param legacyForceDelay how long a legacy {@code GET /status} takes to answer
 * @param dailyQuota vehicle calls allowed per UTC day before HTTP 509 / 5091
 * @param port TCP port on 127.0.0.1; 0 = any free port
 * @param cars the cars of the account (mutable state, shared with the simulator)
 */
public record SimulatorSettings(Brand brand, String username, String password, String pin, Clock clock,
                                Duration ccsTokenLifetime, Duration ccs2ForceDelay, Duration legacyForceDelay,
                                int dailyQuota, int port, List<SimCar> cars) {

  public SimulatorSettings {
    Objects.requireNonNull(brand, "brand");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(pin, "pin");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(ccsTokenLifetime, "ccsTokenLifetime");
    Objects.requireNonNull(ccs2ForceDelay, "ccs2ForceDelay");
    Objects.requireNonNull(legacyForceDelay, "legacyForceDelay");
    cars = List.copyOf(cars);
  }

  /**
   * Realistic defaults: one legacy EV and one CCS2 EV, 24 h tokens, 20 s CCS2 wake, 10 s legacy
   * force, 200 calls a day.
   */
  public static SimulatorSettings defaults(Brand brand) {
    return new SimulatorSettings(brand, "driver@example.com", "Sim-Password-2026!", "1234", Clock.systemUTC(),
        Duration.ofHours(24), Duration.ofSeconds(20), Duration.ofSeconds(10), 200, 0, SimCar.defaultFleet(brand));
  }

  public SimulatorSettings withCredentials(String newUsername, String newPassword) {
    return new SimulatorSettings(brand, newUsername, newPassword, pin, clock, ccsTokenLifetime, ccs2ForceDelay,
        legacyForceDelay, dailyQuota, port, cars);
  }

  public SimulatorSettings withPin(String newPin) {
    return new SimulatorSettings(brand, username, password, newPin, clock, ccsTokenLifetime, ccs2ForceDelay,
        legacyForceDelay, dailyQuota, port, cars);
  }

  public SimulatorSettings withClock(Clock newClock) {
    return new SimulatorSettings(brand, username, password, pin, newClock, ccsTokenLifetime, ccs2ForceDelay,
        legacyForceDelay, dailyQuota, port, cars);
  }

  public SimulatorSettings withCcsTokenLifetime(Duration lifetime) {
    return new SimulatorSettings(brand, username, password, pin, clock, lifetime, ccs2ForceDelay,
        legacyForceDelay, dailyQuota, port, cars);
  }

  public SimulatorSettings withForceDelays(Duration ccs2Delay, Duration legacyDelay) {
    return new SimulatorSettings(brand, username, password, pin, clock, ccsTokenLifetime, ccs2Delay, legacyDelay,
        dailyQuota, port, cars);
  }

  public SimulatorSettings withDailyQuota(int quota) {
    return new SimulatorSettings(brand, username, password, pin, clock, ccsTokenLifetime, ccs2ForceDelay,
        legacyForceDelay, quota, port, cars);
  }

  public SimulatorSettings withPort(int newPort) {
    return new SimulatorSettings(brand, username, password, pin, clock, ccsTokenLifetime, ccs2ForceDelay,
        legacyForceDelay, dailyQuota, newPort, cars);
  }

  public SimulatorSettings withCars(List<SimCar> newCars) {
    return new SimulatorSettings(brand, username, password, pin, clock, ccsTokenLifetime, ccs2ForceDelay,
        legacyForceDelay, dailyQuota, port, newCars);
  }

  /** Never shows the password or PIN. */
  @Override
  public String toString() {
    return "SimulatorSettings[brand=" + brand + ", username=" + username + ", cars=" + cars.size()
        + ", dailyQuota=" + dailyQuota + ", port=" + port + "]";
  }
}
