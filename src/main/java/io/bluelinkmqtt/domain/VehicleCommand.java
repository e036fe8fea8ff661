package io.bluelinkmqtt.domain;

/**
 * A validated command for one car. Each command type declares the rules the pipeline applies to it: its name
 * (topic and outcome), what makes two commands identical (they share one upstream operation in the car's lane)
 * and which {@link Throttle} may refuse it.
 */
public sealed interface VehicleCommand permits RefreshCommand, ActionCommand {

  /** A known vehicle id, safe as a topic level. */
  String vehicleId();

  CommandName name();

  /** The canonical argument, the outcome's {@code mode}: {@code cached}, {@code force}, {@code smart:300}. */
  String argument();

  /**
   * Two commands whose keys are equal ask for the same work: the later one joins the earlier one's operation
   * (while it runs or waits) and shares its result. Keys of different command types are never equal.
   */
  Object coalescingKey();

  Throttle throttle();
}
