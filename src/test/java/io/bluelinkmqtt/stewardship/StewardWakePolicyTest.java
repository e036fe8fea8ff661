package io.bluelinkmqtt.stewardship;

import io.bluelinkmqtt.testsupport.TestClock;
import static io.bluelinkmqtt.stewardship.TestVehicles.CAR1;
import static io.bluelinkmqtt.stewardship.TestVehicles.CAR2;
import static io.bluelinkmqtt.stewardship.TestVehicles.withAuxBattery;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bluelinkmqtt.api.CallKind;
import io.bluelinkmqtt.api.WakePolicy;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.VehicleData;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StewardWakePolicyTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Optional<String> ALLOWED = Optional.empty();
  private static final VehicleData HEALTHY = withAuxBattery(80);
  private static final VehicleData LOW_12V = withAuxBattery(49);

  private final TestClock clock = TestClock.at("2026-03-10T09:00:00Z"); // 10:00 in Berlin
  private ApiBudget budget = new ApiBudget(clock, 160, 20, BERLIN);
  private final WakeAudit audit = new WakeAudit(clock, BERLIN);

  private StewardWakePolicy policy(Duration minInterval, Optional<QuietHours> quiet) {
    return new StewardWakePolicy(clock, budget, audit, 50, minInterval, quiet, 3);
  }

  private StewardWakePolicy policy() {
    return policy(Duration.ofSeconds(900), Optional.empty());
  }

  private static Optional<QuietHours> quiet(String start, String end, ZoneId zone) {
    return QuietHours.parse(start, end, zone);
  }

  /** What the client does with an allowed force: take the calls and record the wake. */
  private Optional<String> force(WakePolicy policy, Vehicle vehicle, VehicleData lastKnown, boolean override) {
    Optional<String> denial = policy.check(vehicle, lastKnown, override);
    if (denial.isEmpty()) {
      budget.tryAcquire(CallKind.FORCE_STATUS, true);
      policy.recordWake(vehicle);
    }
    return denial;
  }

  @Test
  @DisplayName("a 12 V level below the floor denies the force as aux_battery and wakes nothing")
  void lowAuxBatteryDenies() {
    StewardWakePolicy policy = policy();
    assertEquals(Optional.of(WakePolicy.AUX_BATTERY), force(policy, CAR1, LOW_12V, false));
    assertEquals(new WakeRecord("car1", 0, 0, null), audit.get("car1"));
    assertEquals(0, budget.snapshot().used());
  }

  @ParameterizedTest(name = "12 V at {0} % is allowed with a 50 % floor")
  @CsvSource({"50", "51", "100"})
  void auxBatteryAtOrAboveFloorAllows(int level) {
    assertEquals(ALLOWED, force(policy(), CAR1, withAuxBattery(level), false));
    assertEquals(1, audit.get("car1").total());
  }

  @Test
  @DisplayName("an unknown 12 V level allows the force (many cars never report it)")
  void unknownAuxBatteryAllows() {
    assertEquals(ALLOWED, policy().check(CAR1, withAuxBattery(null), false));
    assertEquals(ALLOWED, policy().check(CAR1, VehicleData.EMPTY, false));
    assertEquals(ALLOWED, policy().check(CAR1, null, false));
  }

  @Test
  @DisplayName("a floor of 0 turns the 12 V rule off")
  void zeroFloorDisablesAuxRule() {
    StewardWakePolicy policy = new StewardWakePolicy(clock, budget, audit, 0, Duration.ZERO, Optional.empty(), 3);
    assertEquals(ALLOWED, policy.check(CAR1, withAuxBattery(5), false));
  }

  @Test
  @DisplayName("a second force within the minimum interval is denied as min_interval, per vehicle")
  void minimumIntervalPerVehicle() {
    StewardWakePolicy policy = policy();
    Instant first = clock.instant();
    assertEquals(ALLOWED, force(policy, CAR1, HEALTHY, false));
    clock.set(first.plusSeconds(899));
    assertEquals(Optional.of(WakePolicy.MIN_INTERVAL), force(policy, CAR1, HEALTHY, false));
    assertEquals(ALLOWED, force(policy, CAR2, HEALTHY, false), "the other car has its own interval");
    clock.set(first.plusSeconds(900));
    assertEquals(ALLOWED, force(policy, CAR1, HEALTHY, false));
    assertEquals(2, audit.get("car1").total());
  }

  @ParameterizedTest(name = "{0} UTC is quiet={1} for 22:00-06:00 in Berlin")
  @CsvSource({
      "2026-03-10T20:59:59Z, false",  // 21:59:59 local
      "2026-03-10T21:00:00Z, true",   // 22:00 local: start is inclusive
      "2026-03-10T23:30:00Z, true",   // 00:30 local, past midnight
      "2026-03-11T04:59:59Z, true",   // 05:59:59 local
      "2026-03-11T05:00:00Z, false",  // 06:00 local: end is exclusive
      "2026-07-01T20:30:00Z, true",   // 22:30 CEST (summer time): 20:30 in UTC would not be quiet
      "2026-07-01T04:30:00Z, false"}) // 06:30 CEST: 04:30 in UTC would be quiet
  void quietHoursAcrossMidnightInLocalTime(String utc, boolean quiet) {
    clock.set(Instant.parse(utc));
    Optional<String> expected = quiet ? Optional.of(WakePolicy.QUIET_HOURS) : ALLOWED;
    assertEquals(expected, policy(Duration.ofSeconds(900), quiet("22:00", "06:00", BERLIN)).check(CAR1, HEALTHY, false));
  }

  @Test
  @DisplayName("quiet hours within one day, and equal start and end meaning none")
  void quietHoursWithinOneDay() {
    clock.set(Instant.parse("2026-03-10T12:30:00Z")); // 13:30 local
    assertEquals(Optional.of(WakePolicy.QUIET_HOURS),
        policy(Duration.ZERO, quiet("12:00", "14:00", BERLIN)).check(CAR1, HEALTHY, false));
    assertEquals(ALLOWED, policy(Duration.ZERO, quiet("14:00", "16:00", BERLIN)).check(CAR1, HEALTHY, false));
    assertEquals(Optional.empty(), QuietHours.parse("13:00", "13:00", BERLIN));
    assertEquals(Optional.empty(), QuietHours.parse("", "", BERLIN));
  }

  @Test
  @DisplayName("override bypasses the 12 V floor and quiet hours")
  void overrideBypassesAuxAndQuietHours() {
    clock.set(Instant.parse("2026-03-10T23:30:00Z")); // 00:30 local
    StewardWakePolicy policy = policy(Duration.ofSeconds(900), quiet("22:00", "06:00", BERLIN));
    assertEquals(Optional.of(WakePolicy.AUX_BATTERY), policy.check(CAR1, LOW_12V, false));
    assertEquals(Optional.of(WakePolicy.QUIET_HOURS), policy.check(CAR1, HEALTHY, false));
    assertEquals(ALLOWED, force(policy, CAR1, LOW_12V, true));
    assertEquals(1, audit.get("car1").total());
  }

  @Test
  @DisplayName("override does not bypass the minimum interval")
  void overrideDoesNotBypassMinInterval() {
    StewardWakePolicy policy = policy();
    assertEquals(ALLOWED, force(policy, CAR1, HEALTHY, true));
    clock.advance(Duration.ofSeconds(60));
    assertEquals(Optional.of(WakePolicy.MIN_INTERVAL), force(policy, CAR1, HEALTHY, true));
    assertEquals(1, audit.get("car1").total());
  }

  @Test
  @DisplayName("an exhausted budget denies as budget, even with override and before every other rule")
  void exhaustedBudgetDeniesEvenWithOverride() {
    clock.set(Instant.parse("2026-03-10T23:30:00Z"));
    StewardWakePolicy policy = policy(Duration.ofSeconds(900), quiet("22:00", "06:00", BERLIN));
    budget.markExhausted();
    assertEquals(Optional.of(WakePolicy.BUDGET), force(policy, CAR1, HEALTHY, true));
    assertEquals(Optional.of(WakePolicy.BUDGET), force(policy, CAR1, LOW_12V, false));
    assertEquals(0, audit.get("car1").total());
  }

  @Test
  @DisplayName("a force needs room for the wake and its follow-up reads")
  void budgetMustFitTheForceAndItsReads() {
    budget = new ApiBudget(clock, 5, 0, BERLIN);
    StewardWakePolicy policy = policy(Duration.ZERO, Optional.empty());
    budget.tryAcquire(CallKind.LOGIN, true);
    budget.tryAcquire(CallKind.VEHICLE_LIST, true);
    assertEquals(ALLOWED, policy.check(CAR1, HEALTHY, false), "3 calls left, a force needs 3");
    budget.tryAcquire(CallKind.CACHED_STATUS, true);
    assertEquals(Optional.of(WakePolicy.BUDGET), policy.check(CAR1, HEALTHY, true), "2 calls left");
  }

  @Test
  @DisplayName("rules apply in order: budget, aux_battery, min_interval, quiet_hours")
  void rulesApplyInOrder() {
    StewardWakePolicy policy = policy(Duration.ofSeconds(900), quiet("00:00", "23:59", BERLIN));
    clock.set(Instant.parse("2026-03-10T08:00:00Z"));
    assertEquals(Optional.of(WakePolicy.QUIET_HOURS), policy.check(CAR1, HEALTHY, false));
    assertEquals(ALLOWED, force(policy, CAR1, HEALTHY, true));
    assertEquals(Optional.of(WakePolicy.MIN_INTERVAL), policy.check(CAR1, HEALTHY, false), "min_interval before quiet_hours");
    assertEquals(Optional.of(WakePolicy.AUX_BATTERY), policy.check(CAR1, LOW_12V, false), "aux_battery before min_interval");
  }

  @Test
  @DisplayName("the minimum interval holds across a restart, because it reads the persisted audit")
  void minimumIntervalUsesTheAudit() {
    audit.restore(new WakeAudit.PersistedAudit(java.util.Map.of("car1",
        new WakeAudit.Entry(java.time.LocalDate.parse("2026-03-10"), 1, 7, clock.instant().minusSeconds(100))), null));
    assertEquals(Optional.of(WakePolicy.MIN_INTERVAL), policy().check(CAR1, HEALTHY, true));
  }

  @Test
  @DisplayName("clock corrected 2 h backwards after a wake: the 15-minute rule throttles for 15 minutes, not 2 h 15 min")
  void lastWakeInTheFutureIsTakenAsNow() {
    StewardWakePolicy policy = policy();
    assertEquals(ALLOWED, force(policy, CAR1, HEALTHY, false));
    clock.advance(Duration.ofHours(-2));
    assertEquals(Optional.of(WakePolicy.MIN_INTERVAL), policy.check(CAR1, HEALTHY, false), "right after the step");
    clock.advance(Duration.ofMinutes(15));
    assertEquals(ALLOWED, policy.check(CAR1, HEALTHY, false), "15 min after the corrected now");
  }

  @Test
  @DisplayName("a restored last wake in the future (file from a clock that ran ahead) counts from now")
  void restoredFutureWakeIsClampedToNow() {
    audit.restore(new WakeAudit.PersistedAudit(java.util.Map.of("car1",
        new WakeAudit.Entry(java.time.LocalDate.parse("2026-03-10"), 1, 7, clock.instant().plus(Duration.ofHours(2)))),
        null));
    assertEquals(clock.instant(), audit.lastWake("car1").orElseThrow());
    clock.advance(Duration.ofMinutes(15));
    assertEquals(ALLOWED, policy().check(CAR1, HEALTHY, false));
  }
}
