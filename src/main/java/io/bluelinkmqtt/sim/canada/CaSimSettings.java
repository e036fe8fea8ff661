package io.bluelinkmqtt.sim.canada;

import io.bluelinkmqtt.domain.Brand;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The simulated Canadian account and cloud behaviour.
 *
 * @param province the account's province (the login answer's address): the zone of the cached times
 * @param mfa true when an unknown (or 90-day-old) Deviceid must pass the one-time code (the cloud since Jan 2026)
 * @param logCodes true to log each one-time code it "sends" (the demo, where the owner has no mailbox)
 * @param tokenLifetime the {@code expireIn} of a token
 * @param dailyQuota vehicle calls per UTC day; more answer the "limit exceeded" error
 * @param actionDelay how long a car takes to carry out a command
 */
public record CaSimSettings(Brand brand, String username, String password, String pin, String email, String phone,
                            String province, Clock clock, boolean mfa, boolean logCodes, Duration tokenLifetime,
                            int dailyQuota, Duration actionDelay, List<CaSimCar> cars, int port) {

  public CaSimSettings {
    cars = List.copyOf(cars);
  }

  public static CaSimSettings defaults(Brand brand) {
    return new CaSimSettings(brand, "owner@example.ca", "ca-Passw0rd!", "2468", "owner@example.ca", "",
        "BC", Clock.systemUTC(), true, false, Duration.ofDays(1), 1_000, Duration.ofMillis(300),
        CaSimCar.defaultFleet(), 0);
  }

  public CaSimSettings withClock(Clock value) {
    return new CaSimSettings(brand, username, password, pin, email, phone, province, value, mfa, logCodes,
        tokenLifetime, dailyQuota, actionDelay, cars, port);
  }

  public CaSimSettings withMfa(boolean value) {
    return new CaSimSettings(brand, username, password, pin, email, phone, province, clock, value, logCodes,
        tokenLifetime, dailyQuota, actionDelay, cars, port);
  }

  public CaSimSettings withLoggedCodes(boolean value) {
    return new CaSimSettings(brand, username, password, pin, email, phone, province, clock, mfa, value,
        tokenLifetime, dailyQuota, actionDelay, cars, port);
  }

  public CaSimSettings withPhone(String value) {
    return new CaSimSettings(brand, username, password, pin, email, value, province, clock, mfa, logCodes,
        tokenLifetime, dailyQuota, actionDelay, cars, port);
  }

  public CaSimSettings withTokenLifetime(Duration value) {
    return new CaSimSettings(brand, username, password, pin, email, phone, province, clock, mfa, logCodes, value,
        dailyQuota, actionDelay, cars, port);
  }

  public CaSimSettings withDailyQuota(int value) {
    return new CaSimSettings(brand, username, password, pin, email, phone, province, clock, mfa, logCodes,
        tokenLifetime, value, actionDelay, cars, port);
  }

  public CaSimSettings withActionDelay(Duration value) {
    return new CaSimSettings(brand, username, password, pin, email, phone, province, clock, mfa, logCodes,
        tokenLifetime, dailyQuota, value, cars, port);
  }

  public CaSimSettings withCars(List<CaSimCar> value) {
    return new CaSimSettings(brand, username, password, pin, email, phone, province, clock, mfa, logCodes,
        tokenLifetime, dailyQuota, actionDelay, value, port);
  }

  @Override
  public String toString() {
    return "CaSimSettings[brand=" + brand + ", cars=" + cars.size() + ", mfa=" + mfa + "]";
  }
}
