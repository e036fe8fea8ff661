package io.bluelinkmqtt.sim;

import java.util.EnumSet;
import java.util.Set;

/** Every endpoint the simulator serves; the unit of call counting and fault scoping. */
public enum SimEndpoint {
  REGISTER_DEVICE, AUTHORIZE, CERTS, SIGNIN, CCI_TOKEN, CCI_TOKEN_EXCHANGE, CCI_TOKEN_REFRESH, LEGACY_TOKEN,
  VEHICLES, STATUS_LATEST, STATUS_FORCE, CCS2_LATEST, CCS2_FORCE, LOCATION_PARK, LOCATION, DRIVING_HISTORY,
  PIN, USER_LANGUAGE, OAUTH_AUTHORIZE_LEGACY,
  /** Legacy actions: {@code POST v1/.../control/door|temperature|charge}. */
  DOOR_CONTROL, CLIMATE_CONTROL, CHARGE_CONTROL,
  /** CCS2 actions: {@code POST v2/.../ccs2/control/door|temperature|charge}. */
  CCS2_DOOR_CONTROL, CCS2_CLIMATE_CONTROL, CCS2_CHARGE_CONTROL,
  /** {@code POST v1/.../charge/target} (both families, access token). */
  CHARGE_TARGET,
  /** {@code GET v1/.../charge/target}: the charge limits read (both families, access token). */
  CHARGE_TARGET_READ,
  /** {@code POST v1/.../ccs2/charge/chargingcurrent} (CCS2, access token). */
  CCS2_CHARGING_CURRENT,
  /** {@code POST v2/.../control/portdoor} and {@code v2/.../control/windowcurtain} (both families, control token). */
  PORT_DOOR_CONTROL, WINDOW_CONTROL,
  /** {@code POST v2/.../ccs2/control/light} and {@code v2/.../ccs2/control/hornlight} (CCS2, control token). */
  CCS2_LIGHT_CONTROL, CCS2_HORN_LIGHT_CONTROL,
  /** Brazil: {@code POST /api/v2/spa/vehicles/{vid}/control/light} (no body, control token). */
  LIGHT_CONTROL,
  /** {@code GET /api/v1/spa/notifications/{vid}/records}: the action status records. */
  ACTION_RECORDS,
  /** India: {@code GET …/{vid}/setting/alert/maintenance}, where its odometer is (§5.8). */
  MAINTENANCE;

  private static final Set<SimEndpoint> VEHICLE_CALLS = EnumSet.of(VEHICLES, STATUS_LATEST, STATUS_FORCE,
      CCS2_LATEST, CCS2_FORCE, LOCATION_PARK, LOCATION, DRIVING_HISTORY, DOOR_CONTROL, CLIMATE_CONTROL,
      CHARGE_CONTROL, CCS2_DOOR_CONTROL, CCS2_CLIMATE_CONTROL, CCS2_CHARGE_CONTROL, ACTION_RECORDS,
      CHARGE_TARGET, CHARGE_TARGET_READ, CCS2_CHARGING_CURRENT, PORT_DOOR_CONTROL, WINDOW_CONTROL,
      CCS2_LIGHT_CONTROL, CCS2_HORN_LIGHT_CONTROL, LIGHT_CONTROL, MAINTENANCE);

  /** Vehicle data calls: they need a CCS token and count against the daily quota (§7). */
  public boolean isVehicleCall() {
    return VEHICLE_CALLS.contains(this);
  }
}
