/** Maps the Type 1 regions' status answers to {@code VehicleData}, on top of the shared CCAPI mappers of Europe. */
package io.bluelinkmqtt.api.type1.mapping;
