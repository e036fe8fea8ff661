package io.bluelinkmqtt.stewardship;

import io.bluelinkmqtt.codec.Envelope;
import io.bluelinkmqtt.stewardship.ApiBudget.CloudObservation;
import io.bluelinkmqtt.stewardship.ApiBudget.PersistedBudget;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON of the budget: the {@code bluelink.api.budget-changed} event body and the {@code budget.json} file.
 * Owns the field names of both.
 */
public final class BudgetJson {

  private BudgetJson() {
  }

  /** {@code {v, used, limit, remaining, resetsAt?, exhausted}}; resetsAt is ISO-8601 UTC, absent when nothing is counted. */
  public static JsonObject toEvent(BudgetSnapshot snapshot) {
    JsonObject json = Envelope.versioned()
        .put("used", snapshot.used())
        .put("limit", snapshot.limit())
        .put("remaining", snapshot.remaining());
    if (snapshot.resetsAt() != null) {
      json.put("resetsAt", snapshot.resetsAt().toString());
    }
    return json.put("exhausted", snapshot.exhausted());
  }

  static JsonObject toFile(PersistedBudget state) {
    JsonObject json = Envelope.versioned().put("calls", new JsonArray(new ArrayList<>(state.callTimes())));
    if (state.exhaustedUntil() != null) {
      json.put("exhaustedUntil", state.exhaustedUntil().toString());
    }
    CloudObservation cloud = state.cloud();
    if (cloud != null) {
      JsonObject observed = new JsonObject().put("remaining", cloud.remaining())
          .put("resetAt", cloud.resetAt().toString()).put("callsSince", cloud.callsSince());
      if (cloud.limit() != null) {
        observed.put("limit", cloud.limit());
      }
      json.put("cloud", observed);
    }
    return json;
  }

  /** Reads {@code budget.json}; throws {@link IllegalArgumentException} on anything it cannot trust. */
  static PersistedBudget fromFile(JsonObject json) {
    try {
      if (json.getInteger("v", -1) != 1) {
        throw new IllegalArgumentException("unknown budget file version " + json.getValue("v"));
      }
      List<Long> calls = new ArrayList<>();
      for (Object value : json.getJsonArray("calls", new JsonArray())) {
        calls.add(((Number) value).longValue());
      }
      String until = json.getString("exhaustedUntil");
      JsonObject cloudJson = json.getJsonObject("cloud");
      CloudObservation cloud = cloudJson == null ? null : new CloudObservation(cloudJson.getLong("limit"),
          cloudJson.getLong("remaining"), Instant.parse(cloudJson.getString("resetAt")),
          cloudJson.getInteger("callsSince", 0));
      return new PersistedBudget(calls, until == null ? null : Instant.parse(until), cloud);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("unreadable budget file: " + e.getMessage(), e);
    }
  }
}
