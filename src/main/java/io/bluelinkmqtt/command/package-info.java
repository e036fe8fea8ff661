/**
 * Commands from MQTT: parsing and validation of hostile input ({@link io.bluelinkmqtt.command.CommandParser}),
 * per-vehicle queues with coalescing of identical commands ({@link io.bluelinkmqtt.command.VehicleQueues}),
 * outcomes ({@link io.bluelinkmqtt.command.OutcomeFactory}) and the verticle that wires them to the bus.
 */
package io.bluelinkmqtt.command;
