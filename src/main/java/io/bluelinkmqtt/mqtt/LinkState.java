package io.bluelinkmqtt.mqtt;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where the MQTT session of a {@link BrokerConnection} stands, and which step may follow which. There is always at
 * most one attempt; {@link #STOPPED} is the end.
 */
enum LinkState {
  /** Built, not started. */
  NEW,
  /** An attempt is open: TCP/TLS, CONNECT, waiting for the CONNACK. */
  CONNECTING,
  /** The broker accepted us. */
  CONNECTED,
  /** No client; the backoff timer makes the next attempt. */
  WAITING_TO_RECONNECT,
  /** Asked to stop while connected: the farewell is being published, then DISCONNECT. */
  STOPPING,
  /** No further attempts. */
  STOPPED;

  /** True while the session is open, stopping included: the farewell still publishes over it. */
  boolean linkUp() {
    return this == CONNECTED || this == STOPPING;
  }

  boolean mayMoveTo(LinkState next) {
    return successors().contains(next);
  }

  private Set<LinkState> successors() {
    return switch (this) {
      case NEW, WAITING_TO_RECONNECT -> EnumSet.of(CONNECTING, STOPPED);
      case CONNECTING -> EnumSet.of(CONNECTED, WAITING_TO_RECONNECT, STOPPED);
      case CONNECTED -> EnumSet.of(WAITING_TO_RECONNECT, STOPPING);
      case STOPPING -> EnumSet.of(STOPPED);
      case STOPPED -> EnumSet.noneOf(LinkState.class);
    };
  }
}
