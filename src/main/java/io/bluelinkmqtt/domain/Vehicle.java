package io.bluelinkmqtt.domain;

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
 * @param ccs2 true when the car speaks the CCS2 data format
 */
public record Vehicle(String id, String apiId, String vin, String name, String model, Brand brand,
                      EngineType engine, boolean ccs2) {

  public Vehicle {
    VehicleIds.require(id);
  }

  /** Drive train, as the vehicle list reports it. */
  public enum EngineType {
    EV, PHEV, HEV, ICE, UNKNOWN
  }
}
