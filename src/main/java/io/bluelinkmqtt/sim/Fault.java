package io.bluelinkmqtt.sim;

import java.util.Objects;

/**
 * One scripted fault: what goes wrong, where (one endpoint or all, one vehicle or any) and how often
 * (the next {@code times} matching calls, or until cleared when {@code times} is
 * {@link #UNTIL_CLEARED}). Build with the static factories, then narrow with {@link #on},
 * {@link #forVehicle} and {@link #times}:
 * {@code sim.faults().add(Fault.hang().on(SimEndpoint.STATUS_LATEST).times(1))}.
 *
 * @param type the kind of fault
 * @param endpoint the endpoint it applies to, null for every endpoint
 * @param vehicleId the vehicle it applies to, null for any (and for account-level calls)
 * @param times how many matching calls it affects; {@link #UNTIL_CLEARED} for all of them
 * @param millis delay for LATENCY, byte interval for DRIBBLE
 * @param httpStatus status for HTTP_STATUS, RES_CODE, TOKEN_EXPIRED
 * @param resCode envelope code for RES_CODE
 * @param body body for HTTP_STATUS (may be null)
 * @param amount bytes for HUGE_BODY, seconds for RETRY_AFTER
 */
public record Fault(FaultType type, SimEndpoint endpoint, String vehicleId, int times, long millis,
                    int httpStatus, String resCode, String body, long amount) {

  public static final int UNTIL_CLEARED = -1;

  public Fault {
    Objects.requireNonNull(type, "type");
    if (times == 0 || times < UNTIL_CLEARED) {
      throw new IllegalArgumentException("times must be positive or UNTIL_CLEARED");
    }
  }

  private static Fault of(FaultType type) {
    return new Fault(type, null, null, UNTIL_CLEARED, 0, 0, null, null, 0);
  }

  public static Fault latency(long millis) {
    return of(FaultType.LATENCY).withMillis(millis);
  }

  public static Fault hang() {
    return of(FaultType.HANG);
  }

  public static Fault dribble(long millisPerByte) {
    return of(FaultType.DRIBBLE).withMillis(millisPerByte);
  }

  public static Fault httpStatus(int status) {
    return httpStatus(status, null);
  }

  public static Fault httpStatus(int status, String responseBody) {
    return new Fault(FaultType.HTTP_STATUS, null, null, UNTIL_CLEARED, 0, status, null, responseBody, 0);
  }

  public static Fault malformedJson() {
    return of(FaultType.MALFORMED_JSON);
  }

  public static Fault hugeBody(long bytes) {
    return new Fault(FaultType.HUGE_BODY, null, null, UNTIL_CLEARED, 0, 200, null, null, bytes);
  }

  /** e.g. 5091/509, 4004/200, 5031/503, 9999/200, 4002/200, 7501/200. */
  public static Fault resCode(String code, int status) {
    return new Fault(FaultType.RES_CODE, null, null, UNTIL_CLEARED, 0, status, code, null, 0);
  }

  public static Fault tokenExpired(int status) {
    return new Fault(FaultType.TOKEN_EXPIRED, null, null, UNTIL_CLEARED, 0, status, null, null, 0);
  }

  public static Fault retryAfter(long seconds) {
    return new Fault(FaultType.RETRY_AFTER, null, null, UNTIL_CLEARED, 0, 429, null, null, seconds);
  }

  public static Fault resetMidBody() {
    return of(FaultType.RESET_MID_BODY);
  }

  public static Fault wafBlock() {
    return of(FaultType.WAF_BLOCK);
  }

  public static Fault consentRequired() {
    return of(FaultType.CONSENT_REQUIRED);
  }

  public static Fault wrongCredentials() {
    return of(FaultType.WRONG_CREDENTIALS);
  }

  /** Limits the fault to one endpoint. */
  public Fault on(SimEndpoint target) {
    return new Fault(type, target, vehicleId, times, millis, httpStatus, resCode, body, amount);
  }

  /** Limits the fault to calls for one vehicle id. */
  public Fault forVehicle(String target) {
    return new Fault(type, endpoint, target, times, millis, httpStatus, resCode, body, amount);
  }

  /** Limits the fault to the next {@code count} matching calls. */
  public Fault times(int count) {
    return new Fault(type, endpoint, vehicleId, count, millis, httpStatus, resCode, body, amount);
  }

  private Fault withMillis(long value) {
    return new Fault(type, endpoint, vehicleId, times, value, httpStatus, resCode, body, amount);
  }

  boolean matches(SimEndpoint calledEndpoint, String calledVehicleId) {
    return type.appliesTo(calledEndpoint)
        && (endpoint == null || endpoint == calledEndpoint)
        && (vehicleId == null || vehicleId.equals(calledVehicleId));
  }
}
