package io.bluelinkmqtt.api;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Asked before every upstream HTTP call. The stewardship budget implements it; the client never
 * sends a call this refuses.
 */
public interface CallBudget {

  /**
   * Takes one call from the budget.
   *
   * @param kind what the call is; {@linkplain CallKind#system() system calls} (session, vehicle list) may use
   *     the whole budget, every other call leaves the system reserve untouched
   * @param userInitiated true for a user's command, false for start-up or internal work (which may not use the
   *     user reserve either)
   * @return empty when the call may be made; else the reason it may not (e.g. "budget")
   */
  Optional<String> tryAcquire(CallKind kind, boolean userInitiated);

  /** What the cloud's {@code x-ratelimit-*} headers said, when it sent them; trusted over our own count. */
  void observeRateLimit(OptionalLong limit, OptionalLong remaining, OptionalLong resetEpochSeconds);

  /** The cloud answered 5091 (daily quota exhausted): nothing more until the window resets. */
  void markExhausted();

  /** A budget that allows everything (tests of other concerns, and before stewardship is configured). */
  CallBudget UNLIMITED = new CallBudget() {
    @Override
    public Optional<String> tryAcquire(CallKind kind, boolean userInitiated) {
      return Optional.empty();
    }

    @Override
    public void observeRateLimit(OptionalLong limit, OptionalLong remaining, OptionalLong resetEpochSeconds) {
    }

    @Override
    public void markExhausted() {
    }
  };
}
