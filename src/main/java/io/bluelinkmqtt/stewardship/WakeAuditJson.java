package io.bluelinkmqtt.stewardship;

import io.bluelinkmqtt.codec.Envelope;
import io.bluelinkmqtt.stewardship.WakeAudit.Entry;
import io.bluelinkmqtt.stewardship.WakeAudit.PersistedAudit;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * JSON of the wake audit: the {@code bluelink.vehicle.wake-audit-changed} event body and the
 * {@code wake-audit.json} file. Owns the field names of both.
 */
public final class WakeAuditJson {

  private WakeAuditJson() {
  }

  /**
   * {@code {v, vehicleId, today, total, last?, lastCause?}}; last is ISO-8601 UTC, absent when never woken; lastCause
   * the remote action that woke the car last, absent for a forced refresh or when not known.
   */
  public static JsonObject toEvent(WakeRecord record) {
    JsonObject json = Envelope.versioned()
        .put("vehicleId", record.vehicleId())
        .put("today", record.today())
        .put("total", record.total());
    if (record.last() != null) {
      json.put("last", record.last().toString());
    }
    if (record.lastCause() != null) {
      json.put("lastCause", record.lastCause());
    }
    return json;
  }

  static JsonObject toFile(PersistedAudit state) {
    JsonObject vehicles = new JsonObject();
    state.entries().forEach((id, entry) -> vehicles.put(id, new JsonObject()
        .put("day", entry.day().toString())
        .put("today", entry.today())
        .put("total", entry.total())
        .put("last", entry.last().toString())));
    JsonObject json = Envelope.versioned().put("vehicles", vehicles);
    if (state.assumedWake() != null) {
      json.put("assumedWake", state.assumedWake().toString());
    }
    return json;
  }

  /** Reads {@code wake-audit.json}; throws {@link IllegalArgumentException} on anything it cannot trust. */
  static PersistedAudit fromFile(JsonObject json) {
    try {
      if (json.getInteger("v", -1) != 1) {
        throw new IllegalArgumentException("unknown wake audit file version " + json.getValue("v"));
      }
      Map<String, Entry> entries = new HashMap<>();
      JsonObject vehicles = json.getJsonObject("vehicles", new JsonObject());
      for (String id : vehicles.fieldNames()) {
        JsonObject entry = vehicles.getJsonObject(id);
        entries.put(id, new Entry(LocalDate.parse(entry.getString("day")), entry.getInteger("today"),
            entry.getLong("total"), Instant.parse(entry.getString("last"))));
      }
      String assumed = json.getString("assumedWake");
      return new PersistedAudit(entries, assumed == null ? null : Instant.parse(assumed));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("unreadable wake audit file: " + e.getMessage(), e);
    }
  }
}
