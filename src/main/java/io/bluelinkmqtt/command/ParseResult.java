package io.bluelinkmqtt.command;

/**
 * What {@link CommandParser} makes of one inbound message: exactly one of the two permitted records.
 * The parser never throws; every hostile input ends as a {@link CommandRejected}.
 */
public sealed interface ParseResult permits ParsedCommand, CommandRejected {

  /** The known vehicle the command was for, or null when the topic named none we know. */
  String vehicleId();

  /** The sender's validated correlation id, or null when it gave none (or none could be read). */
  String correlationId();
}
