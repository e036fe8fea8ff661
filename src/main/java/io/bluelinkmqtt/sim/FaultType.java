package io.bluelinkmqtt.sim;

import java.util.EnumSet;
import java.util.Set;

/** The kinds of trouble the simulator can inject (reliability.md §4, protocol §8). */
public enum FaultType {
  /** Answer normally, but only after {@code millis}. */
  LATENCY,
  /** Accept the request and never answer. */
  HANG,
  /** Send 200 headers, then 1 byte every {@code millis}, never finishing. */
  DRIBBLE,
  /** Answer with {@code httpStatus} and {@code body} (empty when absent). */
  HTTP_STATUS,
  /** 200 with a JSON body cut off in the middle. */
  MALFORMED_JSON,
  /** 200 with a valid JSON envelope padded to {@code bytes}. */
  HUGE_BODY,
  /** The failure envelope {@code retCode F} with {@code resCode}, sent with {@code httpStatus}. */
  RES_CODE,
  /** {@code {"error":"Key not authorized: Token is expired"}} with {@code httpStatus} (200 or 401). */
  TOKEN_EXPIRED,
  /** HTTP 429 with a {@code Retry-After: seconds} header. */
  RETRY_AFTER,
  /** Send the headers and part of the body, then close the connection. */
  RESET_MID_BODY,
  /** The IDP's WAF "abusing request" block (authorize, signin, legacy token grant). */
  WAF_BLOCK,
  /** Signin succeeds but the account must accept new terms first. */
  CONSENT_REQUIRED,
  /** Signin / legacy token grant rejects the credentials as if they were wrong. */
  WRONG_CREDENTIALS;

  private static final Set<SimEndpoint> LOGIN_PAGES =
      EnumSet.of(SimEndpoint.AUTHORIZE, SimEndpoint.SIGNIN, SimEndpoint.LEGACY_TOKEN);

  /** Whether a fault of this type means anything for that endpoint; others leave it untouched. */
  public boolean appliesTo(SimEndpoint endpoint) {
    return switch (this) {
      case WAF_BLOCK -> LOGIN_PAGES.contains(endpoint);
      case CONSENT_REQUIRED -> endpoint == SimEndpoint.SIGNIN;
      case WRONG_CREDENTIALS -> endpoint == SimEndpoint.SIGNIN || endpoint == SimEndpoint.LEGACY_TOKEN;
      default -> true;
    };
  }

  /** Login faults change an endpoint's own answer; the rest replace or delay the whole response. */
  boolean isLoginBehaviour() {
    return this == WAF_BLOCK || this == CONSENT_REQUIRED || this == WRONG_CREDENTIALS;
  }
}
