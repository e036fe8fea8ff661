package io.bluelinkmqtt.sim;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The scripted faults of one simulator. Each incoming call takes the oldest matching fault; a fault
 * limited to N calls disappears after the N-th. Thread-safe: tests add faults while the server runs.
 */
public final class Faults {

  private final List<Slot> slots = new ArrayList<>();

  /** Adds a fault; it applies to matching calls from now on. */
  public synchronized Faults add(Fault fault) {
    slots.add(new Slot(fault, fault.times()));
    return this;
  }

  /** Removes every fault. */
  public synchronized void clear() {
    slots.clear();
  }

  /** Removes the faults scoped to one endpoint (and those scoped to all endpoints stay). */
  public synchronized void clear(SimEndpoint endpoint) {
    slots.removeIf(slot -> slot.fault.endpoint() == endpoint);
  }

  /** The faults still in force. */
  public synchronized List<Fault> active() {
    return slots.stream().map(slot -> slot.fault).toList();
  }

  /** Consumes one use of the first fault matching the call, if any. */
  synchronized Optional<Fault> take(SimEndpoint endpoint, String vehicleId) {
    Iterator<Slot> it = slots.iterator();
    while (it.hasNext()) {
      Slot slot = it.next();
      if (slot.fault.matches(endpoint, vehicleId)) {
        if (slot.remaining != Fault.UNTIL_CLEARED && --slot.remaining == 0) {
          it.remove();
        }
        return Optional.of(slot.fault);
      }
    }
    return Optional.empty();
  }

  private static final class Slot {
    private final Fault fault;
    private int remaining;

    private Slot(Fault fault, int remaining) {
      this.fault = fault;
      this.remaining = remaining;
    }
  }
}
