/**
 * Home Assistant MQTT discovery: {@link io.bluelinkmqtt.homeassistant.DiscoveryPayloads} turns a vehicle and
 * the values its data holds (and the remote actions it offers, {@code ActionEntities})
 * into retained discovery configs, {@link io.bluelinkmqtt.homeassistant.HomeAssistantVerticle}
 * announces them, re-announces them when Home Assistant comes online and removes the entities of cars that left
 * the account. The user-facing description is {@code docs/home-assistant.md}.
 */
package io.bluelinkmqtt.homeassistant;
