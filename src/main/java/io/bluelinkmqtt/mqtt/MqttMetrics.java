package io.bluelinkmqtt.mqtt;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;

/**
 * Micrometer hook: {@code bluelink_mqtt_messages_total{direction="in|out"}}, messages the broker delivered to us and
 * messages we handed to the broker. Recorded into Micrometer's global registry (a no-op unless the HTTP server
 * added its Prometheus registry to it).
 */
final class MqttMetrics {

  /** Built once: a read sends some 35 messages, and a meter looked up per message cost more than the rest of it. */
  private static final Counter IN = counter("in");
  private static final Counter OUT = counter("out");

  private MqttMetrics() {
  }

  static void received() {
    IN.increment();
  }

  static void sent() {
    OUT.increment();
  }

  private static Counter counter(String direction) {
    return Counter.builder("bluelink.mqtt.messages").description("MQTT messages received (in) and published (out)")
        .tag("direction", direction).register(Metrics.globalRegistry);
  }
}
