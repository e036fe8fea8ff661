package io.bluelinkmqtt.api;

/**
 * One refresh's view of its upstream calls: whether a user asked for it (the budget keeps a
 * reserve for those) and how many HTTP calls it caused, logins included. Confined to the event
 * loop of the verticle that created it.
 */
public final class CallContext {

  private final boolean userInitiated;
  private int calls;

  public CallContext(boolean userInitiated) {
    this.userInitiated = userInitiated;
  }

  public boolean userInitiated() {
    return userInitiated;
  }

  /** One HTTP request was sent upstream. */
  public void countCall() {
    calls++;
  }

  public int calls() {
    return calls;
  }
}
