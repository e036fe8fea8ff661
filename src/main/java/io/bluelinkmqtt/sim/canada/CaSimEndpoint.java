package io.bluelinkmqtt.sim.canada;

import java.util.Arrays;
import java.util.Optional;

/** Every path the Canadian simulator serves ({@code POST /tods/api/<path>}), the unit of call counting. */
public enum CaSimEndpoint {
  LOGIN("v2/login", false), MFA_SELECT("mfa/selverifmeth", false), MFA_SEND("mfa/sendotp", false),
  MFA_VALIDATE("mfa/validateotp", false), MFA_TOKEN("mfa/genmfatkn", false),
  VEHICLES("vhcllst", true), STATUS_CACHED("lstvhclsts", true), STATUS_FORCE("rltmvhclsts", true),
  NEXT_SERVICE("nxtsvc", true), CHARGE_LIMITS("evc/selsoc", true), VERIFY_PIN("vrfypin", true),
  FIND_CAR("fndmcr", true),
  LOCK("drlck", true), UNLOCK("drulck", true), CLIMATE_START_EV("evc/rfon", true),
  CLIMATE_STOP_EV("evc/rfoff", true), CLIMATE_START("rmtstrt", true), CLIMATE_STOP("rmtstp", true),
  CHARGE_START("evc/rcstrt", true), CHARGE_STOP("evc/rcstp", true), SET_CHARGE_LIMITS("evc/setsoc", true),
  HORN_LIGHTS("hornlight", true), ACTION_STATUS("rmtsts", true);

  private final String path;
  private final boolean authenticated;

  CaSimEndpoint(String path, boolean authenticated) {
    this.path = path;
    this.authenticated = authenticated;
  }

  public String path() {
    return path;
  }

  /** Needs the {@code accessToken} header and counts against the daily quota. */
  public boolean authenticated() {
    return authenticated;
  }

  /** The commands: they need {@code pAuth} and answer a {@code transactionId} ({@link #FIND_CAR} needs the pAuth too). */
  public boolean command() {
    return ordinal() >= LOCK.ordinal() && this != ACTION_STATUS;
  }

  static Optional<CaSimEndpoint> ofPath(String path) {
    return Arrays.stream(values()).filter(e -> e.path.equals(path)).findFirst();
  }
}
