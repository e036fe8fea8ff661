package io.bluelinkmqtt.cluster;

import io.bluelinkmqtt.codec.DrainJson;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The drain reply for all accounts: the sum of the operations refused by the accounts that answered. An account that
 * did not answer adds nothing instead of failing the drain.
 */
final class DrainTotal {

  private DrainTotal() {
  }

  /** Merges the accounts' drain answers, all complete. */
  static JsonObject of(List<Future<JsonObject>> answers) {
    int refused = 0;
    for (Future<JsonObject> one : answers) {
      if (one.succeeded()) {
        refused += DrainJson.refusedFromJson(one.result());
      }
    }
    return DrainJson.reply(refused);
  }
}
