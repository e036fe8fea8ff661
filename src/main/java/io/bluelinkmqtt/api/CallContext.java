package io.bluelinkmqtt.api;

/**
 * One refresh's view of its upstream calls: whether a user asked for it (the budget keeps a
 * reserve for those), whether it is the start-up read, and how many HTTP calls it caused, logins included.
 * Confined to the event loop of the verticle that created it.
 */
public final class CallContext {

  private final boolean userInitiated;
  private final boolean statusOnly;
  private int calls;

  public CallContext(boolean userInitiated) {
    this(userInitiated, false);
  }

  private CallContext(boolean userInitiated, boolean statusOnly) {
    this.userInitiated = userInitiated;
    this.statusOnly = statusOnly;
  }

  /**
   * The bridge's start-up read of a car: not a user's (the user reserve stays untouched) and the status alone —
   * what extra calls add to a cached read (EU: park location, driving history) still sits in the retained topics
   * of the last run and comes with the next read, so a restart costs one call per car.
   */
  public static CallContext startupRead() {
    return new CallContext(false, true);
  }

  public boolean userInitiated() {
    return userInitiated;
  }

  /** True when a cached read should make the one status call and no enriching ones. */
  public boolean statusOnly() {
    return statusOnly;
  }

  /** One HTTP request was sent upstream. */
  public void countCall() {
    calls++;
  }

  public int calls() {
    return calls;
  }
}
