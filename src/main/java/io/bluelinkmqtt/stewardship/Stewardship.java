package io.bluelinkmqtt.stewardship;

import io.bluelinkmqtt.state.JsonStateFile;
import io.bluelinkmqtt.state.StateLoad;
import io.bluelinkmqtt.state.StateWriteWatch;
import io.bluelinkmqtt.api.CallBudget;
import io.bluelinkmqtt.api.WakePolicy;
import io.bluelinkmqtt.bus.Addresses;
import io.bluelinkmqtt.config.AppConfig.StewardshipConfig;
import io.bluelinkmqtt.domain.Region;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the call budget, the wake policy and the wake audit for one account, restores their state from
 * {@code <stateDir>/budget.json} and {@code <stateDir>/wake-audit.json}, writes every change back (mode 600,
 * on the worker pool {@value #WORKER_POOL}, never on the event loop) and publishes
 * {@link Addresses#API_BUDGET_CHANGED} and {@link Addresses#VEHICLE_WAKE_AUDIT_CHANGED}.
 *
 * <p>Create it in the API verticle's {@code start()} so the worker pool closes with the verticle; use
 * {@link #callBudget()} and {@link #wakePolicy()} from that verticle's event loop.
 */
public final class Stewardship {

  public static final String BUDGET_FILE = "budget.json";
  /** State files are written at most once a second; a crash loses at most that much of the newest counts. */
  static final long WRITE_SPACING_MS = 1000;
  public static final String WAKE_AUDIT_FILE = "wake-audit.json";
  static final String WORKER_POOL = "bluelink-stewardship";
  /** Timers never fire sooner than this, so a clock that lags the real one cannot make them spin. */
  private static final long MIN_TIMER_MS = 1000;
  private static final Logger LOG = LoggerFactory.getLogger(Stewardship.class);

  private final Vertx vertx;
  private final ApiBudget budget;
  private final WakeAudit audit;
  private final StewardWakePolicy policy;
  private final JsonStateFile budgetFile;
  private final JsonStateFile auditFile;
  private final WorkerExecutor executor;
  private final StateWriteWatch writeWatch;
  private final Clock clock;
  private final ZoneId zone;
  /** The account id its budget events carry when the bridge serves several accounts; "" for the single one. */
  private String accountId = "";
  private long budgetTimer = -1;
  private long midnightTimer = -1;

  private Stewardship(Vertx vertx, ApiBudget budget, WakeAudit audit, StewardWakePolicy policy,
                      JsonStateFile budgetFile, JsonStateFile auditFile, WorkerExecutor executor, Clock clock,
                      ZoneId zone) {
    this.vertx = vertx;
    this.budget = budget;
    this.audit = audit;
    this.policy = policy;
    this.budgetFile = budgetFile;
    this.auditFile = auditFile;
    this.executor = executor;
    this.writeWatch = new StateWriteWatch(vertx, budgetFile.path().toAbsolutePath().getParent());
    this.clock = clock;
    this.zone = zone;
  }

  /** {@link #start(Vertx, Region, StewardshipConfig, long, Path, Clock, int)} with the default force cost. */
  public static Future<Stewardship> start(Vertx vertx, Region region, StewardshipConfig config,
                                          long minForceIntervalSeconds, Path stateDir, Clock clock) {
    return start(vertx, region, config, minForceIntervalSeconds, stateDir, clock,
        StewardWakePolicy.DEFAULT_CALLS_PER_FORCE);
  }

  /**
   * Builds everything and restores the persisted state; completes once it is ready (the first budget
   * snapshot and every known wake record have been published).
   *
   * @param minForceIntervalSeconds {@code CommandConfig.minForceIntervalSeconds}
   * @param stateDir {@code ApiConfig.stateDir}
   * @param callsPerForce calls a forced refresh needs from the budget (the wake and its follow-up reads)
   */
  public static Future<Stewardship> start(Vertx vertx, Region region, StewardshipConfig config,
                                          long minForceIntervalSeconds, Path stateDir, Clock clock, int callsPerForce) {
    return start(vertx, region, config, minForceIntervalSeconds, stateDir, clock, callsPerForce, "");
  }

  /**
   * As {@link #start(Vertx, Region, StewardshipConfig, long, Path, Clock, int)}, for one of several accounts: its
   * budget events carry {@code "account": accountId} ("" for none).
   */
  public static Future<Stewardship> start(Vertx vertx, Region region, StewardshipConfig config,
                                          long minForceIntervalSeconds, Path stateDir, Clock clock, int callsPerForce,
                                          String accountId) {
    ZoneId zone = ZoneId.of(config.timeZone());
    ApiBudget budget = new ApiBudget(clock, RegionQuota.effectiveCap(config.dailyCallCap(), region),
        config.userReserve(), config.systemReserve(), zone);
    WakeAudit audit = new WakeAudit(clock, zone);
    StewardWakePolicy policy = new StewardWakePolicy(clock, budget, audit, config.auxBatteryFloorPercent(),
        Duration.ofSeconds(minForceIntervalSeconds),
        QuietHours.parse(config.quietHoursStart(), config.quietHoursEnd(), zone), callsPerForce);
    WorkerExecutor executor = vertx.createSharedWorkerExecutor(WORKER_POOL, 1);
    JsonStateFile budgetFile = new JsonStateFile(stateDir.resolve(BUDGET_FILE), executor, vertx, WRITE_SPACING_MS);
    JsonStateFile auditFile = new JsonStateFile(stateDir.resolve(WAKE_AUDIT_FILE), executor, vertx, WRITE_SPACING_MS);
    Stewardship stewardship = new Stewardship(vertx, budget, audit, policy, budgetFile, auditFile, executor,
        clock, zone);
    stewardship.accountId = accountId;
    LOG.info("Stewardship: cap {} calls/24 h (region {}), user reserve {}, system reserve {}, 12 V floor {} %, "
        + "min interval {} s, quiet hours {}", budget.cap(), region, budget.reserve(), budget.systemReserve(),
        config.auxBatteryFloorPercent(), minForceIntervalSeconds,
        QuietHours.parse(config.quietHoursStart(), config.quietHoursEnd(), zone).map(Object::toString).orElse("none"));
    return stewardship.restore().map(stewardship);
  }

  /** The budget the client asks before every upstream call. */
  public CallBudget callBudget() {
    return budget;
  }

  /** The same budget with its snapshot and {@code canAfford}. */
  public ApiBudget budget() {
    return budget;
  }

  /** The policy the client asks before every forced refresh. */
  public WakePolicy wakePolicy() {
    return policy;
  }

  public WakeAudit audit() {
    return audit;
  }

  /** Another state file in the same dir, written on the same worker pool (e.g. the saved vehicle list). */
  public JsonStateFile stateFile(String name) {
    return new JsonStateFile(budgetFile.path().resolveSibling(name), executor, vertx, WRITE_SPACING_MS);
  }

  /** Whether the state dir can be written; shared with the other state files of the API verticle. */
  public StateWriteWatch writeWatch() {
    return writeWatch;
  }

  /** Completes when the current state of both files is on disk. */
  public Future<Void> flush() {
    return Future.all(budgetFile.saveNow(() -> BudgetJson.toFile(budget.persistedState())),
        auditFile.saveNow(() -> WakeAuditJson.toFile(audit.persistedState()))).mapEmpty();
  }

  /** Stops the timers, flushes and releases the worker pool. */
  public Future<Void> close() {
    vertx.cancelTimer(budgetTimer);
    vertx.cancelTimer(midnightTimer);
    return flush().eventually(executor::close);
  }

  /**
   * Restores both files, or their last good copies. When neither is readable, the conservative state is
   * assumed and written at once, so a second restart cannot start from a clean slate either.
   */
  private Future<Void> restore() {
    Future<Void> budgetRestored = loadChecked(budgetFile, BudgetJson::fromFile).map(load -> {
      load.state().ifPresent(budget::restore);
      if (load.lost()) {
        budget.assumeSpentUntil(load.damagedAt());
        saveBudget();
      }
      return null;
    });
    Future<Void> auditRestored = loadChecked(auditFile, WakeAuditJson::fromFile).map(load -> {
      load.state().ifPresent(audit::restore);
      if (load.lost()) {
        LOG.warn("Wake audit lost: assuming every car was woken just now, so the minimum interval holds");
        audit.assumeWakeNow();
        saveAudit();
      }
      return null;
    });
    return Future.all(budgetRestored, auditRestored).map(done -> {
      wireListeners();
      publishBudget(budget.snapshot());
      publishAllWakes();
      return null;
    });
  }

  /** A file that cannot even be read (nor moved aside) counts as lost just now. */
  private <T> Future<StateLoad<T>> loadChecked(JsonStateFile file, Function<JsonObject, T> parser) {
    return file.loadChecked(parser).recover(err -> {
      LOG.warn("Cannot read state file {}: {}", file.path(), err.toString());
      return Future.succeededFuture(StateLoad.lost(clock.instant()));
    });
  }

  private void wireListeners() {
    budget.onStateChanged(this::saveBudget);
    budget.onSnapshotChanged(this::publishBudget);
    audit.onRecorded(record -> {
      publishWake(record);
      saveAudit();
    });
  }

  private void saveBudget() {
    watched(budgetFile, budgetFile.save(() -> BudgetJson.toFile(budget.persistedState())));
  }

  private void saveAudit() {
    watched(auditFile, auditFile.save(() -> WakeAuditJson.toFile(audit.persistedState())));
  }

  private void watched(JsonStateFile file, Future<Void> write) {
    write.onComplete(ar -> {
      if (ar.succeeded()) {
        writeWatch.written();
      } else {
        writeWatch.failed(file.path(), ar.cause());
      }
    });
  }

  /**
   * Publishes the budget; while it is exhausted, a timer republishes it when the pause ends, so the retained
   * topic does not keep saying "exhausted" until the next call.
   */
  private void publishBudget(BudgetSnapshot snapshot) {
    JsonObject event = BudgetJson.toEvent(snapshot);
    vertx.eventBus().publish(Addresses.API_BUDGET_CHANGED, accountId.isEmpty() ? event : event.put("account", accountId));
    armBudgetTimer(snapshot);
  }

  private void armBudgetTimer(BudgetSnapshot snapshot) {
    vertx.cancelTimer(budgetTimer);
    budgetTimer = -1;
    if (snapshot.exhausted() && snapshot.resetsAt() != null) {
      long delay = Math.max(MIN_TIMER_MS, Duration.between(clock.instant(), snapshot.resetsAt()).toMillis());
      budgetTimer = vertx.setTimer(delay, this::budgetTimerFired);
    }
  }

  private void budgetTimerFired(long timerId) {
    budget.refresh();
    if (budgetTimer == timerId) {
      // Nothing changed yet (the clock lags the timer): look again later.
      armBudgetTimer(budget.snapshot());
    }
  }

  /** Publishes every known audit, and again after the next local midnight (when "today" drops to 0). */
  private void publishAllWakes() {
    audit.all().forEach(this::publishWake);
    Instant now = clock.instant();
    Instant midnight = now.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
    long delay = Math.max(MIN_TIMER_MS, Duration.between(now, midnight).toMillis() + MIN_TIMER_MS);
    midnightTimer = vertx.setTimer(delay, id -> publishAllWakes());
  }

  private void publishWake(WakeRecord record) {
    vertx.eventBus().publish(Addresses.VEHICLE_WAKE_AUDIT_CHANGED, WakeAuditJson.toEvent(record));
  }
}
