/**
 * The broker side of the bridge: {@link io.bluelinkmqtt.mqtt.MqttBridgeVerticle} wires the event bus
 * to a {@link io.bluelinkmqtt.mqtt.BrokerConnection}, which owns the MQTT session (a new client per
 * attempt, capped jittered backoff from {@link io.bluelinkmqtt.mqtt.ReconnectPolicy}, a read-idle
 * {@link io.bluelinkmqtt.mqtt.LinkWatchdog}, a {@link io.bluelinkmqtt.mqtt.ClientIdClash} detector; loss reasons
 * in {@link io.bluelinkmqtt.mqtt.LossReason}). {@link io.bluelinkmqtt.mqtt.RetainedState} keeps the last
 * retained value of every topic for republishing after each connect, {@link io.bluelinkmqtt.mqtt.CommandRouter}
 * decides what inbound messages mean and which topics the bridge may write, {@link io.bluelinkmqtt.mqtt.InboundGate}
 * and {@link io.bluelinkmqtt.mqtt.OutboundGate} are the ways in and out, {@link io.bluelinkmqtt.mqtt.BridgePresence}
 * keeps the bridge's own {@code bridge/state} and {@code bridge/info}, and
 * {@link io.bluelinkmqtt.mqtt.MqttClientFactory} builds the client options (TLS included).
 * Behaviour is documented in {@code docs/mqtt-connection.md}.
 */
package io.bluelinkmqtt.mqtt;
