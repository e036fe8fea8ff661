package io.bluelinkmqtt.mqtt;

/**
 * A snapshot of the MQTT side for health checks and tests.
 *
 * @param connected a CONNACK was received and the link has not been lost since
 * @param inFlightQos1 QoS 1 publishes of the current connection still waiting for their PUBACK
 * @param dropped non-retained messages dropped because the broker was not connected
 * @param connectAttempts connection attempts since start
 * @param lastFailure why the session is down ({@code mqtt_auth_failed}, {@code broker_unreachable}, ...), empty when up
 * @param reconnectFailures consecutive failures the reconnect backoff counts (its exponent)
 */
public record MqttGauges(boolean connected, int inFlightQos1, long dropped, long connectAttempts, String lastFailure,
                         int reconnectFailures) {

  /** Before the first connection attempt exists. */
  static final MqttGauges NOT_STARTED = new MqttGauges(false, 0, 0, 0, "", 0);

  /** The session's figures now, with the outbound gate's count of dropped messages. */
  static MqttGauges of(BrokerConnection broker, long dropped) {
    return new MqttGauges(broker.isConnected(), broker.inFlight(), dropped, broker.attempts(), broker.lastReason(),
        broker.reconnectFailures());
  }
}
