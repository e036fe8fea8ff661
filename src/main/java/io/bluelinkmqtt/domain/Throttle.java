package io.bluelinkmqtt.domain;

/** Which rule may refuse or answer a command before its upstream operation runs; each command type declares one. */
public enum Throttle {
  /** Reads the cloud's copy; the read window may answer it from the car's last read, nothing refuses it. */
  READ_WINDOW,
  /** Wakes the car: asks the wake policy first (minimum interval, 12 V floor, quiet hours, budget). */
  WAKE_POLICY,
  /** Read window first; asks the wake policy only when the data it got is older than the command's maximum age. */
  WAKE_POLICY_WHEN_STALE,
  /**
   * A remote action: the action policy (a PIN configured, {@code actions.allowed}, what the car is known not to
   * support, a wrong PIN's lockout) and the budget; not the wake policy, the owner asked for this one.
   */
  ACTION_POLICY
}
