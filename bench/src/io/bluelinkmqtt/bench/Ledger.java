package io.bluelinkmqtt.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Shared bookkeeping of one run: the vehicles, every command by correlation id, and per vehicle the
 * latest command sent (to which data topics and simulator calls of that vehicle are attributed).
 */
final class Ledger {

  final List<String> vehicleIds;
  private final Map<String, Integer> indexById = new ConcurrentHashMap<>();
  private final AtomicReferenceArray<Command> latest;
  final Map<String, Command> commands = new ConcurrentHashMap<>();
  final AtomicLong publishFailures = new AtomicLong();
  final AtomicLong unmatchedResults = new AtomicLong();
  final AtomicLong unattributedSimCalls = new AtomicLong();
  /** Non-retained messages on vehicle topics (commands excluded), for MQTT messages per read. */
  final AtomicLong vehicleMessages = new AtomicLong();
  /** Arrival (ns) of the first non-retained battery/level per vehicle since the last clear, for "start to cars on MQTT". */
  final Map<String, Long> firstMessageNanos = new ConcurrentHashMap<>();
  /** Broker round trips of the ping messages sent during the run (publish to own receipt), in ns. */
  final ConcurrentLinkedQueue<Long> brokerRoundTrips = new ConcurrentLinkedQueue<>();

  Ledger(List<String> vehicleIds) {
    this.vehicleIds = List.copyOf(vehicleIds);
    for (int i = 0; i < vehicleIds.size(); i++) {
      indexById.put(vehicleIds.get(i), i);
    }
    this.latest = new AtomicReferenceArray<>(vehicleIds.size());
  }

  /** Index of a vehicle id, -1 for one the run does not know. */
  int indexOf(String vehicleId) {
    Integer index = indexById.get(vehicleId);
    return index == null ? -1 : index;
  }

  void sent(Command command) {
    commands.put(command.id, command);
    latest.set(command.vehicle, command);
  }

  Command latestFor(int vehicle) {
    return vehicle < 0 ? null : latest.get(vehicle);
  }

  /** Forgets everything recorded so far (between the steps of a max-rate search). */
  void clear() {
    commands.clear();
    for (int i = 0; i < latest.length(); i++) {
      latest.set(i, null);
    }
    brokerRoundTrips.clear();
    publishFailures.set(0);
    unmatchedResults.set(0);
    unattributedSimCalls.set(0);
    vehicleMessages.set(0);
    firstMessageNanos.clear();
  }
}
