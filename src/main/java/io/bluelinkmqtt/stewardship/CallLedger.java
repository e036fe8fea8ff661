package io.bluelinkmqtt.stewardship;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The times of the upstream calls made over the last 24 hours. A call made at {@code t} counts until
 * {@code t + 24 h} (exclusive). Not thread-safe: owned by {@link ApiBudget}.
 */
final class CallLedger {

  static final Duration WINDOW = Duration.ofHours(24);

  /** Epoch milliseconds, oldest first. */
  private final Deque<Long> calls = new ArrayDeque<>();

  void record(Instant at) {
    long millis = at.toEpochMilli();
    // A clock that stepped back leaves an older time behind a newer one; keep the deque sorted.
    if (!calls.isEmpty() && calls.peekLast() > millis) {
      List<Long> sorted = new ArrayList<>(calls);
      sorted.add(millis);
      sorted.sort(Long::compare);
      calls.clear();
      calls.addAll(sorted);
    } else {
      calls.addLast(millis);
    }
  }

  /** Calls that still count at {@code now}. */
  int count(Instant now) {
    prune(now);
    return calls.size();
  }

  /** When the oldest counted call leaves the window, if any call counts. */
  Optional<Instant> nextExpiry(Instant now) {
    prune(now);
    return calls.isEmpty() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(calls.peekFirst()).plus(WINDOW));
  }

  /** The counted call times, oldest first (for persistence). */
  List<Long> snapshot(Instant now) {
    prune(now);
    return List.copyOf(calls);
  }

  /**
   * A call time after now (the clock was corrected backwards, or a restored file came from a clock that ran
   * ahead) is taken as now: it counts for 24 h from now, not for 24 h plus however far the clock was off.
   */
  private void clampFuture(long nowMillis) {
    int clamped = 0;
    while (!calls.isEmpty() && calls.peekLast() > nowMillis) {
      calls.removeLast();
      clamped++;
    }
    for (int i = 0; i < clamped; i++) {
      calls.addLast(nowMillis);
    }
  }

  private void prune(Instant now) {
    clampFuture(now.toEpochMilli());
    long cutoff = now.minus(WINDOW).toEpochMilli();
    while (!calls.isEmpty() && calls.peekFirst() <= cutoff) {
      calls.removeFirst();
    }
  }
}
