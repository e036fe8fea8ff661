package io.bluelinkmqtt.testsupport;

import io.bluelinkmqtt.api.CallBudget;
import io.bluelinkmqtt.api.CallKind;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A budget for client tests: records what it was asked and can be told to refuse. */
public final class RecordingBudget implements CallBudget {

  public final List<CallKind> acquired = new CopyOnWriteArrayList<>();
  public final AtomicInteger exhaustedMarks = new AtomicInteger();
  public final List<OptionalLong> remainingSeen = new CopyOnWriteArrayList<>();
  public volatile boolean refuseAll;
  public volatile boolean refuseForce;

  @Override
  public Optional<String> tryAcquire(CallKind kind, boolean userInitiated) {
    if (refuseAll || (refuseForce && kind.wakesCar())) {
      return Optional.of("budget");
    }
    acquired.add(kind);
    return Optional.empty();
  }

  @Override
  public void observeRateLimit(OptionalLong limit, OptionalLong remaining, OptionalLong resetEpochSeconds) {
    remainingSeen.add(remaining);
  }

  @Override
  public void markExhausted() {
    exhaustedMarks.incrementAndGet();
  }
}
