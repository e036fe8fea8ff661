package io.bluelinkmqtt.api;

/** Every kind of HTTP call the client makes to the car cloud; each one counts against the account's quota. */
public enum CallKind {
  DEVICE_REGISTRATION,
  LOGIN,
  TOKEN_REFRESH,
  VEHICLE_LIST,
  CACHED_STATUS,
  /** Wakes the car: a legacy {@code /status} or a CCS2 {@code /ccs2/carstatus} trigger. */
  FORCE_STATUS,
  /** The parking location: the cloud's copy. */
  LOCATION,
  /** The legacy live location ({@code /location}, after a forced {@code /status}): asks the car itself. */
  LIVE_LOCATION,
  DRIVING_HISTORY;

  /**
   * True for the calls the bridge needs to serve anything at all: the session (device registration, login,
   * token renewal) and the vehicle list. The budget keeps a reserve for them that no command can spend.
   */
  public boolean system() {
    return this == DEVICE_REGISTRATION || this == LOGIN || this == TOKEN_REFRESH || this == VEHICLE_LIST;
  }

  /** True for the calls that wake the car and cost 12 V energy. */
  public boolean wakesCar() {
    return this == FORCE_STATUS;
  }

  /** True for the calls the cloud answers only once the car has: no answer in time is the car's, not the cloud's. */
  public boolean waitsForCar() {
    return this == FORCE_STATUS || this == LIVE_LOCATION;
  }
}
