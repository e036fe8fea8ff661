/**
 * Pure mapping of EU car-cloud status payloads (CCAPI legacy, CCS2 and the GSPA stored-status tree) onto the
 * normalised {@link io.bluelinkmqtt.domain.VehicleData}. Entry point: {@link
 * io.bluelinkmqtt.api.eu.mapping.EuVehicleDataMapper}. Nothing here talks to the network or the event bus, and
 * nothing here throws on odd input: a value that cannot be read safely stays absent.
 */
package io.bluelinkmqtt.api.eu.mapping;
