package io.bluelinkmqtt.api.type1;

import io.bluelinkmqtt.domain.Brand;
import io.bluelinkmqtt.domain.CommandName;
import io.bluelinkmqtt.domain.Region;
import io.bluelinkmqtt.domain.Vehicle.EngineType;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

/**
 * What one region and brand of the Type 1 family differs in (bluelink-protocol.md §1.3, §2.2–2.5, §6.1, §6.6).
 * Public protocol constants that identify the official app; not user secrets.
 *
 * @param ccapiBase the real CCAPI base URL; also what the OAuth {@code redirect_uri} is built from
 * @param stampKey the CFB key of the Stamp; null where the region sends none
 * @param stamp which calls carry a Stamp
 * @param zone zone of the legacy format's wall-clock times (§5.12)
 * @param temperatureTableStart first entry of the legacy hex set-point table (°C): 14.0, AU 17.0 (§5.2)
 * @param login the region's sign-in steps
 * @param fixedDeviceId Brazil's constant {@code ccsp-device-id} (no registration); null elsewhere
 * @param climate how the region starts and stops the climate
 * @param actions what the region's cloud implements; any other action is {@code unsupported} with no call
 * @param language the session language posted after authorize (China); null where none is posted
 */
public record Type1Profile(Region region, Brand brand, String ccapiBase, String serviceId, String clientSecret,
                           String appId, String stampKey, StampRule stamp, String pushType, ZoneId zone,
                           double temperatureTableStart, LoginSteps login, String fixedDeviceId,
                           ClimateRoute climate, Set<CommandName> actions, String language) {

  /** Which calls carry a Stamp header. */
  public enum StampRule {
    /** Every call, token refresh included (AU/NZ; lib PR #1241). */
    EVERY_CALL,
    /** Device registration and token calls only, not the vehicle calls (India). */
    LOGIN_ONLY,
    /** None at all (China, Brazil). */
    NONE
  }

  /** The sign-in variants. */
  public enum LoginSteps {
    /** authorize → signin (JSON) → code grant (AU, NZ, IN). */
    STANDARD,
    /** as standard plus the language POST, then an immediate refresh grant (China). */
    CHINA,
    /** cookie jar, {@code text/plain} sign-in, {@code step} answers (Brazil). */
    BRAZIL
  }

  /** How the climate is started and stopped. */
  public enum ClimateRoute {
    /** {@code v1/control/temperature} as Europe, with the region's hex table (AU/NZ). */
    TEMPERATURE,
    /** start {@code v1/control/engine} with the access token, stop {@code v2/control/engine} with the control token. */
    ENGINE,
    /** {@code v2/control/engine} with the control token for start and stop (Brazil). */
    BRAZIL_ENGINE
  }

  public Type1Profile {
    actions = Set.copyOf(actions);
  }

  /** Actions that need a plug: charging, its limits and current, the charge port door. */
  private static final Set<CommandName> PLUG_IN = EnumSet.of(CommandName.CHARGE, CommandName.CHARGE_LIMITS,
      CommandName.CHARGING_CURRENT, CommandName.CHARGE_PORT);
  /** Actions §6.1 gives only the CCS2 format ("—" for legacy cars); Brazil's own routes know no formats. */
  private static final Set<CommandName> CCS2_ONLY = EnumSet.of(CommandName.CHARGING_CURRENT, CommandName.HAZARD,
      CommandName.HORN_LIGHTS);

  /**
   * The actions a car gets: none that needs a plug without one (ICE, hybrid), and outside Brazil the CCS2-only ones
   * only on CCS2 cars.
   */
  public Set<CommandName> actionsFor(EngineType engine, boolean ccs2) {
    Set<CommandName> offered = actions.isEmpty() ? EnumSet.noneOf(CommandName.class) : EnumSet.copyOf(actions);
    if (engine == EngineType.ICE || engine == EngineType.HEV) {
      offered.removeAll(PLUG_IN);
    }
    if (!ccs2 && region != Region.BRAZIL) {
      offered.removeAll(CCS2_ONLY);
    }
    return Set.copyOf(offered);
  }

  /** The OAuth redirect URI: the real host, never an override (it names the app, it is not called). */
  public String redirectUri() {
    return ccapiBase + "/api/v1/user/oauth2/redirect";
  }

  /** The refresh grant's redirect URI where the region sends one (China, India: the postman callback). */
  public String refreshRedirectUri() {
    return login == LoginSteps.CHINA || region == Region.INDIA ? "https://www.getpostman.com/oauth2/callback" : null;
  }

  /** China reads the parked position from {@code …/location}; the others from {@code …/location/park} (§4.1). */
  public String parkLocationPath() {
    return region == Region.CHINA ? "/location" : "/location/park";
  }

  /** India reads the odometer from {@code …/setting/alert/maintenance}, not from the status (§5.8). */
  public boolean odometerFromMaintenance() {
    return region == Region.INDIA;
  }

  public boolean stampsLogin() {
    return stamp != StampRule.NONE;
  }

  public boolean stampsVehicleCalls() {
    return stamp == StampRule.EVERY_CALL;
  }
}
