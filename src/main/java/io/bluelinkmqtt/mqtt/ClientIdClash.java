package io.bluelinkmqtt.mqtt;

/**
 * Recognises another client with our client id. MQTT 3.1.1 gives no reason when the broker closes a
 * session, but a takeover has a clear shape: the broker (not we) closes the connection cleanly (no socket
 * error) soon after accepting it, again and again, while the other client holds the id in between. After
 * {@link #QUICK_CLOSES} such closes in a row the clash is suspected; it is cleared once one connection
 * has lasted the stable time. Not thread-safe: the connection's event loop only.
 */
final class ClientIdClash {

  /** Consecutive quick, clean closes by the broker that make a clash. */
  static final int QUICK_CLOSES = 3;

  private final long stableMs;
  private int quickCloses;
  private boolean suspected;

  /** @param stableMs a connection that lasts this long is ours (two keep-alives, as for the backoff reset) */
  ClientIdClash(long stableMs) {
    this.stableMs = stableMs;
  }

  /**
   * The broker closed a connection we did not close.
   *
   * @param livedMs how long it lasted after the CONNACK
   * @param clean no socket error was reported (a takeover is an orderly close)
   * @return true when a clash is (still) suspected
   */
  boolean closedByBroker(long livedMs, boolean clean) {
    if (clean && livedMs < stableMs) {
      quickCloses++;
    } else {
      quickCloses = 0;
    }
    if (livedMs >= stableMs) {
      suspected = false;
    }
    if (quickCloses >= QUICK_CLOSES) {
      suspected = true;
    }
    return suspected;
  }

  /**
   * The current connection is still up after {@code livedMs}.
   *
   * @return true exactly when this clears a suspected clash
   */
  boolean stillUp(long livedMs) {
    if (livedMs < stableMs) {
      return false;
    }
    quickCloses = 0;
    boolean cleared = suspected;
    suspected = false;
    return cleared;
  }

  boolean suspected() {
    return suspected;
  }

  int quickCloses() {
    return quickCloses;
  }

  long stableMs() {
    return stableMs;
  }
}
