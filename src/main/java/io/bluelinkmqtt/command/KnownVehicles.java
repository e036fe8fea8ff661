package io.bluelinkmqtt.command;

import io.bluelinkmqtt.publish.Topics;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The allow-list of vehicle ids commands may name: learnt from the API's vehicle list and from
 * status updates. Only ids that are valid topic levels ({@link Topics#isVehicleId}) get in, so an
 * id from the API can never widen what a topic may contain.
 */
public final class KnownVehicles {

  private final Set<String> ids = new LinkedHashSet<>();
  private final Set<String> view = Collections.unmodifiableSet(ids);
  private boolean listLoaded;

  /** Adds {@code id} when it is a valid topic level; returns whether it is known afterwards. */
  public boolean add(String id) {
    if (!Topics.isVehicleId(id)) {
      return false;
    }
    ids.add(id);
    return true;
  }

  /** The API's vehicle list arrived (even an empty one). */
  public void markListLoaded() {
    listLoaded = true;
  }

  public boolean listLoaded() {
    return listLoaded;
  }

  /** A read-only live view. */
  public Set<String> ids() {
    return view;
  }
}
