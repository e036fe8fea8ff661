/**
 * The bus contract's JSON: one mapper per bus message type (they own the field names and the schema version), and
 * {@link io.bluelinkmqtt.codec.VehicleListClient}, the one client of {@code bluelink.api.vehicles} other verticles use.
 */
package io.bluelinkmqtt.codec;
