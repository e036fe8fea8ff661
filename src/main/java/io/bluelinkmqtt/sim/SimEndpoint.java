package io.bluelinkmqtt.sim;

import java.util.EnumSet;
import java.util.Set;

/** Every endpoint the simulator serves; the unit of call counting and fault scoping. */
public enum SimEndpoint {
  REGISTER_DEVICE, AUTHORIZE, CERTS, SIGNIN, CCI_TOKEN, CCI_TOKEN_EXCHANGE, CCI_TOKEN_REFRESH, LEGACY_TOKEN,
  VEHICLES, STATUS_LATEST, STATUS_FORCE, CCS2_LATEST, CCS2_FORCE, LOCATION_PARK, LOCATION, DRIVING_HISTORY,
  PIN, USER_LANGUAGE, OAUTH_AUTHORIZE_LEGACY;

  private static final Set<SimEndpoint> VEHICLE_CALLS = EnumSet.of(VEHICLES, STATUS_LATEST, STATUS_FORCE,
      CCS2_LATEST, CCS2_FORCE, LOCATION_PARK, LOCATION, DRIVING_HISTORY);

  /** Vehicle data calls: they need a CCS token and count against the daily quota (§7). */
  public boolean isVehicleCall() {
    return VEHICLE_CALLS.contains(this);
  }
}
