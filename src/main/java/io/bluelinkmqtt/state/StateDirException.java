package io.bluelinkmqtt.state;

/** The state dir cannot be used; the message is meant for the user and names the dir and what to do. */
public final class StateDirException extends Exception {

  public StateDirException(String message) {
    super(message);
  }

  public StateDirException(String message, Throwable cause) {
    super(message, cause);
  }
}
