package io.bluelinkmqtt.command;

import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Commands that arrive before the account's vehicle list (the bridge is still logging in): held, in
 * order and bounded, until the list arrives, so an automation that fires at start-up is served
 * instead of refused. Whatever is still held when the hold time runs out is handled then and gets
 * the "vehicle list not loaded yet" outcome; the next command held starts a new hold. Once closed
 * (the bridge stops) it holds nothing more.
 */
final class StartupBuffer {

  /** The most commands held; more are answered at once. */
  static final int CAPACITY = 64;
  /** The longest a command is held. */
  static final long MAX_HOLD_MS = 30_000;

  /** A command as it arrived, and when. */
  record Held(JsonObject body, long receivedAtMillis) {
  }

  private final Deque<Held> held = new ArrayDeque<>();
  private boolean closed;

  /** Holds the command; false when the buffer is full or closed (the caller answers it at once). */
  boolean offer(JsonObject body, long receivedAtMillis) {
    if (closed || held.size() >= CAPACITY) {
      return false;
    }
    held.add(new Held(body, receivedAtMillis));
    return true;
  }

  boolean isEmpty() {
    return held.isEmpty();
  }

  /** Holds nothing from now on. */
  void close() {
    closed = true;
  }

  /** Everything held, oldest first; the buffer is empty afterwards. */
  List<Held> release() {
    List<Held> all = List.copyOf(held);
    held.clear();
    return all;
  }
}
