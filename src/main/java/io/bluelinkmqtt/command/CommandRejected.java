package io.bluelinkmqtt.command;

import io.bluelinkmqtt.domain.CommandName;

/**
 * A command that failed a check. The reason is one of the fixed texts in {@link CommandParser.Reasons}
 * (plus numbers the parser computed); it never contains any part of the raw topic or payload.
 *
 * @param vehicleId the known vehicle the topic named, or null (the outcome then goes to the bridge level)
 * @param reason why, in words safe to publish
 * @param correlationId the sender's id when it was readable and valid, else null
 * @param modeText the canonical mode when the grammar was understood, else null
 * @param command the command the topic named, or null when it named none we serve
 */
public record CommandRejected(String vehicleId, String reason, String correlationId, String modeText,
                              CommandName command) implements ParseResult {

  public CommandRejected(String vehicleId, String reason, String correlationId, String modeText) {
    this(vehicleId, reason, correlationId, modeText, null);
  }
}
