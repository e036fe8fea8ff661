package io.bluelinkmqtt.homeassistant;

import java.util.Set;

/**
 * What the owner's configuration lets Home Assistant offer: actions run only with a PIN, and only those named in
 * {@code actions.allowed}. Discovery shows an action's entity only when both say yes, so Home Assistant never
 * shows a control the bridge would refuse for its configuration.
 *
 * @param pinConfigured a PIN is set ({@code HYUNDAI_PIN}); without it every action is refused
 * @param allowed the names {@code actions.allowed} lists ({@code lock}, {@code unlock}, {@code climate}, ...)
 */
public record ActionAccess(boolean pinConfigured, Set<String> allowed) {

  /** No PIN: no action entities at all. */
  public static final ActionAccess NONE = new ActionAccess(false, Set.of());

  public ActionAccess {
    allowed = Set.copyOf(allowed);
  }

  /** Whether an action {@code actions.allowed} knows as {@code policyName} may run. */
  boolean allows(String policyName) {
    return pinConfigured && allowed.contains(policyName);
  }
}
