package io.bluelinkmqtt.codec;

import static io.bluelinkmqtt.codec.JsonFields.putIfPresent;

import io.bluelinkmqtt.bus.BridgeException;
import io.bluelinkmqtt.bus.Failure;
import io.bluelinkmqtt.bus.Replies;
import io.bluelinkmqtt.domain.ActionCommand;
import io.bluelinkmqtt.domain.ActionResult;
import io.bluelinkmqtt.domain.ChargeCommand;
import io.bluelinkmqtt.domain.ChargeLimitsCommand;
import io.bluelinkmqtt.domain.ChargePortCommand;
import io.bluelinkmqtt.domain.ChargingCurrentCommand;
import io.bluelinkmqtt.domain.ClimateCommand;
import io.bluelinkmqtt.domain.ClimateCommand.ClimateSettings;
import io.bluelinkmqtt.domain.ClimateCommand.Seats;
import io.bluelinkmqtt.domain.CommandName;
import io.bluelinkmqtt.domain.CommandOutcome.Status;
import io.bluelinkmqtt.domain.LockCommand;
import io.bluelinkmqtt.domain.Served;
import io.bluelinkmqtt.domain.SignalCommand;
import io.bluelinkmqtt.domain.WindowsCommand;
import io.bluelinkmqtt.domain.WindowsCommand.Position;
import io.vertx.core.json.JsonObject;

/** Bodies of {@code bluelink.api.action} (request and reply) and {@code bluelink.api.action-accepted}. */
public final class ActionJson {

  /** One action for the API: the command and the id of the command that asked for it. */
  public record ActionRequest(ActionCommand command, String commandId) {
  }

  /** The cloud accepted the action {@code actionId} that the command {@code commandId} sent. */
  public record Accepted(String vehicleId, String commandId, String actionId) {
  }

  private ActionJson() {
  }

  public static JsonObject requestToJson(ActionRequest request) {
    ActionCommand command = request.command();
    JsonObject json = Envelope.versioned()
        .put("vehicleId", command.vehicleId())
        .put("command", command.name().wireName())
        .put("action", command.action());
    putIfPresent(json, "commandId", request.commandId());
    if (command instanceof ClimateCommand climate && climate.settings() != null) {
      ClimateSettings s = climate.settings();
      json.put("temperature", s.temperatureCelsius()).put("duration", s.durationMinutes())
          .put("defrost", s.defrost()).put("steeringWheelHeat", s.steeringWheelHeat());
      if (s.seats() != null) {
        json.put("seats", new JsonObject().put("driver", s.seats().driver()).put("passenger", s.seats().passenger())
            .put("rearLeft", s.seats().rearLeft()).put("rearRight", s.seats().rearRight()));
      }
    }
    if (command instanceof ChargeLimitsCommand limits) {
      putIfPresent(json, "ac", limits.ac());
      putIfPresent(json, "dc", limits.dc());
    }
    if (command instanceof WindowsCommand windows) {
      json.put("frontLeft", windows.frontLeft().wireName()).put("frontRight", windows.frontRight().wireName())
          .put("rearLeft", windows.rearLeft().wireName()).put("rearRight", windows.rearRight().wireName());
    }
    return json;
  }

  /** Parses and validates a request; a bad one fails with {@link Failure#INVALID} or {@link Failure#UNSUPPORTED_SCHEMA}. */
  public static ActionRequest requestFromJson(JsonObject json) {
    Replies.requireSchema(json);
    try {
      String vehicle = json.getString("vehicleId");
      String action = json.getString("action");
      CommandName name = CommandName.fromWire(String.valueOf(json.getString("command")))
          .orElseThrow(() -> new IllegalArgumentException("unknown command"));
      ActionCommand command = switch (name) {
        case LOCK -> new LockCommand(vehicle, onOff(action, "lock", "unlock"));
        case CHARGE -> new ChargeCommand(vehicle, onOff(action, "start", "stop"));
        case CLIMATE -> onOff(action, "start", "stop") ? new ClimateCommand(vehicle, true, settings(json))
            : ClimateCommand.stop(vehicle);
        case CHARGE_LIMITS -> new ChargeLimitsCommand(vehicle, json.getInteger("ac"), json.getInteger("dc"));
        case CHARGING_CURRENT -> new ChargingCurrentCommand(vehicle, Integer.parseInt(String.valueOf(action)));
        case CHARGE_PORT -> new ChargePortCommand(vehicle, onOff(action, "open", "close"));
        case WINDOWS -> new WindowsCommand(vehicle, position(json, "frontLeft"), position(json, "frontRight"),
            position(json, "rearLeft"), position(json, "rearRight"));
        case HAZARD, HORN_LIGHTS -> {
          onOff(action, "on", "off");
          yield new SignalCommand(vehicle, name);
        }
        case REFRESH -> throw new IllegalArgumentException("a refresh is no action");
      };
      return new ActionRequest(command, json.getString("commandId"));
    } catch (IllegalArgumentException | ClassCastException | NullPointerException e) { // NumberFormatException too
      throw new BridgeException(Failure.INVALID, "invalid action request: " + e.getMessage());
    }
  }

  private static Position position(JsonObject json, String window) {
    return Position.valueOf(json.getString(window).toUpperCase(java.util.Locale.ROOT));
  }

  private static boolean onOff(String action, String on, String off) {
    if (on.equals(action)) {
      return true;
    }
    if (off.equals(action)) {
      return false;
    }
    throw new IllegalArgumentException("unknown action");
  }

  private static ClimateSettings settings(JsonObject json) {
    if (!json.containsKey("temperature")) {
      return ClimateSettings.DEFAULTS;
    }
    JsonObject seats = json.getJsonObject("seats");
    return new ClimateSettings(json.getDouble("temperature"), json.getInteger("duration"),
        json.getBoolean("defrost"), json.getBoolean("steeringWheelHeat"),
        seats == null ? null : new Seats(seats.getInteger("driver"), seats.getInteger("passenger"),
            seats.getInteger("rearLeft"), seats.getInteger("rearRight")));
  }

  public static JsonObject servedToJson(Served<ActionResult> served) {
    ActionResult r = served.result();
    JsonObject json = Envelope.versioned()
        .put("vehicleId", r.vehicleId())
        .put("status", r.status().wireName())
        .put("upstreamCalls", r.upstreamCalls());
    putIfPresent(json, "reason", r.reason());
    putIfPresent(json, "actionId", r.actionId());
    if (served.joined()) {
      json.put("joined", true);
      putIfPresent(json, "leaderCommandId", served.leaderCommandId());
    }
    return json;
  }

  public static Served<ActionResult> servedFromJson(JsonObject json) {
    Replies.requireSchema(json);
    ActionResult result = new ActionResult(json.getString("vehicleId"), Status.fromWire(json.getString("status")),
        json.getString("reason"), json.getString("actionId"), json.getInteger("upstreamCalls", 0));
    return new Served<>(result, json.getBoolean("joined", false), json.getString("leaderCommandId"));
  }

  public static JsonObject acceptedToJson(Accepted accepted) {
    JsonObject json = Envelope.versioned().put("vehicleId", accepted.vehicleId()).put("actionId", accepted.actionId());
    putIfPresent(json, "commandId", accepted.commandId());
    return json;
  }

  public static Accepted acceptedFromJson(JsonObject json) {
    Replies.requireSchema(json);
    return new Accepted(json.getString("vehicleId"), json.getString("commandId"), json.getString("actionId"));
  }
}
