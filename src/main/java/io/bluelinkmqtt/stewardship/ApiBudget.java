package io.bluelinkmqtt.stewardship;

import io.bluelinkmqtt.api.CallBudget;
import io.bluelinkmqtt.api.CallKind;
import io.bluelinkmqtt.api.WakePolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The account's call budget: every upstream call (logins included) is counted over a rolling 24 h window
 * and refused beyond the cap. The last {@code systemReserve} calls are kept for the session (login, token
 * renewal) and the vehicle list, which no command can spend; above them, the last {@code userReserve} calls
 * are kept for user commands. So a storm of commands can never leave the bridge unable to log in or to
 * load its vehicle list, and the budget a command can reach is never "exhausted" by commands alone.
 *
 * <p>The cloud's {@code x-ratelimit-*} headers are trusted over our count, but can only make the budget
 * stricter: while an observation is current, the calls left are the fewer of ours and the cloud's
 * (its remaining minus our calls since). Our cap stays a hard ceiling because the cloud's window (daily,
 * undocumented reset time) differs from ours. {@code remaining = 0} in the headers, and a 5091 answer,
 * stop every call until the cloud's reset time; when the cloud gave none, until the next local midnight in
 * the configured zone, but at least one hour (the quota is "per day" without a documented reset).
 *
 * <p>Threading: meant for one event loop (the API verticle's); methods are synchronised as cheap
 * insurance. Listeners run on the calling thread.
 */
public final class ApiBudget implements CallBudget {

  /** A pause after exhaustion never ends sooner than this when the cloud did not say when it resets. */
  static final Duration MIN_EXHAUSTED_PAUSE = Duration.ofHours(1);
  /** {@code x-ratelimit-reset} below this is read as seconds from now, not epoch seconds. */
  private static final long EPOCH_SECONDS_THRESHOLD = 1_000_000_000L;
  private static final Logger LOG = LoggerFactory.getLogger(ApiBudget.class);

  private final Clock clock;
  private final ZoneId zone;
  private final int cap;
  private final int reserve;
  private final int systemReserve;
  private final CallLedger ledger = new CallLedger();
  private CloudObservation cloud;
  private Instant exhaustedUntil;
  private Consumer<BudgetSnapshot> snapshotListener = snapshot -> { };
  private Runnable stateListener = () -> { };
  private BudgetSnapshot lastSnapshot;

  /** A budget without a system reserve. */
  public ApiBudget(Clock clock, int cap, int userReserve, ZoneId zone) {
    this(clock, cap, userReserve, 0, zone);
  }

  /**
   * @param cap calls allowed per rolling 24 h (see {@link RegionQuota#effectiveCap})
   * @param userReserve calls kept for user commands; clamped to half of what the system reserve leaves, so
   *     background work still runs
   * @param systemReserve calls kept for the session and the vehicle list; clamped to a quarter of the cap
   * @param zone the owner's zone, for the fallback reset at local midnight
   */
  public ApiBudget(Clock clock, int cap, int userReserve, int systemReserve, ZoneId zone) {
    if (cap < 1) {
      throw new IllegalArgumentException("cap must be positive");
    }
    this.clock = Objects.requireNonNull(clock);
    this.zone = Objects.requireNonNull(zone);
    this.cap = cap;
    this.systemReserve = Math.max(0, Math.min(systemReserve, cap / 4));
    this.reserve = Math.max(0, Math.min(userReserve, (cap - this.systemReserve) / 2));
  }

  /** Called with the new snapshot whenever it differs from the last one reported (at most once per call). */
  public synchronized void onSnapshotChanged(Consumer<BudgetSnapshot> listener) {
    this.snapshotListener = Objects.requireNonNull(listener);
  }

  /** Called whenever the persisted state changed (a call counted, headers seen, exhaustion). */
  public synchronized void onStateChanged(Runnable listener) {
    this.stateListener = Objects.requireNonNull(listener);
  }

  @Override
  public synchronized Optional<String> tryAcquire(CallKind kind, boolean userInitiated) {
    Instant now = clock.instant();
    int left = remaining(now);
    int needed = 1 + kept(kind.system(), userInitiated);
    if (left < needed) {
      LOG.debug("Call {} refused by the budget (user {}, {} left, reserves {} + {})", kind, userInitiated, left,
          reserve, systemReserve);
      reportSnapshot(now);
      return Optional.of(WakePolicy.BUDGET);
    }
    ledger.record(now);
    if (cloud != null) {
      cloud = cloud.afterOneCall();
    }
    stateListener.run();
    reportSnapshot(now);
    return Optional.empty();
  }

  /**
   * True when {@code calls} more non-system calls fit in the budget now, without taking them (a force must
   * fit with its follow-up reads before the car is woken).
   */
  public synchronized boolean canAfford(int calls, boolean userInitiated) {
    return remaining(clock.instant()) >= calls + kept(false, userInitiated);
  }

  /** The calls a call of this sort must leave untouched. */
  private int kept(boolean systemCall, boolean userInitiated) {
    if (systemCall) {
      return 0;
    }
    return systemReserve + (userInitiated ? 0 : reserve);
  }

  @Override
  public synchronized void observeRateLimit(OptionalLong limit, OptionalLong remaining, OptionalLong resetEpochSeconds) {
    if (remaining.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    Instant reset = resetEpochSeconds.isPresent() ? resetTime(resetEpochSeconds.getAsLong(), now) : null;
    if (reset == null || !reset.isAfter(now)) {
      reset = fallbackReset(now);
    }
    cloud = new CloudObservation(limit.isPresent() ? limit.getAsLong() : null, remaining.getAsLong(), reset, 0);
    if (remaining.getAsLong() <= 0) {
      exhaust(now, reset, "the cloud reports 0 calls remaining");
    }
    stateListener.run();
    reportSnapshot(now);
  }

  @Override
  public synchronized void markExhausted() {
    Instant now = clock.instant();
    Instant until = cloud != null && cloud.resetAt().isAfter(now) ? cloud.resetAt() : fallbackReset(now);
    exhaust(now, until, "the cloud answered 5091 (daily quota exceeded)");
    stateListener.run();
    reportSnapshot(now);
  }

  /** Reports the snapshot if time alone changed it (a pause ended, calls left the window). */
  public synchronized void refresh() {
    reportSnapshot(clock.instant());
  }

  /** The budget as it stands now. */
  public synchronized BudgetSnapshot snapshot() {
    return snapshotAt(clock.instant());
  }

  /** The cap in force (configured or the region's default). */
  public int cap() {
    return cap;
  }

  /** The calls kept for user commands, after clamping. */
  public int reserve() {
    return reserve;
  }

  /** The calls kept for the session and the vehicle list, after clamping. */
  public int systemReserve() {
    return systemReserve;
  }

  /** The state to persist: counted call times, exhaustion, the last cloud observation. */
  synchronized PersistedBudget persistedState() {
    Instant now = clock.instant();
    return new PersistedBudget(ledger.snapshot(now), activeExhaustion(now), cloud);
  }

  /** Restores persisted state (at start, before any call); expired calls are dropped. */
  synchronized void restore(PersistedBudget state) {
    state.callTimes().forEach(millis -> ledger.record(Instant.ofEpochMilli(millis)));
    exhaustedUntil = state.exhaustedUntil();
    cloud = state.cloud();
    lastSnapshot = null;
  }

  /**
   * The budget file was lost (damaged, no readable copy): take it that everything but the system reserve was
   * spent evenly over the 24 h before {@code lastWritten}, the last moment the lost file can have counted a
   * call. Right after a write that leaves commands nothing; the calls then free one by one, and a file older
   * than 24 h assumes nothing. A time after now is taken as now.
   */
  synchronized void assumeSpentUntil(Instant lastWritten) {
    Instant now = clock.instant();
    Instant end = lastWritten.isAfter(now) ? now : lastWritten;
    int spendable = cap - systemReserve;
    long windowMillis = CallLedger.WINDOW.toMillis();
    Instant start = end.minus(CallLedger.WINDOW);
    for (int i = 1; i <= spendable; i++) {
      Instant at = start.plusMillis(windowMillis * i / spendable);
      if (at.isAfter(now.minus(CallLedger.WINDOW))) {
        ledger.record(at);
      }
    }
    lastSnapshot = null;
    LOG.warn("API budget state lost: assuming {} calls spent evenly up to {}; {} of {} count now", spendable, end,
        ledger.count(now), cap);
  }

  private void exhaust(Instant now, Instant until, String why) {
    if (exhaustedUntil == null || until.isAfter(exhaustedUntil)) {
      exhaustedUntil = until;
    }
    LOG.warn("API budget exhausted: {}; no upstream call until {}", why, exhaustedUntil);
  }

  private int remaining(Instant now) {
    if (activeExhaustion(now) != null) {
      return 0;
    }
    int left = cap - ledger.count(now);
    if (cloud != null && cloud.resetAt().isAfter(now)) {
      left = (int) Math.min(left, cloud.remaining() - cloud.callsSince());
    }
    return Math.max(0, left);
  }

  private Instant activeExhaustion(Instant now) {
    if (exhaustedUntil != null && !now.isBefore(exhaustedUntil)) {
      LOG.info("API budget pause ended at {}", exhaustedUntil);
      exhaustedUntil = null;
    }
    return exhaustedUntil;
  }

  private BudgetSnapshot snapshotAt(Instant now) {
    int left = remaining(now);
    int used = ledger.count(now);
    Instant resetsAt;
    Instant pause = activeExhaustion(now);
    boolean cloudLimits = cloud != null && cloud.resetAt().isAfter(now) && cloud.remaining() - cloud.callsSince() < cap - used;
    if (pause != null) {
      resetsAt = pause;
    } else if (cloudLimits) {
      resetsAt = cloud.resetAt();
    } else {
      resetsAt = ledger.nextExpiry(now).orElse(null);
    }
    return new BudgetSnapshot(used, cap, left, resetsAt, left == 0);
  }

  private void reportSnapshot(Instant now) {
    BudgetSnapshot current = snapshotAt(now);
    if (!current.equals(lastSnapshot)) {
      lastSnapshot = current;
      snapshotListener.accept(current);
    }
  }

  private static Instant resetTime(long headerValue, Instant now) {
    return headerValue < EPOCH_SECONDS_THRESHOLD ? now.plusSeconds(headerValue) : Instant.ofEpochSecond(headerValue);
  }

  /** The next local midnight in the owner's zone, but at least an hour from now. */
  Instant fallbackReset(Instant now) {
    LocalDate today = now.atZone(zone).toLocalDate();
    Instant midnight = today.plusDays(1).atStartOfDay(zone).toInstant();
    Instant earliest = now.plus(MIN_EXHAUSTED_PAUSE);
    return midnight.isBefore(earliest) ? earliest : midnight;
  }

  /**
   * The last {@code x-ratelimit-*} figures the cloud sent.
   *
   * @param limit the cloud's limit, when sent (informational)
   * @param remaining calls the cloud said were left
   * @param resetAt when the cloud's window resets (or our fallback when it did not say)
   * @param callsSince calls we made since the observation
   */
  record CloudObservation(Long limit, long remaining, Instant resetAt, int callsSince) {
    CloudObservation afterOneCall() {
      return new CloudObservation(limit, remaining, resetAt, callsSince + 1);
    }
  }

  /** The budget's state as it is written to {@code budget.json}. */
  record PersistedBudget(List<Long> callTimes, Instant exhaustedUntil, CloudObservation cloud) {
  }
}
