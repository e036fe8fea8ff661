package io.bluelinkmqtt.homeassistant;

import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.CommandName;
import io.bluelinkmqtt.domain.Vehicle;
import io.bluelinkmqtt.domain.VehicleData;
import io.bluelinkmqtt.domain.VehicleData.WindowPosition;
import io.bluelinkmqtt.domain.VehicleData.Battery;
import io.bluelinkmqtt.domain.VehicleData.Climate;
import io.bluelinkmqtt.domain.VehicleData.Distance;
import io.bluelinkmqtt.domain.VehicleData.DistanceUnit;
import io.bluelinkmqtt.domain.VehicleData.Ev;
import io.bluelinkmqtt.domain.VehicleData.Location;
import io.bluelinkmqtt.domain.VehicleData.Openings;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/** Vehicles and data of our own making for the discovery tests. */
final class SampleVehicles {

  static final String BASE = "bluelink";
  static final String PREFIX = "homeassistant";
  static final long SMART_MAX_AGE = 1800;

  static final Vehicle KONA = new Vehicle("kona-1", "api-0001", "KMHK381GFNU000001", "My Kona", "Kona Electric",
      Brand.HYUNDAI, Vehicle.EngineType.EV);
  static final Vehicle EV6 = new Vehicle("ev6", "api-0002", null, null, "EV6", Brand.KIA, Vehicle.EngineType.EV);

  /** Every remote action (the contract; refresh is no action). */
  static final Set<CommandName> EVERY_ACTION = EnumSet.complementOf(EnumSet.of(CommandName.REFRESH));
  /** The Kona as a region module offering every action lists it. */
  static final Vehicle KONA_WITH_ACTIONS = withActions(KONA, EVERY_ACTION);
  /** A PIN, and every action allowed by its {@code actions.allowed} name. */
  static final ActionAccess EVERYTHING_ALLOWED = new ActionAccess(true, Set.of("lock", "unlock", "climate", "charge",
      "charge_limits", "charging_current", "charge_port", "windows", "hazard", "horn_lights"));

  static Vehicle withActions(Vehicle v, Set<CommandName> actions) {
    return new Vehicle(v.id(), v.apiId(), v.vin(), v.name(), v.model(), v.brand(), v.engine(), v.moduleData(),
        actions);
  }

  /** Every value the car can report. */
  static final VehicleData FULL = new VehicleData(
      Instant.parse("2026-11-20T07:45:00Z"),
      new Battery(81, true, true, 21.5),
      new Ev(new Distance(312, DistanceUnit.KM), 95, 40, 80, 90, 152.0),
      78,
      new Distance(23456.7, DistanceUnit.KM),
      new Location(52.3702, 4.8952, Instant.parse("2026-11-20T07:40:00Z")),
      new Openings(true, false, false, false, false),
      new Climate(false, 21.0),
      false,
      new VehicleData.ActionState(false, 90, WindowPosition.CLOSED, WindowPosition.VENT, WindowPosition.CLOSED,
          WindowPosition.OPEN));

  /** A car that reported nothing but its state of charge. */
  static final VehicleData BATTERY_ONLY = new VehicleData(null, new Battery(64, null, null, null), null, null,
      null, null, null, null, null);

  private SampleVehicles() {
  }
}
