package io.bluelinkmqtt.demo;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.util.Properties;

/**
 * An in-process MQTT broker (Moquette) for demo mode only, so a new user sees data without
 * installing a broker. Real deployments and the tests use Mosquitto. Starting and stopping block
 * briefly (~100 ms), so call them from a worker or the main thread, never from an event loop.
 */
public final class EmbeddedBroker implements AutoCloseable {

  private final Server server;
  private final int port;

  private EmbeddedBroker(Server server, int port) {
    this.server = server;
    this.port = port;
  }

  /** Binds {@code host:port}; anonymous access, empty client ids allowed, nothing persisted, no telemetry, no websocket. */
  public static EmbeddedBroker start(String host, int port) throws IOException {
    Properties props = new Properties();
    props.setProperty("host", host);
    props.setProperty("port", Integer.toString(port));
    props.setProperty("allow_anonymous", "true");
    // mosquitto_sub/mosquitto_pub (as the README shows) connect with an empty client id; Moquette refuses that by default
    props.setProperty("allow_zero_byte_client_id", "true");
    props.setProperty("persistence_enabled", "false");
    props.setProperty("telemetry_enabled", "false");
    props.setProperty("websocket_port", "disabled");
    props.setProperty("netty.mqtt.message_size", "65536");
    Server server = new Server();
    server.startServer(new MemoryConfig(props));
    return new EmbeddedBroker(server, port);
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    server.stopServer();
  }
}
