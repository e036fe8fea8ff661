/**
 * Commands from MQTT: parsing and validation of hostile input ({@link io.bluelinkmqtt.command.CommandParser}, one
 * {@link io.bluelinkmqtt.command.CommandGrammar} per command topic), routing to the API, whose car lanes queue and
 * join them ({@link io.bluelinkmqtt.command.ApiRoute}, {@link io.bluelinkmqtt.command.CommandsInFlight}), outcomes
 * ({@link io.bluelinkmqtt.command.OutcomeFactory}) and the verticle that wires them to the bus.
 */
package io.bluelinkmqtt.command;
