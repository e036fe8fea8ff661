package io.bluelinkmqtt.domain;

import java.util.Map;
import java.util.Set;

/**
 * A car on the account.
 *
 * @param id the bridge's id for the car, used in topics and on the bus; always matches {@link VehicleIds#PATTERN}
 * @param apiId the car cloud's own vehicle id (used in upstream URLs only)
 * @param vin vehicle identification number; may be null
 * @param name the owner's nickname for the car; may be null
 * @param model model name, e.g. "EV6"; may be null
 * @param brand the car maker
 * @param engine drive train type
 * @param moduleData what the car's region module needs to remember of it (the EU module: its data format);
 *     opaque to everything else, carried along on the bus and in the saved vehicle list
 * @param actions the remote actions the car's region module offers for this car (what Home Assistant shows);
 *     never {@link CommandName#REFRESH}
 */
public record Vehicle(String id, String apiId, String vin, String name, String model, Brand brand,
                      EngineType engine, Map<String, String> moduleData, Set<CommandName> actions) {

  public Vehicle {
    VehicleIds.require(id);
    moduleData = moduleData == null ? Map.of() : Map.copyOf(moduleData);
    actions = actions == null ? Set.of() : Set.copyOf(actions);
  }

  /** A car that offers no actions. */
  public Vehicle(String id, String apiId, String vin, String name, String model, Brand brand, EngineType engine,
                 Map<String, String> moduleData) {
    this(id, apiId, vin, name, model, brand, engine, moduleData, Set.of());
  }

  /** A car with no module data. */
  public Vehicle(String id, String apiId, String vin, String name, String model, Brand brand, EngineType engine) {
    this(id, apiId, vin, name, model, brand, engine, Map.of());
  }

  /** Drive train, as the vehicle list reports it. */
  public enum EngineType {
    EV, PHEV, HEV, ICE, UNKNOWN
  }
}
