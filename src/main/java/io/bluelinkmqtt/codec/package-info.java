/**
 * JSON mappers: one per bus message type; they own the field names and the schema version. Also the shared client
 * side of a bus request other verticles make ({@link io.bluelinkmqtt.codec.VehicleListClient}), so they need not
 * import the verticle that answers it.
 */
package io.bluelinkmqtt.codec;
