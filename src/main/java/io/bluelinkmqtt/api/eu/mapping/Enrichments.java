package io.bluelinkmqtt.api.eu.mapping;

import static io.bluelinkmqtt.api.eu.mapping.JsonValues.at;
import static io.bluelinkmqtt.api.eu.mapping.JsonValues.object;
import static io.bluelinkmqtt.api.eu.mapping.JsonValues.text;

import io.bluelinkmqtt.domain.VehicleData;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Adds what separate EU calls return to a status snapshot: park / forced GPS location and the 30-day consumption.
 * Each returns the same {@code data} instance when the response holds nothing usable.
 */
final class Enrichments {

  private static final int CURRENT_PERIOD = 0;
  /** Far above any car's consumption; a larger quotient means a corrupt distance. */
  private static final double MAX_WH_PER_KM = 1_000;

  private Enrichments() {
  }

  /** {@code /location/park}: {@code {coord{lat,lon}, time}}, time as wall clock of the region. */
  static VehicleData parkLocation(VehicleData data, JsonObject parkResMsg, ZoneId zone) {
    return withLocation(data, object(parkResMsg, "coord"), CarTime.parse(text(at(parkResMsg, "time")), zone));
  }

  /** Forced {@code /location}: {@code gpsDetail{coord, time}} or flat {@code coord/time}; time is UTC. */
  static VehicleData gpsDetail(VehicleData data, JsonObject locationResMsg) {
    JsonObject detail = object(locationResMsg, "gpsDetail");
    JsonObject source = detail != null ? detail : locationResMsg;
    return withLocation(data, object(source, "coord"), CarTime.parse(text(at(source, "time")), ZoneOffset.UTC));
  }

  /** {@code drvhistory}: the {@code drivingPeriod == 0} item, {@code totalPwrCsp / calculativeOdo} Wh per km. */
  static VehicleData drivingHistory(VehicleData data, JsonObject drvhistoryResMsg) {
    Double consumption = thirtyDayConsumption(JsonValues.array(drvhistoryResMsg, "drivingInfo"));
    if (consumption == null) {
      return data;
    }
    VehicleData.Ev ev = data.ev() == null ? new VehicleData.Ev(null, null, null, null, null, null) : data.ev();
    return copy(data, data.location(), new VehicleData.Ev(ev.range(), ev.minutesToFull(), ev.minutesToTarget(),
        ev.chargeLimitAc(), ev.chargeLimitDc(), consumption));
  }

  private static Double thirtyDayConsumption(JsonArray drivingInfo) {
    for (int i = 0; drivingInfo != null && i < drivingInfo.size(); i++) {
      JsonObject period = JsonValues.objectAt(drivingInfo, i);
      Integer periodCode = JsonValues.wholeIn(at(period, "drivingPeriod"), Integer.MIN_VALUE, Integer.MAX_VALUE);
      if (periodCode != null && periodCode == CURRENT_PERIOD) {
        Double energyWh = JsonValues.numberIn(at(period, "totalPwrCsp"), 0, Double.MAX_VALUE);
        Double distanceKm = JsonValues.numberIn(at(period, "calculativeOdo"), 0, Double.MAX_VALUE);
        if (energyWh == null || distanceKm == null || distanceKm == 0) {
          return null;
        }
        double whPerKm = energyWh / distanceKm;
        return whPerKm <= MAX_WH_PER_KM ? whPerKm : null;
      }
    }
    return null;
  }

  private static VehicleData withLocation(VehicleData data, JsonObject coord, Instant time) {
    VehicleData.Location location = Readings.location(at(coord, "lat"), at(coord, "lon"), time);
    return location == null ? data : copy(data, location, data.ev());
  }

  private static VehicleData copy(VehicleData data, VehicleData.Location location, VehicleData.Ev ev) {
    return data.withLocationAndEv(location, ev);
  }
}
