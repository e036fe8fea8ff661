package io.bluelinkmqtt.api;

import java.time.Duration;

/**
 * What keeps a storm of refreshes from spending the account's quota and from stopping the bridge: the per-car
 * read window and the saved vehicle list.
 *
 * @param minReadInterval see {@link ReadWindow}; zero turns it off
 * @param savedVehicles where the last vehicle list is kept
 */
public record RefreshSafeguards(Duration minReadInterval, SavedVehicles savedVehicles) {

  /** No read window, no saved list (tests of other concerns). */
  public static final RefreshSafeguards NONE = new RefreshSafeguards(Duration.ZERO, SavedVehicles.NONE);
}
