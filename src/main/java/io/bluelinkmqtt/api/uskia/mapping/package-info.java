/** USA Kia (APIGW) answers → {@link io.bluelinkmqtt.domain.VehicleData}: miles and °F as the car reports them, UTC. */
package io.bluelinkmqtt.api.uskia.mapping;
