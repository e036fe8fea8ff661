package io.bluelinkmqtt.stewardship;

import io.bluelinkmqtt.domain.VehicleIds;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Counts the car-waking calls per vehicle: today (local day in the configured zone) and in total, and when
 * the last one was, so users can answer "is it my bridge waking the car?". Its last-wake time also drives
 * the minimum-interval rule, so that rule survives restarts.
 *
 * <p>Threading: meant for one event loop; methods are synchronised as cheap insurance.
 */
public final class WakeAudit {

  private final Clock clock;
  private final ZoneId zone;
  private final Map<String, Entry> entries = new TreeMap<>();
  /** What the last wake of each car was for, since start; one entry per car of the account. */
  private final Map<String, String> causes = new java.util.HashMap<>();
  /** A wake assumed for every car without a record of its own (the audit file was lost); null when none. */
  private Instant assumedWake;
  private Consumer<WakeRecord> recordListener = wake -> { };

  public WakeAudit(Clock clock, ZoneId zone) {
    this.clock = Objects.requireNonNull(clock);
    this.zone = Objects.requireNonNull(zone);
  }

  /** Called after every recorded wake with the vehicle's new record (publish + persist). */
  public synchronized void onRecorded(Consumer<WakeRecord> listener) {
    this.recordListener = Objects.requireNonNull(listener);
  }

  /** A forced refresh of {@code vehicleId} was sent now (the record's {@code lastCause} is null). */
  public synchronized WakeRecord record(String vehicleId) {
    return record(vehicleId, null);
  }

  /**
   * A car-waking call for {@code vehicleId} was sent now; {@code cause} names the remote action that sent it, null
   * for a forced refresh (kept in memory, not in the file).
   */
  public synchronized WakeRecord record(String vehicleId, String cause) {
    if (cause == null) {
      causes.remove(vehicleId);
    } else {
      causes.put(vehicleId, cause);
    }
    VehicleIds.require(vehicleId);
    Instant now = clock.instant();
    LocalDate day = now.atZone(zone).toLocalDate();
    Entry old = entries.get(vehicleId);
    int today = old != null && day.equals(old.day()) ? old.today() + 1 : 1;
    long total = old == null ? 1 : old.total() + 1;
    entries.put(vehicleId, new Entry(day, today, total, now));
    WakeRecord record = view(vehicleId, entries.get(vehicleId), day);
    recordListener.accept(record);
    return record;
  }

  /** The vehicle's record now (today is 0 once the local day has changed since its last wake). */
  public synchronized WakeRecord get(String vehicleId) {
    return view(vehicleId, entries.get(vehicleId), clock.instant().atZone(zone).toLocalDate());
  }

  /** Every vehicle with at least one recorded wake, by id. */
  public synchronized List<WakeRecord> all() {
    LocalDate day = clock.instant().atZone(zone).toLocalDate();
    List<WakeRecord> records = new ArrayList<>();
    entries.forEach((id, entry) -> records.add(view(id, entry, day)));
    return records;
  }

  /**
   * When the vehicle was last woken by the bridge (or the wake assumed after the audit was lost). A time
   * after now (the clock was corrected backwards) is stored as now, so the interval rule counts from now
   * instead of from a moment hours ahead.
   */
  public synchronized Optional<Instant> lastWake(String vehicleId) {
    Instant now = clock.instant();
    Entry entry = entries.get(vehicleId);
    if (entry == null) {
      if (assumedWake != null && assumedWake.isAfter(now)) {
        assumedWake = now;
      }
      return Optional.ofNullable(assumedWake);
    }
    if (entry.last().isAfter(now)) {
      entry = entry.withLast(now);
      entries.put(vehicleId, entry);
    }
    return Optional.of(entry.last());
  }

  /**
   * The audit file was damaged and no readable copy was left: take it that every car was woken just now,
   * so the minimum interval holds instead of starting from a clean slate.
   */
  synchronized void assumeWakeNow() {
    assumedWake = clock.instant();
  }

  /** The state to persist. */
  synchronized PersistedAudit persistedState() {
    return new PersistedAudit(Map.copyOf(entries), assumedWake);
  }

  /**
   * Restores persisted state (at start). Ids that are not valid vehicle ids are skipped; a last wake after
   * now is taken as now.
   */
  synchronized void restore(PersistedAudit state) {
    Instant now = clock.instant();
    state.entries().forEach((id, entry) -> {
      if (VehicleIds.isValid(id)) {
        entries.put(id, entry.last().isAfter(now) ? entry.withLast(now) : entry);
      }
    });
    if (state.assumedWake() != null) {
      assumedWake = state.assumedWake().isAfter(now) ? now : state.assumedWake();
    }
  }

  private WakeRecord view(String vehicleId, Entry entry, LocalDate today) {
    if (entry == null) {
      return new WakeRecord(vehicleId, 0, 0, null);
    }
    return new WakeRecord(vehicleId, today.equals(entry.day()) ? entry.today() : 0, entry.total(), entry.last(),
        causes.get(vehicleId));
  }

  /**
   * One vehicle's counters.
   *
   * @param day the local day {@code today} counts
   */
  record Entry(LocalDate day, int today, long total, Instant last) {
    Entry withLast(Instant at) {
      return new Entry(day, today, total, at);
    }
  }

  /**
   * The audit as it is written to {@code wake-audit.json}.
   *
   * @param assumedWake the wake assumed for cars without a record after the file was lost; null when none
   */
  record PersistedAudit(Map<String, Entry> entries, Instant assumedWake) {
  }
}
