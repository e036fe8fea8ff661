package io.bluelinkmqtt.codec;

import io.bluelinkmqtt.bus.Addresses;
import io.vertx.core.json.JsonObject;

/** Starts every bus body with its schema version. */
public final class Envelope {

  private Envelope() {
  }

  public static JsonObject versioned() {
    return new JsonObject().put("v", Addresses.SCHEMA_VERSION);
  }
}
