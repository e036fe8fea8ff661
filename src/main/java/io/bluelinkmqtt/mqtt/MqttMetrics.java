package io.bluelinkmqtt.mqtt;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;

/**
 * Micrometer hook: {@code bluelink_mqtt_messages_total{direction="in|out"}}, messages the broker delivered to us and
 * messages we handed to the broker. Recorded into Micrometer's global registry (a no-op unless the HTTP server
 * added its Prometheus registry to it).
 */
final class MqttMetrics {

  private MqttMetrics() {
  }

  static void received() {
    counter("in").increment();
  }

  static void sent() {
    counter("out").increment();
  }

  private static Counter counter(String direction) {
    return Counter.builder("bluelink.mqtt.messages").description("MQTT messages received (in) and published (out)")
        .tag("direction", direction).register(Metrics.globalRegistry);
  }
}
