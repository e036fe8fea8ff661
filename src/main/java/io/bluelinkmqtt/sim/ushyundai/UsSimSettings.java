package io.bluelinkmqtt.sim.ushyundai;

import io.bluelinkmqtt.domain.Brand;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * What a {@link UsHyundaiSimulator} serves: the account, its cars, how long an access token lives, the daily
 * remote-request limit (forced reads and actions, §7: about 30) and how long the car takes to answer.
 */
public record UsSimSettings(Brand brand, String username, String password, String pin, List<UsSimCar> cars,
                            Clock clock, Duration tokenLifetime, int dailyRemoteLimit, Duration forceDelay,
                            Duration actionDelay) {

  public UsSimSettings {
    cars = List.copyOf(cars);
  }

  /** Two cars of the brand (an EV of generation 3 and a combustion car of generation 2), 30 min tokens, limit 30. */
  public static UsSimSettings defaults(Brand brand) {
    List<UsSimCar> cars = brand == Brand.GENESIS
        ? List.of(new UsSimCar("G3EV60000001", "KMUKCDTC0PU000001", "My GV60", "GV60", "E", "3"),
            new UsSimCar("G2G800000002", "KMTGB4SD0PU000002", "Sedan", "G80", "N", "2"))
        : List.of(new UsSimCar("H3IONIQ50001", "KM8KRDAF0PU000001", "Sparky", "IONIQ 5", "E", "3"),
            new UsSimCar("H2SANTAFE002", "5NMS3DAJ0PH000002", "Family", "SANTA FE", "N", "2"));
    return new UsSimSettings(brand, "owner@example.com", "sim-password-1", "4321", cars, Clock.systemUTC(),
        Duration.ofMinutes(30), 30, Duration.ofMillis(200), Duration.ofMillis(100));
  }

  public UsSimSettings withClock(Clock value) {
    return new UsSimSettings(brand, username, password, pin, cars, value, tokenLifetime, dailyRemoteLimit, forceDelay,
        actionDelay);
  }

  public UsSimSettings withDailyRemoteLimit(int value) {
    return new UsSimSettings(brand, username, password, pin, cars, clock, tokenLifetime, value, forceDelay,
        actionDelay);
  }

  public UsSimSettings withDelays(Duration force, Duration action) {
    return new UsSimSettings(brand, username, password, pin, cars, clock, tokenLifetime, dailyRemoteLimit, force,
        action);
  }

  public UsSimSettings withTokenLifetime(Duration value) {
    return new UsSimSettings(brand, username, password, pin, cars, clock, value, dailyRemoteLimit, forceDelay,
        actionDelay);
  }
}
