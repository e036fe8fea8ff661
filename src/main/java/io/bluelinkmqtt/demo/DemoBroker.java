package io.bluelinkmqtt.demo;

/** The demo's own MQTT broker on loopback ({@link DemoBrokers}); starting and closing it block. */
public interface DemoBroker extends AutoCloseable {

  String host();

  int port();

  /** Stops the broker and deletes what it kept on disk. */
  @Override
  void close();
}
