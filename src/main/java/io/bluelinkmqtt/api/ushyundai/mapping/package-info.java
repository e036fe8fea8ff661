/**
 * Pure mapping of the USA Hyundai {@code vehicleStatus} (bluelink-protocol.md §5.5) onto the normalised
 * {@link io.bluelinkmqtt.domain.VehicleData}: miles and °F kept as reported, times to UTC. Nothing here talks to the
 * network, and nothing throws on odd input: a value that cannot be read safely stays absent.
 */
package io.bluelinkmqtt.api.ushyundai.mapping;
