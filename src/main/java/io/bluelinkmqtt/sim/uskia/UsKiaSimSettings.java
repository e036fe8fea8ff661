package io.bluelinkmqtt.sim.uskia;

import java.time.Clock;
import java.time.Duration;

/**
 * The simulated US Kia account and how the fake cloud behaves.
 *
 * @param otpLifetime how long a one-time code is taken once the login asked for it
 * @param otpTries wrong codes the cloud takes before the transaction is over
 * @param giveRmtoken false: verifyOTP answers only a {@code sid} (Jan 2026 reports, uvo#1221)
 * @param sessionLifetime when a sid ends by the clock ({@code 1003}); sessions may also be ended at once
 * @param dailyLimit vehicle calls (reads, wakes, actions) per UTC day before the cloud answers 429
 * @param actionDelay how long the car takes to do an action (by the clock)
 * @param logCodes demo mode: the simulator logs each code it "sends", so the user can answer the prompt
 */
public record UsKiaSimSettings(Clock clock, String username, String password, Duration otpLifetime, int otpTries,
                               boolean giveRmtoken, Duration sessionLifetime, int dailyLimit, Duration actionDelay,
                               boolean logCodes) {

  public static UsKiaSimSettings defaults(Clock clock) {
    return new UsKiaSimSettings(clock, "owner@example.com", "kia-sim-password", Duration.ofMinutes(10), 3, true,
        Duration.ofHours(23), 200, Duration.ZERO, false);
  }

  public UsKiaSimSettings withOtpLifetime(Duration lifetime) {
    return new UsKiaSimSettings(clock, username, password, lifetime, otpTries, giveRmtoken, sessionLifetime,
        dailyLimit, actionDelay, logCodes);
  }

  public UsKiaSimSettings withoutRmtoken() {
    return new UsKiaSimSettings(clock, username, password, otpLifetime, otpTries, false, sessionLifetime, dailyLimit,
        actionDelay, logCodes);
  }

  public UsKiaSimSettings withDailyLimit(int limit) {
    return new UsKiaSimSettings(clock, username, password, otpLifetime, otpTries, giveRmtoken, sessionLifetime,
        limit, actionDelay, logCodes);
  }

  public UsKiaSimSettings withActionDelay(Duration delay) {
    return new UsKiaSimSettings(clock, username, password, otpLifetime, otpTries, giveRmtoken, sessionLifetime,
        dailyLimit, delay, logCodes);
  }

  public UsKiaSimSettings loggingCodes() {
    return new UsKiaSimSettings(clock, username, password, otpLifetime, otpTries, giveRmtoken, sessionLifetime,
        dailyLimit, actionDelay, true);
  }
}
