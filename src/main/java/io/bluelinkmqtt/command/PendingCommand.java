package io.bluelinkmqtt.command;

/**
 * An accepted command waiting for its outcome.
 *
 * @param command what was asked
 * @param id the sender's correlation id, or one the bridge made up
 * @param startedAtMillis the injected clock when the command was taken from the bus
 */
public record PendingCommand(ParsedCommand command, String id, long startedAtMillis) {
}
