package io.bluelinkmqtt.command;

/**
 * Timers of the {@link CommandVerticle}.
 *
 * @param sendTimeoutMs event-bus timeout of an API request; must exceed the API's force deadline
 *     ({@code api.forceDeadlineMs}, 120 s by default): the car's lane answers every request within it of the
 *     request's arrival, waiting and joining included, so the API answers before we give up
 * @param vehiclesRetryBaseMs first delay before asking for the vehicle list again (doubles per attempt)
 * @param vehiclesRetryCapMs longest delay between vehicle-list attempts
 * @param shutdownGraceMs how long stop() waits for refreshes in flight before answering them "shutdown"
 */
public record CommandTimings(long sendTimeoutMs, long vehiclesRetryBaseMs, long vehiclesRetryCapMs,
                             long shutdownGraceMs) {

  /** Margin of the send timeout over the API's force deadline. */
  public static final long SEND_TIMEOUT_MARGIN_MS = 30_000;

  /** 150 s send timeout (the default force deadline of 120 s + 30 s), retries 1 s doubling to 60 s, 5 s grace. */
  public static final CommandTimings DEFAULTS = forForceDeadline(120_000);

  /** The defaults with a send timeout of the API's force deadline plus {@link #SEND_TIMEOUT_MARGIN_MS}. */
  public static CommandTimings forForceDeadline(long forceDeadlineMs) {
    return new CommandTimings(forceDeadlineMs + SEND_TIMEOUT_MARGIN_MS, 1_000, 60_000, 5_000);
  }
}
