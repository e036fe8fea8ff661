package io.bluelinkmqtt.stewardship;

import io.bluelinkmqtt.testsupport.TestClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.api.CallKind;
import io.bluelinkmqtt.domain.Region;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ApiBudgetTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Optional<String> ALLOWED = Optional.empty();
  private static final Optional<String> BUDGET = Optional.of("budget");

  private final TestClock clock = TestClock.at("2026-03-10T09:00:00Z");

  private ApiBudget budget(int cap, int reserve) {
    return new ApiBudget(clock, cap, reserve, BERLIN);
  }

  @Test
  @DisplayName("a call counts for exactly 24 hours of a rolling window")
  void callsExpireAfterExactly24Hours() {
    ApiBudget budget = budget(3, 0);
    Instant first = clock.instant();
    assertEquals(ALLOWED, budget.tryAcquire(CallKind.LOGIN, true));
    clock.advance(Duration.ofHours(1));
    assertEquals(ALLOWED, budget.tryAcquire(CallKind.CACHED_STATUS, true));
    clock.advance(Duration.ofHours(1));
    assertEquals(ALLOWED, budget.tryAcquire(CallKind.FORCE_STATUS, true));
    assertEquals(BUDGET, budget.tryAcquire(CallKind.CACHED_STATUS, true));

    clock.set(first.plus(Duration.ofHours(24)).minusMillis(1));
    assertEquals(BUDGET, budget.tryAcquire(CallKind.CACHED_STATUS, true));
    assertEquals(new BudgetSnapshot(3, 3, 0, first.plus(Duration.ofHours(24)), true), budget.snapshot());

    clock.set(first.plus(Duration.ofHours(24)));
    assertEquals(new BudgetSnapshot(2, 3, 1, first.plus(Duration.ofHours(25)), false), budget.snapshot());
    assertEquals(ALLOWED, budget.tryAcquire(CallKind.CACHED_STATUS, true));
    assertEquals(BUDGET, budget.tryAcquire(CallKind.CACHED_STATUS, true));
  }

  @Test
  @DisplayName("background calls may not use the user reserve; user calls may use the whole cap")
  void reserveIsKeptForUserCalls() {
    ApiBudget budget = budget(10, 3);
    for (int i = 0; i < 7; i++) {
      assertEquals(ALLOWED, budget.tryAcquire(CallKind.CACHED_STATUS, false), "background call " + i);
    }
    assertEquals(BUDGET, budget.tryAcquire(CallKind.CACHED_STATUS, false));
    for (int i = 0; i < 3; i++) {
      assertEquals(ALLOWED, budget.tryAcquire(CallKind.CACHED_STATUS, true), "user call " + i);
    }
    assertEquals(BUDGET, budget.tryAcquire(CallKind.CACHED_STATUS, true));
    assertEquals(10, budget.snapshot().used());
  }

  @Test
  @DisplayName("a reserve larger than half the cap is clamped so background work still runs")
  void reserveIsClampedToHalfTheCap() {
    ApiBudget budget = budget(24, 20);
    assertEquals(12, budget.reserve());
    for (int i = 0; i < 12; i++) {
      assertEquals(ALLOWED, budget.tryAcquire(CallKind.CACHED_STATUS, false));
    }
    assertEquals(BUDGET, budget.tryAcquire(CallKind.CACHED_STATUS, false));
  }

  @Test
  @DisplayName("region defaults are 80 % of the estimated quota; a configured cap overrides them")
  void regionDefaults() {
    assertEquals(160, RegionQuota.effectiveCap(0, Region.EUROPE));
    assertEquals(24, RegionQuota.effectiveCap(0, Region.USA));
    assertEquals(24, RegionQuota.effectiveCap(0, Region.CANADA));
    for (Region region : List.of(Region.AUSTRALIA, Region.NEW_ZEALAND, Region.CHINA, Region.INDIA, Region.BRAZIL)) {
      assertEquals(48, RegionQuota.effectiveCap(0, region), region.name());
    }
    assertEquals(50, RegionQuota.effectiveCap(50, Region.EUROPE));
    assertEquals(300, RegionQuota.effectiveCap(300, Region.USA));
  }

  @Test
  @DisplayName("the cloud's remaining count is trusted over ours while its window lasts")
  void rateLimitHeadersAreTrustedOverOurCount() {
    ApiBudget budget = budget(160, 0);
    Instant reset = clock.instant().plus(Duration.ofHours(2));
    budget.tryAcquire(CallKind.LOGIN, true);
    budget.observeRateLimit(OptionalLong.of(200), OptionalLong.of(3), OptionalLong.of(reset.getEpochSecond()));

    assertEquals(new BudgetSnapshot(1, 160, 3, reset, false), budget.snapshot());
    for (int i = 0; i < 3; i++) {
      assertEquals(ALLOWED, budget.tryAcquire(CallKind.CACHED_STATUS, true));
    }
    assertEquals(BUDGET, budget.tryAcquire(CallKind.CACHED_STATUS, true), "our count alone would allow 156 more");
    assertEquals(new BudgetSnapshot(4, 160, 0, reset, true), budget.snapshot());

    clock.set(reset);
    assertEquals(ALLOWED, budget.tryAcquire(CallKind.CACHED_STATUS, true), "after the cloud's reset our count rules");
    assertEquals(155, budget.snapshot().remaining());
  }

  @Test
  @DisplayName("headers never raise the budget above our own cap")
  void headersCannotRaiseTheCap() {
    ApiBudget budget = budget(2, 0);
    budget.observeRateLimit(OptionalLong.of(200), OptionalLong.of(199), OptionalLong.of(clock.instant().getEpochSecond() + 3600));
    assertEquals(ALLOWED, budget.tryAcquire(CallKind.LOGIN, true));
    assertEquals(ALLOWED, budget.tryAcquire(CallKind.LOGIN, true));
    assertEquals(BUDGET, budget.tryAcquire(CallKind.LOGIN, true));
  }

  @Test
  @DisplayName("remaining 0 in the headers means exhausted until the cloud's reset (epoch or relative seconds)")
  void zeroRemainingExhaustsUntilReset() {
    ApiBudget budget = budget(160, 0);
    budget.observeRateLimit(OptionalLong.of(200), OptionalLong.of(0), OptionalLong.of(1800));
    Instant reset = clock.instant().plusSeconds(1800);
    assertEquals(new BudgetSnapshot(0, 160, 0, reset, true), budget.snapshot());
    assertEquals(BUDGET, budget.tryAcquire(CallKind.LOGIN, true));
    clock.set(reset.minusMillis(1));
    assertEquals(BUDGET, budget.tryAcquire(CallKind.LOGIN, true));
    clock.set(reset);
    assertEquals(ALLOWED, budget.tryAcquire(CallKind.LOGIN, true));
  }

  @Test
  @DisplayName("5091 without a known reset stops every call until the next local midnight")
  void exhaustedWithoutHeaderUntilLocalMidnight() {
    ApiBudget budget = budget(160, 20);
    budget.tryAcquire(CallKind.CACHED_STATUS, true);
    budget.markExhausted();
    Instant midnightBerlin = Instant.parse("2026-03-10T23:00:00Z");
    assertEquals(new BudgetSnapshot(1, 160, 0, midnightBerlin, true), budget.snapshot());
    assertEquals(BUDGET, budget.tryAcquire(CallKind.LOGIN, true));
    assertFalse(budget.canAfford(1, true));
    clock.set(midnightBerlin.minusSeconds(1));
    assertEquals(BUDGET, budget.tryAcquire(CallKind.LOGIN, true));
    clock.set(midnightBerlin);
    assertEquals(ALLOWED, budget.tryAcquire(CallKind.LOGIN, true));
    assertEquals(2, budget.snapshot().used());
  }

  @Test
  @DisplayName("5091 shortly before local midnight pauses at least one hour")
  void exhaustionPausesAtLeastAnHour() {
    clock.set(Instant.parse("2026-03-10T22:50:00Z")); // 23:50 in Berlin
    ApiBudget budget = budget(160, 0);
    budget.markExhausted();
    assertEquals(Instant.parse("2026-03-10T23:50:00Z"), budget.snapshot().resetsAt());
  }

  @Test
  @DisplayName("5091 after headers with a reset time pauses until that reset")
  void exhaustedUntilHeaderReset() {
    ApiBudget budget = budget(160, 0);
    Instant reset = clock.instant().plus(Duration.ofMinutes(90));
    budget.observeRateLimit(OptionalLong.empty(), OptionalLong.of(40), OptionalLong.of(reset.getEpochSecond()));
    budget.markExhausted();
    assertEquals(BUDGET, budget.tryAcquire(CallKind.LOGIN, true));
    assertEquals(reset, budget.snapshot().resetsAt());
    clock.set(reset);
    assertEquals(ALLOWED, budget.tryAcquire(CallKind.LOGIN, true));
  }

  @Test
  @DisplayName("canAfford checks several calls without taking them")
  void canAffordDoesNotConsume() {
    ApiBudget budget = budget(5, 2);
    assertTrue(budget.canAfford(5, true));
    assertFalse(budget.canAfford(6, true));
    assertTrue(budget.canAfford(3, false));
    assertFalse(budget.canAfford(4, false));
    assertEquals(0, budget.snapshot().used());
  }

  @Test
  @DisplayName("the snapshot is reported once per change, not for repeated refusals or unchanged headers")
  void snapshotReportedOncePerChange() {
    ApiBudget budget = budget(2, 0);
    List<BudgetSnapshot> reported = new ArrayList<>();
    List<String> stateChanges = new ArrayList<>();
    budget.onSnapshotChanged(reported::add);
    budget.onStateChanged(() -> stateChanges.add("changed"));
    Instant expiry = clock.instant().plus(Duration.ofHours(24));

    budget.tryAcquire(CallKind.LOGIN, true);
    budget.tryAcquire(CallKind.CACHED_STATUS, true);
    budget.tryAcquire(CallKind.CACHED_STATUS, true);
    budget.tryAcquire(CallKind.CACHED_STATUS, true);

    assertEquals(List.of(new BudgetSnapshot(1, 2, 1, expiry, false), new BudgetSnapshot(2, 2, 0, expiry, true)), reported);
    assertEquals(2, stateChanges.size(), "refusals change nothing to persist");
  }

  @Test
  @DisplayName("an empty budget has no reset time")
  void emptyBudgetHasNoReset() {
    BudgetSnapshot snapshot = budget(160, 20).snapshot();
    assertEquals(new BudgetSnapshot(0, 160, 160, null, false), snapshot);
    assertNull(snapshot.resetsAt());
  }

  @Test
  @DisplayName("system calls (session, vehicle list) may use the system reserve; no other call can, user or not")
  void systemReserveIsKeptForSessionAndVehicleList() {
    ApiBudget budget = new ApiBudget(clock, 20, 4, 5, BERLIN);
    assertEquals(5, budget.systemReserve());
    for (int i = 0; i < 15; i++) {
      assertEquals(ALLOWED, budget.tryAcquire(CallKind.CACHED_STATUS, true), "user call " + i);
    }
    assertEquals(BUDGET, budget.tryAcquire(CallKind.CACHED_STATUS, true), "commands stop 5 calls short of the cap");
    assertEquals(BUDGET, budget.tryAcquire(CallKind.FORCE_STATUS, true));
    assertFalse(budget.canAfford(1, true));
    assertFalse(budget.snapshot().exhausted(), "commands alone never exhaust the budget");
    assertEquals(ALLOWED, budget.tryAcquire(CallKind.VEHICLE_LIST, false), "vehicle list at start");
    for (CallKind session : List.of(CallKind.DEVICE_REGISTRATION, CallKind.LOGIN, CallKind.LOGIN, CallKind.TOKEN_REFRESH)) {
      assertEquals(ALLOWED, budget.tryAcquire(session, true), session.name());
    }
    assertEquals(BUDGET, budget.tryAcquire(CallKind.LOGIN, false), "the cap itself still holds");
  }

  @Test
  @DisplayName("background work leaves both reserves; the reserves are clamped so work still runs")
  void backgroundLeavesBothReserves() {
    ApiBudget budget = new ApiBudget(clock, 20, 100, 100, BERLIN);
    assertEquals(5, budget.systemReserve(), "a quarter of the cap");
    assertEquals(7, budget.reserve(), "half of what the system reserve leaves");
    for (int i = 0; i < 8; i++) {
      assertEquals(ALLOWED, budget.tryAcquire(CallKind.CACHED_STATUS, false), "background call " + i);
    }
    assertEquals(BUDGET, budget.tryAcquire(CallKind.CACHED_STATUS, false));
    assertEquals(ALLOWED, budget.tryAcquire(CallKind.CACHED_STATUS, true));
  }

  @Test
  @DisplayName("clock corrected 3 h backwards: a call counts 24 h from the corrected now, not 27 h")
  void futureCallTimesAreTakenAsNow() {
    ApiBudget budget = budget(1, 0);
    assertEquals(ALLOWED, budget.tryAcquire(CallKind.CACHED_STATUS, true));
    clock.advance(Duration.ofHours(-3));
    assertEquals(BUDGET, budget.tryAcquire(CallKind.CACHED_STATUS, true));
    clock.advance(Duration.ofHours(24));
    assertEquals(ALLOWED, budget.tryAcquire(CallKind.CACHED_STATUS, true), "the call left the window");
  }
}
