package io.bluelinkmqtt.bus;

/**
 * A failure with a {@link Failure} code and a message that is safe to show to users (it never
 * holds a secret, a token or a raw upstream body). No stack trace is filled: these are expected
 * outcomes, not bugs.
 */
public class BridgeException extends RuntimeException {

  private final Failure failure;

  public BridgeException(Failure failure, String safeMessage) {
    super(safeMessage, null, false, false);
    this.failure = failure;
  }

  public Failure failure() {
    return failure;
  }
}
