package io.bluelinkmqtt.domain;

import java.util.Objects;

/**
 * {@code commands/climate}: start the climate with its settings, or stop it.
 *
 * @param settings what a start asks for; {@link ClimateSettings#DEFAULTS} for a plain {@code start}; null for stop
 */
public record ClimateCommand(String vehicleId, boolean start, ClimateSettings settings) implements ActionCommand {

  public ClimateCommand {
    VehicleIds.require(vehicleId);
    if (start) {
      Objects.requireNonNull(settings, "settings");
    } else if (settings != null) {
      throw new IllegalArgumentException("stop takes no settings");
    }
  }

  public static ClimateCommand stop(String vehicleId) {
    return new ClimateCommand(vehicleId, false, null);
  }

  @Override
  public CommandName name() {
    return CommandName.CLIMATE;
  }

  @Override
  public String action() {
    return start ? "start" : "stop";
  }

  @Override
  public String policyName() {
    return "climate";
  }

  /**
   * @param temperatureCelsius 14.0–30.0 in steps of 0.5
   * @param durationMinutes 1–30
   * @param seats the seat levels (0–8, as the spec encodes them), or null to leave the seats alone
   */
  public record ClimateSettings(double temperatureCelsius, int durationMinutes, boolean defrost,
                                boolean steeringWheelHeat, Seats seats) {

    public static final double MIN_TEMPERATURE = 14.0;
    public static final double MAX_TEMPERATURE = 30.0;
    public static final int MAX_DURATION = 30;
    public static final int MAX_SEAT_LEVEL = 8;
    /** A plain {@code start}: 21 °C for 10 minutes, no defrost, no steering-wheel heating, seats untouched. */
    public static final ClimateSettings DEFAULTS = new ClimateSettings(21.0, 10, false, false, null);

    public ClimateSettings {
      if (!validTemperature(temperatureCelsius)) {
        throw new IllegalArgumentException("temperature out of range");
      }
      if (durationMinutes < 1 || durationMinutes > MAX_DURATION) {
        throw new IllegalArgumentException("duration out of range");
      }
    }

    public static boolean validTemperature(double celsius) {
      return celsius >= MIN_TEMPERATURE && celsius <= MAX_TEMPERATURE && celsius * 2 == Math.rint(celsius * 2);
    }
  }

  /** Seat heating/ventilation levels, 0 (off) to 8, as the spec encodes them. */
  public record Seats(int driver, int passenger, int rearLeft, int rearRight) {

    public Seats {
      for (int level : new int[] {driver, passenger, rearLeft, rearRight}) {
        if (level < 0 || level > ClimateSettings.MAX_SEAT_LEVEL) {
          throw new IllegalArgumentException("seat level out of range");
        }
      }
    }
  }
}
