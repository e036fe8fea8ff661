package io.bluelinkmqtt.sim;

/** What a simulated car makes of the next actions it is sent (§6.1 action status records). */
public enum SimActionOutcome {
  /** The car does it after the action delay: its state changes, the record says {@code success}. */
  SUCCESS,
  /** The car refuses it: the record says {@code fail}, nothing changes. */
  FAIL,
  /** The car never answers the cloud: the record says {@code non-response} after the delay. */
  NON_RESPONSE,
  /** Nobody ever answers: the record stays {@code null} (pending) for good. */
  NEVER;

  /**
   * The record's result once the car answered ({@link #NEVER} never gets here): a charge start on an unplugged car
   * fails whatever the outcome says.
   */
  String result(boolean chargeStart, SimCar car) {
    return switch (this) {
      case SUCCESS -> chargeStart && !car.plugged() ? "fail" : "success";
      case FAIL -> "fail";
      default -> "non-response";
    };
  }
}
