package io.bluelinkmqtt.command;

import io.bluelinkmqtt.domain.CommandName;
import java.util.regex.Pattern;

/**
 * The payload grammar of one command topic, {@code {base}/{id}/commands/<name>}. {@link CommandParser} checks what
 * every command shares (size, topic, vehicle, UTF-8, control characters) and hands the text to the grammar its
 * topic names; a new command adds a grammar, not a branch.
 */
interface CommandGrammar {

  Pattern CORRELATION_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

  /** The command, and so the topic's last level, this grammar reads. */
  CommandName name();

  /**
   * @param vehicleId a known vehicle id
   * @param text the payload: not empty, strict UTF-8, no byte order mark, no control characters
   * @return a {@link ParsedCommand} or a {@link CommandRejected} whose reason is a fixed text; never throws
   */
  ParseResult parse(String vehicleId, String text);

  /** True for a JSON {@code "id"} value we accept as a correlation id. */
  static boolean isCorrelationId(Object value) {
    return value instanceof String s && CORRELATION_ID.matcher(s).matches();
  }
}
