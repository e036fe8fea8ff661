package io.bluelinkmqtt.mqtt;

/**
 * Why an established session ended, as sent in {@code connection-changed} and shown in the gauges. Reasons of
 * failed connection attempts are in {@link ConnectFailure}.
 */
public final class LossReason {

  /** The broker or the network closed the connection. */
  public static final String CONNECTION_LOST = "connection_lost";
  /** Nothing read for two keep-alives: the watchdog closed the link. */
  public static final String LINK_DEAD = "link_dead";
  /** A QoS 1 publish got no PUBACK in time. */
  public static final String ACK_TIMEOUT = "ack_timeout";
  /** An incoming packet above {@code maxFrameBytes}: we sent DISCONNECT (no will) and reconnect at once. */
  public static final String OVERSIZED_MESSAGE = "oversized_message";
  /** The broker keeps closing our fresh connections: another client uses our client id. */
  public static final String CLIENT_ID_IN_USE = "client_id_in_use";
  /** The bridge is stopping. */
  public static final String STOPPED = "stopped";

  private LossReason() {
  }
}
