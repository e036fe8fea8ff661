package io.bluelinkmqtt.codec;

import io.bluelinkmqtt.bus.Replies;
import io.vertx.core.json.JsonObject;

/** Request and reply bodies of {@code bluelink.api.drain}. */
public final class DrainJson {

  private DrainJson() {
  }

  public static JsonObject request() {
    return Envelope.versioned();
  }

  /** @param refused the waiting operations answered {@code shutdown} */
  public static JsonObject reply(int refused) {
    return Envelope.versioned().put("refused", refused);
  }

  public static int refusedFromJson(JsonObject json) {
    Replies.requireSchema(json);
    return json.getInteger("refused", 0);
  }
}
