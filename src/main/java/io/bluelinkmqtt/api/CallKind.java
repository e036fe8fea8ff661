package io.bluelinkmqtt.api;

/**
 * Every kind of HTTP call the client makes to the car cloud; each one counts against the account's quota. Each
 * kind says what it does to the car and the budget, so a new kind (a remote action) is one constant with its flags.
 */
public enum CallKind {
  DEVICE_REGISTRATION(Effect.SYSTEM),
  LOGIN(Effect.SYSTEM),
  TOKEN_REFRESH(Effect.SYSTEM),
  VEHICLE_LIST(Effect.SYSTEM),
  CACHED_STATUS(Effect.CLOUD),
  /** Wakes the car: a legacy {@code /status} or a CCS2 {@code /ccs2/carstatus} trigger. */
  FORCE_STATUS(Effect.WAKES_CAR),
  /** The parking location: the cloud's copy. */
  LOCATION(Effect.CLOUD),
  /** The legacy live location ({@code /location}, after a forced {@code /status}): asks the car itself. */
  LIVE_LOCATION(Effect.WAITS_FOR_CAR),
  DRIVING_HISTORY(Effect.CLOUD),
  /** The PIN exchanged for a control token (§2.1.6): paid from the budget like the action it serves. */
  CONTROL_TOKEN(Effect.CLOUD),
  /** A remote action (lock, climate, charge, …): the cloud sends it to the car, which wakes to do it. */
  ACTION(Effect.WAKES_CAR),
  /** One poll of the action status records: the cloud's own list. */
  ACTION_STATUS(Effect.CLOUD);

  /** What a call costs beyond one call of the quota. */
  private enum Effect {
    /** The session and the vehicle list: the budget's system reserve pays for them. */
    SYSTEM,
    /** Answered from the cloud's own copy. */
    CLOUD,
    /** Answered only once the car has, but does not wake it. */
    WAITS_FOR_CAR,
    /** Wakes the car (12 V energy, wake audit); answered only once the car has. */
    WAKES_CAR
  }

  private final Effect effect;

  CallKind(Effect effect) {
    this.effect = effect;
  }

  /**
   * True for the calls the bridge needs to serve anything at all: the session (device registration, login,
   * token renewal) and the vehicle list. The budget keeps a reserve for them that no command can spend.
   */
  public boolean system() {
    return effect == Effect.SYSTEM;
  }

  /** True for the calls that wake the car and cost 12 V energy. */
  public boolean wakesCar() {
    return effect == Effect.WAKES_CAR;
  }

  /** True for the calls the cloud answers only once the car has: no answer in time is the car's, not the cloud's. */
  public boolean waitsForCar() {
    return effect == Effect.WAITS_FOR_CAR || effect == Effect.WAKES_CAR;
  }
}
