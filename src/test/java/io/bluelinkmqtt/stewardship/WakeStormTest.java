package io.bluelinkmqtt.stewardship;

import io.bluelinkmqtt.testsupport.TestClock;
import static io.bluelinkmqtt.stewardship.TestVehicles.CAR1;
import static io.bluelinkmqtt.stewardship.TestVehicles.CAR2;
import static io.bluelinkmqtt.stewardship.TestVehicles.withAuxBattery;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.api.CallKind;
import io.bluelinkmqtt.api.WakePolicy;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.VehicleData;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reliability case 21(a) at unit level: a storm of forced refreshes from several publishers for two cars
 * over 10 simulated minutes, decided by the policy and paid from the budget the way the client does it.
 * Seeds are random per run and logged; rerun one with {@code -Dstorm.seed=N}.
 */
class WakeStormTest {

  private static final Logger LOG = LoggerFactory.getLogger(WakeStormTest.class);
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Instant START = Instant.parse("2026-03-10T09:00:00Z");
  private static final long STORM_SECONDS = 600;
  private static final int REQUESTS = 1000;
  private static final int PUBLISHERS = 5;
  private static final int CALLS_PER_FORCE = 3;
  private static final Set<String> RULES =
      Set.of(WakePolicy.BUDGET, WakePolicy.AUX_BATTERY, WakePolicy.MIN_INTERVAL, WakePolicy.QUIET_HOURS);
  private static final List<Integer> AUX_LEVELS = java.util.Arrays.asList(null, 30, 49, 50, 75, 95);

  /** One force request from one publisher. */
  private record Request(long atMillis, int publisher, Vehicle vehicle, VehicleData lastKnown, boolean override) {
  }

  @ParameterizedTest(name = "cap {0}, min interval {1} s")
  @CsvSource({"160, 60", "160, 900", "20, 30", "40, 45"})
  void stormNeverWakesMoreThanThePolicyAllows(int cap, long intervalSeconds) {
    long baseSeed = Long.getLong("storm.seed", new Random().nextLong());
    for (int run = 0; run < 10; run++) {
      long seed = baseSeed + run;
      LOG.info("Wake storm cap {} interval {} s seed {}", cap, intervalSeconds, seed);
      storm(cap, intervalSeconds, seed);
    }
  }

  private void storm(int cap, long intervalSeconds, long seed) {
    TestClock clock = new TestClock(START);
    ApiBudget budget = new ApiBudget(clock, cap, 0, BERLIN);
    WakeAudit audit = new WakeAudit(clock, BERLIN);
    StewardWakePolicy policy = new StewardWakePolicy(clock, budget, audit, 50, Duration.ofSeconds(intervalSeconds),
        Optional.empty(), CALLS_PER_FORCE);

    List<Request> requests = interleavedRequests(new Random(seed));
    Map<String, List<Instant>> wakes = new HashMap<>();
    Map<String, Integer> denials = new HashMap<>();
    int decisions = 0;
    for (Request request : requests) {
      clock.set(START.plusMillis(request.atMillis()));
      Optional<String> denial = policy.check(request.vehicle(), request.lastKnown(), request.override());
      decisions++;
      if (denial.isPresent()) {
        assertTrue(RULES.contains(denial.get()), "seed " + seed + ": unnamed denial " + denial.get());
        denials.merge(denial.get(), 1, Integer::sum);
        continue;
      }
      Integer level = request.lastKnown().auxBatteryLevel();
      assertFalse(!request.override() && level != null && level < 50, "seed " + seed + ": woke a car with low 12 V");
      // What the client does with an allowed force: the wake call, then its follow-up reads.
      assertEquals(Optional.empty(), budget.tryAcquire(CallKind.FORCE_STATUS, true), "seed " + seed);
      policy.recordWake(request.vehicle());
      for (int read = 1; read < CALLS_PER_FORCE; read++) {
        assertEquals(Optional.empty(), budget.tryAcquire(CallKind.CACHED_STATUS, true),
            "seed " + seed + ": the follow-up reads of an allowed force must fit in the budget");
      }
      wakes.computeIfAbsent(request.vehicle().id(), id -> new ArrayList<>()).add(clock.instant());
    }

    assertEquals(REQUESTS, decisions);
    int allowed = wakes.values().stream().mapToInt(List::size).sum();
    assertEquals(REQUESTS, allowed + denials.values().stream().mapToInt(Integer::intValue).sum(), "one decision each");
    long perCarCeiling = STORM_SECONDS / intervalSeconds + 1;
    for (Vehicle car : List.of(CAR1, CAR2)) {
      List<Instant> times = wakes.getOrDefault(car.id(), List.of());
      assertTrue(times.size() <= perCarCeiling, "seed " + seed + ": " + car.id() + " woken " + times.size() + " times");
      for (int i = 1; i < times.size(); i++) {
        assertTrue(!times.get(i).isBefore(times.get(i - 1).plusSeconds(intervalSeconds)),
            "seed " + seed + ": wakes closer than the interval");
      }
      assertEquals(times.size(), audit.get(car.id()).total(), "the audit counts every wake");
    }
    assertTrue(budget.snapshot().used() <= cap, "seed " + seed + ": budget overrun");
    assertEquals(allowed * CALLS_PER_FORCE, budget.snapshot().used());
    assertTrue(allowed >= 1, "seed " + seed + ": the storm should let at least one force through");
    if (cap / CALLS_PER_FORCE < 2 * perCarCeiling) {
      assertTrue(denials.getOrDefault(WakePolicy.BUDGET, 0) > 0, "seed " + seed + ": a tight budget must deny");
    }
    LOG.info("seed {}: {} forces allowed ({}), denials {}, {} calls used", seed, allowed,
        wakes.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().size()).sorted().toList(), denials,
        budget.snapshot().used());
  }

  /** 1 000 requests spread over 5 publishers, each with its own random times, merged by time. */
  private static List<Request> interleavedRequests(Random random) {
    List<Request> requests = new ArrayList<>();
    for (int i = 0; i < REQUESTS; i++) {
      int publisher = i % PUBLISHERS;
      long at = (long) (random.nextDouble() * STORM_SECONDS * 1000);
      Vehicle car = random.nextBoolean() ? CAR1 : CAR2;
      Integer level = AUX_LEVELS.get(random.nextInt(AUX_LEVELS.size()));
      requests.add(new Request(at, publisher, car, withAuxBattery(level), random.nextInt(5) == 0));
    }
    requests.sort(Comparator.comparingLong(Request::atMillis).thenComparingInt(Request::publisher));
    return requests;
  }
}
