package io.bluelinkmqtt.command;

import io.bluelinkmqtt.domain.ActionCommand;
import io.bluelinkmqtt.domain.ClimateCommand;
import io.bluelinkmqtt.domain.ClimateCommand.ClimateSettings;
import io.bluelinkmqtt.domain.ClimateCommand.Seats;
import io.bluelinkmqtt.domain.CommandName;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code commands/climate}: {@code start} | {@code stop}, or {@code {"action":"start","temperature":21.5,
 * "duration":10,"defrost":true,"steering_wheel_heat":true,"seats":{"driver":3,"passenger":0,"rear_left":0,
 * "rear_right":0}}}; every parameter optional (defaults: {@link ClimateSettings#DEFAULTS}), none with stop.
 */
final class ClimateGrammar extends ActionGrammar {

  static final String TEMPERATURE = "\"temperature\" must be 14 to 30 °C in steps of 0.5";
  static final String DURATION = "\"duration\" must be 1 to 30 minutes";
  static final String DEFROST = "\"defrost\" must be a boolean";
  static final String STEERING = "\"steering_wheel_heat\" must be a boolean";
  static final String SEATS = "\"seats\" must be an object of driver, passenger, rear_left, rear_right levels 0 to 8";
  static final String STOP_PARAMETERS = "stop takes no parameters";
  private static final Set<String> PARAMETERS = Set.of("temperature", "duration", "defrost", "steering_wheel_heat",
      "seats");
  private static final Set<String> SEAT_KEYS = Set.of("driver", "passenger", "rear_left", "rear_right");

  ClimateGrammar() {
    super(CommandName.CLIMATE, new LinkedHashSet<>(List.of("start", "stop")), PARAMETERS);
  }

  @Override
  ActionCommand build(String vehicleId, String action, JsonObject json) {
    boolean hasParameters = json != null && json.fieldNames().stream().anyMatch(PARAMETERS::contains);
    if (action.equals("stop")) {
      if (hasParameters) {
        throw new InvalidParameter(STOP_PARAMETERS);
      }
      return ClimateCommand.stop(vehicleId);
    }
    if (!hasParameters) {
      return new ClimateCommand(vehicleId, true, ClimateSettings.DEFAULTS);
    }
    ClimateSettings d = ClimateSettings.DEFAULTS;
    double temperature = json.containsKey("temperature") ? temperature(json.getValue("temperature"))
        : d.temperatureCelsius();
    int duration = json.containsKey("duration") ? duration(json.getValue("duration")) : d.durationMinutes();
    boolean defrost = json.containsKey("defrost") ? bool(json.getValue("defrost"), DEFROST) : d.defrost();
    boolean steering = json.containsKey("steering_wheel_heat") ? bool(json.getValue("steering_wheel_heat"), STEERING)
        : d.steeringWheelHeat();
    Seats seats = json.containsKey("seats") ? seats(json.getValue("seats")) : null;
    return new ClimateCommand(vehicleId, true, new ClimateSettings(temperature, duration, defrost, steering, seats));
  }

  private static double temperature(Object value) {
    if (value instanceof Number n && !(value instanceof java.math.BigInteger) && !(value instanceof java.math.BigDecimal)
        && ClimateSettings.validTemperature(n.doubleValue())) {
      return n.doubleValue();
    }
    throw new InvalidParameter(TEMPERATURE);
  }

  private static int duration(Object value) {
    if ((value instanceof Integer || value instanceof Long) && ((Number) value).longValue() >= 1
        && ((Number) value).longValue() <= ClimateSettings.MAX_DURATION) {
      return ((Number) value).intValue();
    }
    throw new InvalidParameter(DURATION);
  }

  private static boolean bool(Object value, String reason) {
    if (value instanceof Boolean b) {
      return b;
    }
    throw new InvalidParameter(reason);
  }

  private static Seats seats(Object value) {
    if (!(value instanceof JsonObject seats) || !SEAT_KEYS.containsAll(seats.fieldNames())) {
      throw new InvalidParameter(SEATS);
    }
    return new Seats(level(seats, "driver"), level(seats, "passenger"), level(seats, "rear_left"),
        level(seats, "rear_right"));
  }

  private static int level(JsonObject seats, String key) {
    Object value = seats.getValue(key);
    if (value == null) {
      return 0;
    }
    if ((value instanceof Integer || value instanceof Long) && ((Number) value).longValue() >= 0
        && ((Number) value).longValue() <= ClimateSettings.MAX_SEAT_LEVEL) {
      return ((Number) value).intValue();
    }
    throw new InvalidParameter(SEATS);
  }
}
