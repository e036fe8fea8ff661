package io.bluelinkmqtt.command;

import io.bluelinkmqtt.domain.RefreshCommand;
import io.bluelinkmqtt.domain.RefreshMode;
import io.bluelinkmqtt.domain.VehicleCommand;

/**
 * A command that passed every check.
 *
 * @param command what to do, for a known vehicle
 * @param correlationId the sender's id, matching {@code [A-Za-z0-9_.:-]{1,64}}, or null
 * @param sentAtMillis when the sender says it sent the command (an action's {@code "ts"}), epoch ms; null when not
 *     said
 */
public record ParsedCommand(VehicleCommand command, String correlationId, Long sentAtMillis) implements ParseResult {

  public ParsedCommand(VehicleCommand command, String correlationId) {
    this(command, correlationId, null);
  }

  /** A refresh command, as the refresh grammar builds it. */
  public ParsedCommand(String vehicleId, RefreshMode mode, long maxAgeSeconds, boolean override, String correlationId) {
    this(new RefreshCommand(vehicleId, mode, maxAgeSeconds, override), correlationId);
  }

  @Override
  public String vehicleId() {
    return command.vehicleId();
  }

  /** The canonical argument, the outcome's {@code mode}: {@code cached}, {@code force} or {@code smart:300}. */
  public String modeText() {
    return command.argument();
  }
}
