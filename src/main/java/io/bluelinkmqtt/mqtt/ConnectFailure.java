package io.bluelinkmqtt.mqtt;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.vertx.mqtt.MqttConnectionException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Why a connection attempt failed, as a short reason code for logs, {@code connection-changed} and the
 * health state. The reason never carries credentials: it is built from exception types and MQTT
 * return codes only.
 */
public enum ConnectFailure {
  /** The broker refused the credentials or the client id. */
  MQTT_AUTH_FAILED("mqtt_auth_failed"),
  /** The broker refused the connection for another reason (protocol, server unavailable). */
  MQTT_REFUSED("mqtt_refused"),
  /** TLS handshake failed: untrusted or wrong-host certificate, missing client certificate. */
  MQTT_TLS_FAILED("mqtt_tls_failed"),
  /** No TCP connection (refused, unroutable). */
  BROKER_UNREACHABLE("broker_unreachable"),
  /** TCP connect, handshake or CONNACK did not finish in time. */
  CONNECT_TIMEOUT("connect_timeout"),
  /** The connection closed before the CONNACK (for example plain MQTT sent to a TLS port). */
  CONNECTION_FAILED("connection_failed");

  private final String reason;

  ConnectFailure(String reason) {
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }

  /** Classifies the failure of {@code connect()}; {@code lastException} is what the socket reported meanwhile. */
  public static ConnectFailure classify(Throwable failure, Throwable lastException) {
    for (Throwable t : new Throwable[] {failure, lastException}) {
      for (Throwable c = t; c != null; c = c.getCause()) {
        if (c instanceof MqttConnectionException refused) {
          MqttConnectReturnCode code = refused.code();
          return code == MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD
              || code == MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED
              || code == MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED ? MQTT_AUTH_FAILED : MQTT_REFUSED;
        }
        if (c instanceof SSLException) {
          return MQTT_TLS_FAILED;
        }
        if (c instanceof ConnectException || c instanceof java.nio.channels.UnresolvedAddressException
            || c instanceof java.net.UnknownHostException) {
          return BROKER_UNREACHABLE;
        }
        if (c instanceof TimeoutException || c instanceof io.netty.channel.ConnectTimeoutException) {
          return CONNECT_TIMEOUT;
        }
      }
    }
    return CONNECTION_FAILED;
  }

  /** A one-line description for logs: exception types and their messages, which carry no credentials. */
  static String describe(Throwable failure, Throwable lastException) {
    StringBuilder text = new StringBuilder(failure == null ? "" : failure.getClass().getSimpleName() + ": " + failure.getMessage());
    if (lastException != null && lastException != failure) {
      text.append(" (").append(lastException.getClass().getSimpleName()).append(": ").append(lastException.getMessage()).append(')');
    }
    return text.toString();
  }
}
