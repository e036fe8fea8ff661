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
  private Consumer<WakeRecord> recordListener = wake -> { };

  public WakeAudit(Clock clock, ZoneId zone) {
    this.clock = Objects.requireNonNull(clock);
    this.zone = Objects.requireNonNull(zone);
  }

  /** Called after every recorded wake with the vehicle's new record (publish + persist). */
  public synchronized void onRecorded(Consumer<WakeRecord> listener) {
    this.recordListener = Objects.requireNonNull(listener);
  }

  /** A car-waking call for {@code vehicleId} was sent now. */
  public synchronized WakeRecord record(String vehicleId) {
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

  /** When the vehicle was last woken by the bridge. */
  public synchronized Optional<Instant> lastWake(String vehicleId) {
    Entry entry = entries.get(vehicleId);
    return entry == null ? Optional.empty() : Optional.of(entry.last());
  }

  /** The state to persist. */
  synchronized Map<String, Entry> persistedState() {
    return Map.copyOf(entries);
  }

  /** Restores persisted state (at start). Ids that are not valid vehicle ids are skipped. */
  synchronized void restore(Map<String, Entry> state) {
    state.forEach((id, entry) -> {
      if (VehicleIds.isValid(id)) {
        entries.put(id, entry);
      }
    });
  }

  private static WakeRecord view(String vehicleId, Entry entry, LocalDate today) {
    if (entry == null) {
      return new WakeRecord(vehicleId, 0, 0, null);
    }
    return new WakeRecord(vehicleId, today.equals(entry.day()) ? entry.today() : 0, entry.total(), entry.last());
  }

  /**
   * One vehicle's counters.
   *
   * @param day the local day {@code today} counts
   */
  record Entry(LocalDate day, int today, long total, Instant last) {
  }
}
